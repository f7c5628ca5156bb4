// Chart axis numbers a reader takes in at a glance: 万/亿 in Chinese (18000000 → 1800万),
// thousands separators elsewhere (18,000,000).

/** `value` for an axis tick in `locale`. */
export function axisNumber(value: number, locale: string): string {
  if (locale.startsWith("zh")) {
    const abs = Math.abs(value);
    const fmt = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
    if (abs >= 1e8) return `${fmt(value / 1e8)}亿`;
    if (abs >= 1e4) return `${fmt(value / 1e4)}万`;
    return fmt(value);
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
