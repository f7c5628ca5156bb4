import { useState } from "react";
import { useTranslation } from "react-i18next";

import { agenda, holidays, type HolidayDay, type Occurrence } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { addDays, formatDay, lunarCellLabel, lunarOf, lunarShort, parseIsoDay, pad2, todayIso } from "../../lib/day";
import { AgendaItem } from "./AgendaItem";
import { ChevronIcon } from "./AgendaIcons";
import { GENERAL_KINDS } from "./model";
import { MonthCell } from "./MonthCell";
import { occasionName } from "./greetings";
import { RevisitGroupItem } from "./RevisitGroupItem";
import { useLoaded } from "./useLoaded";
import { useCopyGreeting, useReminderActions } from "./useReminderActions";

/** Six weeks, Monday first: every month fits. */
const GRID_DAYS = 42;
/** Fetched before the grid too, so a holiday block that starts earlier still marks its days. */
const LOOK_BACK = 14;

export type DayMark = "off" | "work";

/** The Monday on or before the 1st of `month` (YYYY-MM). */
export function gridStart(month: string): string {
  const first = parseIsoDay(`${month}-01`);
  const back = (first.getDay() + 6) % 7;
  return addDays(`${month}-01`, -back);
}

/**
 * 休 / 班 per day. From `holidays_list` when the shell has it; otherwise from the agenda's
 * statutory-holiday occurrences (one per block, its last day in the title) and make-up days.
 */
export function dayMarks(items: Occurrence[], days: HolidayDay[] | null): Map<string, DayMark> {
  const marks = new Map<string, DayMark>();
  if (days) {
    for (const d of days) if (d.country === "CN") marks.set(d.date, d.kind === "off" ? "off" : "work");
    return marks;
  }
  for (const o of items) {
    if (o.kind === "make_up_workday") marks.set(o.date, "work");
    if (o.kind === "statutory_holiday") {
      const end = /(\d{4}-\d{2}-\d{2})\s*(?:to|至)\s*(\d{4}-\d{2}-\d{2})/.exec(`${o.title} ${o.title_zh}`)?.[2] ?? o.date;
      for (let d = o.date; d <= end; d = addDays(d, 1)) marks.set(d, "off");
    }
  }
  return marks;
}

type MonthViewProps = { onOpenCustomer: (id: string) => void; onEdit?: (o: Occurrence) => void; initialMonth?: string };

