import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import type { Customer } from "../../api";
import { makeCustomer } from "../../dev/fakeBackend";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { App } from "../../App";
import { CustomersScreen } from "./CustomersScreen";
import { emptyFilter } from "./segmentFilter";

function Harness() {
  const [openedId, setOpenedId] = useState<string | null>(null);
  return <CustomersScreen query="" openedId={openedId} onOpenedChange={setOpenedId} onNew={() => {}} onEdit={() => {}} />;
}

function book(): Customer[] {
  return [
    makeCustomer({ id: "vip1", name: "Alice", tier: "VIP", owner: "王经理", phones: [{ label: "", value: "13800138000" }] }),
    makeCustomer({ id: "vip2", name: "Bob", tier: "VIP", owner: "李经理", emails: [{ label: "", value: "bob@example" }] }),
    makeCustomer({ id: "a1", name: "Carol", tier: "A", owner: "王经理", emails: [{ label: "", value: "c@example.com" }] }),
    makeCustomer({ id: "none", name: "Dan", tier: "C" }),
  ];
}

async function rowIds() {
  const rows = await screen.findAllByTestId("customer-row");
  return rows.map((r) => r.dataset.id);
}

describe("filter builder", () => {
  it("pages the list through the filter's matches once applied", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    expect(await rowIds()).toHaveLength(4);

    await user.click(screen.getByTestId("filter-toggle"));
    await user.click(screen.getByTestId("filter-tiers-VIP"));
    expect(callsTo(backend, "segments_customers")).toEqual([]); // nothing until Apply
    await user.click(screen.getByTestId("filter-apply"));

    await waitFor(async () => expect(await rowIds()).toEqual(["vip1", "vip2"]));
    expect(screen.queryByTestId("filter-panel")).toBeNull(); // Apply gives the screen back to the list
    expect(screen.getByTestId("customer-count")).toHaveTextContent("2 customers");
    expect(screen.getByTestId("filter-toggle")).toHaveTextContent("Filter (1)");
    const asked = callsTo(backend, "segments_customers");
    expect(asked[0]).toEqual({ filter: { ...emptyFilter(), tiers: ["VIP"] }, sort: { column: "name", descending: false }, offset: 0, limit: 100 });
  });

  it("ANDs conditions: owners typed with a Chinese comma, plus a tier", async () => {
    const user = userEvent.setup();
    installBackend(book());
    renderWithProviders(<Harness />);
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));
    await user.type(screen.getByTestId("filter-owners"), "王经理，赵经理");
    await user.click(screen.getByTestId("filter-tiers-A"));
    await user.click(screen.getByTestId("filter-apply"));
    await waitFor(async () => expect(await rowIds()).toEqual(["a1"]));
  });

  it("refuses a days box that is not a number, and keeps the list as it was", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));
    await user.type(screen.getByTestId("filter-no-contact-days"), "lots");
    await user.click(screen.getByTestId("filter-apply"));
    expect(screen.getByTestId("filter-error-no_contact_days")).toHaveTextContent(/number/i);
    expect(callsTo(backend, "segments_customers")).toEqual([]);
  });

  it("offers the stale-data presets: missing contact, invalid contact, no contact for months", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));

    await user.click(screen.getByTestId("preset-missingContact"));
    await waitFor(async () => expect(await rowIds()).toEqual(["none"]));

    await user.click(screen.getByTestId("preset-invalidContact"));
    await waitFor(async () => expect(await rowIds()).toEqual(["vip2"]));

    await user.selectOptions(screen.getByTestId("preset-months"), "12");
    await user.click(screen.getByTestId("preset-noContact"));
    await waitFor(() =>
      expect(callsTo(backend, "segments_customers").at(-1)).toMatchObject({ filter: { no_contact_days: 360 } }),
    );
  });

  it("shows an empty state with a way out when nothing matches", async () => {
    const user = userEvent.setup();
    installBackend(book());
    renderWithProviders(<Harness />);
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));
    await user.type(screen.getByTestId("filter-regions"), "火星");
    await user.click(screen.getByTestId("filter-apply"));
    expect(await screen.findByTestId("filter-empty")).toHaveTextContent("No customers match this filter");
    expect(screen.queryByTestId("empty-book")).toBeNull();
    await user.click(screen.getByTestId("filter-empty-clear"));
    expect(await rowIds()).toHaveLength(4);
  });

  it("saves the filter as a named segment, refuses a duplicate name, and picks segments", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));
    await user.click(screen.getByTestId("filter-tiers-VIP"));
    await user.click(screen.getByTestId("filter-apply"));
    await waitFor(async () => expect(await rowIds()).toHaveLength(2));

    await user.click(screen.getByTestId("segment-save"));
    await user.type(screen.getByTestId("segment-name"), "VIP 客户");
    await user.click(screen.getByTestId("segment-save-confirm"));
    await waitFor(() => expect(screen.queryByTestId("segment-name-dialog")).toBeNull());
    expect(backend.segments.segments.size).toBe(1);
    const select = screen.getByTestId("segment-select") as HTMLSelectElement;
    await waitFor(() => expect(within(select).getByRole("option", { name: "VIP 客户" })).toBeInTheDocument());
    expect(select.selectedOptions[0]).toHaveTextContent("VIP 客户");

    // Back to everyone, then the saved segment again.
    await user.selectOptions(select, "");
    await waitFor(async () => expect(await rowIds()).toHaveLength(4));
    await user.selectOptions(select, "VIP 客户");
    await waitFor(async () => expect(await rowIds()).toEqual(["vip1", "vip2"]));

    // A second segment under the same name is refused with the translated reason (the panel,
    // opened again, shows the picked segment's conditions).
    await user.click(screen.getByTestId("filter-toggle"));
    expect(screen.getByTestId("filter-tiers-VIP")).toBeChecked();
    await user.click(screen.getByTestId("filter-tiers-A"));
    await user.click(screen.getByTestId("filter-apply"));
    await user.click(await screen.findByTestId("segment-save"));
    await user.type(screen.getByTestId("segment-name"), "vip 客户");
    await user.click(screen.getByTestId("segment-save-confirm"));
    expect(await screen.findByTestId("segment-name-error")).toHaveTextContent("There is already a segment with this name");
  });

  it("renames the picked segment, then deletes it after confirmation and goes back to everyone", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    backend.segments.segments.set("s9", {
      id: "s9",
      name: "Cold",
      filter: { ...emptyFilter(), tiers: ["C"] },
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
    });
    renderWithProviders(<Harness />);
    await rowIds();
    const select = screen.getByTestId("segment-select");
    await waitFor(() => expect(within(select).getByRole("option", { name: "Cold" })).toBeInTheDocument());
    await user.selectOptions(select, "Cold");
    await waitFor(async () => expect(await rowIds()).toEqual(["none"]));
    // Rename it: the list keeps showing the same customers under the new name.
    await user.click(screen.getByTestId("segment-rename"));
    const name = screen.getByTestId("segment-name");
    expect(name).toHaveValue("Cold");
    await user.clear(name);
    await user.type(name, "Cold leads");
    await user.click(screen.getByTestId("segment-save-confirm"));
    await waitFor(() => expect(backend.segments.segments.get("s9")!.name).toBe("Cold leads"));
    expect(await rowIds()).toEqual(["none"]);
    await user.click(screen.getByTestId("segment-delete"));
    await user.click(screen.getByTestId("confirm-ok"));
    await waitFor(async () => expect(await rowIds()).toHaveLength(4));
    expect(backend.segments.segments.size).toBe(0);
  });
});

