// Formatting for the customer's story: stage reasons, calendar dates, money, journal values.
import type { TFunction } from "i18next";

import type { Customer, CustomerInput, StageReason } from "../../api";

/** "last purchase 212 days ago" / "最近一次购买在 212 天前", from the core's code and day count. */
export function stageReasonText(t: TFunction, reason: StageReason): string {
  return t(`classify.reason.${reason.code}`, { count: reason.days });
}

/** A calendar date the core sends as "YYYY-MM-DD", in the user's language. */
export function formatDay(day: string | null | undefined, locale: string): string {
  if (!day) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const when = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(when);
}

/** Today on the user's wall clock as "YYYY-MM-DD": a form's starting value, which the user can change. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An RFC 3339 time as the value of an <input type="datetime-local"> (local wall clock). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to RFC 3339 (with the machine's offset applied); "" → undefined. */
export function fromLocalInput(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** The CustomerInput that rewrites a stored customer exactly as it is (to change one field). */
export function customerToInput(c: Customer): CustomerInput {
  const { id: _id, company_name: _cn, members: _m, created_at: _c, updated_at: _u, deleted_at: _d, ...input } = c;
  return { ...input, risk_preference: c.risk_preference ?? null };
}

/** A decimal as typed in a money or quantity box: digits, one optional point, optional minus. */
export function isDecimalText(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value.trim());
}
