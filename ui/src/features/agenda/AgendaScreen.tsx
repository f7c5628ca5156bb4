import { useState } from "react";
import { useTranslation } from "react-i18next";

import { agenda, customReminders, type CustomReminder, type Occurrence } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { PlusIcon } from "../../components/Icons";
import { useToast } from "../../components/Toast";
import { errorText } from "../../i18n/errors";
import { formatDay, todayIso } from "../../lib/day";
import { previewParam } from "../../lib/preview";
import { AgendaItem } from "./AgendaItem";
import { CalendarIcon } from "./AgendaIcons";
import { CustomReminderDialog, customReminderId } from "./CustomReminderDialog";
import { EmptyBook, type EmptyBookActions } from "../customers/EmptyBook";
import { agendaWindow, dueCount, isOpen, sections, total } from "./model";
import { MonthView } from "./MonthView";
import { Radar } from "./Radar";
import { RevisitGroupItem } from "./RevisitGroupItem";
import { useLoaded } from "./useLoaded";
import { useCopyGreeting, useReminderActions } from "./useReminderActions";
import "./agenda.css";

export type AgendaView = "list" | "month";

/** Overdue items shown before "Show all". */
const OVERDUE_SHOWN = 5;

type AgendaScreenProps = {
  onOpenCustomer: (id: string) => void;
  /** Set while the book has no customers: the agenda offers the ways to fill it first. */
  emptyBook?: EmptyBookActions;
};
type ListProps = AgendaScreenProps & { onEdit: (o: Occurrence) => void };
type Editing = { reminder: CustomReminder | null } | null;

export function AgendaScreen({ onOpenCustomer, emptyBook }: AgendaScreenProps) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<AgendaView>(() => (previewParam("agendaView") === "month" ? "month" : "list"));
  const [editing, setEditing] = useState<Editing>(null);
  const toast = useToast();

  const edit = async (o: Occurrence) => {
    const id = customReminderId(o.key);
    try {
      const all = await customReminders.list(o.customer_id);
      const reminder = all.find((r) => r.id === id);
      if (reminder) setEditing({ reminder });
    } catch (error) {
      toast({ message: (t) => errorText(t, error), tone: "error" });
    }
  };

  return (
    <div className="agenda-screen" data-testid="agenda">
      <header className="pane-header">
        <div className="pane-title">
          <h1>{t("agenda.title")}</h1>
          <span className="count-pill">{formatDay(todayIso(), i18n.language, true)}</span>
        </div>
        <div className="agenda-toolbar">
          <button type="button" className="button button-small" data-testid="new-reminder" onClick={() => setEditing({ reminder: null })}>
            <PlusIcon size={14} />
            {t("reminders.new")}
          </button>
          <div className="segmented" role="group" aria-label={t("agenda.viewLabel")}>
            <button
              type="button"
              className={`segment${view === "list" ? " segment-active" : ""}`}
              aria-pressed={view === "list"}
              data-testid="agenda-view-list"
              onClick={() => setView("list")}
            >
              {t("agenda.views.list")}
            </button>
            <button
              type="button"
              className={`segment${view === "month" ? " segment-active" : ""}`}
              aria-pressed={view === "month"}
              data-testid="agenda-view-month"
              onClick={() => setView("month")}
            >
              <CalendarIcon size={14} />
              {t("agenda.views.month")}
            </button>
          </div>
        </div>
      </header>
      {view === "list" ? (
        <div className="agenda-columns">
          <AgendaList onOpenCustomer={onOpenCustomer} onEdit={(o) => void edit(o)} emptyBook={emptyBook} />
          <Radar onOpenCustomer={onOpenCustomer} />
        </div>
      ) : (
        <MonthView onOpenCustomer={onOpenCustomer} onEdit={(o) => void edit(o)} initialMonth={previewParam("month") ?? undefined} />
      )}
      <footer className="pane-footer">{t("agenda.shortcuts")}</footer>
      {editing && <CustomReminderDialog reminder={editing.reminder} onClose={() => setEditing(null)} />}
    </div>
  );
}

