// The column names the core gives a vCard file (vcard.rs: "Name", "Phone (mobile)" …) are
// fixed English words, not the user's own headers: show them in the UI's language.
import type { TFunction } from "i18next";

const COLUMNS: Record<string, string> = {
  Name: "name",
  "Family name": "family",
  "Given name": "given",
  Kind: "kind",
  Organization: "organization",
  Title: "title",
  Gender: "gender",
  Birthday: "birthday",
  "Lunar birthday": "lunarBirthday",
  Notes: "notes",
  Categories: "categories",
  Phone: "phone",
  Email: "email",
  Address: "address",
};

const KNOWN_LABELS = new Set(["mobile", "work", "home", "personal", "office", "fax", "other"]);

/** `header` in the UI's language when it is one of the core's vCard columns, else as it is. */
export function vcardColumnLabel(header: string, t: TFunction): string {
  const m = /^(.*?)(?: \((.+)\))?$/.exec(header);
  const base = m?.[1] ?? header;
  const label = m?.[2];
  const key = COLUMNS[base];
  if (!key) return header;
  const name = t(`import.vcardColumns.${key}` as never) as string;
  if (!label) return name;
  const shown = KNOWN_LABELS.has(label) ? (t(`contactLabels.${label}` as never) as string) : label;
  return t("import.vcardColumns.labelled", { name, label: shown });
}
