import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { security, type SecurityStatus } from "../../api";
import { Dialog } from "../../components/Dialog";
import { TextField } from "../../components/TextField";
import { errorText } from "../../i18n/errors";

/** A new, empty book: offer to protect it with a passphrase now (skippable; Settings → Security later). */
export function FirstStartDialog({ onDone }: { onDone: (status: SecurityStatus | null) => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mismatch = repeat !== "" && repeat !== passphrase;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase || mismatch || busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await security.setPassphrase(passphrase));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("security.firstTitle")} onClose={() => onDone(null)} testId="first-start-passphrase">
      <form onSubmit={submit} className="security-form">
        <p className="muted">{t("security.firstHint")}</p>
        <PassphraseFields passphrase={passphrase} repeat={repeat} onPassphrase={setPassphrase} onRepeat={setRepeat} prefix="first" />
        {mismatch && <p className="field-error">{t("security.mismatch")}</p>}
        {error !== null && <p className="field-error" role="alert">{errorText(t, error)}</p>}
        <div className="row-actions">
          <button type="button" className="button" data-testid="first-skip" onClick={() => onDone(null)}>
            {t("security.skip")}
          </button>
          <button type="submit" className="button button-primary" data-testid="first-set" disabled={!passphrase || mismatch || repeat === "" || busy}>
            {t("security.setPassphrase")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type FieldsProps = {
  passphrase: string;
  repeat: string;
  onPassphrase: (v: string) => void;
  onRepeat: (v: string) => void;
  prefix: string;
};

/** A new passphrase and its repetition. */
export function PassphraseFields({ passphrase, repeat, onPassphrase, onRepeat, prefix }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("security.newPassphrase")}
        type="password"
        autoComplete="new-password"
        testId={`${prefix}-new`}
        value={passphrase}
        onChange={onPassphrase}
      />
      <TextField
        label={t("security.repeatPassphrase")}
        type="password"
        autoComplete="new-password"
        testId={`${prefix}-repeat`}
        value={repeat}
        onChange={onRepeat}
      />
    </>
  );
}
