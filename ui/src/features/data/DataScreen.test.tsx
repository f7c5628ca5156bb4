import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { makeCustomer } from "../../dev/fakeBackend";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import type { Segment } from "../../api";
import { emptyFilter } from "../customers/segmentFilter";
import { DataScreen } from "./DataScreen";
import { withExtension } from "./ExportPanel";

const phone = (value: string) => ({ label: "mobile", value });

function book() {
  return [
    makeCustomer({ id: "a", name: "张三", region: "上海", phones: [phone("+86 138 0013 8000")] }),
    makeCustomer({ id: "b", name: "张 三", phones: [phone("13800138000")] }),
    makeCustomer({ id: "c", name: "李四", emails: [{ label: "", value: "li@x.cn" }] }),
  ];
}

describe("Data screen: export of a selection or a segment", () => {
  it("exports the customers checked in the list, chosen already", async () => {
    const backend = installBackend(book());
    renderWithProviders(<DataScreen selection={["a", "c"]} />);
    expect(await screen.findByTestId("export-scope")).toHaveValue("selection");
    expect(screen.getByTestId("export-scope")).toHaveTextContent("The 2 checked customers");
    await waitFor(() => expect(screen.getByTestId("export-path")).not.toHaveValue(""));
    await userEvent.click(screen.getByTestId("export-run"));
    await screen.findByTestId("export-result");
    expect(callsTo(backend, "export_run")[0]).toMatchObject({ request: { scope: { kind: "ids", ids: ["a", "c"] } } });
  });

  it("exports a saved segment's customers as the segment matches them now", async () => {
    const vip: Segment = { id: "s1", name: "VIP", filter: { ...emptyFilter(), tiers: ["VIP"] }, created_at: "", updated_at: "" };
    const backend = installBackend(book(), {
      override: (cmd) => (cmd === "segments_list" ? [vip] : cmd === "segments_ids" ? ["b"] : undefined),
    });
    renderWithProviders(<DataScreen />);
    const scope = await screen.findByTestId("export-scope");
    await waitFor(() => expect(within(scope).getAllByRole("option")).toHaveLength(2));
    await userEvent.selectOptions(scope, "segment:s1");
    await waitFor(() => expect(screen.getByTestId("export-path")).not.toHaveValue(""));
    await userEvent.click(screen.getByTestId("export-run"));
    await screen.findByTestId("export-result");
    expect(callsTo(backend, "segments_ids")[0]).toEqual({ filter: vip.filter, sort: { column: "name", descending: false } });
    expect(callsTo(backend, "export_run")[0]).toMatchObject({ request: { scope: { kind: "ids", ids: ["b"] } } });
  });

  it("the JSON dump and ICS always cover the whole book", async () => {
    installBackend(book());
    renderWithProviders(<DataScreen selection={["a"]} />);
    await userEvent.selectOptions(await screen.findByTestId("export-format"), "json");
    expect(screen.queryByTestId("export-scope")).toBeNull();
    expect(screen.getByTestId("export-scope-book")).toHaveTextContent("The whole book");
  });
});

describe("Data screen: export", () => {
  it("exports XLSX to the default path and shows the count and the path", async () => {
    const backend = installBackend(book());
    renderWithProviders(<DataScreen />);
    const path = (await screen.findByTestId("export-path")) as HTMLInputElement;
    await waitFor(() => expect(path.value).toMatch(/^\/home\/demo\/Documents\/fieldbook-export-\d{4}-\d{2}-\d{2}\.xlsx$/));
    await userEvent.click(screen.getByTestId("export-run"));
    const result = await screen.findByTestId("export-result");
    expect(result).toHaveTextContent("Exported 3 customers to /home/demo/Documents/fieldbook-export-");
    expect(callsTo(backend, "export_run")[0]).toMatchObject({
      request: { format: "xlsx", scope: { kind: "all" }, headers: "en" },
    });
  });

  it("changes the file extension with the format and exports to a typed path", async () => {
    const backend = installBackend(book());
    renderWithProviders(<DataScreen />);
    const path = await screen.findByTestId("export-path");
    await userEvent.clear(path);
    await userEvent.type(path, "/tmp/out/customers.xlsx");
    await userEvent.selectOptions(screen.getByTestId("export-format"), "vcard4");
    expect(path).toHaveValue("/tmp/out/customers.vcf");
    await userEvent.click(screen.getByTestId("export-run"));
    await screen.findByTestId("export-result");
    expect(backend.data.files.get("/tmp/out/customers.vcf")?.format).toBe("vcard4");
  });

  it("shows a translated error for a folder that does not exist", async () => {
    installBackend(book());
    renderWithProviders(<DataScreen />);
    const path = await screen.findByTestId("export-path");
    await userEvent.clear(path);
    await userEvent.type(path, "/missing/book.csv");
    await userEvent.click(screen.getByTestId("export-run"));
    expect(await screen.findByTestId("export-error")).toHaveTextContent("That folder does not exist.");
    expect(screen.queryByTestId("export-result")).toBeNull();
  });

  it("Choose… opens the save dialog at the current path for the format and takes the chosen file", async () => {
    const saveCalls: unknown[] = [];
    const backend = installBackend(book(), {
      override: (cmd, args) => {
        if ((cmd as string) !== "plugin:dialog|save") return undefined;
        saveCalls.push(args.options);
        return "/home/demo/Desktop/客户";
      },
    });
    renderWithProviders(<DataScreen />);
    const path = (await screen.findByTestId("export-path")) as HTMLInputElement;
    await waitFor(() => expect(path.value).toMatch(/\.xlsx$/));
    const start = path.value;
    await userEvent.click(screen.getByTestId("export-choose"));
    // The chosen name gets the format's extension when the dialog left it out.
    await waitFor(() => expect(path).toHaveValue("/home/demo/Desktop/客户.xlsx"));
    expect(saveCalls).toEqual([
      expect.objectContaining({ title: "Fieldbook: export to", defaultPath: start, filters: [{ name: "Excel workbook (.xlsx)", extensions: ["xlsx"] }] }),
    ]);
    await userEvent.click(screen.getByTestId("export-run"));
    await screen.findByTestId("export-result");
    expect(callsTo(backend, "export_run")[0]).toMatchObject({ path: "/home/demo/Desktop/客户.xlsx" });
  });

  it("keeps the extension logic to the file name, not the folder", () => {
    expect(withExtension("/home/me/v1.2/book", "csv")).toBe("/home/me/v1.2/book.csv");
    expect(withExtension("C:\\Users\\me\\book.xlsx", "json")).toBe("C:\\Users\\me\\book.json");
  });
});

