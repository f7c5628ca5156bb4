import { useState } from "react";
import { useTranslation } from "react-i18next";

import { agenda, type Occurrence, type RevisitPage } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatDay } from "../../lib/day";
import { AgendaItem } from "./AgendaItem";
import { OccurrenceIcon } from "./AgendaIcons";
import { useLoaded } from "./useLoaded";
import { useCopyGreeting, useReminderActions } from "./useReminderActions";

/** Customers shown when a crowded day is opened, and added by each "Show more". */
export const REVISIT_PAGE = 50;
/** The most one call returns (the shell caps pages there). */
const MAX_CALL = 500;

/** The first `shown` revisits due on `date`, by name, in calls of at most MAX_CALL. */
async function firstRevisits(date: string, shown: number): Promise<RevisitPage> {
  const items: Occurrence[] = [];
  let total = 0;
  while (items.length < shown) {
    const page = await agenda.revisitsOn(date, items.length, Math.min(MAX_CALL, shown - items.length));
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0) break;
  }
  return { total, items };
}

type RevisitGroupItemProps = {
  /** A `revisit_group` occurrence: the day and how many are due. */
  occurrence: Occurrence;
  hideDate?: boolean;
  compact?: boolean;
  onOpenCustomer: (id: string) => void;
};

/**
 * A day on which more revisits fall due than the agenda lists one by one (a tier falling due
 * together after an import): one line with the count, opening into the day's customers by
 * name, a page at a time.
 */
export function RevisitGroupItem({ occurrence: o, hideDate, compact, onOpenCustomer }: RevisitGroupItemProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = o.count ?? 0;
  return (
    <li className={`agenda-item agenda-group${compact ? " agenda-item-compact" : ""}`} data-testid="agenda-group" data-date={o.date} data-count={count}>
      <div className="agenda-group-head">
        <span className="agenda-icon agenda-icon-revisit" role="img" aria-label={t("agenda.kinds.revisit")} title={t("agenda.kinds.revisit")}>
          <OccurrenceIcon kind="revisit" />
        </span>
        <div className="agenda-main">
          <div className="agenda-title" data-testid="agenda-title">
            {t("agenda.group.title", { count, formatted: count.toLocaleString(i18n.language) })}
          </div>
          {!hideDate && (
            <div className="agenda-meta">
              <span className="agenda-date">{formatDay(o.date, i18n.language)}</span>
            </div>
          )}
        </div>
        <button
          type="button"
          className="button button-small agenda-group-toggle"
          aria-expanded={open}
          data-testid="agenda-group-toggle"
          onClick={() => setOpen((v) => !v)}
        >
          {open ? t("agenda.group.hide") : t("agenda.group.show")}
        </button>
      </div>
      {open && <RevisitDay date={o.date} onOpenCustomer={onOpenCustomer} />}
    </li>
  );
}

function RevisitDay({ date, onOpenCustomer }: { date: string; onOpenCustomer: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(REVISIT_PAGE);
  const loaded = useLoaded(() => firstRevisits(date, shown), [date, shown]);
  const act = useReminderActions((key, change) =>
    loaded.setData((page) => ({ ...page, items: page.items.map((x) => (x.key === key ? change(x) : x)) })),
  );
  const copy = useCopyGreeting();
  const page = loaded.data;
  return (
    <div className="agenda-group-body" data-testid="agenda-group-body">
      {loaded.error !== null && <ErrorBanner error={loaded.error} onRetry={loaded.reload} />}
      {page === null && loaded.error === null && <p className="agenda-empty">{t("list.loading")}</p>}
      {page !== null && (
        <>
          <ul className="agenda-list">
            {page.items.map((x) => (
              <AgendaItem
                key={x.key}
                occurrence={x}
                hideDate
                hideWhen
                compact
                onAction={(y, a) => void act(y, a)}
                onOpenCustomer={onOpenCustomer}
                onCopyGreeting={(y) => void copy(y)}
              />
            ))}
          </ul>
          <div className="agenda-group-foot">
            <span className="muted" data-testid="agenda-group-shown">
              {t("agenda.group.shown", {
                shown: page.items.length.toLocaleString(i18n.language),
                total: page.total.toLocaleString(i18n.language),
              })}
            </span>
            {page.items.length < page.total && (
              <button
                type="button"
                className="button button-ghost button-small"
                data-testid="agenda-group-more"
                disabled={loaded.loading}
                onClick={() => setShown((n) => n + REVISIT_PAGE)}
              >
                {t("agenda.group.more", { count: Math.min(REVISIT_PAGE, page.total - page.items.length) })}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
