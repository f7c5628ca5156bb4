import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { security, type LockSettings, type SecurityStatus } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { TextField } from "../../components/TextField";
import { useToast } from "../../components/Toast";
import { PassphraseFields } from "./FirstStartDialog";
import { useSecurity } from "./securityContext";

type Mode = "idle" | "set" | "change" | "remove";

/**
 * Settings → Security (安全): the book's passphrase (set encrypts the book in place; change
 * re-keys it; remove decrypts it), the idle lock and whether notifications name customers
 * while locked.
 */
export function SecuritySection() {
  const { t } = useTranslation();
  const toast = useToast();
  const { status, setStatus } = useSecurity();
  const [mode, setMode] = useState<Mode>("idle");
  const [current, setCurrent] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [idleText, setIdleText] = useState<string | null>(null);

  if (!status) return null;
  const encrypted = status.encrypted;
  const needsNew = mode === "set" || mode === "change";
  const mismatch = needsNew && repeat !== "" && repeat !== passphrase;
  const ready =
    mode === "remove"
      ? current !== ""
      : needsNew && passphrase !== "" && repeat === passphrase && (mode === "set" || current !== "");

  const reset = (next: Mode) => {
    setMode(next);
    setCurrent("");
    setPassphrase("");
    setRepeat("");
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      let next: SecurityStatus;
      if (mode === "set") next = await security.setPassphrase(passphrase);
      else if (mode === "change") next = await security.changePassphrase(current, passphrase);
      else next = await security.removePassphrase(current);
      setStatus(next);
      toast({ message: (t) => t(`security.done.${mode as "set" | "change" | "remove"}`), tone: "success" });
      reset("idle");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const saveLock = async (lock: LockSettings) => {
    setError(null);
    try {
      const saved = await security.updateLock(lock);
      setStatus({ ...status, lock: saved });
    } catch (e) {
      setError(e);
    }
  };

  const idleValue = idleText ?? String(status.lock.idle_minutes);
  const commitIdle = () => {
    if (idleText === null) return;
    const minutes = Number(idleText);
    setIdleText(null);
    if (!Number.isInteger(minutes) || minutes < 0) {
      setError(new Error(t("security.idleInvalid")));
      return;
    }
    if (minutes !== status.lock.idle_minutes) void saveLock({ ...status.lock, idle_minutes: minutes });
  };

  return (
    <section className="card" data-testid="security-settings">
      <h2 className="card-title">{t("security.title")}</h2>
      <p className="muted card-hint" data-testid="security-state">
        {encrypted ? t("security.encrypted") : t("security.notEncrypted")}
      </p>
      {mode === "idle" ? (
        <div className="row-actions">
          {encrypted ? (
            <>
              <button type="button" className="button" data-testid="security-change" onClick={() => reset("change")}>
                {t("security.changePassphrase")}
              </button>
              <button type="button" className="button button-danger-quiet" data-testid="security-remove" onClick={() => reset("remove")}>
                {t("security.removePassphrase")}
              </button>
            </>
          ) : (
            <button type="button" className="button button-primary" data-testid="security-set" onClick={() => reset("set")}>
              {t("security.setPassphrase")}
            </button>
          )}
        </div>
      ) : (
        <form className="security-form" onSubmit={submit} data-testid={`security-form-${mode}`}>
          {mode === "set" && <p className="muted card-hint">{t("security.setHint")}</p>}
          {mode === "remove" && <p className="muted card-hint">{t("security.removeHint")}</p>}
          {mode !== "set" && (
            <TextField
              label={t("security.currentPassphrase")}
              type="password"
              autoComplete="current-password"
              testId="security-current"
              value={current}
              onChange={setCurrent}
            />
          )}
          {needsNew && (
            <PassphraseFields passphrase={passphrase} repeat={repeat} onPassphrase={setPassphrase} onRepeat={setRepeat} prefix="security" />
          )}
          {mismatch && <p className="field-error">{t("security.mismatch")}</p>}
          <div className="row-actions">
            <button type="submit" className="button button-primary" data-testid="security-submit" disabled={!ready || busy}>
              {busy ? t("security.working") : t(`security.confirm.${mode}`)}
            </button>
            <button type="button" className="button" onClick={() => reset("idle")} disabled={busy}>
              {t("actions.cancel")}
            </button>
          </div>
        </form>
      )}
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <label className="field security-idle">
        <span className="field-label">{t("security.idleMinutes")}</span>
        <input
          className="input"
          inputMode="numeric"
          data-testid="security-idle-minutes"
          disabled={!encrypted}
          value={idleValue}
          onChange={(e) => setIdleText(e.target.value)}
          onBlur={commitIdle}
          onKeyDown={(e) => e.key === "Enter" && commitIdle()}
        />
        <span className="muted card-hint">{encrypted ? t("security.idleHint") : t("security.idleNeedsPassphrase")}</span>
      </label>
      <label className="check-row">
        <input
          type="checkbox"
          data-testid="security-details-while-locked"
          checked={status.lock.details_while_locked}
          onChange={(e) => void saveLock({ ...status.lock, details_while_locked: e.target.checked })}
        />
        <span>
          {t("security.detailsWhileLocked")}
          <span className="muted card-hint">{t("security.detailsWhileLockedHint")}</span>
        </span>
      </label>
      {encrypted && <p className="muted card-hint">{t("security.shortcut")}</p>}
    </section>
  );
}
