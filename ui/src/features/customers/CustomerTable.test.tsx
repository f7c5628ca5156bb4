import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import type { InteractionInput } from "../../api";
import { makeCustomer, type FakeBackend } from "../../dev/fakeBackend";
import { addDays, todayIso } from "../../lib/day";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { CustomersScreen } from "./CustomersScreen";

function Harness({ query = "" }: { query?: string }) {
  const [openedId, setOpenedId] = useState<string | null>(null);
  return <CustomersScreen query={query} openedId={openedId} onOpenedChange={setOpenedId} onNew={() => {}} onEdit={() => {}} />;
}

function log(backend: FakeBackend, customerId: string, at: string, followUp: string | null) {
  const input: InteractionInput = {
    customer_id: customerId,
    kind: "call",
    occurred_at: at,
    summary: "called",
    outcome: null,
    next_step: null,
    follow_up_on: followUp,
  };
  backend.handle("interactions_create", { input });
}

const rowNames = () => screen.getAllByTestId("customer-row").map((r) => r.querySelector(".name-text")?.textContent);

/** Ann: never contacted. Bo: called long ago. Cy: follow-up overdue. Di: follow-up later. */
function book() {
  const backend = installBackend([
    makeCustomer({ id: "a", name: "Ann" }),
    makeCustomer({ id: "b", name: "Bo" }),
    makeCustomer({ id: "c", name: "Cy" }),
    makeCustomer({ id: "d", name: "Di" }),
  ]);
  const today = todayIso();
  log(backend, "b", "2025-01-10T09:00:00.000Z", null);
  log(backend, "c", "2026-05-10T09:00:00.000Z", addDays(today, -3));
  log(backend, "d", "2026-06-10T09:00:00.000Z", addDays(today, 10));
  return backend;
}

describe("the customer list answers whom to call", () => {
  it("shows last contact and next follow-up, an overdue follow-up marked as such", async () => {
    book();
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    const row = (name: string) => screen.getAllByTestId("customer-row").find((r) => r.textContent?.includes(name))!;
    expect(within(row("Bo")).getByTestId("last-contact")).toHaveTextContent("Jan 10, 2025");
    expect(within(row("Ann")).getByTestId("last-contact")).toHaveTextContent("");
    const overdue = within(row("Cy")).getByTestId("next-follow-up");
    expect(overdue).toHaveClass("follow-up-overdue");
    expect(overdue.getAttribute("title")).toMatch(/^Overdue: /);
    expect(within(row("Di")).getByTestId("next-follow-up")).toHaveClass("follow-up-later");
  });

  it("sorts by a column on click, toggles on a second click, and keeps the blanks last", async () => {
    const backend = book();
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    expect(rowNames()).toEqual(["Ann", "Bo", "Cy", "Di"]);

    await userEvent.click(screen.getByTestId("sort-next_follow_up"));
    await waitFor(() => expect(rowNames()).toEqual(["Cy", "Di", "Ann", "Bo"]));
    expect(callsTo(backend, "customers_list").at(-1)).toMatchObject({ sort: { column: "next_follow_up", descending: false } });
    // Looked up each time: a new order is a new table.
    const header = () => screen.getByTestId("sort-next_follow_up").closest("[role=columnheader]")!;
    expect(header()).toHaveAttribute("aria-sort", "ascending");

    await userEvent.click(screen.getByTestId("sort-next_follow_up"));
    await waitFor(() => expect(rowNames()).toEqual(["Di", "Cy", "Ann", "Bo"]));
    expect(header()).toHaveAttribute("aria-sort", "descending");

    await userEvent.click(screen.getByTestId("sort-last_contact"));
    await waitFor(() => expect(rowNames()).toEqual(["Bo", "Cy", "Di", "Ann"]), { timeout: 2000 });
  });

  it("gives an organization's Company cell its people count, not its own name", async () => {
    installBackend([
      makeCustomer({ id: "o", name: "Northwind", kind: "organization" }),
      makeCustomer({ id: "p", name: "Emily", company_id: "o" }),
      makeCustomer({ id: "q", name: "Empty Co", kind: "organization" }),
    ]);
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    const cells = screen.getAllByTestId("org-company").map((c) => c.textContent);
    expect(cells).toEqual(["Organization", "Organization · 1 person"]);
  });

  it("tells namesakes in search results apart by company, region and owner", async () => {
    installBackend([
      makeCustomer({ id: "z1", name: "张伟", region: "上海", owner: "李娜" }),
      makeCustomer({ id: "z2", name: "张伟", region: "北京", owner: "王强" }),
      makeCustomer({ id: "z3", name: "张伟强" }),
    ]);
    renderWithProviders(<Harness query="张伟" />);
    await waitFor(() => expect(screen.getAllByTestId("name-hint")).toHaveLength(2));
    const hints = screen.getAllByTestId("name-hint").map((h) => h.textContent);
    expect(hints.sort()).toEqual(["上海 · 李娜", "北京 · 王强"]);
    expect(screen.queryByTestId("sort-name")).toBeNull();
  });

  it.each([
    ["the list", ""],
    ["search results", "Ann"],
  ])("in %s, a follow-up logged elsewhere fills the row's columns at once", async (_, query) => {
    const backend = book();
    renderWithProviders(<Harness query={query} />);
    const annRow = () => screen.getAllByTestId("customer-row").find((r) => r.textContent?.includes("Ann"))!;
    await waitFor(() => expect(annRow()).toBeDefined());
    expect(within(annRow()).queryByTestId("next-follow-up")).toBeNull();
    expect(within(annRow()).getByTestId("last-contact")).toHaveTextContent(/^$/);
    log(backend, "a", "2026-06-11T09:00:00.000Z", addDays(todayIso(), 10));
    await waitFor(() => expect(within(annRow()).getByTestId("next-follow-up")).toHaveClass("follow-up-later"));
    expect(within(annRow()).getByTestId("last-contact")).not.toHaveTextContent(/^$/);
  });
});
