import { Fragment } from "react";
import { useTranslation } from "react-i18next";

type FormFooterProps = {
  /** The keyboard hint on the left ("Ctrl+S to save · Esc to cancel"); none leaves a gap. */
  hint?: string;
  onCancel: () => void;
  /** Defaults to "Cancel". */
  cancelLabel?: string;
  cancelTestId?: string;
  saving: boolean;
  saveTestId: string;
  /** Extra class for the footer (e.g. the story dialogs' spacing). */
  className?: string;
};

/** The footer every form dialog shares: hint, Cancel, and a submit button that shows saving. */
export function FormFooter({ hint, onCancel, cancelLabel, cancelTestId, saving, saveTestId, className }: FormFooterProps) {
  const { t } = useTranslation();
  return (
    <div className={`dialog-footer form-footer${className ? ` ${className}` : ""}`}>
      {hint ? (
        <span className="form-shortcuts">
          {/* Each shortcut stays whole when the line wraps ("Esc to / cancel" was split). */}
          {hint.split(" · ").map((part, i) => (
            <Fragment key={part}>
              {i > 0 && " · "}
              <span className="form-shortcut">{part}</span>
            </Fragment>
          ))}
        </span>
      ) : (
        <span className="spacer" />
      )}
      <button type="button" className="button" onClick={onCancel} data-testid={cancelTestId}>
        {cancelLabel ?? t("actions.cancel")}
      </button>
      <button type="submit" className="button button-primary" disabled={saving} data-testid={saveTestId}>
        {saving ? t("actions.saving") : t("actions.save")}
      </button>
    </div>
  );
}
