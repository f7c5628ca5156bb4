import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { createFakeImport, type FakeFile } from "../../dev/fakeImport";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { ImportScreen } from "./ImportScreen";

const CONTACTS: FakeFile = {
  headers: ["姓名", "手机", "邮箱", "备用"],
  rows: [
    ["张三", "13800138000", "zs@qq.com", "010-65521234"],
    ["李四", "13900139000", "", ""],
  ],
};
/** 赵六's birthday cannot be read; 钱七's can. */
const ODD_BIRTHDAY: FakeFile = {
  headers: ["姓名", "手机", "生日"],
  rows: [
    ["赵六", "13500135000", "sometime in may"],
    ["钱七", "13400134000", "1990-08-15"],
  ],
};
const WITH_ERROR: FakeFile = { headers: ["姓名", "手机"], rows: [["王五", "13700137000"], ["", "13600136000"]] };

function setup(files: Record<string, FakeFile>, opts: { holdRun?: boolean } = {}) {
  let fake: ReturnType<typeof createFakeImport> | null = null;
  const backend = installBackend([], { override: (cmd, args) => fake?.handle(cmd, args) });
  fake = createFakeImport(backend, files, opts);
  renderWithProviders(<ImportScreen />);
  return { backend, user: userEvent.setup() };
}

async function readFile(user: ReturnType<typeof userEvent.setup>, path: string) {
  await user.type(screen.getByTestId("import-path"), path);
  await user.click(screen.getByTestId("import-read"));
  await screen.findByTestId("import-preview");
}

describe("import screen", () => {
  it("reads a typed path, shows the guessed mapping, the preview and the dry run, then imports", async () => {
    const { backend, user } = setup({ "/tmp/contacts.csv": CONTACTS });
    await readFile(user, "/tmp/contacts.csv");
    expect(screen.getByTestId("import-target-0")).toHaveValue("name");
    expect(screen.getByTestId("import-target-1")).toHaveValue("phone");
    expect(screen.getByTestId("import-target-3")).toHaveValue("ignore");
    const names = screen.getAllByTestId("import-preview-name").map((c) => c.textContent);
    expect(names).toEqual(["张三", "李四"]);
    expect(screen.getByTestId("import-dry-run-created")).toHaveTextContent("2");
    await user.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect(screen.getByTestId("import-result-created")).toHaveTextContent("2");
    expect([...backend.customers.values()].map((c) => c.name).sort()).toEqual(["张三", "李四"]);
  });

  it("changing a column's target previews again with the user's mapping", async () => {
    const { backend, user } = setup({ "/tmp/contacts.csv": CONTACTS });
    await readFile(user, "/tmp/contacts.csv");
    await user.selectOptions(screen.getByTestId("import-target-3"), "phone");
    await waitFor(() => {
      const last = callsTo(backend, "import_preview").at(-1) as { mapping: { target: string }[] };
      expect(last.mapping.map((m) => m.target)).toEqual(["name", "phone", "email", "phone"]);
    });
    expect(screen.getByTestId("import-label-3")).toBeInTheDocument();
  });

  it("a row error names the row and column and blocks the import until the user skips invalid rows", async () => {
    const { backend, user } = setup({ "/tmp/bad.csv": WITH_ERROR });
    await readFile(user, "/tmp/bad.csv");
    const errors = screen.getByTestId("import-dry-run-errors");
    expect(within(errors).getByText(/3/)).toHaveTextContent("姓名");
    expect(screen.getByTestId("import-run")).toBeDisabled();
    await user.click(screen.getByTestId("import-skip-invalid"));
    await user.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect([...backend.customers.values()].map((c) => c.name)).toEqual(["王五"]);
    expect(callsTo(backend, "import_run").at(-1)).toMatchObject({ skipInvalid: true });
  });

  it("an unreadable birthday is a warning naming row, column and value, and the contact is still imported", async () => {
    const { backend, user } = setup({ "/tmp/odd.csv": ODD_BIRTHDAY });
    await readFile(user, "/tmp/odd.csv");
    const inPreview = screen.getByTestId("import-preview-warning");
    expect(inPreview).toHaveTextContent("2");
    expect(inPreview).toHaveTextContent("生日");
    expect(inPreview).toHaveTextContent("sometime in may");
    expect(screen.getByTestId("import-dry-run-warnings")).toHaveTextContent("sometime in may");
    expect(screen.queryByTestId("import-dry-run-errors")).not.toBeInTheDocument();
    expect(screen.getByTestId("import-run")).toBeEnabled();
    await user.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect(screen.getByTestId("import-result-warnings")).toHaveTextContent("sometime in may");
    const zhao = [...backend.customers.values()].find((c) => c.name === "赵六");
    expect(zhao?.birthday ?? null).toBeNull();
    expect(backend.customers.size).toBe(2);
  });

  it("strict mode rejects the row with an unreadable birthday, naming it, and imports only the others", async () => {
    const { backend, user } = setup({ "/tmp/odd.csv": ODD_BIRTHDAY });
    await readFile(user, "/tmp/odd.csv");
    await user.click(screen.getByTestId("import-strict"));
    await waitFor(() => expect(callsTo(backend, "import_preview").at(-1)).toMatchObject({ strict: true }));
    const errors = await screen.findByTestId("import-dry-run-errors");
    expect(errors).toHaveTextContent("生日");
    expect(screen.getByTestId("import-strict")).toBeChecked();
    expect(screen.getByTestId("import-run")).toBeDisabled();
    await user.click(screen.getByTestId("import-skip-invalid"));
    await user.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect(callsTo(backend, "import_run").at(-1)).toMatchObject({ strict: true, skipInvalid: true });
    expect([...backend.customers.values()].map((c) => c.name)).toEqual(["钱七"]);
  });

  it("cancel stops the import, says nothing changed and creates no one", async () => {
    const { backend, user } = setup({ "/tmp/contacts.csv": CONTACTS }, { holdRun: true });
    await readFile(user, "/tmp/contacts.csv");
    await user.click(screen.getByTestId("import-run"));
    expect(await screen.findByTestId("import-progress")).toBeInTheDocument();
    await user.click(screen.getByTestId("import-cancel"));
    expect(await screen.findByTestId("import-cancelled")).toBeInTheDocument();
    expect(backend.customers.size).toBe(0);
    expect(screen.getByTestId("import-run")).toBeEnabled();
  });

  it("saves the current mapping as a named template", async () => {
    const { backend, user } = setup({ "/tmp/contacts.csv": CONTACTS });
    await readFile(user, "/tmp/contacts.csv");
    await user.type(screen.getByTestId("import-template-name"), "我的CRM");
    await user.click(screen.getByTestId("import-template-save"));
    await waitFor(() => expect(callsTo(backend, "import_templates_save")).toHaveLength(1));
    const saved = callsTo(backend, "import_templates_save")[0] as { template: { name: string; columns: unknown[] } };
    expect(saved.template.name).toBe("我的CRM");
    expect(saved.template.columns).toHaveLength(4);
    await waitFor(() => expect(screen.getByTestId("import-template-select")).toBeEnabled());
  });

  it("a file that cannot be read shows the translated error", async () => {
    const { user } = setup({});
    await user.type(screen.getByTestId("import-path"), "/nope.csv");
    await user.click(screen.getByTestId("import-read"));
    expect(await screen.findByTestId("error-banner")).toBeInTheDocument();
  });
});

