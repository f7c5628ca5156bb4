// The customer form's editable state and its conversion to and from the IPC types.
import type {
  Anniversary,
  ContactPoint,
  Customer,
  CustomerInput,
  CustomerKind,
  CustomerType,
  DateSpec,
  Gender,
  RiskPreference,
  Tier,
} from "../../api";

export type Calendar = DateSpec["calendar"];

/** A date as typed: text boxes, so half-typed values survive until Save. */
export type DateDraft = { calendar: Calendar; year: string; month: string; day: string; leap: boolean };

export type ContactRow = { key: string; id?: string; label: string; value: string };
export type AnniversaryRow = { key: string; id?: string; label: string; date: DateDraft };
export type ContactListName = "phones" | "emails" | "addresses";

export type FormState = {
  kind: CustomerKind;
  name: string;
  gender: Gender | "";
  title: string;
  company: { id: string; name: string } | null;
  source: string;
  owner: string;
  tier: Tier | "";
  customerType: CustomerType | "";
  riskPreference: RiskPreference | "";
  region: string;
  interests: string;
  tags: string[];
  /** Text in the tag box not yet turned into a chip; added on Save. */
  tagDraft: string;
  notes: string;
  birthday: DateDraft;
  phones: ContactRow[];
  emails: ContactRow[];
  addresses: ContactRow[];
  anniversaries: AnniversaryRow[];
};

export const TIERS: readonly Tier[] = ["VIP", "A", "B", "C"];
export const RISK_PREFERENCES: readonly RiskPreference[] = ["conservative", "moderate", "balanced", "growth", "aggressive"];
export const GENDERS: readonly Gender[] = ["male", "female", "other"];
export const CUSTOMER_TYPES: readonly CustomerType[] = [
  "potential",
  "existing",
  "repeat",
  "loyal",
  "negative",
  "lost",
  "partner",
];

let keySeed = 0;
/** A stable React key for a new repeatable row. */
export function rowKey(): string {
  keySeed += 1;
  return `row-${keySeed}`;
}

export function emptyDate(calendar: Calendar = "gregorian"): DateDraft {
  return { calendar, year: "", month: "", day: "", leap: false };
}

export function emptyContact(label = ""): ContactRow {
  return { key: rowKey(), label, value: "" };
}

export function emptyForm(): FormState {
  return {
    kind: "person",
    name: "",
    gender: "",
    title: "",
    company: null,
    source: "",
    owner: "",
    tier: "",
    customerType: "",
    riskPreference: "",
    region: "",
    interests: "",
    tags: [],
    tagDraft: "",
    notes: "",
    birthday: emptyDate(),
    phones: [emptyContact()],
    emails: [emptyContact()],
    addresses: [],
    anniversaries: [],
  };
}

export function dateToDraft(date: DateSpec | null): DateDraft {
  if (!date) return emptyDate();
  return {
    calendar: date.calendar,
    year: date.year === null ? "" : String(date.year),
    month: String(date.month),
    day: String(date.day),
    leap: date.calendar === "lunar" ? date.leap : false,
  };
}

function contactRows(points: ContactPoint[], keepOne: boolean): ContactRow[] {
  const rows = points.map((p) => ({ key: rowKey(), id: p.id, label: p.label, value: p.value }));
  return rows.length === 0 && keepOne ? [emptyContact()] : rows;
}

export function formFromCustomer(c: Customer): FormState {
  return {
    kind: c.kind,
    name: c.name,
    gender: c.gender ?? "",
    title: c.title ?? "",
    company: c.company_id ? { id: c.company_id, name: c.company_name ?? "" } : null,
    source: c.source ?? "",
    owner: c.owner ?? "",
    tier: c.tier ?? "",
    customerType: c.customer_type ?? "",
    riskPreference: c.risk_preference ?? "",
    region: c.region ?? "",
    interests: c.interests ?? "",
    tags: [...c.tags],
    tagDraft: "",
    notes: c.notes ?? "",
    birthday: dateToDraft(c.birthday),
    phones: contactRows(c.phones, true),
    emails: contactRows(c.emails, true),
    addresses: contactRows(c.addresses, false),
    anniversaries: c.anniversaries.map((a) => ({ key: rowKey(), id: a.id, label: a.label, date: dateToDraft(a.date) })),
  };
}

