import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import type { Customer } from "../../api";
import { makeCustomer } from "../../dev/fakeBackend";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { App } from "../../App";
import { CustomersScreen } from "./CustomersScreen";

function Harness() {
  const [openedId, setOpenedId] = useState<string | null>(null);
  return <CustomersScreen query="" openedId={openedId} onOpenedChange={setOpenedId} onNew={() => {}} onEdit={() => {}} />;
}

function book(): Customer[] {
  return ["A", "B", "C", "D", "E"].map((n, i) =>
    makeCustomer({ id: `c${i}`, name: `Customer ${n}`, tier: "C", owner: i < 3 ? "王经理" : "赵经理", tags: ["old"] }),
  );
}

const checks = async () => screen.findAllByTestId("row-check");

describe("multi-select and the bulk bar", () => {
  it("checks rows with the checkbox and Ctrl-click, without opening them", async () => {
    const user = userEvent.setup();
    installBackend(book());
    renderWithProviders(<Harness />);
    const boxes = await checks();
    expect(screen.queryByTestId("bulk-bar")).toBeNull();
    await user.click(boxes[0]!);
    const rows = screen.getAllByTestId("customer-row");
    await user.keyboard("{Control>}");
    await user.click(rows[2]!);
    await user.keyboard("{/Control}");
    expect(screen.getByTestId("bulk-count")).toHaveTextContent("2 selected");
    expect(screen.queryByTestId("customer-detail")).toBeNull();
    expect(rows.filter((r) => r.classList.contains("row-checked")).map((r) => r.dataset.id)).toEqual(["c0", "c2"]);
  });

  it("Shift-click checks the whole range, and the header box selects everyone in the list", async () => {
    const user = userEvent.setup();
    installBackend(book());
    renderWithProviders(<Harness />);
    const boxes = await checks();
    await user.click(boxes[1]!);
    await user.keyboard("{Shift>}");
    await user.click(boxes[3]!);
    await user.keyboard("{/Shift}");
    await waitFor(() => expect(screen.getByTestId("bulk-count")).toHaveTextContent("3 selected"));

    await user.click(screen.getByTestId("select-all"));
    await waitFor(() => expect(screen.getByTestId("bulk-count")).toHaveTextContent("5 selected"));
    await user.click(screen.getByTestId("select-all"));
    await waitFor(() => expect(screen.queryByTestId("bulk-bar")).toBeNull());
  });

  it("sets the tier and adds tags on the checked customers through one bulk edit each", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    const boxes = await checks();
    await user.click(boxes[0]!);
    await user.click(boxes[1]!);

    await user.selectOptions(screen.getByTestId("bulk-tier"), "VIP");
    await user.click(screen.getByTestId("bulk-tier-apply"));
    expect(await screen.findByTestId("toast")).toHaveTextContent("2 customers changed");
    expect(callsTo(backend, "customers_bulk_edit")).toEqual([
      { ids: ["c0", "c1"], edit: { tier: "VIP", owner: null, add_tags: [], remove_tags: [] } },
    ]);
    expect(backend.customers.get("c1")!.tier).toBe("VIP");
    expect(backend.customers.get("c2")!.tier).toBe("C");

    // The selection is cleared after an action; pick again and tag.
    await user.click((await checks())[4]!);
    await user.type(screen.getByTestId("bulk-tags"), "golf，理财");
    await user.click(screen.getByTestId("bulk-add-tags"));
    await waitFor(() => expect(backend.customers.get("c4")!.tags).toEqual(["golf", "old", "理财"]));
  });

  it("hands the checked customers over, moving only the From owner's", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    const boxes = await checks();
    await user.click(boxes[0]!); // 王经理
    await user.click(boxes[3]!); // 赵经理: stays

    await user.click(screen.getByTestId("bulk-handover"));
    const dialog = await screen.findByTestId("handover-dialog");
    await waitFor(() => expect(within(dialog).getByTestId("handover-from")).toHaveValue("王经理"));
    await user.type(within(dialog).getByTestId("handover-to"), "李经理");
    expect(within(dialog).getByTestId("handover-scope-selection")).toBeChecked();
    await user.click(within(dialog).getByTestId("handover-submit"));

    expect(await screen.findByTestId("toast")).toHaveTextContent("1 handed over to 李经理; 1 left (another owner)");
    expect(callsTo(backend, "customers_handover")).toEqual([
      { handover: { from: "王经理", to: "李经理", scope: { type: "ids", ids: ["c0", "c3"] } } },
    ]);
    expect(backend.customers.get("c0")!.owner).toBe("李经理");
    expect(backend.customers.get("c3")!.owner).toBe("赵经理");
    expect(screen.queryByTestId("handover-dialog")).toBeNull();
  });

  it("shows the core's refusal in the handover dialog and changes nothing", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<Harness />);
    await user.click((await checks())[0]!);
    await user.click(screen.getByTestId("bulk-handover"));
    const dialog = await screen.findByTestId("handover-dialog");
    await waitFor(() => expect(within(dialog).getByTestId("handover-from")).toHaveValue("王经理"));
    await user.type(within(dialog).getByTestId("handover-to"), "王经理");
    await user.click(within(dialog).getByTestId("handover-submit"));
    expect(await within(dialog).findByTestId("handover-error")).toHaveTextContent("The new owner is the current owner");
    expect(backend.customers.get("c0")!.owner).toBe("王经理");
  });
});

describe("export from the bulk bar", () => {
  it("opens the Data screen with the checked customers chosen for export", async () => {
    const user = userEvent.setup();
    const backend = installBackend(book());
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-customers"));
    const boxes = await checks();
    await user.click(boxes[1]!);
    await user.click(boxes[3]!);
    await user.click(screen.getByTestId("bulk-export"));
    const scope = await screen.findByTestId("export-scope");
    expect(scope).toHaveValue("selection");
    await waitFor(() => expect(screen.getByTestId("export-path")).not.toHaveValue(""));
    await user.click(screen.getByTestId("export-run"));
    await screen.findByTestId("export-result");
    const { request } = callsTo(backend, "export_run")[0] as { request: { scope: { ids: string[] } } };
    expect([...request.scope.ids].sort()).toEqual(["c1", "c3"]);
  });
});
