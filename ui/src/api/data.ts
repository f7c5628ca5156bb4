import { call } from "./client";
import type { DuplicatePage } from "./bindings/DuplicatePage";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ExportResult } from "./bindings/ExportResult";
import type { MergeRecord } from "./bindings/MergeRecord";

/** Export customers, the agenda or the whole book to a file path the user typed or accepted. */
export const dataExport = {
  run(request: ExportRequest, path: string): Promise<ExportResult> {
    return call("export_run", { request, path });
  },
  /** ~/Documents/fieldbook-export-YYYY-MM-DD.<ext> */
  defaultPath(format: ExportFormat): Promise<string> {
    return call("export_default_path", { format });
  },
};

/** Data cleaning: duplicate groups, merge, undo, history. */
export const cleaning = {
  /** The first `limit` groups, oldest first, and how many there are in all. */
  duplicates(limit = 50): Promise<DuplicatePage> {
    return call("cleaning_duplicates", { limit });
  },
  merge(survivorId: string, mergedIds: string[]): Promise<MergeRecord> {
    return call("cleaning_merge", { survivorId, mergedIds });
  },
  undo(mergeId: string): Promise<MergeRecord> {
    return call("cleaning_undo_merge", { mergeId });
  },
  merges(limit = 50): Promise<MergeRecord[]> {
    return call("cleaning_merges", { limit });
  },
  /** The merge that sent this customer to the Trash, if any. */
  mergeOfCustomer(customerId: string): Promise<MergeRecord | null> {
    return call("cleaning_merge_of_customer", { customerId });
  },
};