function AgendaList({ onOpenCustomer, onEdit, emptyBook }: ListProps) {
  const { t, i18n } = useTranslation();
  const today = todayIso();
  const loaded = useLoaded(() => {
    const { from, days } = agendaWindow(today);
    return agenda.list(from, days);
  }, [today]);
  const act = useReminderActions((key, change) => loaded.setData((items) => items.map((o) => (o.key === key ? change(o) : o))));
  const copy = useCopyGreeting();
  const s = sections(loaded.data ?? [], today);
  const [showAllOverdue, setShowAllOverdue] = useState(false);

  const list = (items: Occurrence[], hideDate = false, undo = false) => (
    <ul className="agenda-list">
      {items.map((o) =>
        o.kind === "revisit_group" ? (
          <RevisitGroupItem key={o.key} occurrence={o} hideDate={hideDate} onOpenCustomer={onOpenCustomer} />
        ) : (
          <AgendaItem
            key={o.key}
            occurrence={o}
            hideDate={hideDate}
            onEdit={onEdit}
            onAction={(x, a) => void act(x, a, undo)}
            onOpenCustomer={onOpenCustomer}
            onCopyGreeting={(x) => void copy(x)}
          />
        ),
      )}
    </ul>
  );

  return (
    <div className="agenda-sections">
      {emptyBook && <EmptyBook {...emptyBook} />}
      {loaded.error !== null && <ErrorBanner error={loaded.error} onRetry={loaded.reload} />}
      {loaded.loading && loaded.data === null && <p className="agenda-empty">{t("list.loading")}</p>}
      {loaded.data !== null && (
        <p className="agenda-due muted" data-testid="agenda-due" data-count={dueCount(loaded.data, today)}>
          {t("agenda.dueNow", {
            total: dueCount(loaded.data, today).toLocaleString(i18n.language),
            overdue: total(s.overdue).toLocaleString(i18n.language),
            today: total(s.today.filter((o) => isOpen(o))).toLocaleString(i18n.language),
          })}
        </p>
      )}
      {s.overdue.length > 0 && (
        <section className="agenda-section agenda-section-overdue" data-testid="agenda-overdue">
          <header className="agenda-section-head">
            <h2>{t("agenda.sections.overdue")}</h2>
            <span className="count-pill">{total(s.overdue).toLocaleString(i18n.language)}</span>
          </header>
          {list(showAllOverdue ? s.overdue : s.overdue.slice(0, OVERDUE_SHOWN), false, true)}
          {s.overdue.length > OVERDUE_SHOWN && (
            <button type="button" className="button button-ghost button-small agenda-more" data-testid="agenda-overdue-more" onClick={() => setShowAllOverdue((v) => !v)}>
              {showAllOverdue ? t("agenda.showLess") : t("agenda.showAll", { count: total(s.overdue) })}
            </button>
          )}
        </section>
      )}
      {loaded.data !== null && (
        <section className="agenda-section" data-testid="agenda-today">
          <header className="agenda-section-head">
            <h2>{t("agenda.sections.today")}</h2>
            <span className="count-pill">{formatDay(today, i18n.language)}</span>
          </header>
          {s.today.length === 0 ? <p className="agenda-empty">{t("agenda.emptyToday")}</p> : list(s.today)}
        </section>
      )}
      {s.comingUp.length > 0 && (
        <section className="agenda-section" data-testid="agenda-coming-up">
          <header className="agenda-section-head">
            <h2>{t("agenda.sections.comingUp")}</h2>
            <span className="count-pill">{total(s.comingUp).toLocaleString(i18n.language)}</span>
          </header>
          {list(s.comingUp)}
        </section>
      )}
      {loaded.data !== null && (
        <section className="agenda-section" data-testid="agenda-ahead">
          <header className="agenda-section-head">
            <h2>{t("agenda.sections.ahead")}</h2>
          </header>
          {s.ahead.length === 0 && <p className="agenda-empty">{t("agenda.emptyAhead")}</p>}
          {s.ahead.map((day) => (
            <div key={day.date} className="agenda-day" data-testid="agenda-day" data-date={day.date}>
              <h3 className="agenda-day-title">{formatDay(day.date, i18n.language)}</h3>
              {list(day.items, true)}
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
