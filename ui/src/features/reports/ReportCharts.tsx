// The dashboard's charts (recharts). Each chart sits next to the same figures as text, with
// stable data-testids, so the numbers are readable, copyable and testable without the SVG.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { axisNumber } from "../../lib/axisNumber";
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, Tooltip, XAxis, YAxis } from "recharts";

import type { Report } from "../../api";
import { formatMoney } from "../../lib/money";
import { useWidth } from "./useWidth";

const TIER_COLORS: Record<string, string> = { VIP: "#b45309", A: "#4f46e5", B: "#0e7490", C: "#64748b", none: "#c4c4cc" };
const STAGE_COLORS: Record<string, string> = { new: "#0ea5e9", active: "#1f8a53", silent: "#d97706", lost: "#d13c3c" };

function useNumber() {
  const { i18n } = useTranslation();
  return (n: number) => new Intl.NumberFormat(i18n.language).format(n);
}

export function TierChart({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const number = useNumber();
  const { ref, width } = useWidth<HTMLDivElement>();
  const rows = report.by_tier.map((r) => {
    const key = r.tier ?? "none";
    return { key, label: r.tier ? t(`tier.${r.tier}`) : t("reports.noTier"), count: r.count };
  });
  return (
    <section className="report-card" aria-labelledby="report-tiers-title" data-testid="report-tiers">
      <h3 id="report-tiers-title">{t("reports.tiers.title")}</h3>
      <div ref={ref} className="report-chart">
        <BarChart width={width} height={200} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#eee" />
          <XAxis dataKey="label" tickLine={false} fontSize={12} />
          <YAxis
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            fontSize={12}
            tickFormatter={(v: number) => axisNumber(v, i18n.language)}
          />
          <Tooltip formatter={(v) => number(Number(v))} />
          <Bar dataKey="count" name={t("reports.customers")} isAnimationActive={false} radius={[4, 4, 0, 0]}>
            {rows.map((r) => (
              <Cell key={r.key} fill={TIER_COLORS[r.key]} />
            ))}
          </Bar>
        </BarChart>
      </div>
      <ul className="report-legend">
        {rows.map((r) => (
          <li key={r.key}>
            <span className="report-swatch" style={{ background: TIER_COLORS[r.key] }} aria-hidden="true" />
            <span className="report-legend-label">{r.label}</span>
            <span className="report-legend-value" data-testid={`report-tier-${r.key}`}>
              {number(r.count)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StageChart({ report }: { report: Report }) {
  const { t } = useTranslation();
  const number = useNumber();
  const rows = report.by_stage.map((s) => ({ key: s.stage, label: t(`classify.stage.${s.stage}`), count: s.count }));
  const any = rows.some((r) => r.count > 0);
  return (
    <section className="report-card" aria-labelledby="report-stages-title" data-testid="report-stages">
      <h3 id="report-stages-title">{t("reports.stages.title")}</h3>
      <div className="report-donut">
        {any ? (
          <PieChart width={180} height={180}>
            <Pie
              data={rows}
              dataKey="count"
              nameKey="label"
              innerRadius={48}
              outerRadius={80}
              paddingAngle={1}
              isAnimationActive={false}
            >
              {rows.map((r) => (
                <Cell key={r.key} fill={STAGE_COLORS[r.key]} />
              ))}
            </Pie>
            <Tooltip formatter={(v) => number(Number(v))} />
          </PieChart>
        ) : (
          <p className="muted">{t("reports.noData")}</p>
        )}
        <ul className="report-legend">
          {rows.map((r) => (
            <li key={r.key}>
              <span className="report-swatch" style={{ background: STAGE_COLORS[r.key] }} aria-hidden="true" />
              <span className="report-legend-label">{r.label}</span>
              <span className="report-legend-value" data-testid={`report-stage-${r.key}`}>
                {number(r.count)}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p className="muted report-note">{t("reports.stages.hint")}</p>
    </section>
  );
}

export function RevenueChart({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const { ref, width } = useWidth<HTMLDivElement>(600);
  const currencies = report.revenue.currencies;
  const [picked, setPicked] = useState<string | null>(null);
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  const money = (v: string, c: string) => formatMoney(v, c, i18n.language);
  const month = (m: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: "short", year: "2-digit", timeZone: "UTC" }).format(
      new Date(`${m}-01T00:00:00Z`),
    );
  // The chart plots numbers; every amount shown as text keeps the core's exact digits.
  const rows = report.revenue.months.map((m) => {
    const a = m.amounts.find((x) => x.currency === currency);
    return { month: month(m.month), key: m.month, amount: a?.amount ?? "0", value: Number(a?.amount ?? 0) };
  });
  const total = report.revenue.totals.find((a) => a.currency === currency);
  return (
    <section className="report-card report-wide" aria-labelledby="report-revenue-title" data-testid="report-revenue">
      <header className="report-card-head">
        <h3 id="report-revenue-title">{t("reports.revenue.title")}</h3>
        {currencies.length > 1 && (
          <div className="segmented segmented-small" role="group" aria-label={t("reports.revenue.currency")}>
            {currencies.map((c) => (
              <button
                key={c}
                type="button"
                className={`segment${c === currency ? " segment-active" : ""}`}
                aria-pressed={c === currency}
                data-testid={`report-currency-${c}`}
                onClick={() => setPicked(c)}
              >
                {c}
              </button>
            ))}
          </div>
        )}
      </header>
      {currency && total ? (
        <>
          <p className="report-total">
            {t("reports.revenue.total")}{" "}
            <strong data-testid="report-revenue-total" data-currency={currency}>
              {money(total.amount, currency)}
            </strong>
          </p>
          <div ref={ref} className="report-chart">
            <BarChart width={width} height={220} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid vertical={false} stroke="#eee" />
              <XAxis dataKey="month" tickLine={false} fontSize={12} />
              <YAxis
                tickLine={false}
                axisLine={false}
                fontSize={12}
                width={72}
                tickFormatter={(v: number) => axisNumber(v, i18n.language)}
              />
              <Tooltip
                formatter={(_v, _n, item) => money((item.payload as { amount: string }).amount, currency)}
              />
              <Bar dataKey="value" name={currency} fill="#4f46e5" isAnimationActive={false} radius={[3, 3, 0, 0]} />
            </BarChart>
          </div>
          <details className="report-table-toggle">
            <summary>{t("reports.revenue.byMonth")}</summary>
            <table className="report-table">
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} data-testid="report-revenue-month" data-month={r.key}>
                    <td>{r.month}</td>
                    <td className="report-num">{money(r.amount, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : (
        <p className="muted" data-testid="report-revenue-empty">
          {t("reports.revenue.empty")}
        </p>
      )}
      <p className="muted report-note">{t("reports.revenue.hint")}</p>
    </section>
  );
}
