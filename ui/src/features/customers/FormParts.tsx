// Building blocks of the customer form: labelled fields with their errors, contact rows,
// dates on either calendar, the tag chips.
import { useId, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { CloseIcon, PlusIcon } from "../../components/Icons";
import { errorText } from "../../i18n/errors";
import { currentLocale } from "../../i18n";
import { formatDateSpec } from "../../lib/dates";
import { unreadDates, type DateBoxes } from "../../lib/dateText";
import {
  addTags,
  draftToDateSpec,
  emptyContact,
  pathId,
  splitTags,
  type ContactListName,
  type ContactRow,
  type DateDraft,
} from "./formModel";

export type FieldErrors = Record<string, { code: string; message: string }>;

/**
 * Refuse the date boxes whose text is not a date (`unreadDates`): show their errors and focus
 * the first, before a form sends anything. Returns whether any was refused.
 */
export function refuseUnreadDates(boxes: DateBoxes, show: (errors: FieldErrors) => void): boolean {
  const errors = unreadDates(boxes);
  const first = Object.keys(errors)[0];
  if (first === undefined) return false;
  show(errors);
  document.getElementById(`field-${first}`)?.focus();
  return true;
}

/** The red line under a field, with the stable test id `field-error-<path>`. */
export function FieldError({ path, errors }: { path: string; errors: FieldErrors }) {
  const { t } = useTranslation();
  const error = errors[path];
  if (!error) return null;
  return (
    <div className="field-error" id={`error-${pathId(path)}`} data-testid={`field-error-${path}`} role="alert">
      {errorText(t, error)}
    </div>
  );
}

/** aria attributes tying an input to its error. */
export function errorProps(path: string, errors: FieldErrors) {
  return errors[path]
    ? { "aria-invalid": true as const, "aria-describedby": `error-${pathId(path)}` }
    : { "aria-invalid": false as const };
}

type FieldProps = {
  label: ReactNode;
  path: string;
  errors: FieldErrors;
  children: ReactNode;
  wide?: boolean;
  htmlFor?: string;
};

export function Field({ label, path, errors, children, wide, htmlFor }: FieldProps) {
  return (
    <div className={`field${wide ? " field-wide" : ""}${errors[path] ? " field-invalid" : ""}`}>
      <label className="field-label" htmlFor={htmlFor ?? `field-${pathId(path)}`}>
        {label}
      </label>
      {children}
      <FieldError path={path} errors={errors} />
    </div>
  );
}

const CONTACT_TEST_ID: Record<ContactListName, string> = {
  phones: "phone",
  emails: "email",
  addresses: "address",
};

type ContactRowsProps = {
  list: ContactListName;
  rows: ContactRow[];
  errors: FieldErrors;
  onChange: (rows: ContactRow[]) => void;
  defaultLabel: string;
  placeholder: string;
  addLabel: string;
  inputType: "tel" | "email" | "text";
};

/** Repeatable label + value rows (phones, emails, addresses). */
export function ContactRows({ list, rows, errors, onChange, defaultLabel, placeholder, addLabel, inputType }: ContactRowsProps) {
  const { t } = useTranslation();
  const kind = CONTACT_TEST_ID[list];
  const update = (index: number, change: Partial<ContactRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="repeat-list">
      {rows.map((row, index) => {
        const path = `${list}[${index}]`;
        return (
          <div key={row.key} className="repeat-item">
            <div className="repeat-row">
              <input
                className="input input-label"
                value={row.label}
                placeholder={defaultLabel}
                aria-label={`${t(`fields.${list}`)} ${index + 1} · ${t("form.labelPlaceholder")}`}
                onChange={(e) => update(index, { label: e.target.value })}
                data-testid={`field-${kind}-label-${index}`}
              />
              <input
                id={`field-${pathId(path)}`}
                className="input"
                type={inputType}
                value={row.value}
                placeholder={placeholder}
                aria-label={`${t(`fields.${list}`)} ${index + 1}`}
                onChange={(e) => update(index, { value: e.target.value })}
                data-testid={`field-${kind}-${index}`}
                {...errorProps(path, errors)}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={t("form.removeRow")}
                title={t("form.removeRow")}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                <CloseIcon size={14} />
              </button>
            </div>
            <FieldError path={path} errors={errors} />
          </div>
        );
      })}
      <button
        type="button"
        className="button button-ghost button-small"
        onClick={() => onChange([...rows, emptyContact()])}
        data-testid={`add-${kind}`}
      >
        <PlusIcon size={14} /> {addLabel}
      </button>
    </div>
  );
}

type DateInputProps = {
  value: DateDraft;
  onChange: (value: DateDraft) => void;
  /** Test-id prefix: `field-birthday` → field-birthday-calendar, -year, -month, -day, -leap. */
  testIdPrefix: string;
  path: string;
  errors: FieldErrors;
  label: string;
};

/** A date on the Gregorian or lunar calendar: optional year, month, day, and 闰月 for lunar. */
export function DateInput({ value, onChange, testIdPrefix, path, errors, label }: DateInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const set = (change: Partial<DateDraft>) => onChange({ ...value, ...change });
  const lunar = value.calendar === "lunar";
  const spec = draftToDateSpec(value);
  const preview =
    spec && spec.month >= 1 && spec.month <= 12 && spec.day >= 1 && spec.day <= 31
      ? formatDateSpec(spec, currentLocale())
      : "";
  const invalid = errorProps(path, errors);
  return (
    <div className="date-input" role="group" aria-label={label}>
      <select
        className="select date-calendar"
        value={value.calendar}
        aria-label={`${label} · ${t("form.calendar")}`}
        onChange={(e) => set({ calendar: e.target.value === "lunar" ? "lunar" : "gregorian", leap: false })}
        data-testid={`${testIdPrefix}-calendar`}
      >
        <option value="gregorian">{t("form.gregorian")}</option>
        <option value="lunar">{t("form.lunar")}</option>
      </select>
      <input
        id={`field-${pathId(path)}`}
        className="input date-year"
        inputMode="numeric"
        value={value.year}
        placeholder={t("form.yearOptional")}
        aria-label={`${label} · ${t("form.year")}`}
        onChange={(e) => set({ year: e.target.value.replace(/[^\d-]/g, "") })}
        data-testid={`${testIdPrefix}-year`}
        {...invalid}
      />
      <input
        className="input date-part"
        inputMode="numeric"
        value={value.month}
        placeholder={t("form.month")}
        aria-label={`${label} · ${t("form.month")}`}
        onChange={(e) => set({ month: e.target.value.replace(/\D/g, "") })}
        data-testid={`${testIdPrefix}-month`}
        {...invalid}
      />
      <input
        className="input date-part"
        inputMode="numeric"
        value={value.day}
        placeholder={t("form.day")}
        aria-label={`${label} · ${t("form.day")}`}
        onChange={(e) => set({ day: e.target.value.replace(/\D/g, "") })}
        data-testid={`${testIdPrefix}-day`}
        {...invalid}
      />
      {lunar && (
        <label className="checkbox" htmlFor={`${id}-leap`}>
          <input
            id={`${id}-leap`}
            type="checkbox"
            checked={value.leap}
            onChange={(e) => set({ leap: e.target.checked })}
            data-testid={`${testIdPrefix}-leap`}
          />
          {t("form.leap")}
        </label>
      )}
      <span className="date-preview" aria-live="polite">
        {preview}
      </span>
    </div>
  );
}

type TagInputProps = {
  tags: string[];
  draft: string;
  onChange: (tags: string[], draft: string) => void;
};

/** Chips plus a text box: Enter or a comma turns the text into a chip, Backspace removes the last. */
export function TagInput({ tags, draft, onChange }: TagInputProps) {
  const { t } = useTranslation();

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === "Enter" || event.key === ",") && !event.nativeEvent.isComposing) {
      if (event.key === "Enter" && !draft.trim()) return; // empty box: Enter saves the form
      event.preventDefault();
      onChange(addTags(tags, splitTags(draft)), "");
    } else if (event.key === "Backspace" && !draft && tags.length > 0) {
      onChange(tags.slice(0, -1), "");
    }
  }

  function onInput(value: string) {
    // A pasted or typed comma (also ，、) ends a tag.
    if (/[,，、]/.test(value)) {
      const parts = value.split(/[,，、]/);
      const rest = parts.pop() ?? "";
      onChange(addTags(tags, splitTags(parts.join(","))), rest);
    } else {
      onChange(tags, value);
    }
  }

  return (
    <div className="tag-input">
      {tags.map((tag) => (
        <span key={tag} className="chip">
          {tag}
          <button
            type="button"
            className="chip-remove"
            aria-label={t("form.removeTag", { tag })}
            onClick={() => onChange(tags.filter((x) => x !== tag), draft)}
          >
            <CloseIcon size={11} />
          </button>
        </span>
      ))}
      <input
        id="field-tags"
        className="tag-input-box"
        value={draft}
        placeholder={tags.length === 0 ? t("form.tagsPlaceholder") : ""}
        onChange={(e) => onInput(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="field-tags"
      />
    </div>
  );
}
