// Chinese-style names for lunar months and days: 正月 … 冬月 腊月, 初一 … 三十.

const MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"] as const;
const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

export type LunarParts = { year: number | null; month: number; leap: boolean; day: number };

/** 正月, 闰二月, 冬月, 腊月 … Out-of-range months fall back to digits ("13月"). */
export function lunarMonthName(month: number, leap = false): string {
  const name = Number.isInteger(month) && month >= 1 && month <= 12 ? MONTHS[month - 1] : String(month);
  return `${leap ? "闰" : ""}${name}月`;
}

/** 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十. Out of range → digits + 日. */
export function lunarDayName(day: number): string {
  if (!Number.isInteger(day) || day < 1 || day > 30) return `${day}日`;
  if (day <= 10) return `初${DIGITS[day]}`;
  if (day < 20) return `十${DIGITS[day - 10]}`;
  if (day === 20) return "二十";
  if (day < 30) return `廿${DIGITS[day - 20]}`;
  return "三十";
}

/**
 * A lunar date for display: "农历 闰二月十五" / "农历 1984年十月初五" in Chinese,
 * "Lunar 2/15 (leap)" / "Lunar 10/5/1984" in English.
 */
export function formatLunar(date: LunarParts, locale: string): string {
  if (locale.toLowerCase().startsWith("zh")) {
    const year = date.year !== null ? `${date.year}年` : "";
    return `农历 ${year}${lunarMonthName(date.month, date.leap)}${lunarDayName(date.day)}`;
  }
  const year = date.year !== null ? `/${date.year}` : "";
  return `Lunar ${date.month}/${date.day}${year}${date.leap ? " (leap)" : ""}`;
}
