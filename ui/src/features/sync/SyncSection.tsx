import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { events, sync, type SyncProgress, type SyncSetup, type SyncSummary } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatTimestamp } from "../../lib/dates";

/**
 * Settings → Sync (同步): the team's shared folder, the team passphrase (kept in memory for
 * this run only), Sync now with progress, and what the last sync did on each side.
 */
export function SyncSection() {
  const { t, i18n } = useTranslation();
  const [setup, setSetup] = useState<SyncSetup | null>(null);
  const [folder, setFolder] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [summary, setSummary] = useState<SyncSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    sync.status().then(
      (s) => {
        if (!live) return;
        setSetup(s);
        setFolder((f) => f || s.status.place || "");
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [version]);

  // A conflict restored elsewhere in the window changes the open count.
  useEffect(() => events.onBookChanged(() => setVersion((v) => v + 1)), []);

  const needPassphrase = !setup?.passphrase_known;
  const canRun = !running && folder.trim() !== "" && (!needPassphrase || passphrase !== "");

  const run = async () => {
    setRunning(true);
    setError(null);
    setSummary(null);
    setProgress(null);
    const stop = await sync.onProgress(setProgress).catch(() => null);
    try {
      setSummary(await sync.run(folder.trim(), passphrase || null));
      setPassphrase("");
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    } finally {
      stop?.();
      setRunning(false);
      setProgress(null);
    }
  };

  const last = setup?.status.last_synced_at;
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;

  return (
    <section className="card" data-testid="sync-settings">
      <h2 className="card-title">{t("sync.title")}</h2>
      <p className="muted card-hint">{t("sync.hint")}</p>
      <label className="field">
        <span className="field-label">{t("sync.folder")}</span>
        <input
          className="input mono"
          data-testid="sync-folder"
          value={folder}
          placeholder={t("sync.folderPlaceholder")}
          onChange={(e) => setFolder(e.target.value)}
        />
      </label>
      {needPassphrase && (
        <label className="field">
          <span className="field-label">{t("sync.passphrase")}</span>
          <input
            className="input"
            type="password"
            autoComplete="off"
            data-testid="sync-passphrase"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <span className="muted card-hint">{t("sync.passphraseHint")}</span>
        </label>
      )}
      <div className="row-actions">
        <button type="button" className="button button-primary" disabled={!canRun} onClick={run} data-testid="sync-now">
          {running ? t("sync.running") : t("sync.now")}
        </button>
        <span className="muted" data-testid="sync-last">
          {last ? t("sync.last", { when: formatTimestamp(last, i18n.language) }) : t("sync.never")}
        </span>
      </div>
      {running && (
        <div className="sync-progress" data-testid="sync-progress">
          <progress max={100} value={pct ?? undefined} />
          <span className="muted">{progress ? t(`sync.stage.${progress.stage}`, { defaultValue: progress.stage }) : ""}</span>
        </div>
      )}
      {error !== null && <ErrorBanner error={error} />}
      {summary && <SyncSummaryView summary={summary} />}
      {setup && setup.status.open_conflicts > 0 && (
        <p className="muted" data-testid="sync-open-conflicts">
          {t("sync.openConflicts", { count: setup.status.open_conflicts })}
        </p>
      )}
    </section>
  );
}

function SyncSummaryView({ summary: s }: { summary: SyncSummary }) {
  const { t } = useTranslation();
  return (
    <div className="sync-summary" data-testid="sync-summary">
      {s.team_created && <p>{t("sync.teamCreated")}</p>}
      <p data-testid="sync-summary-in">
        {t("sync.received", { count: s.applied, added: s.customers_in.added, changed: s.customers_in.changed, deleted: s.customers_in.deleted })}
      </p>
      <p data-testid="sync-summary-out">
        {t("sync.sent", { count: s.sent, added: s.customers_out.added, changed: s.customers_out.changed, deleted: s.customers_out.deleted })}
      </p>
      {s.conflicts > 0 && <p data-testid="sync-summary-conflicts">{t("sync.conflicts", { count: s.conflicts })}</p>}
      {s.future_stamps > 0 && <p>{t("sync.futureStamps", { count: s.future_stamps })}</p>}
      {s.skipped_segments.length > 0 && (
        <ul className="sync-skipped" data-testid="sync-skipped">
          {s.skipped_segments.map((k) => (
            <li key={k.name}>
              <span className="mono">{k.name}</span> — {t(`sync.skip.${k.reason}`, { defaultValue: k.reason })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
