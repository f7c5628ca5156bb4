// The list's date cells: short enough for a narrow column, with the year only when it is not
// this year, and a follow-up's urgency (overdue, today, later).
import { parseIsoDay } from "../../lib/day";

/**
 * "Nov 20" / "11月20日" this year; "Mar 1, 2025" / "2025/03/01" another year. (In Chinese the
 * 年月日 form of another year, "2024年12月12日", is wider than the 100 px column and was cut.)
 */
export function formatListDay(isoDay: string, locale: string, today: string): string {
  const sameYear = isoDay.slice(0, 4) === today.slice(0, 4);
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { month: "short", day: "numeric" }
    : locale.startsWith("zh")
      ? { year: "numeric", month: "2-digit", day: "2-digit" }
      : { year: "numeric", month: "short", day: "numeric" };
  return new Intl.DateTimeFormat(locale, options).format(parseIsoDay(isoDay));
}

/** The local day of an RFC 3339 instant (a last contact), as YYYY-MM-DD. */
export function localDayOf(instant: string): string {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export type FollowUpUrgency = "overdue" | "today" | "later";

export function followUpUrgency(isoDay: string, today: string): FollowUpUrgency {
  return isoDay < today ? "overdue" : isoDay === today ? "today" : "later";
}
