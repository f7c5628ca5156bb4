import { describe, expect, it } from "vitest";

import { formatDecimal, formatMoney } from "./money";

describe("money formatting keeps the core's digits", () => {
  it("groups and decorates without going through a float", () => {
    expect(formatMoney("19.99", "CNY", "zh-CN")).toBe("¥19.99");
    expect(formatMoney("1234567.50", "USD", "en")).toBe("$1,234,567.50");
    // 2^53 + 1 cannot be a JS number; the string keeps it.
    expect(formatDecimal("9007199254740993.01", "en")).toBe("9,007,199,254,740,993.01");
    expect(formatMoney("-5.125", "EUR", "en")).toBe("-€5.125");
  });

  it("shows text that is not a decimal as it came", () => {
    expect(formatMoney("n/a", "CNY", "en")).toBe("n/a CNY");
  });
});
