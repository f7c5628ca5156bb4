import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { App } from "./App";
import { makeCustomer } from "./dev/fakeBackend";
import i18n, { LOCALE_STORAGE_KEY } from "./i18n";
import { callsTo, installBackend, renderWithProviders } from "./test/render";

describe("app shell", () => {
  it("opens on today's work, with the customer list one shortcut away (Ctrl+1) and back (Ctrl+2)", async () => {
    const user = userEvent.setup();
    installBackend([makeCustomer({ name: "张伟" })]);
    renderWithProviders(<App />);
    expect(await screen.findByTestId("agenda")).toBeInTheDocument();
    expect(screen.getByTestId("nav-agenda")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("nav-customers")).toHaveAttribute("aria-keyshortcuts", "Control+1");
    await user.keyboard("{Control>}1{/Control}");
    expect(await screen.findByTestId("customer-row")).toHaveTextContent("张伟");
    expect(screen.getByTestId("nav-customers")).toHaveAttribute("aria-current", "page");
    await user.keyboard("{Control>}2{/Control}");
    expect(await screen.findByTestId("agenda")).toBeInTheDocument();
  });

  it("opens a brand-new empty book on the list's empty state, which offers add, import and restore", async () => {
    const user = userEvent.setup();
    installBackend([]);
    renderWithProviders(<App />);
    expect(await screen.findByTestId("empty-book")).toBeInTheDocument();
    expect(screen.getByTestId("nav-customers")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("empty-new-customer")).toHaveTextContent("Add your first customer");

    await user.click(screen.getByTestId("empty-import"));
    expect(screen.getByTestId("nav-import")).toHaveAttribute("aria-current", "page");

    await user.keyboard("{Control>}1{/Control}");
    await user.click(await screen.findByTestId("empty-restore"));
    expect(screen.getByTestId("nav-settings")).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("backup-settings")).toBeInTheDocument();

    // The agenda of an empty book offers the same three ways in.
    await user.keyboard("{Control>}2{/Control}");
    const agenda = await screen.findByTestId("agenda");
    expect(within(agenda).getByTestId("empty-book")).toBeInTheDocument();
    await user.click(within(agenda).getByTestId("empty-new-customer"));
    expect(await screen.findByTestId("customer-form")).toBeInTheDocument();
  });

  it("switching the language changes the visible labels and saves the choice, keeping other settings", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ name: "张伟" })]);
    backend.settings.keep_in_tray = true;
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-customers"));
    expect(screen.getByTestId("nav-customers")).toHaveTextContent("Customers");
    expect(screen.getByTestId("sidebar-title")).toHaveTextContent("Fieldbook");
    expect(screen.getByTestId("search-input")).toHaveAttribute("placeholder", "Search name, pinyin, phone, email…");

    await user.selectOptions(screen.getByTestId("lang-select"), "zh-CN");

    expect(screen.getByTestId("nav-customers")).toHaveTextContent("客户");
    expect(screen.getByTestId("nav-trash")).toHaveTextContent("回收站");
    expect(screen.getByTestId("nav-settings")).toHaveTextContent("设置");
    expect(screen.getByTestId("sidebar-title")).toHaveTextContent("客簿 Fieldbook");
    expect(screen.getByTestId("search-input")).toHaveAttribute("placeholder", "搜索姓名、拼音、电话、邮箱…");
    expect(await screen.findByTestId("customer-count")).toHaveTextContent("共 1 位客户");
    expect(screen.getByTestId("lang-select")).toHaveValue("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("zh-CN");
    await waitFor(() =>
      expect(callsTo(backend, "settings_update")).toEqual([
        { settings: { locale: "zh-CN", keep_in_tray: true, start_at_login: false } },
      ]),
    );
  });

  it("takes the language saved by the core on start", async () => {
    installBackend([], { locale: "zh-CN" });
    renderWithProviders(<App />);
    await waitFor(() => expect(screen.getByTestId("nav-customers")).toHaveTextContent("客户"));
    expect(i18n.language).toBe("zh-CN");
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("zh-CN");
  });

  it("shows live and Trash counts in the sidebar", async () => {
    installBackend([makeCustomer({ name: "a" }), makeCustomer({ name: "b" }), { ...makeCustomer({ name: "c" }), deleted_at: "2025-01-01T00:00:00Z" }]);
    renderWithProviders(<App />);
    await waitFor(() => expect(screen.getByTestId("nav-customers-count")).toHaveTextContent("2"));
    expect(screen.getByTestId("nav-trash-count")).toHaveTextContent("1");
  });

  it("searches as the user types, after a short pause", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ name: "张伟" }), makeCustomer({ name: "李娜" })]);
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-customers"));
    await screen.findAllByTestId("customer-row");
    await user.type(screen.getByTestId("search-input"), "李娜");
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(1));
    expect(screen.getByTestId("customer-row")).toHaveTextContent("李娜");
    // One query for the settled text, not one per keystroke.
    expect(callsTo(backend, "search_query")).toEqual([{ query: "李娜", limit: 50 }]);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.getAllByTestId("customer-row")).toHaveLength(2));
  });

  it("focuses the search box with / and with Ctrl+K", async () => {
    const user = userEvent.setup();
    installBackend([makeCustomer({ name: "张伟" })]);
    renderWithProviders(<App />);
    await screen.findByTestId("agenda");
    await user.keyboard("/");
    expect(screen.getByTestId("search-input")).toHaveFocus();
    expect(screen.getByTestId("search-input")).toHaveValue("");
    screen.getByTestId("search-input").blur();
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.getByTestId("search-input")).toHaveFocus();
  });

  it("opens the new-customer form with Ctrl+N and shows the saved customer", async () => {
    const user = userEvent.setup();
    installBackend([]);
    renderWithProviders(<App />);
    await screen.findByTestId("agenda");
    await user.keyboard("{Control>}n{/Control}");
    const form = await screen.findByTestId("customer-form");
    expect(screen.getByTestId("field-name")).toHaveFocus();
    await user.type(within(form).getByTestId("field-name"), "王芳{Enter}");
    await waitFor(() => expect(screen.queryByTestId("customer-form")).toBeNull());
    expect(await screen.findByTestId("detail-name")).toHaveTextContent("王芳");
    expect(await screen.findByTestId("customer-row")).toHaveTextContent("王芳");
    expect(screen.getByTestId("toast")).toHaveTextContent("Created “王芳”");
  });

  it("edits the opened customer from the detail panel", async () => {
    const user = userEvent.setup();
    const backend = installBackend([makeCustomer({ id: "p1", name: "赵敏", tier: "B" })]);
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-customers"));
    await user.click(await screen.findByTestId("customer-row"));
    await user.click(await screen.findByTestId("edit-customer"));
    await user.selectOptions(screen.getByTestId("field-tier"), "A");
    await user.click(screen.getByTestId("save-customer"));
    await waitFor(() => expect(callsTo(backend, "customers_update")).toHaveLength(1));
    await waitFor(() => expect(within(screen.getByTestId("customer-row")).getByText("A")).toBeInTheDocument());
  });
});

