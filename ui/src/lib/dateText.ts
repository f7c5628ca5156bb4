// Dates and times typed and shown in the UI's language, not the system's. WebKitGTK draws a
// native date box in the OS locale whatever the page's language ("12/07/2026, 09:30 AM" in the
// Chinese UI on an English desktop), so date boxes are text boxes that read and write these
// shapes: the order and separator come from Intl for the language ("12/25/2026" in English,
// "2026/12/25" in Chinese), times are 24-hour, and ISO ("2026-12-25") is always understood.
// Values outside the box stay ISO: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "HH:MM".

import type { DateKind } from "./dateFormatHint";
import { pad2 } from "./day";

type Part = "year" | "month" | "day";
type Shape = { order: Part[]; separator: string };

const shapes = new Map<string, Shape>();

/** The order of year, month and day and the separator between them in `locale`. */
export function dateShape(locale: string): Shape {
  let shape = shapes.get(locale);
  if (!shape) {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
      new Date(2000, 10, 22),
    );
    const order = parts.map((p) => p.type).filter((type): type is Part => type === "year" || type === "month" || type === "day");
    const literal = parts.find((p) => p.type === "literal")?.value.trim() || "/";
    // "2000年11月22日"-style literals do not separate when typed back: use a slash there.
    shape = { order: order.length === 3 ? order : ["year", "month", "day"], separator: /^[/.-]$/.test(literal) ? literal : "/" };
    shapes.set(locale, shape);
  }
  return shape;
}


function realDate(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const isoDate = (year: number, month: number, day: number) => `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;

/** A date's numbers in the order typed: a 4-digit first number is the year (ISO), else the locale's order. */
function readDate(numbers: string[], locale: string): string | null {
  if (numbers.length !== 3 || numbers.some((n) => !/^\d+$/.test(n))) return null;
  const order: Part[] = numbers[0]?.length === 4 ? ["year", "month", "day"] : dateShape(locale).order;
  const at = (part: Part) => numbers[order.indexOf(part)] ?? "";
  if (at("year").length !== 4 || at("month").length > 2 || at("day").length > 2) return null;
  const [year, month, day] = [Number(at("year")), Number(at("month")), Number(at("day"))];
  return realDate(year, month, day) ? isoDate(year, month, day) : null;
}

/** "9:30", "21:05", "9:30 pm", "下午 3:15" → "HH:MM", or null. */
function readTime(text: string): string | null {
  const m = /^(上午|下午|早上|晚上|中午)?\s*(\d{1,2})[:：](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[2]);
  const minute = Number(m[3]);
  const marker = (m[1] ?? m[4] ?? "").toLowerCase();
  const afternoon = marker.startsWith("p") || marker === "下午" || marker === "晚上";
  const morning = marker.startsWith("a") || marker === "上午" || marker === "早上";
  if (marker && marker !== "中午" && (hour < 1 || hour > 12)) return null;
  if (afternoon && hour < 12) hour += 12;
  if (morning && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * What the user typed, as a value: "" for an empty box, the ISO value when the text is a real
 * date (or time) in the UI's shape or in ISO, null when it is not one.
 */
export function parseDateText(kind: DateKind, text: string, locale: string): string | null {
  const typed = text.trim();
  if (typed === "") return "";
  if (kind === "time") return readTime(typed);
  // Chinese dates may be typed with 年月日: "2026年12月25日".
  const plain = typed.replace(/[年月]/g, "/").replace(/日/g, " ").trim();
  if (kind === "date") return readDate(plain.split(/[/.\-\s]+/), locale);
  // Date and time: the date's numbers first, then the time ("12/25/2026 09:30", "2026-12-25T09:30").
  const m = /^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})\s*(?:[T\s,，]\s*)(.+)$/.exec(plain);
  if (!m?.[1] || !m[2]) return null;
  const date = readDate(m[1].split(/[/.-]/), locale);
  const time = readTime(m[2]);
  return date && time ? `${date}T${time}` : null;
}

/** An ISO value as shown in the box in `locale`; a value that is not ISO is shown as it is. */
export function formatDateText(kind: DateKind, value: string, locale: string): string {
  if (value === "") return "";
  if (kind === "time") return /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(value);
  if (!m?.[1] || !m[2] || !m[3]) return value;
  const { order, separator } = dateShape(locale);
  const parts: Record<Part, string> = { year: m[1], month: m[2], day: m[3] };
  const date = order.map((p) => parts[p]).join(separator);
  return kind === "datetime-local" ? `${date} ${m[4] ?? "00:00"}` : date;
}

/** Whether `value` is empty or a real ISO value of `kind` (what a form may send to the core). */
export function isDateValue(kind: DateKind, value: string): boolean {
  if (value === "") return true;
  const shape = kind === "time" ? /^\d{2}:\d{2}$/ : kind === "date" ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  return shape.test(value) && parseDateText(kind, value, "en") === value;
}

/** A form's date boxes: the field's path, its kind and what the box handed on. */
export type DateBoxes = [path: string, kind: DateKind, value: string][];

/**
 * Of a form's date boxes, those whose text is not a date:
 * one error each (`errors.date_format` / `errors.time_format`), keyed by path. The core's date
 * fields are typed dates, so it cannot name them: a form shows these before sending anything.
 */
export function unreadDates(boxes: DateBoxes): Record<string, { code: string; message: string }> {
  const errors: Record<string, { code: string; message: string }> = {};
  for (const [path, kind, value] of boxes) {
    if (!isDateValue(kind, value)) errors[path] = { code: kind === "time" ? "time_format" : "date_format", message: value };
  }
  return errors;
}
