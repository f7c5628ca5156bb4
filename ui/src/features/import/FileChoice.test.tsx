// The native open dialog and files dropped on the window. The real dialog plugin and webview
// modules run; only the IPC under them is answered here (no native dialog or OS drag in jsdom).
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { mockWindows } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";

import { createFakeImport, type FakeFile } from "../../dev/fakeImport";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { ImportScreen } from "./ImportScreen";

const CONTACTS: FakeFile = { headers: ["姓名", "手机"], rows: [["张三", "13800138000"]] };

/** The import screen over the fake core; `picked` is what the native open dialog answers. */
function setup(picked: string | null) {
  let fake: ReturnType<typeof createFakeImport> | null = null;
  const dialogCalls: unknown[] = [];
  const backend = installBackend([], {
    override: (cmd, args) => {
      if ((cmd as string) === "plugin:dialog|open") {
        dialogCalls.push(args.options);
        return picked;
      }
      return fake?.handle(cmd, args);
    },
  });
  mockWindows("main");
  fake = createFakeImport(backend, { "/home/me/contacts.csv": CONTACTS });
  renderWithProviders(<ImportScreen />);
  return { backend, dialogCalls, user: userEvent.setup() };
}

describe("import: choosing or dropping the file", () => {
  it("Choose file… opens the open dialog for importable types and reads the chosen file", async () => {
    const { backend, dialogCalls, user } = setup("/home/me/contacts.csv");
    await user.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-preview");
    expect(screen.getByTestId("import-path")).toHaveValue("/home/me/contacts.csv");
    // One file, not a folder, filtered to what the import reads.
    expect(dialogCalls).toEqual([
      expect.objectContaining({
        title: "Fieldbook: choose a file to import",
        multiple: false,
        directory: false,
        filters: [{ name: "Customer files", extensions: ["csv", "xlsx", "vcf", "ics", "json"] }],
      }),
    ]);
    expect(callsTo(backend, "import_preview")[0]).toMatchObject({ path: "/home/me/contacts.csv" });
  });

  it("a cancelled dialog keeps the typed path and reads nothing", async () => {
    const { backend, user } = setup(null);
    await user.type(screen.getByTestId("import-path"), "/typed/path.csv");
    await user.click(screen.getByTestId("import-choose"));
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === "plugin:dialog|open")).toBe(true));
    expect(screen.getByTestId("import-path")).toHaveValue("/typed/path.csv");
    expect(callsTo(backend, "import_preview")).toHaveLength(0);
  });

  it("a file dragged over the window is announced, and dropping it fills the path and reads it", async () => {
    const { backend } = setup(null);
    // The listener registers after mount: drag over until the screen has heard it.
    await waitFor(async () => {
      await emit("tauri://drag-over", { position: { x: 10, y: 10 } });
      expect(screen.getByTestId("import-drop-hint")).toHaveTextContent("Drop the file to read it");
    });
    await emit("tauri://drag-drop", { paths: ["/home/me/contacts.csv"], position: { x: 10, y: 10 } });
    await screen.findByTestId("import-preview");
    expect(screen.getByTestId("import-path")).toHaveValue("/home/me/contacts.csv");
    expect(screen.queryByTestId("import-drop-hint")).toBeNull();
    expect(callsTo(backend, "import_preview")[0]).toMatchObject({ path: "/home/me/contacts.csv" });
  });
});
