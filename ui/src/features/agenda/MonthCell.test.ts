import { describe, expect, it } from "vitest";

import { chipsShown, MAX_CHIPS } from "./MonthCell";

describe("month cell: chips that fit", () => {
  it("shows every chip when they all fit", () => {
    expect(chipsShown(2, 4)).toBe(2);
    expect(chipsShown(3, 3)).toBe(3);
  });

  it("keeps a line for +N when some do not fit, and never more than MAX_CHIPS", () => {
    expect(chipsShown(5, 3)).toBe(2); // two chips and "+3"
    expect(chipsShown(9, 10)).toBe(MAX_CHIPS);
    expect(chipsShown(2, 1)).toBe(0); // a very short cell: only "+2"
    expect(chipsShown(1, 0)).toBe(0);
  });
});
