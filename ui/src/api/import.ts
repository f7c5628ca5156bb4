import { listen } from "@tauri-apps/api/event";

import { call } from "./client";
import type { ColumnMapping } from "./bindings/ColumnMapping";
import type { DuplicatePolicy } from "./bindings/DuplicatePolicy";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportReport } from "./bindings/ImportReport";
import type { MappingTemplate } from "./bindings/MappingTemplate";
import type { ReadOptions } from "./bindings/ReadOptions";
import type { RestoreSummary } from "./bindings/RestoreSummary";

/** The shell emits this while an import writes: rows done of the total. */
export const IMPORT_PROGRESS_EVENT = "import-progress";

export type ImportRequest = {
  path: string;
  options: ReadOptions;
  /** Null: the guessed mapping (the first preview of a file). */
  mapping: ColumnMapping[] | null;
  onDuplicate: DuplicatePolicy;
  /** Strict: a row with an unreadable optional cell (a birthday …) is rejected, not imported without it. */
  strict: boolean;
};

export const importer = {
  /** Read the file and dry-run the import: detected format, mapping, first rows, report. */
  preview(req: ImportRequest): Promise<ImportPreview> {
    return call("import_preview", {
      path: req.path,
      options: req.options,
      mapping: req.mapping,
      onDuplicate: req.onDuplicate,
      strict: req.strict,
    });
  },
  /** Import for real, in one transaction. Rejects with `import_cancelled` after `cancel()`. */
  run(req: ImportRequest, skipInvalid: boolean): Promise<ImportReport> {
    return call("import_run", {
      path: req.path,
      options: req.options,
      mapping: req.mapping,
      onDuplicate: req.onDuplicate,
      strict: req.strict,
      skipInvalid,
    });
  },
  cancel(): Promise<null> {
    return call("import_cancel");
  },
  /** Restore a Fieldbook JSON dump: the whole book, into an empty one only. */
  restoreDump(path: string): Promise<RestoreSummary> {
    return call("import_restore_dump", { path });
  },
  templates(): Promise<MappingTemplate[]> {
    return call("import_templates_list");
  },
  saveTemplate(template: MappingTemplate): Promise<MappingTemplate[]> {
    return call("import_templates_save", { template });
  },
  deleteTemplate(name: string): Promise<MappingTemplate[]> {
    return call("import_templates_delete", { name });
  },
  /** Calls `callback` on each progress event; resolves to a function that stops listening. */
  onProgress(callback: (p: ImportProgress) => void): Promise<() => void> {
    return listen<ImportProgress>(IMPORT_PROGRESS_EVENT, (e) => callback(e.payload));
  },
};
