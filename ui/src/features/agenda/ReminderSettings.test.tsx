import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import en from "../../i18n/en.json";
import zhCN from "../../i18n/zh-CN.json";
import { emptyAgenda } from "../../dev/fakeBackend";
import i18n from "../../i18n";
import { errorText, REMINDER_ERROR_CODES } from "../../i18n/errors";
import { ApiError, type ReminderSettings } from "../../api";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { SettingsScreen } from "../settings/SettingsScreen";
import { LEGACY_TEMPLATE_STORAGE_KEY } from "./greetings";

describe("reminder settings", () => {
  it("saves the notification time, lead days, date rules, toggles, countries and revisit intervals", async () => {
    const user = userEvent.setup();
    const backend = installBackend([]);
    renderWithProviders(<SettingsScreen />);
    const card = await screen.findByTestId("reminder-settings");
    const notify = await within(card).findByTestId("notify-at");
    fireEvent.change(notify, { target: { value: "08:30" } });
    await user.clear(within(card).getByTestId("lead-birthday"));
    await user.type(within(card).getByTestId("lead-birthday"), "5");
    await user.selectOptions(within(card).getByTestId("feb29-rule"), "mar1");
    await user.selectOptions(within(card).getByTestId("leap-month-rule"), "regular");
    await user.click(within(card).getByTestId("festivals-toggle"));
    await user.click(within(card).getByTestId("country-JP"));
    await user.click(within(card).getByTestId("country-GB"));
    await user.clear(within(card).getByTestId("revisit-c"));
    await user.clear(within(card).getByTestId("revisit-vip"));
    await user.type(within(card).getByTestId("revisit-vip"), "10");
    await user.click(within(card).getByTestId("save-reminder-settings"));
    await waitFor(() => expect(callsTo(backend, "reminders_settings_update")).toHaveLength(1));
    expect(callsTo(backend, "reminders_settings_update")[0]).toEqual({
      settings: {
        rules: { feb29: "mar1", leap_month: "regular" },
        lead_days: { birthday: 5, anniversary: 3, festival: 1, holiday: 1, revisit: 0, follow_up: 0, custom: 0 },
        festivals: false,
        statutory_holidays: true,
        countries: ["JP", "GB"],
        revisit: { vip: 10, a: 14, b: 30, c: null },
        notify_at: "08:30",
        quiet_hours: null,
      },
    });
    expect(await screen.findByTestId("toast")).toHaveTextContent("Reminder settings saved");
  });

  it("turns quiet hours on with the night proposed, edits them, and refuses an empty window", async () => {
    const user = userEvent.setup();
    const backend = installBackend([]);
    renderWithProviders(<SettingsScreen />);
    const card = await screen.findByTestId("reminder-settings");
    expect(within(card).queryByTestId("quiet-start")).toBeNull();
    await user.click(await within(card).findByTestId("quiet-hours-toggle"));
    expect(within(card).getByTestId("quiet-start")).toHaveValue("22:00");
    fireEvent.change(within(card).getByTestId("quiet-end"), { target: { value: "07:30" } });
    await user.click(within(card).getByTestId("save-reminder-settings"));
    await waitFor(() => expect(callsTo(backend, "reminders_settings_update")).toHaveLength(1));
    expect((callsTo(backend, "reminders_settings_update")[0] as { settings: ReminderSettings }).settings.quiet_hours).toEqual({
      start: "22:00",
      end: "07:30",
    });

    fireEvent.change(within(card).getByTestId("quiet-end"), { target: { value: "22:00" } });
    await user.click(within(card).getByTestId("save-reminder-settings"));
    expect(await within(card).findByTestId("error-banner")).toHaveTextContent("Quiet hours must start and end at different times");
  });

  it("shows the core's refusal in words", async () => {
    const user = userEvent.setup();
    installBackend([], {
      override: (cmd) => {
        if (cmd === "reminders_settings_update") throw { code: "time_invalid", message: "bad", field: "notify_at" };
        return undefined;
      },
    });
    renderWithProviders(<SettingsScreen />);
    const card = await screen.findByTestId("reminder-settings");
    await user.click(await within(card).findByTestId("save-reminder-settings"));
    expect(await within(card).findByTestId("error-banner")).toHaveTextContent("Enter a time of day as HH:MM");
  });
});