export function isDateEmpty(d: DateDraft): boolean {
  return !d.year.trim() && !d.month.trim() && !d.day.trim();
}

function toInt(text: string): number {
  const n = Number.parseInt(text.trim(), 10);
  // Half-typed numbers go to the core as 0, which it rejects with the right code for the field.
  return Number.isFinite(n) ? n : 0;
}

/** The DateSpec a draft stands for; null when nothing was typed. */
export function draftToDateSpec(d: DateDraft): DateSpec | null {
  if (isDateEmpty(d)) return null;
  const year = d.year.trim() ? toInt(d.year) : null;
  const month = toInt(d.month);
  const day = toInt(d.day);
  return d.calendar === "lunar"
    ? { calendar: "lunar", year, month, leap: d.leap, day }
    : { calendar: "gregorian", year, month, day };
}

const text = (value: string): string | null => (value.trim() ? value.trim() : null);

/** Split typed tag text on commas (ASCII or full-width) and drop blanks. */
export function splitTags(value: string): string[] {
  return value
    .split(/[,，、]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function addTags(tags: string[], more: string[]): string[] {
  const out = [...tags];
  for (const tag of more) if (!out.includes(tag)) out.push(tag);
  return out;
}

/**
 * The CustomerInput for a form, and how to find the form row for a field path the core names
 * in an error. Blank contact rows are not sent, so `phones[0]` in an error may be the form's
 * third row: `paths` maps the sent path to the form's.
 */
export function formToInput(f: FormState): { input: CustomerInput; paths: Map<string, string> } {
  const paths = new Map<string, string>();
  const contacts = (list: ContactListName): ContactPoint[] => {
    const out: ContactPoint[] = [];
    f[list].forEach((row, index) => {
      if (!row.value.trim()) return;
      paths.set(`${list}[${out.length}]`, `${list}[${index}]`);
      const point: ContactPoint = { label: row.label.trim(), value: row.value.trim() };
      if (row.id) point.id = row.id;
      out.push(point);
    });
    return out;
  };
  const anniversaries: Anniversary[] = [];
  f.anniversaries.forEach((row, index) => {
    const date = draftToDateSpec(row.date);
    if (!row.label.trim() && !date) return;
    paths.set(`anniversaries[${anniversaries.length}]`, `anniversaries[${index}]`);
    // A label without a date: send an impossible date so the core names the row's error.
    const missing: DateSpec =
      row.date.calendar === "lunar"
        ? { calendar: "lunar", year: null, month: 0, leap: false, day: 0 }
        : { calendar: "gregorian", year: null, month: 0, day: 0 };
    const item: Anniversary = { label: row.label.trim(), date: date ?? missing };
    if (row.id) item.id = row.id;
    anniversaries.push(item);
  });
  // Gender, company and birthday are about people; the form hides them for organizations.
  const person = f.kind === "person";
  const input: CustomerInput = {
    kind: f.kind,
    name: f.name.trim(),
    gender: person ? f.gender || null : null,
    title: text(f.title),
    company_id: person ? (f.company?.id ?? null) : null,
    source: text(f.source),
    owner: text(f.owner),
    tier: f.tier || null,
    customer_type: f.customerType || null,
    risk_preference: f.riskPreference || null,
    region: text(f.region),
    interests: text(f.interests),
    tags: addTags(f.tags, splitTags(f.tagDraft)),
    notes: text(f.notes),
    birthday: person ? draftToDateSpec(f.birthday) : null,
    phones: contacts("phones"),
    emails: contacts("emails"),
    addresses: contacts("addresses"),
    anniversaries,
  };
  return { input, paths };
}

/** `emails[2]` → `emails-2`: a form field path as an element id suffix. */
export function pathId(path: string): string {
  return path.replace(/\[(\d+)\]/g, "-$1");
}