export function MonthView({ onOpenCustomer, onEdit, initialMonth }: MonthViewProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const today = todayIso();
  const [month, setMonth] = useState(initialMonth ?? today.slice(0, 7));
  const [selected, setSelected] = useState<string | null>(null);
  const start = gridStart(month);
  const end = addDays(start, GRID_DAYS - 1);

  const loaded = useLoaded(async () => {
    const [items, days] = await Promise.all([
      agenda.list(addDays(start, -LOOK_BACK), GRID_DAYS + LOOK_BACK),
      holidays.list("CN", start, end).catch(() => null),
    ]);
    return { items, days };
  }, [start]);
  const act = useReminderActions((key, change) =>
    loaded.setData((d) => ({ ...d, items: d.items.map((o) => (o.key === key ? change(o) : o)) })),
  );
  const copy = useCopyGreeting();

  const items = loaded.data?.items ?? [];
  const marks = dayMarks(items, loaded.data?.days ?? null);
  const byDay = new Map<string, Occurrence[]>();
  for (const o of items) byDay.set(o.date, [...(byDay.get(o.date) ?? []), o]);

  const shift = (n: number) => {
    const [y, m] = month.split("-").map(Number) as [number, number];
    const d = new Date(y, m - 1 + n, 1);
    setMonth(`${d.getFullYear()}-${pad2(d.getMonth() + 1)}`);
    setSelected(null);
  };
  const monthTitle = new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "long" }).format(parseIsoDay(`${month}-01`));
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: "short" }).format(parseIsoDay(addDays(start, i))),
  );
  const day = selected ?? (today.startsWith(month) ? today : `${month}-01`);
  const dayItems = byDay.get(day) ?? [];
  const dayLunar = zh ? lunarOf(day) : null;

  return (
    <div className="month-layout">
      <div className="month" data-testid="month">
        <div className="month-toolbar">
          <button type="button" className="icon-button" aria-label={t("agenda.month.previous")} data-testid="month-prev" onClick={() => shift(-1)}>
            <ChevronIcon direction="left" size={16} />
          </button>
          <h2 className="month-title" data-testid="month-title">
            {monthTitle}
          </h2>
          <button type="button" className="icon-button" aria-label={t("agenda.month.next")} data-testid="month-next" onClick={() => shift(1)}>
            <ChevronIcon size={16} />
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setMonth(today.slice(0, 7));
              setSelected(today);
            }}
          >
            {t("agenda.month.today")}
          </button>
          {loaded.error !== null && <ErrorBanner error={loaded.error} onRetry={loaded.reload} />}
        </div>
        <div className="month-grid" role="grid" aria-label={monthTitle}>
          {weekdays.map((w, i) => (
            <div key={w} className={`month-weekday${i >= 5 ? " month-weekend" : ""}`} role="columnheader">
              {w}
            </div>
          ))}
          {Array.from({ length: GRID_DAYS }, (_, i) => {
            const date = addDays(start, i);
            const list = byDay.get(date) ?? [];
            const festival = list.find((o) => o.kind === "festival");
            const holiday = list.find((o) => o.kind === "statutory_holiday" || o.kind === "public_holiday");
            const lunar = zh ? lunarOf(date) : null;
            const lang = zh ? "zh-CN" : "en";
            const label = festival ? occasionName(festival, lang) : holiday && zh ? occasionName(holiday, lang) : lunar ? lunarCellLabel(lunar) : "";
            const mark = marks.get(date);
            const chips = list.filter((o) => !GENERAL_KINDS.includes(o.kind));
            const classes = [
              "month-cell",
              date.startsWith(month) ? "" : "month-cell-outside",
              date === today ? "month-cell-today" : "",
              date === day ? "month-cell-selected" : "",
              mark === "off" ? "month-cell-off" : mark === "work" ? "month-cell-work" : "",
              i % 7 >= 5 ? "month-weekend" : "",
            ].join(" ");
            return (
              <MonthCell
                key={date}
                date={date}
                className={classes}
                selected={date === day}
                onSelect={setSelected}
                label={label}
                festive={Boolean(festival || holiday)}
                chips={chips}
                zh={zh}
                head={
                  <>
                    <span className="month-daynum">{Number(date.slice(8))}</span>
                    <span className="month-head-gap" />
                    {mark && (
                      <span className={`day-mark day-mark-${mark}`} data-testid="day-mark" title={t(mark === "off" ? "agenda.month.off" : "agenda.month.work")}>
                        {zh ? (mark === "off" ? "休" : "班") : t(mark === "off" ? "agenda.month.offShort" : "agenda.month.workShort")}
                      </span>
                    )}
                  </>
                }
              />
            );
          })}
        </div>
      </div>
      <aside className="month-day-panel" data-testid="month-day-panel">
        <h3 className="agenda-day-title">{formatDay(day, i18n.language, true)}</h3>
        {zh && dayLunar && <p className="muted month-day-lunar">农历{lunarShort(dayLunar)}</p>}
        {dayItems.length === 0 ? (
          <p className="agenda-empty">{t("agenda.month.nothing")}</p>
        ) : (
          <ul className="agenda-list">
            {dayItems.map((o) =>
              o.kind === "revisit_group" ? (
                <RevisitGroupItem key={o.key} occurrence={o} hideDate compact onOpenCustomer={onOpenCustomer} />
              ) : (
                <AgendaItem
                  key={o.key}
                  occurrence={o}
                  hideDate
                  hideWhen
                  compact
                  onEdit={onEdit}
                  onAction={(x, a) => void act(x, a)}
                  onOpenCustomer={onOpenCustomer}
                  onCopyGreeting={(x) => void copy(x)}
                />
              ),
            )}
          </ul>
        )}
      </aside>
    </div>
  );
}
