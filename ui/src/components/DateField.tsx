import { useState, type InputHTMLAttributes, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { dateFormatHint, type DateKind } from "../lib/dateFormatHint";
import { formatDateText, isDateValue, parseDateText } from "../lib/dateText";
import { addDays, todayIso } from "../lib/day";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "onChange"> & {
  type: DateKind;
  /** ISO ("2026-12-25", "2026-12-25T09:30", "09:30") or "" when not set. */
  value: string;
  /**
   * Every edit: the ISO value when the text is a real date (or time), "" when the box is
   * emptied, and the text itself when it is not a date yet, so the form can refuse it at save
   * (`isDateValue`) instead of keeping an older value the user no longer sees.
   */
  onValueChange: (value: string) => void;
  testId?: string;
  /** What an empty box means ("Not set" unless said otherwise, e.g. "Now"). */
  emptyLabel?: string;
};

/**
 * A date, date-time or time box in the UI's language, whatever the desktop's: it shows and
 * reads "12/25/2026" in English and "2026/12/25" in Chinese (ISO is always understood, times
 * are 24-hour), says what empty means ("Not set · mm/dd/yyyy", "未设置 · 年/月/日") instead of
 * a grey sample that looks filled in, and ↑/↓ move a date by a day. The text the user is typing
 * stays as typed while the box has the focus; leaving it shows a date in the language's shape
 * and anything else as typed, marked invalid.
 */
export function DateField({ type, value, onValueChange, testId, emptyLabel, className, onBlur, onFocus, onKeyDown, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  // The text being typed, and the value it gave, shown only while the box has the focus: a
  // value set from outside (a reset, another record) or a new language shows instead.
  const [draft, setDraft] = useState<{ text: string; gave: string } | null>(null);
  const [focused, setFocused] = useState(false);
  const editing = focused && draft !== null && draft.gave === value;
  // Text that is not a date is handed on as it is, so it shows as typed after the box is left.
  const text = editing ? draft.text : formatDateText(type, value, locale);
  const invalid = !isDateValue(type, value);

  const format = dateFormatHint(locale, type, {
    year: t("dates.parts.year"),
    month: t("dates.parts.month"),
    day: t("dates.parts.day"),
    hour: t("dates.parts.hour"),
    minute: t("dates.parts.minute"),
  });

  const edit = (next: string) => {
    const parsed = parseDateText(type, next, locale);
    const gave = parsed ?? next;
    setDraft({ text: next, gave });
    onValueChange(gave);
  };

  const step = (event: KeyboardEvent<HTMLInputElement>) => {
    if (type !== "date" || invalid || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const next = value === "" ? todayIso() : addDays(value, event.key === "ArrowUp" ? 1 : -1);
    setDraft(null);
    onValueChange(next);
  };

  return (
    <input
      {...rest}
      className={className ?? "input"}
      type="text"
      inputMode={type === "time" ? "numeric" : undefined}
      autoComplete="off"
      spellCheck={false}
      value={text}
      placeholder={`${emptyLabel ?? t("dates.notSet")} · ${format}`}
      title={rest.title ?? format}
      onChange={(e) => edit(e.target.value)}
      onKeyDown={(e) => {
        step(e);
        onKeyDown?.(e);
      }}
      onFocus={(e) => {
        setFocused(true);
        setDraft(null);
        onFocus?.(e);
      }}
      onBlur={(e) => {
        setFocused(false);
        onBlur?.(e);
      }}
      aria-invalid={invalid || rest["aria-invalid"] === true || rest["aria-invalid"] === "true"}
      data-testid={testId}
      data-date-kind={type}
    />
  );
}
