import { describe, expect, it } from "vitest";

import { makeOccurrence } from "../../dev/fakeBackend";
import { DEFAULT_TEMPLATES, fillTemplate, greetingFor, honorificOf, occasionName, surnameOf, templateKindOf } from "./greetings";

const birthday = makeOccurrence({
  kind: "lunar_birthday",
  date: "2026-11-26",
  customer_id: "c1",
  customer_name: "王芳",
  years: 40,
  title: "Lunar birthday (十月十八): 王芳 (turns 40)",
  title_zh: "王芳 40 岁农历生日（十月十八）",
});
const midAutumn = makeOccurrence({ kind: "festival", date: "2026-09-25", tag: "mid_autumn", title: "Mid-Autumn Festival", title_zh: "中秋节" });

describe("greeting templates", () => {
  it("fills every placeholder in Chinese", () => {
    expect(
      fillTemplate("尊敬的{name}{honorific}：{company}全体同仁祝您{age}岁生日快乐，{festival}愉快！", {
        name: "王芳",
        honorific: "女士",
        company: "华信科技",
        age: 40,
        festival: "中秋节",
      }),
    ).toBe("尊敬的王芳女士：华信科技全体同仁祝您40岁生日快乐，中秋节愉快！");
  });

  it("fills every placeholder in English", () => {
    expect(
      fillTemplate("Dear {honorific} {name} of {company}: happy {age}th birthday and a happy {festival}!", {
        name: "Emily Carter",
        honorific: "Ms.",
        company: "Northwind",
        age: 40,
        festival: "Mid-Autumn Festival",
      }),
    ).toBe("Dear Ms. Emily Carter of Northwind: happy 40th birthday and a happy Mid-Autumn Festival!");
  });

  it("leaves out a [ ] segment whose placeholders are all empty, and keeps literal brackets", () => {
    expect(fillTemplate("[Dear[ {honorific}] {name}, ]Happy {festival}!", { name: "", festival: "Qixi" })).toBe("Happy Qixi!");
    expect(fillTemplate("[Dear[ {honorific}] {name}, ]Happy {festival}!", { name: "Li Na", festival: "Qixi" })).toBe(
      "Dear Li Na, Happy Qixi!",
    );
    expect(fillTemplate("[{name}{honorific}，]您好！[见 {company}]", { name: "李娜", honorific: "" })).toBe("李娜，您好！");
    expect(fillTemplate("Note [urgent]: {name}", { name: "Li" })).toBe("Note [urgent]: Li");
    expect(fillTemplate("{unknown} stays", {})).toBe("{unknown} stays");
  });

  it("says 先生/女士 and Mr./Ms. from the gender, nothing when unknown", () => {
    expect(honorificOf("male", "zh-CN")).toBe("先生");
    expect(honorificOf("female", "zh-CN")).toBe("女士");
    expect(honorificOf("female", "en")).toBe("Ms.");
    expect(honorificOf("male", "en")).toBe("Mr.");
    expect(honorificOf(null, "en")).toBe("");
    expect(honorificOf("other", "zh-CN")).toBe("");
  });

  it("personalizes the default birthday greeting in both languages", () => {
    const customer = { name: "王芳", gender: "female" as const, company_name: "华信科技有限公司" };
    expect(greetingFor(birthday, customer, "zh-CN", {})).toBe(
      "王芳女士，您好！祝您40岁生日快乐，身体健康，万事顺意！感谢您一直以来的信任与支持。",
    );
    expect(greetingFor(birthday, customer, "en", {})).toBe(
      "Dear Ms. 王芳, happy birthday and congratulations on turning 40! Wishing you health and every success in the year ahead.",
    );
    // No birth year: no age, and the sentence still reads well.
    expect(greetingFor({ ...birthday, years: null }, { ...customer, gender: null }, "zh-CN", {})).toBe(
      "王芳，您好！祝您生日快乐，身体健康，万事顺意！感谢您一直以来的信任与支持。",
    );
  });

  it("names the festival, and leaves out the name for a greeting to everyone", () => {
    expect(greetingFor(midAutumn, null, "zh-CN", {})).toBe("您好！中秋节将至，祝您和家人节日快乐，阖家幸福！");
    expect(greetingFor(midAutumn, null, "en", {})).toBe("Happy Mid-Autumn Festival! Wishing you and your family joy and good health.");
    const customer = { name: "Emily Carter", gender: "female" as const, company_name: "Northwind Traders" };
    expect(greetingFor(midAutumn, customer, "en", {})).toBe(
      "Dear Ms. Emily Carter, Happy Mid-Autumn Festival! Wishing you and your family joy and good health. Best wishes to everyone at Northwind Traders.",
    );
  });

  it("offers the surname for the usual 张先生 / Ms. Carter", () => {
    expect(surnameOf("张伟")).toBe("张");
    expect(surnameOf("欧阳娜娜")).toBe("欧阳");
    expect(surnameOf("Emily Carter")).toBe("Carter");
    const customer = { name: "Emily Carter", gender: "female" as const, company_name: null };
    expect(greetingFor(birthday, customer, "en", { "birthday.en": "Dear {honorific} {surname}," })).toBe("Dear Ms. Carter,");
    expect(greetingFor(birthday, { name: "王芳", gender: "female", company_name: null }, "zh-CN", { "birthday.zh-CN": "{surname}{honorific}好" })).toBe(
      "王女士好",
    );
  });

  it("uses the user's own template over the default", () => {
    expect(greetingFor(birthday, null, "zh-CN", { "birthday.zh-CN": "{name}，生日快乐！" })).toBe("王芳，生日快乐！");
  });

  it("takes a holiday's name out of its title", () => {
    const holiday = makeOccurrence({
      kind: "statutory_holiday",
      date: "2026-10-01",
      title: "National Day holiday: 2026-10-01 to 2026-10-07 (7 days off)",
      title_zh: "国庆节放假：2026-10-01 至 2026-10-07，共 7 天",
    });
    expect(occasionName(holiday, "zh-CN")).toBe("国庆节");
    expect(occasionName(holiday, "en")).toBe("National Day");
    expect(greetingFor(holiday, null, "zh-CN", {})).toBe("您好！国庆节假期将至，祝您假期愉快，出行平安！");
  });

  it("has a default for every occasion in both languages", () => {
    for (const kind of ["birthday", "lunar_anniversary", "festival", "public_holiday", "revisit", "custom"] as const) {
      const t = DEFAULT_TEMPLATES[templateKindOf(kind)];
      expect(t["zh-CN"]).not.toBe("");
      expect(t.en).not.toBe("");
    }
  });
});
