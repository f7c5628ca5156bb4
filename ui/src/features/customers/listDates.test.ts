import { describe, expect, it } from "vitest";

import { followUpUrgency, formatListDay, localDayOf } from "./listDates";

describe("list date cells", () => {
  it("leave the year out this year and show it for another year, in each language's format", () => {
    expect(formatListDay("2026-11-20", "en", "2026-12-06")).toBe("Nov 20");
    expect(formatListDay("2025-03-01", "en", "2026-12-06")).toBe("Mar 1, 2025");
    expect(formatListDay("2026-11-20", "zh-CN", "2026-12-06")).toBe("11月20日");
    expect(formatListDay("2025-03-01", "zh-CN", "2026-12-06")).toBe("2025/03/01");
    expect(formatListDay("2024-12-12", "zh-CN", "2026-12-06")).toBe("2024/12/12");
  });

  it("say whether a follow-up is overdue, due today or later", () => {
    expect(followUpUrgency("2026-12-05", "2026-12-06")).toBe("overdue");
    expect(followUpUrgency("2026-12-06", "2026-12-06")).toBe("today");
    expect(followUpUrgency("2026-12-07", "2026-12-06")).toBe("later");
  });

  it("read a last contact instant as the local calendar day, not the UTC one", () => {
    expect(localDayOf(new Date(2026, 5, 15, 0, 30).toISOString())).toBe("2026-06-15");
    expect(localDayOf(new Date(2026, 5, 15, 23, 30).toISOString())).toBe("2026-06-15");
  });
});
