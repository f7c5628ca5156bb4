import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { emptyAgenda, makeCustomer, makeOccurrence } from "../../dev/fakeBackend";
import { todayIso } from "../../lib/day";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { AgendaScreen } from "./AgendaScreen";

const today = todayIso();

describe("custom reminders", () => {
  it("creates a monthly reminder about a customer found by search", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "p1", name: "王芳" }), makeCustomer({ id: "p2", name: "李娜" })]);
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(screen.getByTestId("new-reminder"));
    const dialog = await screen.findByTestId("custom-reminder-dialog");
    await user.type(within(dialog).getByTestId("reminder-title"), "保单续保");
    await user.type(within(dialog).getByTestId("reminder-customer-search"), "李娜");
    await user.click(await within(dialog).findByTestId("reminder-customer-option"));
    expect(within(dialog).getByTestId("reminder-customer")).toHaveTextContent("李娜");
    await user.selectOptions(within(dialog).getByTestId("reminder-repeat"), "monthly");
    await user.click(within(dialog).getByTestId("save-reminder"));
    await waitFor(() => expect(screen.queryByTestId("custom-reminder-dialog")).toBeNull());
    expect(callsTo(backend, "reminders_custom_create")).toEqual([
      { input: { customer_id: "p2", title: "保单续保", start_date: today, repeat: "monthly", until_date: null, notes: null } },
    ]);
  });

  it("says what is wrong when the core refuses (an empty title)", async () => {
    const user = userEvent.setup();
    installBackend([]);
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(screen.getByTestId("new-reminder"));
    await user.click(await screen.findByTestId("save-reminder"));
    expect(await within(screen.getByTestId("custom-reminder-dialog")).findByTestId("error-banner")).toHaveTextContent(
      "Enter a title for the reminder",
    );
  });

  it("refuses a start that is not a date at its box, in the banner, and sends nothing", async () => {
    const user = userEvent.setup();
    const backend = installBackend([]);
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(screen.getByTestId("new-reminder"));
    const dialog = await screen.findByTestId("custom-reminder-dialog");
    await user.type(within(dialog).getByTestId("reminder-title"), "保单续保");
    await user.clear(within(dialog).getByTestId("reminder-start"));
    await user.type(within(dialog).getByTestId("reminder-start"), "2/30/2027");
    await user.click(within(dialog).getByTestId("save-reminder"));
    expect(await within(dialog).findByTestId("error-banner")).toHaveTextContent("This date is not in a recognised format");
    expect(within(dialog).getByTestId("reminder-start")).toHaveFocus();
    expect(callsTo(backend, "reminders_custom_create")).toEqual([]);
  });

  it("opens a custom reminder from the agenda for editing, and deletes it", async () => {
    const user = userEvent.setup();
    const agenda = emptyAgenda();
    agenda.custom.set("r1", {
      id: "r1",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      customer_id: null,
      title: "季度复盘",
      start_date: today,
      repeat: "none",
      until_date: null,
      notes: null,
    });
    agenda.occurrences = [makeOccurrence({ kind: "custom", date: today, key: `custom:r1:${today}`, title: "季度复盘", title_zh: "季度复盘" })];
    const backend = installBackend([], { agenda });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(within(await screen.findByTestId("agenda-item")).getByTestId("agenda-edit"));
    const dialog = await screen.findByTestId("custom-reminder-dialog");
    expect(within(dialog).getByTestId("reminder-title")).toHaveValue("季度复盘");
    await user.click(within(dialog).getByTestId("delete-reminder"));
    await waitFor(() => expect(callsTo(backend, "reminders_custom_delete")).toEqual([{ id: "r1" }]));
  });
});
