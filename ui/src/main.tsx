import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import "./i18n";
import "./styles.css";
import { App } from "./App";
import { ToastProvider } from "./components/Toast";
import { LocaleProvider } from "./features/settings/locale";
import { LockGate } from "./features/security/LockGate";

async function start() {
  // Screenshots without the Rust core: `FIELDBOOK_PREVIEW=1 vite build` plus `?preview` in the
  // URL. In a normal build __PREVIEW_MOCKS__ is false and this import is dropped entirely.
  if (__PREVIEW_MOCKS__ && new URLSearchParams(window.location.search).has("preview")) {
    const { installPreviewMocks } = await import("./dev/preview-mocks");
    installPreviewMocks();
  }
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <LocaleProvider>
        <ToastProvider>
          <LockGate>
            <App />
          </LockGate>
        </ToastProvider>
      </LocaleProvider>
    </StrictMode>,
  );
}

void start();
