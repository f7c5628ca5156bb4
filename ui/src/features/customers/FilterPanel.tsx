import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { SegmentFilter } from "../../api";
import {
  CUSTOMER_TYPES,
  INVALID_CONTACTS,
  KINDS,
  STAGES,
  STALE_PRESETS,
  TIERS,
  emptyFilter,
  fromDraft,
  presetFilter,
  toDraft,
  toggle,
  type FilterDraft,
  type StalePreset,
} from "./segmentFilter";

type FilterPanelProps = {
  /** The filter the list shows now; the panel edits a copy until Apply. */
  filter: SegmentFilter;
  /** `done`: the Apply button (the panel closes); presets apply and stay open to try another. */
  onApply: (filter: SegmentFilter, done: boolean) => void;
  onClose: () => void;
};

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The draft's free-text fields. */
type TextField = "tags" | "regions" | "owners" | "no_contact_days" | "spend_currency" | "spend_min" | "spend_max";
const PRESET_MONTHS = [3, 6, 12];

/** The filter builder: every condition of a segment, AND-ed, plus the stale-data presets. */
export function FilterPanel({ filter, onApply, onClose }: FilterPanelProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<FilterDraft>(() => toDraft(filter));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [months, setMonths] = useState(6);
  const set = (change: Partial<FilterDraft>) => setDraft((d) => ({ ...d, ...change }));
  const monthName = (m: number) =>
    new Intl.DateTimeFormat(i18n.language, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, m - 1, 1)));

  function apply() {
    const result = fromDraft(draft);
    if ("invalid" in result) {
      setInvalid(result.invalid);
      return;
    }
    setInvalid(null);
    onApply(result.filter, true);
  }

  function preset(p: StalePreset) {
    const f = presetFilter(p, months);
    setDraft(toDraft(f));
    setInvalid(null);
    onApply(f, false);
  }

  const options = <T extends string>(name: keyof FilterDraft, values: T[], label: (v: T) => string, chosen: T[]) => (
    <div className="filter-options">
      {values.map((v) => (
        <label key={v} className={`chip chip-toggle${chosen.includes(v) ? " chip-on" : ""}`}>
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={() => set({ [name]: toggle(chosen, v) } as Partial<FilterDraft>)}
            data-testid={`filter-${String(name)}-${v}`}
          />
          {label(v)}
        </label>
      ))}
    </div>
  );

  /** A text box bound to one of the draft's text fields (test id `filter-<field-with-dashes>`). */
  const text = (
    field: TextField,
    opts: { id?: string; narrow?: boolean; inputMode?: "numeric" | "decimal"; placeholder?: string; label?: string; list?: boolean } = {},
  ) => (
    <input
      id={opts.id}
      className={opts.narrow ? "input input-narrow" : "input"}
      inputMode={opts.inputMode}
      value={draft[field]}
      placeholder={opts.placeholder}
      title={opts.list ? t("segments.fields.listHint") : undefined}
      aria-label={opts.label}
      onChange={(e) => set({ [field]: e.target.value } as Partial<FilterDraft>)}
      data-testid={`filter-${field.replaceAll("_", "-")}`}
    />
  );

  const numberError = (box: string) =>
    invalid === box ? (
      <span className="field-error" role="alert" data-testid={`filter-error-${box}`}>
        {t("recordErrors.number_invalid")}
      </span>
    ) : null;

  return (
    <section className="filter-panel" aria-label={t("segments.filter")} data-testid="filter-panel">
      <div className="filter-presets" role="group" aria-label={t("segments.presets.title")}>
        <span className="filter-label">{t("segments.presets.title")}</span>
        {STALE_PRESETS.map((p) => (
          <button key={p} type="button" className="button button-small" onClick={() => preset(p)} data-testid={`preset-${p}`}>
            {t(`segments.presets.${p}`, { months })}
          </button>
        ))}
        <label className="filter-inline">
          {t("segments.presets.months")}
          <select value={months} onChange={(e) => setMonths(Number(e.target.value))} data-testid="preset-months">
            {PRESET_MONTHS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="filter-grid">
        <div className="filter-row">
          <span className="filter-label">{t("segments.fields.tier")}</span>
          {options("tiers", TIERS, (v) => t(`tier.${v}`), draft.tiers)}
        </div>
        <div className="filter-row">
          <span className="filter-label">{t("segments.fields.kind")}</span>
          {options("kinds", KINDS, (v) => t(`kind.${v}`), draft.kinds)}
        </div>
        <div className="filter-row">
          <span className="filter-label">{t("segments.fields.customerType")}</span>
          {options("customer_types", CUSTOMER_TYPES, (v) => t(`customerType.${v}`), draft.customer_types)}
        </div>
        <div className="filter-row">
          <span className="filter-label">{t("segments.fields.stage")}</span>
          {options("stages", STAGES, (v) => t(`classify.stage.${v}`), draft.stages)}
        </div>
        <label className="filter-row">
          <span className="filter-label">{t("segments.fields.tags")}</span>
          {text("tags", { placeholder: t("segments.fields.listExample"), list: true })}
          <select
            value={draft.tags_match}
            onChange={(e) => set({ tags_match: e.target.value as FilterDraft["tags_match"] })}
            aria-label={t("segments.fields.tagsMatch")}
            data-testid="filter-tags-match"
          >
            <option value="any">{t("segments.fields.tagsAny")}</option>
            <option value="all">{t("segments.fields.tagsAll")}</option>
          </select>
        </label>
        <label className="filter-row">
          <span className="filter-label">{t("segments.fields.regions")}</span>
          {text("regions", { placeholder: t("segments.fields.listExample"), list: true })}
        </label>
        <div className="filter-row">
          <label className="filter-label" htmlFor="filter-owners">
            {t("segments.fields.owners")}
          </label>
          {text("owners", { id: "filter-owners", placeholder: t("segments.fields.listExample"), list: true })}
          <label className="filter-inline">
            <input
              type="checkbox"
              checked={draft.no_owner}
              onChange={(e) => set({ no_owner: e.target.checked })}
              data-testid="filter-no-owner"
            />
            {t("segments.fields.noOwner")}
          </label>
        </div>
        <label className="filter-row">
          <span className="filter-label">{t("segments.fields.birthdayMonth")}</span>
          <select
            value={draft.birthday_month}
            onChange={(e) => set({ birthday_month: e.target.value })}
            title={t("segments.fields.birthdayHint")}
            data-testid="filter-birthday-month"
          >
            <option value="">{t("segments.fields.anyMonth")}</option>
            {MONTHS.map((m) => (
              <option key={m} value={String(m)}>
                {monthName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-row">
          <span className="filter-label">{t("segments.fields.noContactDays")}</span>
          {text("no_contact_days", { narrow: true, inputMode: "numeric" })}
          {numberError("no_contact_days")}
        </label>
        <div className="filter-row">
          <span className="filter-label">{t("segments.fields.spend")}</span>
          {text("spend_currency", { narrow: true, label: t("segments.fields.spendCurrency") })}
          {text("spend_min", {
            narrow: true,
            inputMode: "decimal",
            placeholder: t("segments.fields.spendMin"),
            label: t("segments.fields.spendMin"),
          })}
          {text("spend_max", {
            narrow: true,
            inputMode: "decimal",
            placeholder: t("segments.fields.spendMax"),
            label: t("segments.fields.spendMax"),
          })}
          {numberError("spend_min")}
          {numberError("spend_max")}
        </div>
        <label className="filter-row">
          <span className="filter-label">{t("segments.fields.openComplaints")}</span>
          <select
            value={draft.open_complaints}
            onChange={(e) => set({ open_complaints: e.target.value as FilterDraft["open_complaints"] })}
            data-testid="filter-open-complaints"
          >
            <option value="">{t("segments.fields.any")}</option>
            <option value="yes">{t("segments.fields.complaintsYes")}</option>
            <option value="no">{t("segments.fields.complaintsNo")}</option>
          </select>
        </label>
        <div className="filter-row">
          <span className="filter-label">{t("segments.fields.stale")}</span>
          <label className="filter-inline">
            <input
              type="checkbox"
              checked={draft.missing_phone_and_email}
              onChange={(e) => set({ missing_phone_and_email: e.target.checked })}
              data-testid="filter-missing-contact"
            />
            {t("segments.fields.missingContact")}
          </label>
          <select
            value={draft.invalid_contact}
            onChange={(e) => set({ invalid_contact: e.target.value as FilterDraft["invalid_contact"] })}
            aria-label={t("segments.fields.invalidContact")}
            data-testid="filter-invalid-contact"
          >
            <option value="">{t("segments.fields.invalidNone")}</option>
            {INVALID_CONTACTS.map((v) => (
              <option key={v} value={v}>
                {t(`segments.fields.invalid.${v}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="filter-actions">
        <button type="button" className="button" onClick={onClose} data-testid="filter-close">
          {t("actions.close")}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            const empty = emptyFilter();
            setDraft(toDraft(empty));
            setInvalid(null);
            onApply(empty, false);
          }}
          data-testid="filter-clear"
        >
          {t("segments.clear")}
        </button>
        <button type="button" className="button button-primary" onClick={apply} data-testid="filter-apply">
          {t("segments.apply")}
        </button>
      </div>
    </section>
  );
}
