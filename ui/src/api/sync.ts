import { listen } from "@tauri-apps/api/event";

import { call } from "./client";
import type { Conflict } from "./bindings/Conflict";
import type { SyncProgress } from "./bindings/SyncProgress";
import type { SyncSetup } from "./bindings/SyncSetup";
import type { SyncSummary } from "./bindings/SyncSummary";

/** A running sync's progress (receive / send / done). */
export const SYNC_PROGRESS_EVENT = "sync-progress";

export const sync = {
  /** The saved team folder, the last sync, open conflicts, whether the passphrase is known. */
  status(): Promise<SyncSetup> {
    return call("sync_status");
  },
  /** Sync now with `folder`; `passphrase` null: the one this run of the app already knows. */
  run(folder: string, passphrase: string | null): Promise<SyncSummary> {
    return call("sync_run", { folder, passphrase });
  },
  conflicts(customerId: string | null): Promise<Conflict[]> {
    return call("sync_conflicts", { customerId });
  },
  restoreConflict(id: string): Promise<Conflict> {
    return call("sync_restore_conflict", { id });
  },
  /** Calls `callback` with each progress step; resolves to a function that stops listening. */
  onProgress(callback: (p: SyncProgress) => void): Promise<() => void> {
    return listen<SyncProgress>(SYNC_PROGRESS_EVENT, (e) => callback(e.payload));
  },
};
