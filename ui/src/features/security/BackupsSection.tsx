import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { backups, type BackupInfo, type BackupPreview, type BackupSettings } from "../../api";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/TextField";
import { useToast } from "../../components/Toast";
import { formatTimestamp } from "../../lib/dates";
import { useSecurity } from "./securityContext";

/** 1.2 MB, 340 KB … for the list. */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Settings → Backups (备份): the backups in the backup folder (time, size, customers), Back up
 * now, and restoring one after seeing what it holds; where backups go and how many are kept.
 */
export function BackupsSection() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const { reload, status } = useSecurity();
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [folder, setFolder] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [version, setVersion] = useState(0);

  // Listed again after each new status too: setting, changing or removing the passphrase
  // converts the backups along with the book.
  useEffect(() => {
    let live = true;
    backups.list().then((l) => live && setList(l), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [version, status]);

  useEffect(() => {
    let live = true;
    backups.settings().then(
      (s) => {
        if (!live) return;
        setSettings(s);
        setFolder(s.folder ?? "");
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);

  const backUpNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await backups.now();
      toast({ message: (t) => t("backups.made", { name: made.file_name }), tone: "success" });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const openPreview = async (info: BackupInfo) => {
    setError(null);
    try {
      setPreview(await backups.preview(info.path));
    } catch (e) {
      setError(e);
    }
  };

  const save = async (next: BackupSettings) => {
    setError(null);
    try {
      const saved = await backups.updateSettings(next);
      setSettings(saved);
      setFolder(saved.folder ?? "");
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };

  const keep = (field: "keep_daily" | "keep_weekly", text: string) => {
    if (!settings) return;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) {
      setError(new Error(t("backups.keepInvalid")));
      return;
    }
    if (n !== settings[field]) void save({ ...settings, [field]: n });
  };

  return (
    <section className="card" data-testid="backup-settings">
      <h2 className="card-title">{t("backups.title")}</h2>
      <p className="muted card-hint">{t("backups.hint")}</p>
      <div className="row-actions">
        <button type="button" className="button button-primary" data-testid="backup-now" disabled={busy} onClick={backUpNow}>
          {busy ? t("backups.running") : t("backups.now")}
        </button>
        {busy && <progress aria-label={t("backups.running")} />}
      </div>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {list === null ? (
        <p className="muted">{t("settings.loading")}</p>
      ) : list.length === 0 ? (
        <p className="muted" data-testid="backup-empty">{t("backups.empty")}</p>
      ) : (
        <table className="backup-table" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t("backups.when")}</th>
              <th>{t("backups.size")}</th>
              <th>{t("backups.customers")}</th>
              <th aria-label={t("backups.actions")} />
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.path} data-testid="backup-row" data-file={b.file_name}>
                <td>
                  {formatTimestamp(b.taken_at, i18n.language)}
                  {!b.automatic && <span className="muted"> · {t("backups.beforeRestore")}</span>}
                </td>
                <td>{size(b.bytes)}</td>
                <td>{b.problem ? <span className="field-error">{t(`errors.${b.problem}`, { defaultValue: b.problem })}</span> : (b.customers ?? "")}</td>
                <td>
                  <button type="button" className="button button-small" data-testid="backup-restore" disabled={b.problem !== null} onClick={() => openPreview(b)}>
                    {t("backups.restore")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {settings && (
        <div className="backup-settings-grid">
          <label className="check-row">
            <input
              type="checkbox"
              data-testid="backup-automatic"
              checked={settings.automatic}
              onChange={(e) => void save({ ...settings, automatic: e.target.checked })}
            />
            <span>{t("backups.automatic")}</span>
          </label>
          <TextField
            label={t("backups.folder")}
            mono
            testId="backup-folder"
            value={folder}
            placeholder={t("backups.folderDefault")}
            onChange={setFolder}
            onBlur={() => (folder.trim() || null) !== settings.folder && void save({ ...settings, folder: folder.trim() || null })}
          />
          <div className="backup-keep">
            <label className="field">
              <span className="field-label">{t("backups.keepDaily")}</span>
              <input className="input" inputMode="numeric" data-testid="backup-keep-daily" defaultValue={settings.keep_daily} key={`d${settings.keep_daily}`} onBlur={(e) => keep("keep_daily", e.target.value)} />
            </label>
            <label className="field">
              <span className="field-label">{t("backups.keepWeekly")}</span>
              <input className="input" inputMode="numeric" data-testid="backup-keep-weekly" defaultValue={settings.keep_weekly} key={`w${settings.keep_weekly}`} onBlur={(e) => keep("keep_weekly", e.target.value)} />
            </label>
          </div>
        </div>
      )}
      {preview && (
        <RestoreDialog
          preview={preview}
          onClose={() => setPreview(null)}
          onRestored={(customers) => {
            setPreview(null);
            toast({ message: (t) => t("backups.restored", { count: customers }), tone: "success" });
            reload();
          }}
        />
      )}
    </section>
  );
}

type RestoreDialogProps = { preview: BackupPreview; onClose: () => void; onRestored: (customers: number) => void };

/** What the backup holds, and the confirmation to restore it. */
function RestoreDialog({ preview, onClose, onRestored }: RestoreDialogProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const report = await backups.restore(preview.info.path);
      onRestored(report.customers);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("backups.restoreTitle")}
      onClose={() => !busy && onClose()}
      testId="backup-preview"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t("actions.cancel")}
          </button>
          <button type="button" className="button button-danger" data-testid="backup-restore-confirm" disabled={busy} onClick={restore}>
            {busy ? t("backups.restoring") : t("backups.restoreConfirm")}
          </button>
        </>
      }
    >
      <p>{t("backups.restoreFrom", { time: formatTimestamp(preview.info.taken_at, i18n.language) })}</p>
      <dl className="facts">
        <div className="fact">
          <dt>{t("backups.customers")}</dt>
          <dd data-testid="backup-preview-customers">{preview.info.customers ?? 0}</dd>
        </div>
        <div className="fact">
          <dt>{t("backups.interactions")}</dt>
          <dd>{preview.interactions}</dd>
        </div>
        <div className="fact">
          <dt>{t("backups.orders")}</dt>
          <dd>{preview.orders}</dd>
        </div>
      </dl>
      {preview.sample_names.length > 0 && (
        <p className="muted" data-testid="backup-preview-names">
          {t("backups.sample", { names: preview.sample_names.join(i18n.language.startsWith("zh") ? "、" : ", ") })}
        </p>
      )}
      <p className="muted">{t("backups.restoreWarning")}</p>
      {error !== null && <ErrorBanner error={error} />}
    </Dialog>
  );
}
