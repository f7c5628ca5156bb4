// Events the Rust shell emits to the window.
import { listen } from "@tauri-apps/api/event";

/** The app emits `open-agenda` when a reminder notification or the tray item is clicked. */
export const OPEN_AGENDA_EVENT = "open-agenda";

export const events = {
  /** Calls `callback` on each `open-agenda`; resolves to a function that stops listening. */
  onOpenAgenda(callback: () => void): Promise<() => void> {
    return listen(OPEN_AGENDA_EVENT, () => callback());
  },
};
