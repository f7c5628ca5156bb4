import { describe, expect, it } from "vitest";

import { makeCustomer } from "../../dev/fakeBackend";
import {
  draftToDateSpec,
  emptyContact,
  emptyDate,
  emptyForm,
  formFromCustomer,
  formToInput,
  pathId,
  rowKey,
  splitTags,
} from "./formModel";

describe("date drafts", () => {
  it("are null when nothing was typed", () => {
    expect(draftToDateSpec(emptyDate())).toBeNull();
    expect(draftToDateSpec({ ...emptyDate("lunar"), leap: true })).toBeNull();
  });

  it("become a lunar DateSpec with the leap flag and an optional year", () => {
    expect(draftToDateSpec({ calendar: "lunar", year: "", month: "2", day: "15", leap: true })).toEqual({
      calendar: "lunar",
      year: null,
      month: 2,
      leap: true,
      day: 15,
    });
    expect(draftToDateSpec({ calendar: "lunar", year: "1984", month: "10", day: "5", leap: false })).toEqual({
      calendar: "lunar",
      year: 1984,
      month: 10,
      leap: false,
      day: 5,
    });
  });

  it("become a Gregorian DateSpec without a leap field", () => {
    expect(draftToDateSpec({ calendar: "gregorian", year: "1990", month: "3", day: "8", leap: true })).toEqual({
      calendar: "gregorian",
      year: 1990,
      month: 3,
      day: 8,
    });
  });

  it("send half-typed dates as 0 so the core rejects them for the right field", () => {
    expect(draftToDateSpec({ calendar: "gregorian", year: "", month: "3", day: "", leap: false })).toEqual({
      calendar: "gregorian",
      year: null,
      month: 3,
      day: 0,
    });
  });
});

describe("formToInput", () => {
  it("trims text, turns blanks into null and skips blank contact rows", () => {
    const form = emptyForm();
    form.name = "  张伟 ";
    form.title = "   ";
    form.notes = " 喜欢高尔夫 ";
    form.phones = [emptyContact(), { key: rowKey(), label: " 手机 ", value: " 138 0013 8000 " }];
    const { input, paths } = formToInput(form);
    expect(input.name).toBe("张伟");
    expect(input.title).toBeNull();
    expect(input.notes).toBe("喜欢高尔夫");
    expect(input.phones).toEqual([{ label: "手机", value: "138 0013 8000" }]);
    // The core's phones[0] is the form's second row.
    expect(paths.get("phones[0]")).toBe("phones[1]");
  });

  it("adds the tag text still in the box, without duplicates", () => {
    const form = { ...emptyForm(), name: "x", tags: ["vip"], tagDraft: "golf，vip, 理财" };
    expect(formToInput(form).input.tags).toEqual(["vip", "golf", "理财"]);
  });

  it("drops person-only fields for an organization", () => {
    const form = {
      ...emptyForm(),
      kind: "organization" as const,
      name: "华信科技",
      gender: "male" as const,
      company: { id: "org9", name: "母公司" },
      birthday: { calendar: "gregorian" as const, year: "", month: "1", day: "1", leap: false },
    };
    const { input } = formToInput(form);
    expect(input).toMatchObject({ kind: "organization", gender: null, company_id: null, birthday: null });
  });

  it("maps anniversary rows, skipping blank ones", () => {
    const form = {
      ...emptyForm(),
      name: "x",
      anniversaries: [
        { key: rowKey(), label: "", date: emptyDate() },
        { key: rowKey(), label: "结婚纪念日", date: { calendar: "gregorian" as const, year: "2012", month: "5", day: "20", leap: false } },
      ],
    };
    const { input, paths } = formToInput(form);
    expect(input.anniversaries).toEqual([
      { label: "结婚纪念日", date: { calendar: "gregorian", year: 2012, month: 5, day: 20 } },
    ]);
    expect(paths.get("anniversaries[0]")).toBe("anniversaries[1]");
  });

  it("round-trips a stored customer, keeping the ids of rows", () => {
    const c = makeCustomer({
      name: "刘洋",
      tier: "A",
      customer_type: "loyal",
      risk_preference: "balanced",
      tags: ["golf"],
      phones: [{ id: "p1", label: "手机", value: "13800138000" }],
      anniversaries: [{ id: "a1", label: "入职", date: { calendar: "lunar", year: null, month: 1, leap: false, day: 8 } }],
      birthday: { calendar: "lunar", year: 1980, month: 4, leap: true, day: 30 },
    });
    const { id: _id, company_name: _cn, members: _m, created_at: _c, updated_at: _u, deleted_at: _d, ...fields } = c;
    expect(formToInput(formFromCustomer(c)).input).toEqual(fields);
  });
});

describe("helpers", () => {
  it("splits tags on ASCII and full-width commas", () => {
    expect(splitTags("a, b，c、 d ,,")).toEqual(["a", "b", "c", "d"]);
  });

  it("turns a field path into an id suffix", () => {
    expect(pathId("emails[2]")).toBe("emails-2");
    expect(pathId("name")).toBe("name");
  });
});
