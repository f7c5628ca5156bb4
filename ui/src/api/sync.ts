import { listen } from "@tauri-apps/api/event";

import { call } from "./client";
import type { Conflict } from "./bindings/Conflict";
import type { SyncFinished } from "./bindings/SyncFinished";
import type { SyncPlaceInput } from "./bindings/SyncPlaceInput";
import type { SyncProgress } from "./bindings/SyncProgress";
import type { SyncSetup } from "./bindings/SyncSetup";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { SyncSummary } from "./bindings/SyncSummary";

/** A running sync's progress (receive / send / done). */
export const SYNC_PROGRESS_EVENT = "sync-progress";
/** A background sync's outcome. */
export const SYNC_FINISHED_EVENT = "sync-finished";

export const sync = {
  /** The saved place, the last sync, open conflicts, which secrets this run knows. */
  status(): Promise<SyncSetup> {
    return call("sync_status");
  },
  /** Sync now with `place`; `passphrase` null: the one this run of the app already knows. */
  run(place: SyncPlaceInput, passphrase: string | null): Promise<SyncSummary> {
    return call("sync_run", { place, passphrase });
  },
  /** Sync in the background every `minutes` minutes (0: off). */
  setInterval(minutes: number): Promise<SyncStatus> {
    return call("sync_set_interval", { minutes });
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
  /** Calls `callback` when a background sync finishes; resolves to a function that stops listening. */
  onFinished(callback: (f: SyncFinished) => void): Promise<() => void> {
    return listen<SyncFinished>(SYNC_FINISHED_EVENT, (e) => callback(e.payload));
  },
};
