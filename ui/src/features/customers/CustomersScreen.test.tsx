import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import type { Customer } from "../../api";
import { makeCustomer } from "../../dev/fakeBackend";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { CustomersScreen } from "./CustomersScreen";
import { ROW_HEIGHT } from "./CustomerTable";
import { PAGE_SIZE } from "./pagedList";

function book(size: number): Customer[] {
  return Array.from({ length: size }, (_, i) =>
    makeCustomer({ id: `c${String(i).padStart(6, "0")}`, name: `Customer ${String(i).padStart(6, "0")}` }),
  );
}

function Harness({ query = "" }: { query?: string }) {
  const [openedId, setOpenedId] = useState<string | null>(null);
  return (
    <CustomersScreen query={query} openedId={openedId} onOpenedChange={setOpenedId} onNew={() => {}} onEdit={() => {}} />
  );
}

function scrollTo(element: HTMLElement, top: number) {
  act(() => {
    Object.defineProperty(element, "scrollTop", { configurable: true, value: top });
    fireEvent.scroll(element);
  });
}

describe("customer list", () => {
  it("shows the total and only the rows on screen", async () => {
    installBackend(book(100_000 / 100));
    renderWithProviders(<Harness />);
    expect(await screen.findByTestId("customer-count")).toHaveTextContent("1,000 customers");
    const rows = await screen.findAllByTestId("customer-row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute("data-id", "c000000");
    expect(rows[0]).toHaveTextContent("Customer 000000");
  });

  it("requests pages by offset as the user scrolls, never the whole book", async () => {
    const backend = installBackend(book(5_000));
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    const first = callsTo(backend, "customers_list");
    expect(first).toEqual([{ scope: "live", sort: { column: "name", descending: false }, offset: 0, limit: PAGE_SIZE }]);

    scrollTo(screen.getByTestId("customer-scroll"), 2_500 * ROW_HEIGHT);
    await waitFor(() => expect(screen.getAllByTestId("customer-row")[0]).toHaveAttribute("data-id", expect.stringMatching(/^c0024/)));

    const lists = callsTo(backend, "customers_list");
    const offsets = lists.map((c) => c.offset as number);
    expect(offsets).toContain(2_400);
    expect(offsets).toContain(2_500);
    // Every request is one page; nothing between the first page and the visible window was read.
    expect(lists.every((c) => c.limit === PAGE_SIZE)).toBe(true);
    expect(offsets.filter((o) => o > 0 && o < 2_300)).toEqual([]);
    expect(lists.length).toBeLessThanOrEqual(4);
  });

  it("asks for a page once, however often its rows are scrolled past", async () => {
    const backend = installBackend(book(1_000));
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    const scroller = screen.getByTestId("customer-scroll");
    scrollTo(scroller, 10 * ROW_HEIGHT);
    scrollTo(scroller, 20 * ROW_HEIGHT);
    scrollTo(scroller, 0);
    await waitFor(() => expect(screen.getAllByTestId("customer-row")[0]).toHaveAttribute("data-id", "c000000"));
    expect(callsTo(backend, "customers_list").filter((c) => c.offset === 0)).toHaveLength(1);
  });

  it("shows the new-book empty state", async () => {
    installBackend([]);
    renderWithProviders(<Harness />);
    expect(await screen.findByTestId("empty-book")).toHaveTextContent("No customers yet");
    expect(screen.getByTestId("empty-new-customer")).toBeInTheDocument();
  });

  it("shows an error banner with Retry when the list cannot load", async () => {
    let fail = true;
    installBackend(book(3), {
      override: (cmd) => {
        if (cmd === "customers_list" && fail) throw { code: "storage", message: "database is locked", field: null };
      },
    });
    renderWithProviders(<Harness />);
    const banner = await screen.findByTestId("error-banner");
    expect(banner).toHaveTextContent("The database could not be read or written");
    fail = false;
    await userEvent.click(within(banner).getByRole("button", { name: "Retry" }));
    expect(await screen.findAllByTestId("customer-row")).toHaveLength(3);
  });

  it("moves the selection with the arrow keys and opens it with Enter", async () => {
    const user = userEvent.setup();
    installBackend(book(10));
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}");
    const selected = screen.getAllByTestId("customer-row").find((r) => r.getAttribute("aria-selected") === "true");
    expect(selected).toHaveAttribute("data-id", "c000001");
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("detail-name")).toHaveTextContent("Customer 000001");
  });

  it("opens a row on click and shows the customer's details", async () => {
    const user = userEvent.setup();
    const org = makeCustomer({ id: "org1", kind: "organization", name: "华信科技" });
    const person = makeCustomer({
      id: "p1",
      name: "张伟",
      company_id: "org1",
      phones: [{ label: "手机", value: "138 0013 8000" }],
      birthday: { calendar: "lunar", year: null, month: 2, leap: true, day: 15 },
      tags: ["高净值"],
    });
    installBackend([org, person]);
    renderWithProviders(<Harness />);
    const row = (await screen.findAllByTestId("customer-row")).find((r) => r.dataset.id === "p1")!;
    await user.click(row);
    const detail = await screen.findByTestId("customer-detail");
    expect(within(detail).getByTestId("detail-name")).toHaveTextContent("张伟");
    expect(detail).toHaveTextContent("138 0013 8000");
    expect(within(detail).getByTestId("detail-birthday")).toHaveTextContent("Lunar 2/15 (leap)");

    // The company link opens the organization, which lists its people.
    await user.click(within(detail).getByTestId("detail-company"));
    await waitFor(() => expect(screen.getByTestId("detail-name")).toHaveTextContent("华信科技"));
    expect(screen.getByTestId("detail-member")).toHaveAttribute("data-id", "p1");
  });

  it("moves the selected customer to Trash with Delete, and Undo restores it", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book(3));
    renderWithProviders(<Harness />);
    await screen.findAllByTestId("customer-row");
    await user.keyboard("{ArrowDown}{Delete}");
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent("Moved “Customer 000000” to Trash");
    expect(callsTo(backend, "customers_delete")).toEqual([{ id: "c000000" }]);
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(2));
    expect(screen.getByTestId("customer-count")).toHaveTextContent("2 customers");

    await user.click(within(toast).getByTestId("toast-undo"));
    expect(callsTo(backend, "customers_restore")).toEqual([{ id: "c000000" }]);
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(3));
  });

  it("deletes from the detail panel and closes it", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book(2));
    renderWithProviders(<Harness />);
    await user.click((await screen.findAllByTestId("customer-row"))[1]!);
    await user.click(await screen.findByTestId("delete-customer"));
    await waitFor(() => expect(screen.queryByTestId("customer-detail")).toBeNull());
    expect(callsTo(backend, "customers_delete")).toEqual([{ id: "c000001" }]);
  });
});

describe("search results", () => {
  it("replace the list while there is a query, with a match count", async () => {
    const backend = installBackend([
      makeCustomer({ name: "张伟" }),
      makeCustomer({ name: "张芳" }),
      makeCustomer({ name: "李娜" }),
    ]);
    renderWithProviders(<Harness query="张" />);
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(2));
    expect(screen.getByTestId("search-count")).toHaveTextContent("2 matches");
    expect(callsTo(backend, "search_query")).toEqual([{ query: "张", limit: 50 }]);
  });

  it("show the empty state when nothing matches", async () => {
    installBackend([makeCustomer({ name: "张伟" })]);
    renderWithProviders(<Harness query="nobody" />);
    expect(await screen.findByTestId("search-empty")).toHaveTextContent("No customers match");
  });
});
