import type { TFunction } from "i18next";

import { toApiError } from "../api";

/** Every error code the core sends (fieldbook_core::CoreError::code), plus our own `ipc`. */
export const ERROR_CODES = [
  "name_empty",
  "name_too_long",
  "text_too_long",
  "email_invalid",
  "phone_invalid",
  "date_impossible",
  "date_format",
  "lunar_date_impossible",
  "label_empty",
  "company_invalid",
  "kind_has_members",
  "not_found",
  "conflict",
  "storage",
  "migration",
  "io",
  "corrupt",
  "locale_invalid",
  "sync_passphrase_wrong",
  "sync_passphrase_required",
  "sync_unreachable",
  "sync_place_foreign",
  "locked",
  "passphrase_required",
  "passphrase_wrong",
  "passphrase_empty",
  "passphrase_already_set",
  "book_not_encrypted",
  "book_corrupt",
  "book_busy",
  "unlock_wait",
  "idle_minutes_invalid",
  "backup_running",
  "backup_not_found",
  "backup_keep_invalid",
  "disk_full",
  "busy",
  "sync_s3_url",
  "sync_s3_credentials",
  "sync_s3_auth",
  "sync_s3_bucket_missing",
  "sync_s3_error",
  "sync_interval",
  "ipc",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes of the customer records (interactions, orders, products, complaints, classification,
 * timeline), translated under `recordErrors.*`. `number_invalid` is the UI's own: a money or
 * quantity box that does not hold a decimal number (caught before the core would reject it).
 */
export const RECORD_ERROR_CODES = [
  "summary_empty",
  "subject_empty",
  "description_empty",
  "lines_empty",
  "customer_not_found",
  "customer_in_trash",
  "date_out_of_range",
  "time_format",
  "currency_invalid",
  "price_currency_mismatch",
  "price_missing",
  "price_negative",
  "product_not_found",
  "quantity_not_positive",
  "pct_out_of_range",
  "amount_too_large",
  "satisfaction_out_of_range",
  "return_visit_before_opened",
  "thresholds_invalid",
  "cursor_invalid",
  "number_invalid",
  "money_invalid",
  "input_invalid",
] as const;
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];

function isRecordErrorCode(code: string): code is RecordErrorCode {
  return (RECORD_ERROR_CODES as readonly string[]).includes(code);
}

export function isKnownErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Codes of the reminder and holiday commands, translated under `reminders.errors`. */
export const REMINDER_ERROR_CODES = [
  "reminder_key_invalid",
  "title_empty",
  "until_before_start",
  "lead_time_too_long",
  "interval_invalid",
  "country_unknown",
  "time_invalid",
  "quiet_hours_empty",
  "template_unknown",
  "template_too_long",
  "range_too_long",
  "holiday_file_invalid",
] as const;
export type ReminderErrorCode = (typeof REMINDER_ERROR_CODES)[number];

function isReminderErrorCode(code: string): code is ReminderErrorCode {
  return (REMINDER_ERROR_CODES as readonly string[]).includes(code);
}

/** Codes of segments, bulk edit and handover, translated under `segments.errors`. */
export const SEGMENT_ERROR_CODES = [
  "segment_name_empty",
  "segment_name_taken",
  "month_invalid",
  "days_invalid",
  "spend_range_invalid",
  "owner_empty",
  "handover_same_owner",
  "nothing_to_change",
  "tag_add_and_remove",
  "too_many",
  "filter_invalid",
] as const;
export type SegmentErrorCode = (typeof SEGMENT_ERROR_CODES)[number];

function isSegmentErrorCode(code: string): code is SegmentErrorCode {
  return (SEGMENT_ERROR_CODES as readonly string[]).includes(code);
}

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

/** The translated sentence for an error; unknown codes get a generic text plus the detail. */
export function errorText(t: TFunction, error: unknown): string {
  const e = toApiError(error);
  if (isKnownErrorCode(e.code)) return t(`errors.${e.code}`, { message: e.message });
  if (isRecordErrorCode(e.code)) return t(`recordErrors.${e.code}`);
  if (isReminderErrorCode(e.code)) return t(`reminders.errors.${e.code}`, { message: e.message });
  if (isSegmentErrorCode(e.code)) return t(`segments.errors.${e.code}`);
  if (isImportErrorCode(e.code)) return t(`import.errors.${e.code}`, { message: e.message });
  return t("errors.unknown", { message: e.message });
}
