// The dashboard's figures that are lists and single numbers: KPI cards, the top customers
// and the customers overdue for contact. A row click opens the customer.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Report } from "../../api";
import { TierBadge } from "../../components/TierBadge";
import { formatMoney } from "../../lib/money";
import { formatDay } from "../story/format";

function Kpi({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId: string }) {
  return (
    <div className="report-kpi">
      <span className="report-kpi-label">{label}</span>
      <span className="report-kpi-value" data-testid={testId}>
        {value}
      </span>
      {detail && <span className="report-kpi-detail">{detail}</span>}
    </div>
  );
}

export function KpiRow({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const c = report.complaints;
  const k = report.retention;
  const day = (d: string) => formatDay(d, i18n.language);
  return (
    <div className="report-kpis" data-testid="report-kpis">
      <Kpi label={t("reports.kpi.customers")} value={number(report.total_customers)} testId="report-total-customers" />
      <Kpi
        label={t("reports.kpi.overdue")}
        value={number(report.overdue.count)}
        detail={t("reports.kpi.overdueHint")}
        testId="report-overdue-count"
      />
      <Kpi
        label={t("reports.kpi.complaintsOpen")}
        value={number(c.open + c.in_progress)}
        detail={t("reports.kpi.complaintsDetail", { total: number(c.total), resolved: number(c.resolved) })}
        testId="report-complaints-open"
      />
      <Kpi
        label={t("reports.kpi.satisfaction")}
        value={c.average_satisfaction ? `${c.average_satisfaction} / 5` : "—"}
        detail={
          c.average_satisfaction
            ? t("reports.kpi.satisfactionDetail", { count: c.rated })
            : t("reports.kpi.satisfactionNone")
        }
        testId="report-satisfaction"
      />
      <Kpi
        label={t("reports.kpi.retention")}
        value={k.rate_pct ? `${k.rate_pct}%` : "—"}
        detail={
          <>
            <span data-testid="report-retention-summary">
              {t("reports.kpi.retentionSummary", {
                retained: number(k.retained),
                previous: number(k.previous_active),
                days: k.period_days,
              })}
            </span>
            {/* The exact periods on demand: the card stays two lines high. */}
            <details className="report-retention-how">
              <summary>{t("reports.kpi.retentionHow")}</summary>
              <span data-testid="report-retention-definition">
                {t("reports.kpi.retentionDefinition", {
                  retained: number(k.retained),
                  previous: number(k.previous_active),
                  previousFrom: day(k.previous_from),
                  previousTo: day(k.previous_to),
                  currentFrom: day(k.current_from),
                  currentTo: day(k.current_to),
                  days: k.period_days,
                })}
              </span>
            </details>
          </>
        }
        testId="report-retention"
      />
    </div>
  );
}

export function TopCustomers({ report, onOpenCustomer }: { report: Report; onOpenCustomer: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { currency, items } = report.top_customers;
  return (
    <section className="report-card" aria-labelledby="report-top-title" data-testid="report-top">
      <h3 id="report-top-title">
        {t("reports.top.title")}
        {currency && <span className="muted report-title-note"> · {currency}</span>}
      </h3>
      {items.length === 0 || !currency ? (
        <p className="muted">{t("reports.top.empty")}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("reports.top.customer")}</th>
              <th scope="col" className="report-num">
                {t("reports.top.orders")}
              </th>
              <th scope="col" className="report-num">
                {t("reports.top.revenue")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, i) => (
              <tr
                key={c.customer_id}
                className="report-row"
                data-testid="report-top-row"
                data-id={c.customer_id}
                tabIndex={0}
                onClick={() => onOpenCustomer(c.customer_id)}
                onKeyDown={(e) => e.key === "Enter" && onOpenCustomer(c.customer_id)}
              >
                <td className="muted">{i + 1}</td>
                <td>
                  {c.name} <TierBadge tier={c.tier} />
                </td>
                <td className="report-num">{c.orders}</td>
                <td className="report-num">{formatMoney(c.revenue, currency, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted report-note">{t("reports.top.hint")}</p>
    </section>
  );
}

export function OverdueList({ report, onOpenCustomer }: { report: Report; onOpenCustomer: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const rows = report.overdue.top;
  const lost = report.by_stage.find((s) => s.stage === "lost")?.count ?? 0;
  return (
    <section className="report-card" aria-labelledby="report-overdue-title" data-testid="report-overdue">
      <h3 id="report-overdue-title">
        {t("reports.overdue.title")} <span className="count-pill">{report.overdue.count}</span>
      </h3>
      {rows.length === 0 ? (
        // No praise while customers are being lost: say what is and is not the case.
        <p className="muted" data-testid="report-overdue-empty">
          {t("reports.overdue.empty")}
          {lost > 0 && <> {t("reports.overdue.butLost", { count: lost })}</>}
        </p>
      ) : (
        <table className="report-table">
          <tbody>
            {rows.map((r) => {
              const id = r.occurrence.customer_id;
              return (
                <tr
                  key={r.occurrence.key}
                  className="report-row"
                  data-testid="report-overdue-row"
                  data-id={id ?? ""}
                  tabIndex={0}
                  onClick={() => id && onOpenCustomer(id)}
                  onKeyDown={(e) => e.key === "Enter" && id && onOpenCustomer(id)}
                >
                  <td>
                    {r.occurrence.customer_name} <TierBadge tier={r.tier} />
                  </td>
                  <td className="muted">{t("reports.overdue.due", { date: formatDay(r.occurrence.date, i18n.language) })}</td>
                  <td className="report-num report-late">{t("reports.overdue.late", { count: r.days_late })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted report-note">{t("reports.overdue.hint")}</p>
    </section>
  );
}
