/** Codes only the import sends (fieldbook_core::transfer::import), translated under `import.errors`. */
export const IMPORT_ERROR_CODES = [
  "csv_unclosed_quote",
  "csv_malformed",
  "encoding_mismatch",
  "encoding_unknown",
  "import_empty",
  "import_too_large",
  "import_json_unsupported",
  "spreadsheet_unreadable",
  "sheet_not_found",
  "vcard_unterminated",
  "vcard_malformed",
  "mapping_mismatch",
  "mapping_no_name",
  "import_rejected",
  "import_cancelled",
  "tier_invalid",
  "gender_invalid",
  "kind_invalid",
  "customer_type_invalid",
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export function isImportErrorCode(code: string): code is ImportErrorCode {
  return (IMPORT_ERROR_CODES as readonly string[]).includes(code);
}
