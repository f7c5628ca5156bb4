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
  "ipc",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
  "range_too_long",
  "holiday_file_invalid",
] as const;
export type ReminderErrorCode = (typeof REMINDER_ERROR_CODES)[number];

function isReminderErrorCode(code: string): code is ReminderErrorCode {
  return (REMINDER_ERROR_CODES as readonly string[]).includes(code);
}

/** The translated sentence for an error; unknown codes get a generic text plus the detail. */
export function errorText(t: TFunction, error: unknown): string {
  const e = toApiError(error);
  if (isKnownErrorCode(e.code)) return t(`errors.${e.code}`, { message: e.message });
  if (isReminderErrorCode(e.code)) return t(`reminders.errors.${e.code}`, { message: e.message });
  return t("errors.unknown", { message: e.message });
}
