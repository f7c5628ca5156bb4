import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  events,
  sync,
  type SyncFinished,
  type SyncPlaceInput,
  type SyncProgress,
  type SyncSetup,
  type SyncSummary,
} from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/TextField";
import { formatTimestamp } from "../../lib/dates";

type Kind = "folder" | "s3";

/** The region an S3-compatible server gets when none is typed (what most of them expect). */
const DEFAULT_REGION = "us-east-1";

/** Intervals offered for the background sync, in minutes (0: off). */
const INTERVALS = [0, 5, 15, 30, 60];

/** A saved bucket address split back into the form's server and bucket fields. */
function splitBucketUrl(place: string): { endpoint: string; bucket: string } {
  const m = /^(https?:\/\/[^/]+)\/(.*)$/.exec(place);
  return m ? { endpoint: m[1] ?? place, bucket: m[2] ?? "" } : { endpoint: place, bucket: "" };
}

/**
 * Settings → Sync (同步): the team's shared folder or S3-compatible bucket, the team passphrase
 * and the bucket's secret (both kept in memory for this run only), Sync now with progress, what
 * the last sync did on each side, and an optional sync every N minutes in the background.
 */
export function SyncSection() {
  const { t, i18n } = useTranslation();
  const [setup, setSetup] = useState<SyncSetup | null>(null);
  const [kind, setKind] = useState<Kind>("folder");
  const [folder, setFolder] = useState("");
  const [endpoint, setEndpoint] = useState("");
  const [bucket, setBucket] = useState("");
  const [region, setRegion] = useState(DEFAULT_REGION);
  const [accessKey, setAccessKey] = useState("");
  const [secret, setSecret] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [summary, setSummary] = useState<SyncSummary | null>(null);
  const [background, setBackground] = useState<SyncFinished | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [filled, setFilled] = useState(false);

  useEffect(() => {
    let live = true;
    sync.status().then(
      (s) => {
        if (!live) return;
        setSetup(s);
        if (filled) return;
        setFilled(true);
        const place = s.status.place ?? "";
        if (/^https?:\/\//.test(place)) {
          const split = splitBucketUrl(place);
          setKind("s3");
          // Never overwrite what the user typed while the saved place was loading.
          setEndpoint((typed) => typed || split.endpoint);
          setBucket((typed) => typed || split.bucket);
          setAccessKey((typed) => typed || (s.status.access_key ?? ""));
          setRegion((typed) => (typed !== DEFAULT_REGION ? typed : (s.status.region ?? DEFAULT_REGION)));
        } else {
          setFolder((typed) => typed || place);
        }
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [version, filled]);

  // A conflict restored elsewhere in the window changes the open count.
  useEffect(() => events.onBookChanged(() => setVersion((v) => v + 1)), []);

  // A background sync's outcome, shown under the form.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    sync
      .onFinished((f) => {
        setBackground(f);
        setVersion((v) => v + 1);
      })
      .then(
        (s) => (live ? (stop = s) : s()),
        () => undefined,
      );
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  const needPassphrase = !setup?.passphrase_known;
  const needSecret = !setup?.secret_known;
  const placeReady =
    kind === "folder"
      ? folder.trim() !== ""
      : endpoint.trim() !== "" && bucket.trim() !== "" && accessKey.trim() !== "" && (!needSecret || secret !== "");
  const canRun = !running && placeReady && (!needPassphrase || passphrase !== "");

  const place = (): SyncPlaceInput =>
    kind === "folder"
      ? { kind: "folder", path: folder.trim() }
      : {
          kind: "s3",
          endpoint: endpoint.trim(),
          bucket: bucket.trim(),
          access_key: accessKey.trim(),
          secret: secret || null,
          region: region.trim() || DEFAULT_REGION,
        };

  const run = async () => {
    setRunning(true);
    setError(null);
    setSummary(null);
    setProgress(null);
    const stop = await sync.onProgress(setProgress).catch(() => null);
    try {
      setSummary(await sync.run(place(), passphrase || null));
      setPassphrase("");
      setSecret("");
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    } finally {
      stop?.();
      setRunning(false);
      setProgress(null);
    }
  };

  const changeInterval = async (minutes: number) => {
    setError(null);
    try {
      await sync.setInterval(minutes);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };

  const last = setup?.status.last_synced_at;
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;

  return (
    <section className="card" data-testid="sync-settings">
      <h2 className="card-title">{t("sync.title")}</h2>
      <p className="muted card-hint">{t("sync.hint")}</p>
      <fieldset className="field sync-kind" data-testid="sync-kind">
        <legend className="field-label">{t("sync.where")}</legend>
        {(["folder", "s3"] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="sync-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`sync-kind-${k}`} />
            {t(k === "folder" ? "sync.kindFolder" : "sync.kindS3")}
          </label>
        ))}
      </fieldset>
      {kind === "folder" ? (
        <TextField
          label={t("sync.folder")}
          testId="sync-folder"
          mono
          value={folder}
          placeholder={t("sync.folderPlaceholder")}
          onChange={setFolder}
        />
      ) : (
        <div className="sync-s3">
          <TextField
            label={t("sync.endpoint")}
            testId="sync-endpoint"
            mono
            value={endpoint}
            placeholder={t("sync.endpointPlaceholder")}
            onChange={setEndpoint}
          />
          <TextField label={t("sync.bucket")} testId="sync-bucket" mono value={bucket} onChange={setBucket} />
          <TextField
            label={t("sync.accessKey")}
            testId="sync-access-key"
            mono
            autoComplete="off"
            value={accessKey}
            onChange={setAccessKey}
          />
          <TextField
            label={t("sync.secret")}
            testId="sync-secret"
            type="password"
            value={secret}
            placeholder={needSecret ? "" : "••••••••"}
            hint={needSecret ? t("sync.secretHint") : t("sync.secretKnown")}
            onChange={setSecret}
          />
          <TextField
            label={t("sync.region")}
            testId="sync-region"
            mono
            value={region}
            placeholder={DEFAULT_REGION}
            hint={t("sync.regionHint")}
            onChange={setRegion}
          />
        </div>
      )}
      {needPassphrase && (
        <TextField
          label={t("sync.passphrase")}
          testId="sync-passphrase"
          type="password"
          value={passphrase}
          hint={t("sync.passphraseHint")}
          onChange={setPassphrase}
        />
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
      <label className="field">
        <span className="field-label">{t("sync.every")}</span>
        <select
          className="input"
          data-testid="sync-every"
          value={setup?.status.every_minutes ?? 0}
          onChange={(e) => void changeInterval(Number(e.target.value))}
        >
          {INTERVALS.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t("sync.everyOff") : t("sync.everyMinutes", { count: m })}
            </option>
          ))}
        </select>
        <span className="muted card-hint">{t("sync.everyHint")}</span>
      </label>
      {error !== null && <ErrorBanner error={error} />}
      {background?.error && (
        <div data-testid="sync-background-error">
          <p className="muted">{t("sync.backgroundFailed")}</p>
          <ErrorBanner error={background.error} />
        </div>
      )}
      {background?.summary && !summary && last && (
        <p className="muted" data-testid="sync-background">
          {t("sync.background", { when: formatTimestamp(last, i18n.language) })}
        </p>
      )}
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
      {s.snapshot_in && <p data-testid="sync-summary-snapshot-in">{t("sync.snapshotIn", { name: s.snapshot_in })}</p>}
      <p data-testid="sync-summary-in">
        {t("sync.received", { count: s.applied, added: s.customers_in.added, changed: s.customers_in.changed, deleted: s.customers_in.deleted })}
      </p>
      <p data-testid="sync-summary-out">
        {t("sync.sent", { count: s.sent, added: s.customers_out.added, changed: s.customers_out.changed, deleted: s.customers_out.deleted })}
      </p>
      {s.conflicts > 0 && <p data-testid="sync-summary-conflicts">{t("sync.conflicts", { count: s.conflicts })}</p>}
      {s.future_stamps > 0 && <p>{t("sync.futureStamps", { count: s.future_stamps })}</p>}
      {s.snapshot_out && <p>{t("sync.snapshotOut", { name: s.snapshot_out })}</p>}
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
