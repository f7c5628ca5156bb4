import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { AGENDA_REVISITS_PER_DAY, emptyAgenda, makeCustomer, makeOccurrence } from "../../dev/fakeBackend";
import { addDays, todayIso } from "../../lib/day";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { AgendaScreen } from "./AgendaScreen";
import { MonthView } from "./MonthView";

const today = todayIso();
const tomorrow = addDays(today, 1);
const CROWD = 80;

/** 80 tier-B customers due tomorrow (a tier imported on one day), plus one birthday. */
function crowdedBook() {
  const agenda = emptyAgenda();
  const name = (i: number) => `客户${String((i * 37) % CROWD).padStart(2, "0")}`;
  agenda.occurrences = Array.from({ length: CROWD }, (_, i) =>
    makeOccurrence({
      kind: "revisit",
      date: tomorrow,
      customer_id: `c${i}`,
      customer_name: name(i),
      title: `Revisit ${name(i)} (every 30 days)`,
      title_zh: `回访 ${name(i)}（每 30 天）`,
    }),
  );
  agenda.occurrences.push(
    makeOccurrence({ kind: "birthday", date: tomorrow, customer_id: "p1", customer_name: "王芳", title: "Birthday: 王芳", title_zh: "王芳 生日" }),
  );
  const people = [makeCustomer({ id: "p1", name: "王芳" })];
  return { agenda, people };
}

describe("a day on which many revisits fall due", () => {
  it("is one line with the count, not one row per customer", async () => {
    const { agenda, people } = crowdedBook();
    installBackend(people, { agenda });
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    const group = await screen.findByTestId("agenda-group");
    expect(CROWD).toBeGreaterThan(AGENDA_REVISITS_PER_DAY);
    expect(group.dataset.count).toBe(String(CROWD));
    expect(within(group).getByTestId("agenda-title").textContent).toContain("80");
    const rows = screen.getAllByTestId("agenda-item").filter((el) => el.dataset.kind === "revisit");
    expect(rows).toHaveLength(0);
    expect(screen.getAllByTestId("agenda-item").some((el) => el.dataset.kind === "birthday")).toBe(true);
  });

  it("opens into the day's customers by name, a page at a time, and each can be marked done", async () => {
    const { agenda, people } = crowdedBook();
    const backend = installBackend(people, { agenda });
    const user = userEvent.setup();
    renderWithProviders(<AgendaScreen onOpenCustomer={() => {}} />);
    await user.click(await screen.findByTestId("agenda-group-toggle"));
    const names = () =>
      within(screen.getByTestId("agenda-group-body"))
        .queryAllByTestId("agenda-customer")
        .map((el) => el.textContent);
    await waitFor(() => expect(names()).toHaveLength(50));
    const expected = Array.from({ length: CROWD }, (_, i) => `客户${String(i).padStart(2, "0")}`);
    expect(names()).toEqual(expected.slice(0, 50));
    expect(callsTo(backend, "agenda_revisits_on").at(-1)).toMatchObject({ date: tomorrow, offset: 0, limit: 50 });

    await user.click(screen.getByTestId("agenda-group-more"));
    await waitFor(() => expect(names()).toHaveLength(CROWD));
    expect(names()).toEqual(expected);
    expect(screen.queryByTestId("agenda-group-more")).toBeNull();

    const first = within(screen.getByTestId("agenda-group-body")).getAllByTestId("agenda-item")[0]!;
    await user.click(within(first).getByTestId("agenda-done"));
    await waitFor(() => expect(callsTo(backend, "reminders_done")).toHaveLength(1));
    await waitFor(() =>
      expect(within(screen.getByTestId("agenda-group-body")).getAllByTestId("agenda-item")[0]!.dataset.status).toBe("done"),
    );
    // Renders 80 full agenda rows in jsdom: over the 5 s default on a loaded 2-core machine.
  }, 20_000);

  it("is one summary chip in the month view, and the day panel opens it", async () => {
    const { agenda, people } = crowdedBook();
    installBackend(people, { agenda });
    const user = userEvent.setup();
    renderWithProviders(<MonthView onOpenCustomer={() => {}} initialMonth={tomorrow.slice(0, 7)} />);
    const chip = await screen.findByTestId("month-group");
    expect(chip.textContent).toContain("80");
    const cell = screen.getAllByTestId("month-day").find((el) => el.dataset.date === tomorrow)!;
    await user.click(cell);
    const panel = screen.getByTestId("month-day-panel");
    await user.click(await within(panel).findByTestId("agenda-group-toggle"));
    await waitFor(() => expect(within(panel).getAllByTestId("agenda-customer").length).toBeGreaterThanOrEqual(50));
  });
});
