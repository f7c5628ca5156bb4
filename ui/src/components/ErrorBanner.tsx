import { useTranslation } from "react-i18next";

import { errorText } from "../i18n/errors";
import { AlertIcon, CloseIcon } from "./Icons";

type ErrorBannerProps = { error: unknown; onRetry?: () => void; onDismiss?: () => void };

export function ErrorBanner({ error, onRetry, onDismiss }: ErrorBannerProps) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <AlertIcon size={16} />
      <span className="banner-text">{errorText(t, error)}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t("actions.retry")}
        </button>
      )}
      {onDismiss && (
        <button type="button" className="icon-button" aria-label={t("actions.dismiss")} onClick={onDismiss}>
          <CloseIcon size={14} />
        </button>
      )}
    </div>
  );
}
