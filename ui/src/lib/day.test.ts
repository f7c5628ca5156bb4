import { describe, expect, it } from "vitest";

import { addDays, daysBetween, lunarCellLabel, lunarOf, lunarShort } from "./day";

describe("lunar days from the platform's Chinese calendar", () => {
  it.each([
    ["2025-01-29", "正月初一"],
    ["2023-03-22", "闰二月初一"],
    ["2033-12-22", "闰冬月初一"],
    ["2024-09-17", "八月十五"],
    ["2026-02-16", "腊月廿九"],
  ])("%s is %s", (date, name) => {
    expect(lunarShort(lunarOf(date)!)).toBe(name);
  });

  it("prints the month's name on 初一 and the day otherwise, like a wall calendar", () => {
    expect(lunarCellLabel(lunarOf("2026-10-10")!)).toBe("九月");
    expect(lunarCellLabel(lunarOf("2026-10-24")!)).toBe("十五");
  });

  it("counts days across months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2026-11-23", "2026-12-01")).toBe(8);
  });
});
