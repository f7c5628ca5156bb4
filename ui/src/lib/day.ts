// Calendar days as the core sends them: "YYYY-MM-DD" strings in the user's local time.
import { lunarDayName, lunarMonthName } from "./lunar";

export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** YYYY-MM-DD of a local Date. */
export function toIsoDay(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

export function todayIso(): string {
  return toIsoDay(new Date());
}

/** A local Date at midnight of an ISO day. */
export function parseIsoDay(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function addDays(iso: string, n: number): string {
  const d = parseIsoDay(iso);
  d.setDate(d.getDate() + n);
  return toIsoDay(d);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseIsoDay(b).getTime() - parseIsoDay(a).getTime()) / 86_400_000);
}

/** "Mon, Nov 23" / "11月23日 周一". */
export function formatDay(iso: string, locale: string, withYear = false): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(withYear ? { year: "numeric" } : {}),
  }).format(parseIsoDay(iso));
}

export type LunarDay = { month: number; leap: boolean; day: number };

const lunarFormatter = (() => {
  try {
    return new Intl.DateTimeFormat("en-u-ca-chinese", { month: "numeric", day: "numeric", timeZone: "UTC" });
  } catch {
    return null;
  }
})();

/**
 * The Chinese lunar month and day of a Gregorian day, from the platform's ICU (the same
 * Chinese calendar data the core's icu_calendar uses). Null if the platform lacks it.
 */
export function lunarOf(iso: string): LunarDay | null {
  if (!lunarFormatter) return null;
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const parts = lunarFormatter.formatToParts(new Date(Date.UTC(y, m - 1, d)));
  const month = parts.find((p) => p.type === "month")?.value ?? "";
  const day = Number(parts.find((p) => p.type === "day")?.value);
  const monthNumber = parseInt(month, 10);
  if (!Number.isFinite(monthNumber) || !Number.isFinite(day)) return null;
  // ICU writes a leap month as "2bis" in English.
  return { month: monthNumber, leap: /bis|闰/.test(month), day };
}

/** What a Chinese wall calendar prints under the day: the month's name on 初一, else the day. */
export function lunarCellLabel(lunar: LunarDay): string {
  return lunar.day === 1 ? lunarMonthName(lunar.month, lunar.leap) : lunarDayName(lunar.day);
}

/** "闰二月十五". */
export function lunarShort(lunar: LunarDay): string {
  return `${lunarMonthName(lunar.month, lunar.leap)}${lunarDayName(lunar.day)}`;
}
