import { describe, expect, it } from "vitest";

import en from "./en.json";
import zhCN from "./zh-CN.json";
import i18n, { LOCALE_STORAGE_KEY, detectLocale, initialLocale } from ".";
import { ERROR_CODES, RECORD_ERROR_CODES, errorText } from "./errors";
import { ApiError } from "../api";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function leaves(tree: Tree): [string, string][] {
  return keys(tree).map((k) => [k, k.split(".").reduce<string | Tree>((t, part) => (t as Tree)[part]!, tree) as string]);
}

describe("locale files", () => {
  it("zh-CN.json and en.json have exactly the same keys", () => {
    const zh = new Set(keys(zhCN));
    const english = new Set(keys(en));
    expect([...english].filter((k) => !zh.has(k)), "keys missing in zh-CN.json").toEqual([]);
    expect([...zh].filter((k) => !english.has(k)), "keys missing in en.json").toEqual([]);
  });

  it("uses the same {{placeholders}} in both languages", () => {
    const vars = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const zh = new Map(leaves(zhCN));
    for (const [key, english] of leaves(en)) expect(vars(zh.get(key) ?? ""), key).toEqual(vars(english));
  });

  it("has no empty translations", () => {
    for (const [key, value] of [...leaves(zhCN), ...leaves(en)]) expect(value.trim(), key).not.toBe("");
  });

  it.each(ERROR_CODES)("translates the error code %s in both languages", (code) => {
    expect(keys(zhCN)).toContain(`errors.${code}`);
    expect(keys(en)).toContain(`errors.${code}`);
  });

  it.each(RECORD_ERROR_CODES)("translates the record error code %s in both languages", (code) => {
    expect(keys(zhCN)).toContain(`recordErrors.${code}`);
    expect(keys(en)).toContain(`recordErrors.${code}`);
  });

  it("covers every code the core may send", () => {
    const required = [
      "name_empty",
      "name_too_long",
      "text_too_long",
      "email_invalid",
      "phone_invalid",
      "date_impossible",
      "date_format",
      "lunar_date_impossible",
      "label_empty",
      "company_invalid",
      "kind_has_members",
      "not_found",
      "conflict",
      "storage",
      "migration",
      "io",
      "corrupt",
    ];
    expect(ERROR_CODES).toEqual(expect.arrayContaining(required));
  });
});

describe("error messages", () => {
  it("shows the translation of a known code", async () => {
    await i18n.changeLanguage("zh-CN");
    const error = new ApiError({ code: "email_invalid", message: "bad", field: "emails[0]" });
    expect(errorText(i18n.t, error)).toBe("邮箱地址格式不正确");
  });

  it("shows a generic message with the English detail for an unknown code", async () => {
    await i18n.changeLanguage("zh-CN");
    const error = new ApiError({ code: "quota_exceeded", message: "disk quota exceeded", field: null });
    expect(errorText(i18n.t, error)).toBe("出现未知错误：disk quota exceeded");
  });
});

describe("locale detection", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hans-SG", "zh-CN"],
    ["zh", "zh-CN"],
    ["ZH-hk", "zh-CN"],
    ["en-US", "en"],
    ["de-DE", "en"],
    ["ja", "en"],
    ["", "en"],
    [undefined, "en"],
  ])("navigator.language %s → %s", (language, expected) => {
    expect(detectLocale(language)).toBe(expected);
  });

  it("follows navigator.language when the user picked nothing", () => {
    const spy = vi.spyOn(window.navigator, "language", "get").mockReturnValue("zh-CN");
    expect(initialLocale()).toBe("zh-CN");
    spy.mockReturnValue("fr-FR");
    expect(initialLocale()).toBe("en");
    spy.mockRestore();
  });

  it("prefers the language the user picked (localStorage) over the system's", () => {
    const spy = vi.spyOn(window.navigator, "language", "get").mockReturnValue("zh-CN");
    window.localStorage.setItem(LOCALE_STORAGE_KEY, "en");
    expect(initialLocale()).toBe("en");
    window.localStorage.setItem(LOCALE_STORAGE_KEY, "klingon");
    expect(initialLocale()).toBe("zh-CN");
    spy.mockRestore();
  });
});
