import { describe, expect, it } from "vitest";

import { dateShape, formatDateText, isDateValue, parseDateText } from "./dateText";
import { addDays } from "./day";

describe("dates typed in the UI's language", () => {
  it("takes the order and separator from the language", () => {
    expect(dateShape("en")).toEqual({ order: ["month", "day", "year"], separator: "/" });
    expect(dateShape("zh-CN")).toEqual({ order: ["year", "month", "day"], separator: "/" });
  });

  it("reads English month/day/year, Chinese year/month/day and 年月日, and ISO in both", () => {
    expect(parseDateText("date", "12/25/2026", "en")).toBe("2026-12-25");
    expect(parseDateText("date", "1-5-2027", "en")).toBe("2027-01-05");
    expect(parseDateText("date", "2026-12-25", "en")).toBe("2026-12-25");
    expect(parseDateText("date", "2026/12/25", "zh-CN")).toBe("2026-12-25");
    expect(parseDateText("date", "2026年12月25日", "zh-CN")).toBe("2026-12-25");
    expect(parseDateText("date", "2026.1.5", "zh-CN")).toBe("2026-01-05");
  });

  it("refuses impossible and half-typed dates, and reads an empty box as not set", () => {
    expect(parseDateText("date", "2/29/2026", "en")).toBeNull();
    expect(parseDateText("date", "2/29/2028", "en")).toBe("2028-02-29");
    expect(parseDateText("date", "13/01/2026", "en")).toBeNull();
    expect(parseDateText("date", "12/25", "en")).toBeNull();
    expect(parseDateText("date", "12/25/26", "en")).toBeNull();
    expect(parseDateText("date", "soon", "en")).toBeNull();
    expect(parseDateText("date", "  ", "en")).toBe("");
  });

  it("reads a date and time, 24-hour or with am/pm (上午/下午 in Chinese)", () => {
    expect(parseDateText("datetime-local", "12/25/2026 09:30", "en")).toBe("2026-12-25T09:30");
    expect(parseDateText("datetime-local", "12/25/2026, 9:30 pm", "en")).toBe("2026-12-25T21:30");
    expect(parseDateText("datetime-local", "2026-12-25T09:30", "zh-CN")).toBe("2026-12-25T09:30");
    expect(parseDateText("datetime-local", "2026/12/25 下午3:15", "zh-CN")).toBe("2026-12-25T15:15");
    expect(parseDateText("datetime-local", "2026/12/25 25:00", "zh-CN")).toBeNull();
    expect(parseDateText("time", "12:05 am", "en")).toBe("00:05");
    expect(parseDateText("time", "13:05 pm", "en")).toBeNull();
  });

  it("shows ISO values in the language's shape", () => {
    expect(formatDateText("date", "2026-01-05", "en")).toBe("01/05/2026");
    expect(formatDateText("date", "2026-01-05", "zh-CN")).toBe("2026/01/05");
    expect(formatDateText("datetime-local", "2026-01-05T07:08", "en")).toBe("01/05/2026 07:08");
    expect(formatDateText("time", "07:08", "zh-CN")).toBe("07:08");
    expect(formatDateText("date", "", "en")).toBe("");
  });

  it("a shown value reads back as the same value in both languages", () => {
    for (const locale of ["en", "zh-CN"]) {
      for (const v of ["2026-02-28", "2028-02-29", "1999-12-31"]) expect(parseDateText("date", formatDateText("date", v, locale), locale)).toBe(v);
      expect(parseDateText("datetime-local", formatDateText("datetime-local", "2026-06-01T23:59", locale), locale)).toBe("2026-06-01T23:59");
    }
  });

  it("tells a form which values it may send", () => {
    expect(isDateValue("date", "")).toBe(true);
    expect(isDateValue("date", "2026-12-25")).toBe(true);
    expect(isDateValue("date", "12/25/2026")).toBe(false);
    expect(isDateValue("date", "2026-02-30")).toBe(false);
    expect(isDateValue("datetime-local", "2026-12-25T09:30")).toBe(true);
    expect(isDateValue("time", "9:30")).toBe(false);
  });

  it("the arrow keys' step (lib/day's addDays) crosses month, year and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });
});