describe("Data screen: duplicates", () => {
  it("lists a group with its reason, merges into the chosen survivor and undoes from history", async () => {
    const backend = installBackend(book());
    // 张 三 has bought twice: the order count helps choose which record to keep.
    for (const ordered_on of ["2026-01-05", "2026-02-05"]) {
      backend.handle("orders_create", {
        input: {
          customer_id: "b",
          ordered_on,
          status: "paid",
          currency: "CNY",
          notes: null,
          expected_return_pct: null,
          stop_loss_pct: null,
          lines: [{ product_id: null, description: "年金险", quantity: "1", unit_price: "1000", discount_pct: "0" }],
        },
      });
    }
    renderWithProviders(<DataScreen />);
    await userEvent.click(await screen.findByTestId("data-tab-duplicates"));
    const group = await screen.findByTestId("dup-group");
    expect(within(group).getByTestId("dup-reason")).toHaveTextContent("Same phone: +86 138 0013 8000");
    const rows = within(group).getAllByTestId("dup-customer");
    expect(rows.map((r) => r.dataset.id)).toEqual(["a", "b"]);

    // Nothing is ticked to merge until the user says so: one click must not merge records.
    expect(within(group).getAllByTestId("dup-include").map((b) => (b as HTMLInputElement).checked)).toEqual([false, false]);
    expect(within(group).getByTestId("dup-merge")).toBeDisabled();
    expect(within(rows[0]!).getByTestId("dup-region")).toHaveTextContent("上海");
    expect(rows.map((r) => within(r).getByTestId("dup-orders").textContent)).toEqual(["0", "2"]);

    // Keep the second record instead of the first, and tick the first to merge in.
    await userEvent.click(within(rows[1]!).getByTestId("dup-survivor"));
    await userEvent.click(within(rows[0]!).getByTestId("dup-include"));
    await userEvent.click(within(group).getByTestId("dup-merge"));
    await screen.findByTestId("dupes-none");
    expect(callsTo(backend, "cleaning_merge")).toEqual([{ survivorId: "b", mergedIds: ["a"] }]);
    expect(backend.customers.get("a")?.deleted_at).not.toBeNull();
    expect(screen.getAllByTestId("toast").some((t) => t.textContent?.includes("Merged 1 customer into 张 三"))).toBe(true);

    const entry = await screen.findByTestId("merge-row");
    expect(entry).toHaveTextContent("张三 → 张 三");
    await userEvent.click(within(entry).getByTestId("merge-undo"));
    expect(await screen.findByTestId("merge-undone")).toBeInTheDocument();
    expect(backend.customers.get("a")?.deleted_at).toBeNull();
    expect(await screen.findByTestId("dup-group")).toBeInTheDocument();
  });

  it("does not offer a merge when every other record is unticked", async () => {
    installBackend(book());
    renderWithProviders(<DataScreen />);
    await userEvent.click(await screen.findByTestId("data-tab-duplicates"));
    const group = await screen.findByTestId("dup-group");
    const includes = within(group).getAllByTestId("dup-include");
    expect(includes[0]).toBeDisabled();
    await userEvent.click(includes[1]!);
    expect(within(group).getByTestId("dup-merge")).toBeEnabled();
    await userEvent.click(includes[1]!);
    expect(within(group).getByTestId("dup-merge")).toBeDisabled();
  });

  it("says so when the book has no duplicates", async () => {
    installBackend([makeCustomer({ id: "x", name: "Only One" })]);
    renderWithProviders(<DataScreen />);
    await userEvent.click(await screen.findByTestId("data-tab-duplicates"));
    expect(await screen.findByTestId("dupes-none")).toHaveTextContent("No duplicates found.");
  });
});

describe("Data screen: many duplicate groups", () => {
  it("shows a page of groups and loads more on request", async () => {
    const many = Array.from({ length: 60 }, (_, i) => [
      makeCustomer({ id: `p${i}a`, name: `A${i}`, phones: [phone(`1390000${String(i).padStart(4, "0")}`)] }),
      makeCustomer({ id: `p${i}b`, name: `B${i}`, phones: [phone(`1390000${String(i).padStart(4, "0")}`)] }),
    ]).flat();
    const backend = installBackend(many);
    renderWithProviders(<DataScreen />);
    await userEvent.click(await screen.findByTestId("data-tab-duplicates"));
    expect(await screen.findByTestId("dupes-count")).toHaveTextContent("60 groups of possible duplicates");
    expect(screen.getAllByTestId("dup-group")).toHaveLength(50);
    await userEvent.click(screen.getByTestId("dupes-more"));
    await waitFor(() => expect(screen.getAllByTestId("dup-group")).toHaveLength(60));
    expect(screen.queryByTestId("dupes-more")).toBeNull();
    expect(callsTo(backend, "cleaning_duplicates").map((c) => c.limit)).toEqual([50, 100]);
  });
});
