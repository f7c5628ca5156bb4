import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { SnoozeFor } from "../../api";
import { ClockIcon } from "./AgendaIcons";

const CHOICES = [
  { value: "one_hour" as SnoozeFor, testId: "snooze-one-hour", label: "agenda.snooze.oneHour" as const },
  { value: "tomorrow" as SnoozeFor, testId: "snooze-tomorrow", label: "agenda.snooze.tomorrow" as const },
  { value: "next_week" as SnoozeFor, testId: "snooze-next-week", label: "agenda.snooze.nextWeek" as const },
];

export function SnoozeMenu({ onSnooze }: { onSnooze: (value: SnoozeFor) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    firstRef.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [open]);

  return (
    <div className="snooze" ref={ref}>
      <button
        type="button"
        className="agenda-action"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t("agenda.actions.snooze")}
        aria-label={t("agenda.actions.snooze")}
        data-testid="agenda-snooze"
        onClick={() => setOpen((v) => !v)}
      >
        <ClockIcon size={15} />
      </button>
      {open && (
        <div className="snooze-menu" role="menu">
          {CHOICES.map((c) => (
            <button
              key={c.value}
              ref={c.value === "one_hour" ? firstRef : undefined}
              type="button"
              role="menuitem"
              className="snooze-option"
              data-testid={c.testId}
              onClick={() => {
                setOpen(false);
                onSnooze(c.value);
              }}
            >
              {t(c.label)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
