// Rendering helpers for component tests: the app's providers around a component, with the
// IPC answered by an in-memory fake core through Tauri's documented mockIPC.
import { render } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ReactElement } from "react";

import { ToastProvider } from "../components/Toast";
import { createFakeBackend, type FakeAgenda, type FakeBackend } from "../dev/fakeBackend";
import { LocaleProvider } from "../features/settings/locale";
import type { Customer } from "../api";
import type { Command } from "../api/client";

type BackendOptions = {
  /** Answer some commands differently (return undefined to fall through to the fake core). */
  override?: (cmd: Command, args: Record<string, unknown>) => unknown;
  /** The language the core has saved (settings_get). */
  locale?: string | null;
  /** Occurrences, reminder states and settings of the fake core's reminder side. */
  agenda?: FakeAgenda;
};

export function installBackend(
  seed: Customer[] = [],
  { override, locale = null, agenda }: BackendOptions = {},
): FakeBackend {
  const backend = createFakeBackend(seed, { locale, keep_in_tray: false, start_at_login: false }, agenda);
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    if (override) {
      const answer = override(cmd as Command, payload);
      if (answer !== undefined) {
        backend.calls.push({ cmd, args: payload });
        return answer;
      }
    }
    return backend.handle(cmd, payload);
  }, { shouldMockEvents: true });
  return backend;
}

export function renderWithProviders(ui: ReactElement) {
  return render(
    <LocaleProvider>
      <ToastProvider>{ui}</ToastProvider>
    </LocaleProvider>,
  );
}

export function callsTo(backend: FakeBackend, cmd: string) {
  return backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}
