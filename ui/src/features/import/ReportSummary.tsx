import { useTranslation } from "react-i18next";

import type { ImportReport } from "../../api/bindings/ImportReport";
import { rowErrorText, rowWarningText } from "./rowErrors";

/** Rows listed in full; more are counted. */
const MAX_LISTED = 50;

/** The dry run (or the finished import): created, merged, skipped, rejected, and why. */
export function ReportSummary({ report, testId }: { report: ImportReport; testId: string }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  const counts = [
    ["created", report.created],
    ["merged", report.merged],
    ["skipped", report.skipped],
    ["rejected", report.rejected],
  ] as const;
  return (
    <div className="import-report" data-testid={testId}>
      <dl className="import-counts">
        {counts.map(([key, value]) => (
          <div key={key} className={`import-count import-count-${key}`}>
            <dt>{t(`import.report.${key}`)}</dt>
            <dd data-testid={`${testId}-${key}`}>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {report.organizations_created > 0 && (
        <p className="muted" data-testid={`${testId}-organizations`}>
          {t(report.dry_run ? "import.report.organizations" : "import.report.organizationsDone", {
            count: report.organizations_created,
          })}
        </p>
      )}
      {report.errors.length > 0 && (
        <ul className="import-errors" data-testid={`${testId}-errors`}>
          {report.errors.slice(0, MAX_LISTED).map((e) => (
            <li key={`${e.row}-${e.column ?? ""}`}>{rowErrorText(t, e)}</li>
          ))}
          {report.errors.length > MAX_LISTED && (
            <li className="muted">{t("import.report.more", { count: report.errors.length - MAX_LISTED })}</li>
          )}
        </ul>
      )}
      {report.warnings.length > 0 && (
        <div className="import-warnings" data-testid={`${testId}-warnings`}>
          <p>{t(report.dry_run ? "import.report.warnings" : "import.report.warningsDone", { count: report.warning_count })}</p>
          <ul>
            {report.warnings.slice(0, MAX_LISTED).map((w) => (
              <li key={`${w.row}-${w.column ?? ""}`}>{rowWarningText(t, w)}</li>
            ))}
            {report.warning_count > MAX_LISTED && (
              <li className="muted">{t("import.report.more", { count: report.warning_count - MAX_LISTED })}</li>
            )}
          </ul>
        </div>
      )}
    </div>
  );
}