describe("a Fieldbook backup on the import screen", () => {
  function dumpBackend(restore: () => unknown) {
    const backend = installBackend([], {
      override: (cmd) => {
        if (cmd === "import_preview") {
          throw { code: "import_json_unsupported", message: "Fieldbook JSON dumps are restored", field: "format" };
        }
        if (cmd === "import_restore_dump") return restore();
        return undefined;
      },
    });
    renderWithProviders(<ImportScreen />);
    return { backend, user: userEvent.setup() };
  }

  it("offers to restore the whole book instead of mapping columns, and restores it", async () => {
    const { backend, user } = dumpBackend(() => ({ tables: { customers: 120, interactions: 300 }, rows: 2480 }));
    await user.type(screen.getByTestId("import-path"), "/tmp/fieldbook-export.json");
    await user.click(screen.getByTestId("import-read"));
    const card = await screen.findByTestId("import-dump");
    expect(screen.queryByTestId("error-banner")).toBeNull();
    await user.click(within(card).getByTestId("import-restore"));
    expect(await within(card).findByTestId("import-restored")).toHaveTextContent("Restored 120 customers (2480 rows in all).");
    expect(callsTo(backend, "import_restore_dump")).toEqual([{ path: "/tmp/fieldbook-export.json" }]);
  });

  it("says why a backup cannot go into a book that has customers", async () => {
    const { user } = dumpBackend(() => {
      throw { code: "restore_not_empty", message: "the database is not empty", field: null };
    });
    await user.type(screen.getByTestId("import-path"), "/tmp/b.json");
    await user.click(screen.getByTestId("import-read"));
    await user.click(await screen.findByTestId("import-restore"));
    expect(await screen.findByTestId("import-restore-error")).toHaveTextContent("A backup restores only into an empty book");
  });
});
