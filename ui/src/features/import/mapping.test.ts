import { describe, expect, it } from "vitest";

import type { ColumnMapping } from "../../api/bindings/ColumnMapping";
import { applyTemplate, namesSomeone, relabel, retarget } from "./mapping";

const guess: ColumnMapping[] = [
  { header: "姓名", target: "name", label: "" },
  { header: "手机", target: "phone", label: "mobile" },
  { header: "备用", target: "ignore", label: "" },
];

describe("import mapping helpers", () => {
  it("retargeting away from a phone drops its label, and only that column changes", () => {
    const m = retarget(guess, 1, "notes");
    expect(m[1]).toEqual({ header: "手机", target: "notes", label: "" });
    expect(m[0]).toBe(guess[0]);
    expect(relabel(guess, 1, "work")[1]!.label).toBe("work");
  });

  it("a template sets the columns it names and leaves the rest as guessed", () => {
    const m = applyTemplate(guess, {
      name: "CRM",
      columns: [
        { header: "备用", target: "phone", label: "home" },
        { header: "not in this file", target: "email", label: "" },
      ],
    });
    expect(m.map((c) => c.target)).toEqual(["name", "phone", "phone"]);
    expect(m[2]!.label).toBe("home");
  });

  it("a mapping must give customers a name", () => {
    expect(namesSomeone(guess)).toBe(true);
    expect(namesSomeone(retarget(guess, 0, "ignore"))).toBe(false);
  });
});
