// The import's done screen opens the customer list narrowed to what that import wrote.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { App } from "../../App";
import { makeCustomer } from "../../dev/fakeBackend";
import { createFakeImport } from "../../dev/fakeImport";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";

describe("import done screen", () => {
  it("'Show the imported customers' lists only the customers the import created, and 'Show everyone' clears it", async () => {
    const user = userEvent.setup();
    let fake: ReturnType<typeof createFakeImport> | null = null;
    const backend = installBackend([makeCustomer({ name: "老客户" })], { override: (cmd, args) => fake?.handle(cmd, args) });
    fake = createFakeImport(backend, {
      "/tmp/new.csv": { headers: ["姓名", "手机"], rows: [["张三", "13800138000"], ["李四", "13900139000"]] },
    });
    renderWithProviders(<App />);
    await user.click(await screen.findByTestId("nav-import"));
    await user.type(screen.getByTestId("import-path"), "/tmp/new.csv");
    await user.click(screen.getByTestId("import-read"));
    await screen.findByTestId("import-preview");
    await user.click(screen.getByTestId("import-run"));
    await user.click(await screen.findByTestId("import-show-imported"));

    expect(screen.getByTestId("nav-customers")).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("imported-view")).toHaveTextContent(/^Imported /);
    await waitFor(() => expect(screen.getAllByTestId("customer-row").map((r) => r.textContent)).toHaveLength(2));
    const rows = screen.getAllByTestId("customer-row").map((r) => r.textContent ?? "");
    expect(rows.some((r) => r.includes("张三")) && rows.some((r) => r.includes("李四"))).toBe(true);
    expect(rows.some((r) => r.includes("老客户"))).toBe(false);
    // The list asked the core for exactly the time the import stamped on its customers.
    const stamped = backend.customers.get([...backend.customers.values()].find((c) => c.name === "张三")!.id)!.created_at;
    const asked = callsTo(backend, "segments_customers").map((a) => (a.filter as { written_at: string | null }).written_at);
    expect(asked.at(-1)).toBe(stamped);

    await user.click(screen.getByTestId("imported-view-clear"));
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(3));
    expect(screen.queryByTestId("imported-view")).toBeNull();
  });
});
