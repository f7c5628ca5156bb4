import { useTranslation } from "react-i18next";

import type { Occurrence, Tier } from "../../api";
import { TierBadge } from "../../components/TierBadge";
import { daysBetween, formatDay, lunarOf, lunarShort, todayIso } from "../../lib/day";
import { formatTimestamp } from "../../lib/dates";
import { EditIcon } from "../../components/Icons";
import { CheckIcon, CopyIcon, OccurrenceIcon, UndoIcon, XIcon } from "./AgendaIcons";
import { isOpen, LUNAR_KINDS } from "./model";
import { SnoozeMenu } from "./SnoozeMenu";
import type { ReminderAction } from "./useReminderActions";

type AgendaItemProps = {
  occurrence: Occurrence;
  onAction: (o: Occurrence, action: ReminderAction) => void;
  onOpenCustomer: (id: string) => void;
  onCopyGreeting: (o: Occurrence) => void;
  /** Radar rows: the tier and how late. */
  tier?: Tier | null;
  daysLate?: number;
  /** Hide the date (when the section is already one day). */
  hideDate?: boolean;
  /** Narrow panels (radar, day panel): the title wraps, actions go on their own line. */
  compact?: boolean;
  /** Don't say "in 3 days / 5 days late" (the month's day panel). */
  hideWhen?: boolean;
  /** Custom reminders: open the reminder for editing. */
  onEdit?: (o: Occurrence) => void;
};

export function AgendaItem(props: AgendaItemProps) {
  const { occurrence: o, onAction, onOpenCustomer, onCopyGreeting, tier, daysLate, hideDate, compact, hideWhen, onEdit } = props;
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const open = isOpen(o);
  const status = open ? "open" : (o.status ?? "open");
  const title = zh ? o.title_zh : o.title;
  const today = todayIso();
  const until = daysBetween(today, o.date);
  const lunar = zh && LUNAR_KINDS.includes(o.kind) ? lunarOf(o.date) : null;

  const late = daysLate ?? (until < 0 ? -until : null);
  const when = hideWhen ? null : late !== null ? (
    <span className="agenda-when agenda-when-late">{t("agenda.daysLate", { count: late })}</span>
  ) : until > 0 ? (
    <span className="agenda-when">{t("agenda.inDays", { count: until })}</span>
  ) : null;

  return (
    <li
      className={`agenda-item agenda-item-${status}${compact ? " agenda-item-compact" : ""}`}
      data-testid="agenda-item"
      data-key={o.key}
      data-kind={o.kind}
      data-status={o.status ?? "open"}
    >
      <span className={`agenda-icon agenda-icon-${o.kind}`} role="img" aria-label={t(`agenda.kinds.${o.kind}`)} title={t(`agenda.kinds.${o.kind}`)}>
        <OccurrenceIcon kind={o.kind} />
      </span>
      <div className="agenda-main">
        <div className="agenda-title" data-testid="agenda-title">
          {title}
        </div>
        <div className="agenda-meta">
          {o.customer_id && o.customer_name && (
            <button type="button" className="link agenda-customer" data-testid="agenda-customer" onClick={() => onOpenCustomer(o.customer_id!)}>
              {o.customer_name}
            </button>
          )}
          {tier !== undefined && <TierBadge tier={tier} />}
          {compact && when}
          {!hideDate && <span className="agenda-date">{formatDay(o.date, i18n.language)}</span>}
          {lunar && (
            <span className="agenda-lunar" data-testid="agenda-lunar">
              农历{lunarShort(lunar)}
            </span>
          )}
          {o.status === "snoozed" && o.snoozed_until && !open && (
            <span className="agenda-note">{t("agenda.snoozedUntil", { when: formatTimestamp(o.snoozed_until, i18n.language) })}</span>
          )}
          {o.status === "done" && <span className="agenda-note">{t("agenda.status.done")}</span>}
          {o.status === "dismissed" && <span className="agenda-note">{t("agenda.status.dismissed")}</span>}
        </div>
      </div>
      {!compact && when}
      <div className="agenda-actions">
        {onEdit && o.kind === "custom" && (
          <button
            type="button"
            className="agenda-action"
            title={t("reminders.editAction")}
            aria-label={t("reminders.editAction")}
            data-testid="agenda-edit"
            onClick={() => onEdit(o)}
          >
            <EditIcon size={15} />
          </button>
        )}
        <button
          type="button"
          className="agenda-action"
          title={t("greetings.copy")}
          aria-label={t("greetings.copy")}
          data-testid="copy-greeting"
          onClick={() => onCopyGreeting(o)}
        >
          <CopyIcon size={15} />
        </button>
        {open ? (
          <>
            <button
              type="button"
              className="agenda-action agenda-action-done"
              title={t("agenda.actions.done")}
              aria-label={t("agenda.actions.done")}
              data-testid="agenda-done"
              onClick={() => onAction(o, { type: "done" })}
            >
              <CheckIcon size={15} />
            </button>
            <SnoozeMenu onSnooze={(snooze) => onAction(o, { type: "snooze", snooze })} />
            <button
              type="button"
              className="agenda-action"
              title={t("agenda.actions.dismiss")}
              aria-label={t("agenda.actions.dismiss")}
              data-testid="agenda-dismiss"
              onClick={() => onAction(o, { type: "dismiss" })}
            >
              <XIcon size={15} />
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-small agenda-reopen"
            data-testid="agenda-reopen"
            onClick={() => onAction(o, { type: "reopen" })}
          >
            <UndoIcon size={13} />
            {t("agenda.actions.reopen")}
          </button>
        )}
      </div>
    </li>
  );
}