describe("list fields", () => {
  it("show a short example as placeholder (it fits the narrow box) and the full hint on hover", async () => {
    const user = userEvent.setup();
    installBackend(book());
    renderWithProviders(<Harness />);
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));
    for (const id of ["filter-tags", "filter-regions", "filter-owners"]) {
      expect(screen.getByTestId(id)).toHaveAttribute("placeholder", "a, b, …");
      expect(screen.getByTestId(id)).toHaveAttribute("title", "separate with commas");
    }
  });
});

describe("the chosen segment in the app", () => {
  it("is still chosen, with its rows, after a visit to another screen", async () => {
    const user = userEvent.setup();
    installBackend(book());
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-customers"));
    await rowIds();
    await user.click(screen.getByTestId("filter-toggle"));
    await user.click(screen.getByTestId("filter-tiers-VIP"));
    await user.click(screen.getByTestId("filter-apply"));
    await user.click(screen.getByTestId("segment-save"));
    await user.type(screen.getByTestId("segment-name"), "VIP 客户");
    await user.click(screen.getByTestId("segment-save-confirm"));
    await waitFor(() => expect(screen.queryByTestId("segment-name-dialog")).toBeNull());
    await waitFor(async () => expect(await rowIds()).toEqual(["vip1", "vip2"]));

    await user.click(screen.getByTestId("nav-agenda"));
    await screen.findByTestId("agenda");
    await user.click(screen.getByTestId("nav-customers"));
    const select = (await screen.findByTestId("segment-select")) as HTMLSelectElement;
    await waitFor(() => expect(select.selectedOptions[0]).toHaveTextContent("VIP 客户"));
    expect(await rowIds()).toEqual(["vip1", "vip2"]);
  }, 20_000);
});
