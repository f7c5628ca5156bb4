import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { makeCustomer } from "../../dev/fakeBackend";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { BackupsSection } from "./BackupsSection";
import { LockGate } from "./LockGate";

describe("lock screen", () => {
  it("hides the app while locked, shows a wrong passphrase's error, and opens with the right one", async () => {
    const backend = installBackend([makeCustomer({ name: "Alice Zhang" })]);
    backend.security.passphrase = "correct horse";
    backend.security.status = { ...backend.security.status, state: "locked" };
    renderWithProviders(
      <LockGate>
        <p data-testid="inside">the book</p>
      </LockGate>,
    );
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("unlock-passphrase"), "wrong");
    await user.click(screen.getByTestId("unlock-submit"));
    expect(await screen.findByTestId("unlock-error")).toHaveTextContent("Wrong passphrase");
    expect(screen.queryByTestId("inside")).toBeNull();
    await user.type(screen.getByTestId("unlock-passphrase"), "correct horse");
    await user.click(screen.getByTestId("unlock-submit"));
    expect(await screen.findByTestId("inside")).toBeInTheDocument();
    expect(callsTo(backend, "security_unlock")).toEqual([{ passphrase: "wrong" }, { passphrase: "correct horse" }]);
  });

  it("Settings → Security sets a passphrase, and Ctrl+L then locks", async () => {
    const backend = installBackend([]);
    const { SecuritySection } = await import("./SecuritySection");
    renderWithProviders(
      <LockGate>
        <SecuritySection />
      </LockGate>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("security-set"));
    await user.type(screen.getByTestId("security-new"), "s3cret pass");
    await user.type(screen.getByTestId("security-repeat"), "s3cret pass");
    await user.click(screen.getByTestId("security-submit"));
    await waitFor(() => expect(backend.security.passphrase).toBe("s3cret pass"));
    expect(await screen.findByTestId("security-change")).toBeInTheDocument();
    await user.keyboard("{Control>}l{/Control}");
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
  });

  it("a damaged book shows its own screen with SQLite's words labelled as a technical detail", async () => {
    const backend = installBackend([]);
    backend.security.status = { ...backend.security.status, state: "damaged", damage: "database disk image is malformed" };
    renderWithProviders(
      <LockGate>
        <p data-testid="inside">the book</p>
      </LockGate>,
    );
    expect(await screen.findByTestId("damaged-detail")).toHaveTextContent(
      "Technical detail (from SQLite): database disk image is malformed",
    );
    expect(screen.getByTestId("damaged-no-backup")).toBeInTheDocument();
    expect(screen.queryByTestId("inside")).toBeNull();
  });
});

describe("backups", () => {
  it("backs up now, previews a backup and restores it", async () => {
    const backend = installBackend([makeCustomer({ name: "Alice Zhang" })]);
    renderWithProviders(<BackupsSection />);
    const user = userEvent.setup();
    expect(await screen.findByTestId("backup-empty")).toBeInTheDocument();
    await user.click(screen.getByTestId("backup-now"));
    expect(await screen.findByTestId("backup-row")).toHaveTextContent("1");
    backend.customers.set("later", makeCustomer({ id: "later", name: "Added Later" }));
    await user.click(screen.getByTestId("backup-restore"));
    expect(await screen.findByTestId("backup-preview-names")).toHaveTextContent("Alice Zhang");
    await user.click(screen.getByTestId("backup-restore-confirm"));
    await waitFor(() => expect(callsTo(backend, "backups_restore")).toHaveLength(1));
    expect(backend.customers.has("later")).toBe(false);
  });
});
