import { describe, expect, it } from "vitest";

import { ApiError } from "../../api";
import i18n from "../../i18n";
import { SEGMENT_ERROR_CODES, errorText } from "../../i18n/errors";

import {
  conditionCount,
  emptyFilter,
  filterKey,
  fromDraft,
  isEmptyFilter,
  presetFilter,
  splitList,
  toDraft,
  withDefaults,
} from "./segmentFilter";

describe("segment filter model", () => {
  it("an empty filter has no conditions, and each set field counts once", () => {
    expect(isEmptyFilter(emptyFilter())).toBe(true);
    const f = { ...emptyFilter(), tiers: ["VIP" as const, "A" as const], owners: ["王经理"], no_owner: true, no_contact_days: 90 };
    expect(conditionCount(f)).toBe(3);
  });

  it("splits lists on ASCII and Chinese commas, trimmed and without repeats", () => {
    expect(splitList(" golf, 理财，高净值、golf ,, ")).toEqual(["golf", "理财", "高净值"]);
  });

  it("turns the builder's boxes into a filter and back", () => {
    const f = {
      ...emptyFilter(),
      tags: ["golf", "vip"],
      tags_match: "all" as const,
      regions: ["上海"],
      birthday_month: 9,
      no_contact_days: 180,
      spend: { currency: "CNY", min: "1000.50", max: null },
      open_complaints: false,
      invalid_contact: "email" as const,
    };
    const back = fromDraft(toDraft(f));
    expect(back).toEqual({ filter: f });
  });

  it("names the box that does not hold a number instead of guessing", () => {
    expect(fromDraft({ ...toDraft(emptyFilter()), no_contact_days: "ninety" })).toEqual({ invalid: "no_contact_days" });
    expect(fromDraft({ ...toDraft(emptyFilter()), spend_min: "1,000" })).toEqual({ invalid: "spend_min" });
    expect(fromDraft({ ...toDraft(emptyFilter()), spend_max: "-5" })).toEqual({ invalid: "spend_max" });
  });

  it("the stale-data presets each set exactly one condition", () => {
    expect(presetFilter("noContact", 6)).toEqual({ ...emptyFilter(), no_contact_days: 180 });
    expect(presetFilter("missingContact")).toEqual({ ...emptyFilter(), missing_phone_and_email: true });
    expect(presetFilter("invalidContact")).toEqual({ ...emptyFilter(), invalid_contact: "either" });
  });

  it("a saved filter missing newer fields reads as no condition for them", () => {
    const old = withDefaults({ tiers: ["A"] });
    expect(old).toEqual({ ...emptyFilter(), tiers: ["A"] });
    expect(filterKey(old)).toBe(filterKey({ ...emptyFilter(), tiers: ["A"] }));
  });
});

describe("segment error codes", () => {
  it.each(SEGMENT_ERROR_CODES)("%s reads as a sentence in both languages", (code) => {
    const error = new ApiError({ code, message: "detail", field: null });
    for (const lng of ["en", "zh-CN"]) {
      const text = errorText(i18n.getFixedT(lng), error);
      expect(text, `${lng} ${code}`).not.toMatch(/segments\.errors|Something went wrong/);
    }
  });
});
