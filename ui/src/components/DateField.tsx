import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

import { dateFormatHint, type DateKind } from "../lib/dateFormatHint";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value"> & {
  type: DateKind;
  value: string;
  testId?: string;
  /** What an empty box means ("Not set" unless said otherwise, e.g. "Now"). */
  emptyLabel?: string;
};

/**
 * A native date, date-time or time box that is honest when empty: instead of the engine's grey
 * sample ("2026/12/04 12:30", which reads as filled in, in the system's format), it says what
 * empty means and the shape to type in the UI's language ("Not set · mm/dd/yyyy", "未设置 ·
 * 年/月/日"). Focused or filled, it is the plain native box.
 */
export function DateField({ type, value, testId, emptyLabel, className, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const format = dateFormatHint(i18n.language, type, {
    year: t("dates.parts.year"),
    month: t("dates.parts.month"),
    day: t("dates.parts.day"),
    hour: t("dates.parts.hour"),
    minute: t("dates.parts.minute"),
  });
  const hint = `${emptyLabel ?? t("dates.notSet")} · ${format}`;
  const empty = value === "";
  return (
    <span className={empty ? "date-field date-field-empty" : "date-field"}>
      <input
        {...rest}
        className={className ?? "input"}
        type={type}
        value={value}
        data-testid={testId}
        aria-placeholder={empty ? hint : undefined}
      />
      {empty && (
        <span className="date-field-hint" aria-hidden="true" data-testid={testId ? `${testId}-empty` : undefined}>
          {hint}
        </span>
      )}
    </span>
  );
}
