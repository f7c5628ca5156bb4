import { describe, expect, it } from "vitest";

import { formatDateSpec } from "./dates";
import { formatLunar, lunarDayName, lunarMonthName } from "./lunar";

describe("lunar month names", () => {
  it.each([
    [1, false, "正月"],
    [2, true, "闰二月"],
    [10, false, "十月"],
    [11, false, "冬月"],
    [12, false, "腊月"],
    [6, true, "闰六月"],
  ])("month %i leap=%s → %s", (month, leap, expected) => {
    expect(lunarMonthName(month, leap)).toBe(expected);
  });
});

describe("lunar day names", () => {
  it.each([
    [1, "初一"],
    [5, "初五"],
    [10, "初十"],
    [11, "十一"],
    [15, "十五"],
    [19, "十九"],
    [20, "二十"],
    [21, "廿一"],
    [29, "廿九"],
    [30, "三十"],
  ])("day %i → %s", (day, expected) => {
    expect(lunarDayName(day)).toBe(expected);
  });

  it("names all thirty days uniquely", () => {
    const names = Array.from({ length: 30 }, (_, i) => lunarDayName(i + 1));
    expect(new Set(names).size).toBe(30);
  });
});

describe("formatLunar", () => {
  it("writes a year-less leap-month date the Chinese way", () => {
    expect(formatLunar({ year: null, month: 2, leap: true, day: 15 }, "zh-CN")).toBe("农历 闰二月十五");
  });

  it("puts the year first when known", () => {
    expect(formatLunar({ year: 1984, month: 10, leap: false, day: 5 }, "zh-CN")).toBe("农历 1984年十月初五");
  });

  it("uses 冬月 and 腊月 for the last two months", () => {
    expect(formatLunar({ year: null, month: 12, leap: false, day: 30 }, "zh-CN")).toBe("农历 腊月三十");
    expect(formatLunar({ year: null, month: 11, leap: false, day: 21 }, "zh-CN")).toBe("农历 冬月廿一");
  });

  it("writes month/day with a leap note in English", () => {
    expect(formatLunar({ year: null, month: 2, leap: true, day: 15 }, "en")).toBe("Lunar 2/15 (leap)");
    expect(formatLunar({ year: 1984, month: 10, leap: false, day: 5 }, "en")).toBe("Lunar 10/5/1984");
  });
});

describe("formatDateSpec", () => {
  it("formats Gregorian dates with Intl in the chosen locale", () => {
    const date = { calendar: "gregorian" as const, year: 1990, month: 3, day: 8 };
    expect(formatDateSpec(date, "zh-CN")).toBe("1990年3月8日");
    expect(formatDateSpec(date, "en")).toBe("March 8, 1990");
  });

  it("leaves the year out when it is unknown, and keeps Feb 29", () => {
    const date = { calendar: "gregorian" as const, year: null, month: 2, day: 29 };
    expect(formatDateSpec(date, "zh-CN")).toBe("2月29日");
    expect(formatDateSpec(date, "en")).toBe("February 29");
  });

  it("sends lunar dates to the lunar formatter", () => {
    expect(formatDateSpec({ calendar: "lunar", year: null, month: 1, leap: false, day: 1 }, "zh-CN")).toBe("农历 正月初一");
  });
});