describe("trash", () => {
  const trashed = (name: string, id: string) => ({ ...makeCustomer({ id, name }), deleted_at: "2025-04-01T10:00:00Z" });

  it("restores a customer", async () => {
    const user = userEvent.setup();
    const backend = installBackend([trashed("林静", "t1"), makeCustomer({ name: "高强" })]);
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-trash"));
    const row = await screen.findByTestId("trash-row");
    expect(row).toHaveAttribute("data-id", "t1");
    await user.click(within(row).getByTestId("restore-customer"));
    await screen.findByTestId("trash-empty");
    expect(callsTo(backend, "customers_restore")).toEqual([{ id: "t1" }]);
    await waitFor(() => expect(screen.getByTestId("nav-customers-count")).toHaveTextContent("2"));
  });

  it("deletes one permanently only after confirming", async () => {
    const user = userEvent.setup();
    const backend = installBackend([trashed("林静", "t1"), trashed("胡军", "t2")]);
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-trash"));
    const rows = await screen.findAllByTestId("trash-row");
    await user.click(within(rows.find((r) => r.dataset.id === "t2")!).getByTestId("purge-customer"));
    expect(screen.getByRole("alertdialog")).toHaveTextContent("胡军");
    await user.keyboard("{Escape}");
    expect(callsTo(backend, "customers_purge")).toEqual([]);

    await user.click(within(rows.find((r) => r.dataset.id === "t2")!).getByTestId("purge-customer"));
    await user.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getAllByTestId("trash-row")).toHaveLength(1));
    expect(callsTo(backend, "customers_purge")).toEqual([{ id: "t2" }]);
  });

  it("empties the Trash after confirming", async () => {
    const user = userEvent.setup();
    const backend = installBackend([trashed("林静", "t1"), trashed("胡军", "t2")]);
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-trash"));
    await screen.findAllByTestId("trash-row");
    await user.click(screen.getByTestId("empty-trash"));
    expect(screen.getByRole("alertdialog")).toHaveTextContent("2 customers will be deleted permanently");
    await user.click(screen.getByTestId("confirm-ok"));
    expect(await screen.findByTestId("trash-empty")).toHaveTextContent("Trash is empty");
    expect(callsTo(backend, "customers_empty_trash")).toHaveLength(1);
    expect(screen.getByTestId("toast")).toHaveTextContent("Deleted 2 customers permanently");
  });
});

describe("settings", () => {
  it("shows version, data folder and device id from app_info", async () => {
    const user = userEvent.setup();
    installBackend();
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("about-version")).toHaveTextContent("0.1.0");
    expect(screen.getByTestId("about-data-dir")).toHaveTextContent("/home/demo/.local/share/fieldbook");
    expect(screen.getByTestId("about-device-id")).toHaveTextContent("dev-7f3a9c21");
  });

  it("has its own language select that stays in sync with the top bar", async () => {
    const user = userEvent.setup();
    installBackend();
    renderWithProviders(<App />);
    await user.click(screen.getByTestId("nav-settings"));
    await user.selectOptions(screen.getByTestId("settings-lang-select"), "zh-CN");
    expect(screen.getByTestId("lang-select")).toHaveValue("zh-CN");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("设置");
    vi.restoreAllMocks();
  });
});
