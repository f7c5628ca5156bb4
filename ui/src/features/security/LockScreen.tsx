import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, security, type SecurityStatus } from "../../api";
import { LockIcon } from "../../components/Icons";
import { errorText } from "../../i18n/errors";

type LockScreenProps = {
  status: SecurityStatus;
  onUnlocked: (status: SecurityStatus) => void;
  /** A new status after a refused attempt (the wait before the next one). */
  onStatus: (status: SecurityStatus) => void;
};

/** The book is locked: nothing of it shows until its passphrase is given. */
export function LockScreen({ status, onUnlocked, onStatus }: LockScreenProps) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [wait, setWait] = useState(status.retry_after_secs);

  // Count the back-off down so the button comes back on its own.
  useEffect(() => {
    if (wait <= 0) return;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase || busy || wait > 0) return;
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await security.unlock(passphrase));
    } catch (e) {
      setError(e);
      setPassphrase("");
      // A new status: the wait after wrong passphrases, or a damaged book (the right
      // passphrase showed the damage: the gate turns to the damaged-book screen).
      if (e instanceof ApiError && ["passphrase_wrong", "unlock_wait", "book_corrupt"].includes(e.code)) {
        security.status().then((next) => {
          onStatus(next);
          setWait(next.retry_after_secs);
        }, () => {});
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="lock-screen" data-testid="lock-screen">
      <form className="lock-card" onSubmit={submit}>
        <div className="lock-icon" aria-hidden="true">
          <LockIcon size={28} />
        </div>
        <h1>{t("security.lockTitle")}</h1>
        <p className="muted">{t("security.lockHint")}</p>
        <label className="field">
          <span className="field-label">{t("security.passphrase")}</span>
          <input
            className="input"
            type="password"
            autoFocus
            autoComplete="current-password"
            data-testid="unlock-passphrase"
            value={passphrase}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </label>
        {error !== null && (
          <p className="field-error" role="alert" data-testid="unlock-error">
            {errorText(t, error)}
          </p>
        )}
        {wait > 0 && (
          <p className="muted" data-testid="unlock-wait">
            {t("security.retryIn", { seconds: wait })}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary"
          data-testid="unlock-submit"
          disabled={!passphrase || busy || wait > 0}
        >
          {busy ? t("security.unlocking") : t("security.unlock")}
        </button>
        <p className="muted lock-path mono">{status.book_path}</p>
      </form>
    </main>
  );
}
