// Pure agenda logic: which section an occurrence goes in, what is still open.
import type { Occurrence, OccurrenceKind, ReminderState } from "../../api";
import { addDays } from "../../lib/day";

/** Kinds about the calendar itself, not a customer: never "overdue". */
export const GENERAL_KINDS: readonly OccurrenceKind[] = ["festival", "statutory_holiday", "make_up_workday", "public_holiday"];

export const LUNAR_KINDS: readonly OccurrenceKind[] = ["lunar_birthday", "lunar_anniversary", "festival"];

/** How far back the Overdue section looks (one agenda_list call covers it and the week ahead). */
export const OVERDUE_WINDOW = 30;
/** A birthday or anniversary greeting more than a week late is no longer worth a nudge. */
export const OVERDUE_GREETING_DAYS = 7;
const GREETING_KINDS: readonly OccurrenceKind[] = ["birthday", "lunar_birthday", "anniversary", "lunar_anniversary"];
export const AHEAD_DAYS = 7;

/** Open: nothing done about it yet, or a snooze that has run out (mirrors the core's is_open). */
export function isOpen(o: Occurrence, now: number = Date.now()): boolean {
  if (o.status === null) return true;
  if (o.status === "snoozed") return !o.snoozed_until || Date.parse(o.snoozed_until) <= now;
  return false;
}

export type Sections = {
  overdue: Occurrence[];
  /** Items of today itself. */
  today: Occurrence[];
  /** Later days whose reminder day has come (a birthday 1–3 days ahead): "Coming up", not today. */
  comingUp: Occurrence[];
  /** Day → occurrences, for the seven days after today, in date order. */
  ahead: { date: string; items: Occurrence[] }[];
};

/**
 * Overdue: open customer items whose day has passed (greetings for a week, tasks for a month). Today: today's items. Coming up:
 * later items whose reminder day (lead time) has come. Next 7 days: the rest of the week ahead, by day.
 */
export function sections(items: Occurrence[], today: string, now: number = Date.now()): Sections {
  const last = addDays(today, AHEAD_DAYS);
  const greetingsFrom = addDays(today, -OVERDUE_GREETING_DAYS);
  const overdue: Occurrence[] = [];
  const todays: Occurrence[] = [];
  const comingUp: Occurrence[] = [];
  const ahead = new Map<string, Occurrence[]>();
  for (const o of items) {
    if (o.date < today) {
      const recentEnough = !GREETING_KINDS.includes(o.kind) || o.date >= greetingsFrom;
      if (isOpen(o, now) && !GENERAL_KINDS.includes(o.kind) && recentEnough) overdue.push(o);
    } else if (o.date === today) {
      todays.push(o);
    } else if (o.remind_on <= today && o.date <= last) {
      comingUp.push(o);
    } else if (o.date <= last) {
      const list = ahead.get(o.date) ?? [];
      list.push(o);
      ahead.set(o.date, list);
    }
  }
  return {
    overdue,
    today: todays,
    comingUp: comingUp.sort((a, b) => a.date.localeCompare(b.date)),
    ahead: [...ahead.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, items: list })),
  };
}

/** How many reminders a line stands for: a crowded day's revisits are one line with their count. */
export function weight(o: Occurrence): number {
  return o.kind === "revisit_group" ? (o.count ?? 0) : 1;
}

/** How many reminders these lines stand for. */
export function total(items: Occurrence[]): number {
  return items.reduce((n, o) => n + weight(o), 0);
}

/** The days one agenda_list call covers: the overdue window, today and the week ahead. */
export function agendaWindow(today: string): { from: string; days: number } {
  return { from: addDays(today, -OVERDUE_WINDOW), days: OVERDUE_WINDOW + AHEAD_DAYS + 1 };
}

/**
 * The one definition of "due" (the sidebar's badge and the agenda's figure): the open overdue
 * items plus today's open items, a crowded day's revisits counted at their true total. Items
 * coming up on later days are not due yet.
 */
export function dueCount(items: Occurrence[], today: string, now: number = Date.now()): number {
  const s = sections(items, today, now);
  return total(s.overdue) + total(s.today.filter((o) => isOpen(o, now)));
}

/** An occurrence with a new state (or none, after Reopen). */
export function withState(
  o: Occurrence,
  state: { status: ReminderState["status"] | null; snoozed_until: string | null } | null,
): Occurrence {
  return { ...o, status: state?.status ?? null, snoozed_until: state?.snoozed_until ?? null };
}
