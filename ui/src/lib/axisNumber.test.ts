import { describe, expect, it } from "vitest";

import { axisNumber } from "./axisNumber";

describe("axis numbers", () => {
  it("use 万 and 亿 in Chinese", () => {
    expect(axisNumber(18_000_000, "zh-CN")).toBe("1,800万");
    expect(axisNumber(250_000_000, "zh-CN")).toBe("2.5亿");
    expect(axisNumber(45_000, "zh-CN")).toBe("4.5万");
    expect(axisNumber(9_999, "zh-CN")).toBe("9,999");
    expect(axisNumber(0, "zh-CN")).toBe("0");
  });

  it("use thousands separators in English, never a bare 18000000", () => {
    expect(axisNumber(18_000_000, "en")).toBe("18,000,000");
    expect(axisNumber(1_234.5, "en")).toBe("1,234.5");
  });
});
