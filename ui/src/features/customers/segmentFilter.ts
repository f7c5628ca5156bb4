// The customer filter as the UI edits it: an empty filter, presets (the stale-data view), and
// the text form of the builder's boxes ↔ the core's SegmentFilter.
import type { CustomerKind, CustomerType, InvalidContact, SegmentFilter, Stage, TagMatch, Tier } from "../../api";

export const TIERS: Tier[] = ["VIP", "A", "B", "C"];
export const KINDS: CustomerKind[] = ["person", "organization"];
export const CUSTOMER_TYPES: CustomerType[] = ["potential", "existing", "repeat", "loyal", "negative", "lost", "partner"];
export const STAGES: Stage[] = ["new", "active", "silent", "lost"];
export const INVALID_CONTACTS: InvalidContact[] = ["phone", "email", "either"];

/** A month is counted as 30 days for "no contact in N months". */
export const DAYS_PER_MONTH = 30;

export function emptyFilter(): SegmentFilter {
  return {
    tiers: [],
    kinds: [],
    customer_types: [],
    stages: [],
    tags: [],
    tags_match: "any",
    regions: [],
    owners: [],
    no_owner: false,
    birthday_month: null,
    no_contact_days: null,
    spend: null,
    open_complaints: null,
    missing_phone_and_email: false,
    invalid_contact: null,
    written_at: null,
  };
}

/** A filter from JSON that may lack fields (an older saved segment): missing = no condition. */
export function withDefaults(partial: Partial<SegmentFilter>): SegmentFilter {
  return { ...emptyFilter(), ...partial };
}

/** How many conditions are set (0 = the whole book). */
export function conditionCount(f: SegmentFilter): number {
  const lists = [f.tiers, f.kinds, f.customer_types, f.stages, f.tags, f.regions].filter((l) => l.length > 0).length;
  const owner = f.owners.length > 0 || f.no_owner ? 1 : 0;
  const single = [f.birthday_month, f.no_contact_days, f.spend, f.open_complaints, f.invalid_contact].filter(
    (v) => v !== null,
  ).length;
  return lists + owner + single + (f.missing_phone_and_email ? 1 : 0) + (f.written_at ? 1 : 0);
}

export function isEmptyFilter(f: SegmentFilter): boolean {
  return conditionCount(f) === 0;
}

/** A stable key for caching and comparing filters. */
export function filterKey(f: SegmentFilter): string {
  return JSON.stringify(withDefaults(f));
}

export type StalePreset = "noContact" | "missingContact" | "invalidContact";
export const STALE_PRESETS: StalePreset[] = ["noContact", "missingContact", "invalidContact"];

/** The stale-data view: one preset filter each. */
export function presetFilter(preset: StalePreset, months = 6): SegmentFilter {
  switch (preset) {
    case "noContact":
      return { ...emptyFilter(), no_contact_days: months * DAYS_PER_MONTH };
    case "missingContact":
      return { ...emptyFilter(), missing_phone_and_email: true };
    case "invalidContact":
      return { ...emptyFilter(), invalid_contact: "either" };
  }
}

/** The builder's boxes: lists and numbers as the user types them. */
export type FilterDraft = {
  tiers: Tier[];
  kinds: CustomerKind[];
  customer_types: CustomerType[];
  stages: Stage[];
  tags: string;
  tags_match: TagMatch;
  regions: string;
  owners: string;
  no_owner: boolean;
  birthday_month: string;
  no_contact_days: string;
  spend_currency: string;
  spend_min: string;
  spend_max: string;
  open_complaints: "" | "yes" | "no";
  missing_phone_and_email: boolean;
  invalid_contact: "" | InvalidContact;
  /** Not edited in the panel (set by an import's "show the imported customers"): kept as is. */
  written_at: string | null;
};

/** "a, b，c、d" → ["a", "b", "c", "d"]: ASCII and Chinese commas both separate. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function toDraft(f: SegmentFilter): FilterDraft {
  return {
    tiers: f.tiers,
    kinds: f.kinds,
    customer_types: f.customer_types,
    stages: f.stages,
    tags: f.tags.join(", "),
    tags_match: f.tags_match,
    regions: f.regions.join(", "),
    owners: f.owners.join(", "),
    no_owner: f.no_owner,
    birthday_month: f.birthday_month === null ? "" : String(f.birthday_month),
    no_contact_days: f.no_contact_days === null ? "" : String(f.no_contact_days),
    spend_currency: f.spend?.currency ?? "CNY",
    spend_min: f.spend?.min ?? "",
    spend_max: f.spend?.max ?? "",
    open_complaints: f.open_complaints === null ? "" : f.open_complaints ? "yes" : "no",
    missing_phone_and_email: f.missing_phone_and_email,
    invalid_contact: f.invalid_contact ?? "",
    written_at: f.written_at,
  };
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** The draft as a filter, or the box that does not hold a valid number. */
export function fromDraft(d: FilterDraft): { filter: SegmentFilter } | { invalid: "no_contact_days" | "spend_min" | "spend_max" } {
  const days = d.no_contact_days.trim();
  if (days !== "" && !/^\d{1,5}$/.test(days)) return { invalid: "no_contact_days" };
  const min = d.spend_min.trim();
  const max = d.spend_max.trim();
  if (min !== "" && !DECIMAL.test(min)) return { invalid: "spend_min" };
  if (max !== "" && !DECIMAL.test(max)) return { invalid: "spend_max" };
  const month = d.birthday_month === "" ? null : Number(d.birthday_month);
  return {
    filter: {
      tiers: d.tiers,
      kinds: d.kinds,
      customer_types: d.customer_types,
      stages: d.stages,
      tags: splitList(d.tags),
      tags_match: d.tags_match,
      regions: splitList(d.regions),
      owners: splitList(d.owners),
      no_owner: d.no_owner,
      birthday_month: month,
      no_contact_days: days === "" ? null : Number(days),
      spend:
        min === "" && max === ""
          ? null
          : { currency: d.spend_currency.trim().toUpperCase() || "CNY", min: min || null, max: max || null },
      open_complaints: d.open_complaints === "" ? null : d.open_complaints === "yes",
      missing_phone_and_email: d.missing_phone_and_email,
      invalid_contact: d.invalid_contact === "" ? null : d.invalid_contact,
      written_at: d.written_at,
    },
  };
}

/** Add or remove `value` from a list of chosen options. */
export function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