describe("holiday data coverage", () => {
  it("warns when next year's statutory holidays are missing, and imports a file", async () => {
    await i18n.changeLanguage("zh-CN");
    const agenda = emptyAgenda();
    agenda.coverage = { country: "CN", bundled: [2024, 2025, 2026], imported: [], missing: [2027] };
    const backend = installBackend([], { locale: "zh-CN", agenda });
    renderWithProviders(<SettingsScreen />);
    expect(await screen.findByTestId("coverage-missing")).toHaveTextContent("缺少 2027 年法定节假日数据");
    expect(screen.getByTestId("coverage-bundled")).toHaveTextContent("2024");

    const json = JSON.stringify({ schema: 1, country: "CN", year: 2027, source: { title: "通知" }, holidays: [] });
    const file = new File([json], "2027.json", { type: "application/json" });
    await userEvent.setup().upload(screen.getByTestId("holiday-file"), file);
    await waitFor(() => expect(callsTo(backend, "holidays_import")).toEqual([{ json }]));
    await waitFor(() => expect(screen.queryByTestId("coverage-missing")).toBeNull());
    expect(screen.getByTestId("coverage-imported")).toHaveTextContent("2027");
  });

  it("says why a file was refused", async () => {
    installBackend([]);
    renderWithProviders(<SettingsScreen />);
    await screen.findByTestId("coverage-bundled");
    await userEvent.setup().upload(screen.getByTestId("holiday-file"), new File(["not json"], "x.json", { type: "application/json" }));
    expect(await within(screen.getByTestId("holiday-coverage")).findByTestId("error-banner")).toHaveTextContent(
      "This is not a valid holiday data file",
    );
  });
});

describe("greeting template editor", () => {
  it("edits a template with a live preview and saves it in the store's settings", async () => {
    const user = userEvent.setup();
    const backend = installBackend([]);
    renderWithProviders(<SettingsScreen />);
    const card = await screen.findByTestId("greeting-templates");
    await user.selectOptions(within(card).getByTestId("template-kind"), "festival");
    const zh = within(card).getByTestId("template-zh-CN");
    await user.clear(zh);
    await user.type(zh, "{{name}{{honorific}，{{festival}快乐！");
    expect(within(card).getByTestId("template-preview-zh-CN")).toHaveTextContent("王芳女士，中秋节快乐！");
    await user.click(within(card).getByTestId("save-templates"));
    await waitFor(() =>
      expect(callsTo(backend, "reminders_greetings_set")).toEqual([
        { templates: { "festival.zh-CN": "{name}{honorific}，{festival}快乐！" } },
      ]),
    );
    expect(await screen.findByTestId("toast")).toHaveTextContent("Greeting templates saved");
  });

  it("moves templates an earlier version kept in localStorage into the store, once", async () => {
    window.localStorage.setItem(LEGACY_TEMPLATE_STORAGE_KEY, JSON.stringify({ "birthday.en": "Happy birthday, {name}!" }));
    const backend = installBackend([]);
    renderWithProviders(<SettingsScreen />);
    const card = await screen.findByTestId("greeting-templates");
    await waitFor(() => expect(within(card).getByTestId("template-en")).toHaveValue("Happy birthday, {name}!"));
    expect(callsTo(backend, "reminders_greetings_set")).toEqual([{ templates: { "birthday.en": "Happy birthday, {name}!" } }]);
    expect(window.localStorage.getItem(LEGACY_TEMPLATE_STORAGE_KEY)).toBeNull();
  });
});

describe("reminder error codes", () => {
  type Tree = { [key: string]: string | Tree };
  const errors = (tree: Tree) => ((tree.reminders as Tree).errors as Tree);

  it.each(REMINDER_ERROR_CODES)("translates %s in both languages", async (code) => {
    expect(errors(en as unknown as Tree)[code]).toBeTruthy();
    expect(errors(zhCN as unknown as Tree)[code]).toBeTruthy();
    await i18n.changeLanguage("zh-CN");
    expect(errorText(i18n.t, new ApiError({ code, message: "x", field: null }))).not.toMatch(/未知错误/);
  });
});
