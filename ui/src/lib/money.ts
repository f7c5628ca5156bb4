// Money arrives from the core as decimal strings ("1234.50"). We never turn it into a JS
// number: the digits are kept as they are and only decorated (grouping, symbol) with Intl.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1234567.5" → "1,234,567.5" (en) / "1,234,567.5" (zh-CN); non-decimal text comes back as is. */
export function formatDecimal(value: string, locale: string): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const parts = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(1.5);
  const point = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(BigInt(m[2]!));
  return `${m[1] ? "-" : ""}${whole}${m[3] ? `${point}${m[3]}` : ""}`;
}

/** "19.99", "CNY" → "¥19.99" / "CN¥19.99", keeping exactly the digits the core sent. */
export function formatMoney(value: string, currency: string, locale: string): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return `${value} ${currency}`;
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" }).formatToParts(
      m[1] ? -1.5 : 1.5,
    );
  } catch {
    return `${formatDecimal(value, locale)} ${currency}`;
  }
  const number = formatDecimal(`${m[2]}${m[3] ? `.${m[3]}` : ""}`, locale);
  let out = "";
  let placed = false;
  for (const p of parts) {
    if (p.type === "integer" || p.type === "group" || p.type === "decimal" || p.type === "fraction") {
      if (!placed) out += number;
      placed = true;
    } else {
      out += p.value;
    }
  }
  return out;
}
