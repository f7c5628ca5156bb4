import type { DateSpec } from "../api";
import { formatLunar } from "./lunar";

/** A birthday or anniversary as the user reads it in `locale`. */
export function formatDateSpec(date: DateSpec, locale: string): string {
  if (date.calendar === "lunar") return formatLunar(date, locale);
  // Year-less dates are shown on a leap year so that 2/29 stays valid.
  const when = new Date(Date.UTC(date.year ?? 2000, date.month - 1, date.day));
  if (Number.isNaN(when.getTime())) return `${date.year ?? "--"}-${date.month}-${date.day}`;
  const options: Intl.DateTimeFormatOptions =
    date.year !== null
      ? { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }
      : { month: "long", day: "numeric", timeZone: "UTC" };
  const formatter = new Intl.DateTimeFormat(locale, options);
  if (date.year !== null && date.year < 100) {
    // Date.UTC maps 0–99 to 1900–1999; keep the year the user typed.
    when.setUTCFullYear(date.year);
  }
  return formatter.format(when);
}

/** A timestamp from the core (RFC 3339) in the user's locale; unparsable text is shown as is. */
export function formatTimestamp(value: string | null | undefined, locale: string): string {
  if (!value) return "";
  const when = new Date(value);
  if (Number.isNaN(when.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(when);
}
