import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { makeCustomer } from "../../dev/fakeBackend";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { TrashScreen } from "../trash/TrashScreen";

const phone = (value: string) => ({ label: "mobile", value });

describe("Trash: a merged customer", () => {
  it("comes back by undoing its merge, not by a plain restore", async () => {
    const backend = installBackend([
      makeCustomer({ id: "a", name: "张三", phones: [phone("13800138000")] }),
      makeCustomer({ id: "b", name: "张 三", phones: [phone("+86 138 0013 8000")] }),
    ]);
    backend.handle("cleaning_merge", { survivorId: "a", mergedIds: ["b"] });
    renderWithProviders(<TrashScreen />);
    const rows = await screen.findAllByTestId("trash-row");
    const merged = rows.find((r) => r.dataset.id === "b")!;
    await userEvent.click(within(merged).getByTestId("restore-customer"));
    await waitFor(() => expect(backend.data.merges[0]?.undone_at).not.toBeNull());
    expect(callsTo(backend, "customers_restore")).toEqual([]);
    expect(backend.customers.get("b")?.deleted_at).toBeNull();
    expect(screen.getAllByTestId("toast").some((t) => t.textContent?.includes("the merge into 张三 was undone"))).toBe(true);
  });

  it("an ordinary deleted customer is restored as before", async () => {
    const backend = installBackend([makeCustomer({ id: "c", name: "李四" })]);
    backend.handle("customers_delete", { id: "c" });
    renderWithProviders(<TrashScreen />);
    const row = await screen.findByTestId("trash-row");
    await userEvent.click(within(row).getByTestId("restore-customer"));
    await waitFor(() => expect(callsTo(backend, "customers_restore")).toEqual([{ id: "c" }]));
    expect(callsTo(backend, "cleaning_undo_merge")).toEqual([]);
  });
});
