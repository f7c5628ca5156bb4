import { describe, expect, it } from "vitest";

import type { ColumnMapping } from "../../api/bindings/ColumnMapping";
import i18n from "../../i18n";
import en from "../../i18n/en.json";
import { errorText, IMPORT_ERROR_CODES } from "../../i18n/errors";
import zhCN from "../../i18n/zh-CN.json";
import { applyTemplate, namesSomeone, relabel, retarget } from "./mapping";
import { rowErrorText, rowWarningText } from "./rowErrors";

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

describe("import error codes", () => {
  it.each(IMPORT_ERROR_CODES)("translates %s in both languages", (code) => {
    expect(en.import.errors).toHaveProperty(code);
    expect(zhCN.import.errors).toHaveProperty(code);
  });

  it("a row error names the row and the column in the UI's words", () => {
    const t = i18n.getFixedT("en");
    const e = { row: 3, column: "生日", field: "birthday", value: "1990-02-30", code: "date_impossible", message: "x" };
    const text = rowErrorText(t, e);
    expect(text).toBe("Row 3, column 生日: This date does not exist");
    expect(rowWarningText(t, e)).toBe(
      "Row 3, column 生日: “1990-02-30” could not be read (This date does not exist); the row is imported without it",
    );
    expect(rowWarningText(i18n.getFixedT("zh-CN"), e)).toContain("第 3 行，“生日”列：无法识别“1990-02-30”");
    expect(errorText(t, { code: "import_cancelled", message: "m", field: null })).toBe("Import cancelled; nothing was changed");
  });
});
