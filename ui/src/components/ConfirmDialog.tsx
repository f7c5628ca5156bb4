import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Dialog } from "./Dialog";

type ConfirmDialogProps = {
  title: ReactNode;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
};

/** "Are you sure?" with the destructive button first in focus order only when it is safe. */
export function ConfirmDialog({ title, body, confirmLabel, danger = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      role="alertdialog"
      initialFocus='[data-testid="confirm-cancel"]'
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} data-testid="confirm-cancel">
            {t("confirm.cancel")}
          </button>
          <button
            type="button"
            className={danger ? "button button-danger" : "button button-primary"}
            onClick={() => void confirm()}
            disabled={busy}
            data-testid="confirm-ok"
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p className="confirm-body">{body}</p>
    </Dialog>
  );
}
