import { call } from "./client";
import type { CustomReminder } from "./bindings/CustomReminder";
import type { CustomReminderInput } from "./bindings/CustomReminderInput";
import type { HolidayCoverage } from "./bindings/HolidayCoverage";
import type { HolidayDay } from "./bindings/HolidayDay";
import type { Occurrence } from "./bindings/Occurrence";
import type { OverdueRevisit } from "./bindings/OverdueRevisit";
import type { RevisitPage } from "./bindings/RevisitPage";
import type { ReminderSettings } from "./bindings/ReminderSettings";
import type { ReminderState } from "./bindings/ReminderState";
import type { SnoozeFor } from "./bindings/SnoozeFor";

/** The longest window one `agenda_list` call returns (the shell caps it there). */
export const MAX_AGENDA_DAYS = 62;

export const agenda = {
  /** Occurrences whose date falls in `days` days from `from` (YYYY-MM-DD; null = today). */
  list(from: string | null, days: number): Promise<Occurrence[]> {
    return call("agenda_list", { from, days: Math.min(days, MAX_AGENDA_DAYS) });
  },
  /** A page of the revisits due on `date`, by name: what a `revisit_group` line stands for. */
  revisitsOn(date: string, offset: number, limit: number): Promise<RevisitPage> {
    return call("agenda_revisits_on", { date, offset, limit });
  },
  /** Customers past their revisit cadence, latest first. */
  overdueRevisits(limit: number): Promise<OverdueRevisit[]> {
    return call("agenda_overdue_revisits", { limit });
  },
};

export const reminders = {
  done(key: string): Promise<ReminderState> {
    return call("reminders_done", { key });
  },
  dismiss(key: string): Promise<ReminderState> {
    return call("reminders_dismiss", { key });
  },
  reopen(key: string): Promise<null> {
    return call("reminders_reopen", { key });
  },
  /** The core turns the choice into an instant from the laptop's clock; the UI sends no time. */
  snooze(key: string, snooze: SnoozeFor): Promise<ReminderState> {
    return call("reminders_snooze", { key, snooze });
  },
};

export const reminderSettings = {
  get(): Promise<ReminderSettings> {
    return call("reminders_settings_get");
  },
  update(value: ReminderSettings): Promise<ReminderSettings> {
    return call("reminders_settings_update", { settings: value });
  },
};

/** Templates the user changed, keyed `kind.lang` ("birthday.zh-CN"); kept in the synced settings. */
export type GreetingTemplates = Record<string, string>;

export const greetingTemplates = {
  get(): Promise<GreetingTemplates> {
    return call("reminders_greetings_get");
  },
  set(templates: GreetingTemplates): Promise<GreetingTemplates> {
    return call("reminders_greetings_set", { templates });
  },
};

/** A customer's own revisit interval in days; null: the tier's. */
export const revisitInterval = {
  get(customerId: string): Promise<number | null> {
    return call("reminders_revisit_interval_get", { customerId });
  },
  set(customerId: string, days: number | null): Promise<null> {
    return call("reminders_revisit_interval_set", { customerId, days });
  },
};

export const customReminders = {
  list(customerId: string | null): Promise<CustomReminder[]> {
    return call("reminders_custom_list", { customerId });
  },
  create(input: CustomReminderInput): Promise<CustomReminder> {
    return call("reminders_custom_create", { input });
  },
  update(id: string, input: CustomReminderInput): Promise<CustomReminder> {
    return call("reminders_custom_update", { id, input });
  },
  delete(id: string): Promise<null> {
    return call("reminders_custom_delete", { id });
  },
};

export const holidays = {
  coverage(): Promise<HolidayCoverage> {
    return call("holidays_coverage");
  },
  /** `json`: the text of the year file the user picked. */
  import(json: string): Promise<HolidayCoverage> {
    return call("holidays_import", { json });
  },
  /**
   * Every day off / make-up workday of `country` between `from` and `to` (inclusive).
   * Callers fall back to the agenda's holiday occurrences if it fails.
   */
  list(country: string, from: string, to: string): Promise<HolidayDay[]> {
    return call("holidays_list", { country, from, to });
  },
};
