import type { TFunction } from "i18next";

import { toApiError } from "../../api";
import { errorText } from "../../i18n/errors";

/** Codes of the export and cleaning commands, translated under `data.errors`. */
export const DATA_ERROR_CODES = [
  "export_path_invalid",
  "export_folder_missing",
  "customer_not_found",
  "customer_in_trash",
  "merge_nothing",
  "merge_self",
  "merge_repeated",
  "merge_kind_mismatch",
  "merge_already_undone",
  "merge_customer_purged",
  "restore_not_empty",
  "dump_truncated",
  "dump_corrupt",
  "dump_version",
  "dump_format",
  "dump_schema_newer",
  "dump_table_unknown",
  "dump_column_unknown",
  "dump_row_width",
  "dump_value",
] as const;

export type DataErrorCode = (typeof DATA_ERROR_CODES)[number];

function isDataErrorCode(code: string): code is DataErrorCode {
  return (DATA_ERROR_CODES as readonly string[]).includes(code);
}

export function dataErrorText(t: TFunction, error: unknown): string {
  const e = toApiError(error);
  if (isDataErrorCode(e.code)) return t(`data.errors.${e.code}`, { message: e.message });
  return errorText(t, error);
}
