// Pure helpers of the import screen's mapping table.
import type { ColumnMapping } from "../../api/bindings/ColumnMapping";
import type { MappingTemplate } from "../../api/bindings/MappingTemplate";
import type { Target } from "../../api/bindings/Target";

/** Every target, in the order the select lists them. */
export const TARGETS: Target[] = [
  "ignore",
  "name",
  "family_name",
  "given_name",
  "kind",
  "company",
  "title",
  "phone",
  "email",
  "address",
  "birthday",
  "lunar_birthday",
  "gender",
  "tier",
  "customer_type",
  "source",
  "owner",
  "region",
  "interests",
  "tags",
  "notes",
];

/** Targets whose values carry a label (mobile, work, home …). */
export function takesLabel(target: Target): boolean {
  return target === "phone" || target === "email" || target === "address";
}

/** Change one column's target; a label is kept only where the target takes one. */
export function retarget(mapping: ColumnMapping[], index: number, target: Target): ColumnMapping[] {
  return mapping.map((m, i) => (i === index ? { ...m, target, label: takesLabel(target) ? m.label : "" } : m));
}

export function relabel(mapping: ColumnMapping[], index: number, label: string): ColumnMapping[] {
  return mapping.map((m, i) => (i === index ? { ...m, label } : m));
}

/** A saved template over this file's columns: columns it names take its target, others stay. */
export function applyTemplate(mapping: ColumnMapping[], template: MappingTemplate): ColumnMapping[] {
  return mapping.map((m) => {
    const saved = template.columns.find((c) => c.header === m.header);
    return saved ? { ...m, target: saved.target, label: saved.label } : m;
  });
}

/** Whether some column gives the customer a name (the core refuses a mapping without one). */
export function namesSomeone(mapping: ColumnMapping[]): boolean {
  return mapping.some((m) => ["name", "family_name", "given_name", "company"].includes(m.target));
}
