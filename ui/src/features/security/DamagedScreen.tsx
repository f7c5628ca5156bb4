import { useState } from "react";
import { useTranslation } from "react-i18next";

import { backups, type SecurityStatus } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { errorText } from "../../i18n/errors";
import { formatTimestamp } from "../../lib/dates";

type DamagedScreenProps = {
  /** None when even the book's state could not be read. */
  status: SecurityStatus | null;
  error?: unknown;
  onRestored: () => void;
};

/**
 * The book did not open because it is damaged. It is never written to: restoring the latest
 * good backup moves it aside first (the core keeps it as `….damaged-<time>`).
 */
export function DamagedScreen({ status, error, onRestored }: DamagedScreenProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const latest = status?.latest_good ?? null;

  const restore = async () => {
    if (!latest) return;
    setBusy(true);
    setFailed(null);
    try {
      await backups.restore(latest.path);
      onRestored();
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="lock-screen" data-testid="damaged-screen">
      <div className="lock-card lock-card-wide">
        <h1>{t("security.damagedTitle")}</h1>
        <p>{t("security.damagedHint")}</p>
        {status && <p className="mono selectable lock-path" data-testid="damaged-path">{status.book_path}</p>}
        {/* SQLite's own words, for whoever helps restore the book: labelled, not translated. */}
        {status?.damage && (
          <p className="muted selectable" data-testid="damaged-detail">
            {t("security.damageDetail", { detail: status.damage })}
          </p>
        )}
        {error !== undefined && <p className="field-error">{errorText(t, error)}</p>}
        {latest ? (
          <div className="damaged-offer" data-testid="damaged-offer">
            <p>
              {t("security.latestGood", {
                time: formatTimestamp(latest.taken_at, i18n.language),
                count: latest.customers ?? 0,
              })}
            </p>
            <button
              type="button"
              className="button button-primary"
              data-testid="damaged-restore"
              disabled={busy}
              onClick={restore}
            >
              {busy ? t("backups.restoring") : t("security.restoreLatest")}
            </button>
          </div>
        ) : (
          status && <p className="muted" data-testid="damaged-no-backup">{t("security.noGoodBackup")}</p>
        )}
        {failed !== null && <ErrorBanner error={failed} />}
      </div>
    </main>
  );
}
