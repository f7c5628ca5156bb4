import { useTranslation } from "react-i18next";

import { reports } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useLoaded } from "../agenda/useLoaded";
import { formatDay } from "../story/format";
import { RevenueChart, StageChart, TierChart } from "./ReportCharts";
import { KpiRow, OverdueList, TopCustomers } from "./ReportLists";
import "./reports.css";

/** 数据分析: every figure recomputed by the core from the store when the screen opens. */
export function ReportsScreen({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const loaded = useLoaded(() => reports.get(), []);
  const report = loaded.data;
  return (
    <div className="reports-screen" data-testid="reports-screen">
      <header className="reports-head">
        <h2>{t("reports.title")}</h2>
        {report && (
          <span className="muted" data-testid="report-as-of">
            {t("reports.asOf", { date: formatDay(report.as_of, i18n.language) })}
          </span>
        )}
        <button
          type="button"
          className="button button-small"
          onClick={loaded.reload}
          disabled={loaded.loading}
          data-testid="report-refresh"
        >
          {t("reports.refresh")}
        </button>
      </header>
      {loaded.error !== null && <ErrorBanner error={loaded.error} onRetry={loaded.reload} />}
      {report === null && loaded.error === null && (
        <p className="muted reports-loading" data-testid="report-loading" role="status">
          {t("reports.loading")}
        </p>
      )}
      {report && report.total_customers === 0 && (
        <p className="reports-empty" data-testid="report-empty">
          {t("reports.empty")}
        </p>
      )}
      {report && report.total_customers > 0 && (
        <div className="reports-body" aria-busy={loaded.loading}>
          <KpiRow report={report} />
          <div className="report-grid">
            <TierChart report={report} />
            <StageChart report={report} />
            <RevenueChart report={report} />
            <TopCustomers report={report} onOpenCustomer={onOpenCustomer} />
            <OverdueList report={report} onOpenCustomer={onOpenCustomer} />
          </div>
        </div>
      )}
    </div>
  );
}
