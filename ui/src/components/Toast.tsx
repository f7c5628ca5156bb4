import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { CloseIcon } from "./Icons";

/** Text in the UI's language: a function of `t`, so a toast on screen follows a language switch. */
export type ToastText = string | ((t: TFunction) => string);

export type ToastInput = {
  message: ToastText;
  tone?: "info" | "success" | "error";
  /** e.g. Undo: runs, then the toast closes. */
  action?: { label: ToastText; run: () => void | Promise<void> };
  /** ms; errors stay longer. */
  duration?: number;
};

type ToastItem = ToastInput & { id: number };

const ToastContext = createContext<(toast: ToastInput) => void>(() => {});

export function useToast(): (toast: ToastInput) => void {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback(
    (toast: ToastInput) => {
      const id = nextId.current++;
      // Newest last; at most three on screen.
      setToasts((list) => [...list.slice(-2), { ...toast, id }]);
      const duration = toast.duration ?? (toast.tone === "error" ? 9000 : toast.action ? 7000 : 4000);
      window.setTimeout(() => dismiss(id), duration);
    },
    [dismiss],
  );

  const value = useMemo(() => show, [show]);
  const text = (value: ToastText) => (typeof value === "function" ? value(t) : value);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="region" aria-label={t("toast.region")} aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.tone ?? "info"}`}
            role={toast.tone === "error" ? "alert" : "status"}
            data-testid="toast"
          >
            <span className="toast-message">{text(toast.message)}</span>
            {toast.action && (
              <button
                type="button"
                className="toast-action"
                data-testid="toast-undo"
                onClick={() => {
                  dismiss(toast.id);
                  void toast.action?.run();
                }}
              >
                {text(toast.action.label)}
              </button>
            )}
            <button
              type="button"
              className="icon-button toast-close"
              aria-label={t("actions.dismiss")}
              onClick={() => dismiss(toast.id)}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
