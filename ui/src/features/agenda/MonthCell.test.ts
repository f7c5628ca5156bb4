import { describe, expect, it } from "vitest";

import { chipsShown, MAX_CHIPS } from "./MonthCell";

describe("month cell: chips that fit", () => {
  it("shows every chip when they all fit", () => {
    expect(chipsShown(2, 4)).toBe(2);
    expect(chipsShown(3, 3)).toBe(3);
  });

  it("shows only whole lines of chips (the +N sits by the day number), never more than MAX_CHIPS", () => {
    expect(chipsShown(8, 1)).toBe(1); // 1024x700: one chip and "+7"
    expect(chipsShown(9, 10)).toBe(MAX_CHIPS);
    expect(chipsShown(2, 0)).toBe(0); // a very short cell: only "+2"
  });
});
