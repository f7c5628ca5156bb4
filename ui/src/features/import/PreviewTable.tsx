import { Fragment } from "react";
import { useTranslation } from "react-i18next";

import type { PreviewRow } from "../../api/bindings/PreviewRow";
import { formatDateSpec } from "../../lib/dates";
import { rowErrorText, rowWarningText } from "./rowErrors";

/** The first rows of the file as they will be stored, with what happens to each. */
export function PreviewTable({ rows, total }: { rows: PreviewRow[]; total: number }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card">
      <h2 className="card-title">{t("import.preview.title")}</h2>
      <p className="muted card-hint">{t("import.preview.hint", { shown: rows.length, total })}</p>
      <div className="import-scroll">
        <table className="import-table" data-testid="import-preview">
          <thead>
            <tr>
              <th>{t("import.preview.row")}</th>
              <th>{t("import.preview.action")}</th>
              <th>{t("import.preview.name")}</th>
              <th>{t("import.preview.company")}</th>
              <th>{t("import.preview.phone")}</th>
              <th>{t("import.preview.email")}</th>
              <th>{t("import.preview.birthday")}</th>
              <th>{t("import.preview.tags")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = r.customer;
              return (
                <Fragment key={r.row}>
                  <tr className={`import-action-${r.action}`} data-testid="import-preview-row">
                    <td className="mono">{r.row}</td>
                    <td>
                      <span className={`import-badge import-badge-${r.action}`}>{t(`import.actions.${r.action}`)}</span>
                    </td>
                    {r.error ? (
                      <td colSpan={6} className="import-error-cell">
                        {rowErrorText(t, r.error)}
                      </td>
                    ) : (
                      <>
                        <td data-testid="import-preview-name">{c?.name}</td>
                        <td>{r.company ?? ""}</td>
                        <td>{c?.phones.map((p) => p.value).join(", ")}</td>
                        <td>{c?.emails.map((e) => e.value).join(", ")}</td>
                        <td>{c?.birthday ? formatDateSpec(c.birthday, i18n.language) : ""}</td>
                        <td>{c?.tags.join(", ")}</td>
                      </>
                    )}
                  </tr>
                  {r.warnings.length > 0 && (
                    <tr className="import-warning-row">
                      <td />
                      <td colSpan={7} className="import-warning-cell" data-testid="import-preview-warning">
                        {r.warnings.map((w) => (
                          <div key={w.column ?? ""}>{rowWarningText(t, w)}</div>
                        ))}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
