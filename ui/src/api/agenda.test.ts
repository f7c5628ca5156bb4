import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";

import { agenda, customReminders, holidays, reminderSettings, reminders, type CustomReminderInput } from ".";
import { defaultReminderSettings } from "../dev/fakeBackend";

type Seen = { cmd: string; args: unknown };

function record(answer: unknown = null): Seen[] {
  const seen: Seen[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    return answer;
  });
  return seen;
}

afterEach(() => clearMocks());

const input: CustomReminderInput = {
  customer_id: "c1",
  title: "续保",
  start_date: "2026-12-01",
  repeat: "yearly",
  until_date: null,
  notes: null,
};
const settings = defaultReminderSettings();

describe("api seam: reminder commands", () => {
  it.each([
    ["agenda.list", () => agenda.list("2026-11-01", 30), "agenda_list", { from: "2026-11-01", days: 30 }],
    ["agenda.list (today, capped at 62 days)", () => agenda.list(null, 90), "agenda_list", { from: null, days: 62 }],
    ["agenda.overdueRevisits", () => agenda.overdueRevisits(200), "agenda_overdue_revisits", { limit: 200 }],
    ["reminders.done", () => reminders.done("birthday:c1:2026-11-23"), "reminders_done", { key: "birthday:c1:2026-11-23" }],
    ["reminders.dismiss", () => reminders.dismiss("k:a:b"), "reminders_dismiss", { key: "k:a:b" }],
    ["reminders.reopen", () => reminders.reopen("k:a:b"), "reminders_reopen", { key: "k:a:b" }],
    ["reminders.snooze", () => reminders.snooze("k:a:b", "next_week"), "reminders_snooze", { key: "k:a:b", snooze: "next_week" }],
    ["reminderSettings.get", () => reminderSettings.get(), "reminders_settings_get", {}],
    ["reminderSettings.update", () => reminderSettings.update(settings), "reminders_settings_update", { settings }],
    ["customReminders.list", () => customReminders.list("c1"), "reminders_custom_list", { customerId: "c1" }],
    ["customReminders.list (all)", () => customReminders.list(null), "reminders_custom_list", { customerId: null }],
    ["customReminders.create", () => customReminders.create(input), "reminders_custom_create", { input }],
    ["customReminders.update", () => customReminders.update("r1", input), "reminders_custom_update", { id: "r1", input }],
    ["customReminders.delete", () => customReminders.delete("r1"), "reminders_custom_delete", { id: "r1" }],
    ["holidays.coverage", () => holidays.coverage(), "holidays_coverage", {}],
    ["holidays.import", () => holidays.import("{}"), "holidays_import", { json: "{}" }],
  ])("%s → %s", async (_name, run, cmd, args) => {
    const seen = record();
    await run();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.cmd).toBe(cmd);
    expect(seen[0]!.args ?? {}).toEqual(args);
  });
});
