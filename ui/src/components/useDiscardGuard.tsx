import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { ConfirmDialog } from "./ConfirmDialog";

/**
 * Esc, Cancel or a click beside a half-typed form asks before throwing the typing away.
 * `close` is what the form's Dialog and Cancel call; `prompt` is rendered inside the form's
 * Dialog (the question, while it is asked).
 */
export function useDiscardGuard(dirty: boolean, onClose: () => void): { close: () => void; prompt: ReactNode } {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const close = () => (dirty ? setAsking(true) : onClose());
  const prompt = asking ? (
    <ConfirmDialog
      title={t("form.discardTitle")}
      body={t("form.discardBody")}
      confirmLabel={t("form.discard")}
      danger
      onConfirm={onClose}
      onCancel={() => setAsking(false)}
    />
  ) : null;
  return { close, prompt };
}

/** Whether `state` (what a form holds) differs from what it held when the form opened. */
export function useEditedSinceOpen(state: unknown): boolean {
  const now = JSON.stringify(state);
  const [opened] = useState(now);
  return now !== opened;
}
