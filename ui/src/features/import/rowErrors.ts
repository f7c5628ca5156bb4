import type { TFunction } from "i18next";

import type { RowError } from "../../api/bindings/RowError";
import { isImportErrorCode, isKnownErrorCode } from "../../i18n/errors";

/** "Row 3, column 生日: This date does not exist" in the UI's language. */
export function rowErrorText(t: TFunction, e: RowError): string {
  const why = isKnownErrorCode(e.code)
    ? t(`errors.${e.code}`, { message: e.message })
    : isImportErrorCode(e.code)
      ? t(`import.errors.${e.code}`, { message: e.message })
      : e.message;
  return e.column
    ? t("import.report.rowColumnError", { row: e.row, column: e.column, why })
    : t("import.report.rowError", { row: e.row, why });
}

/** "Row 3, column 生日: "1990-02-30" could not be read (This date does not exist) — imported without it." */
export function rowWarningText(t: TFunction, w: RowError): string {
  const why = isKnownErrorCode(w.code)
    ? t(`errors.${w.code}`, { message: w.message })
    : isImportErrorCode(w.code)
      ? t(`import.errors.${w.code}`, { message: w.message })
      : w.message;
  return t("import.report.rowWarning", { row: w.row, column: w.column ?? "", value: w.value ?? "", why });
}
