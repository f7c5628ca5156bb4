import { useState } from "react";
import { useTranslation } from "react-i18next";

import { importer, type RestoreSummary } from "../../api";
import { dataErrorText } from "../data/errors";

/**
 * A Fieldbook JSON dump is not a table to map: it is the whole book (customers with their
 * history, records, reminders, segments, settings), restored as it was into an empty book.
 */
export function RestoreDump({ path }: { path: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RestoreSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await importer.restoreDump(path));
    } catch (e) {
      setError(dataErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" data-testid="import-dump">
      <h2 className="card-title">{t("import.dump.title")}</h2>
      <p className="muted card-hint">{t("import.dump.hint")}</p>
      {done ? (
        <p className="data-result" role="status" data-testid="import-restored">
          {t("import.dump.done", { count: done.tables.customers ?? 0, rows: done.rows })}
        </p>
      ) : (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void restore()} data-testid="import-restore">
          {busy ? t("import.dump.running") : t("import.dump.restore")}
        </button>
      )}
      {error && (
        <p className="data-error" role="alert" data-testid="import-restore-error">
          {error}
        </p>
      )}
    </section>
  );
}
