import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Conflict, SyncSummary } from "../../api";
import i18n from "../../i18n";
import { callsTo, installBackend, renderWithProviders } from "../../test/render";
import { ConflictsCard } from "./ConflictsCard";
import { SyncSection } from "./SyncSection";

const summary: SyncSummary = {
  place: "/media/usb/team",
  team_created: false,
  sent: 2,
  sent_segments: 1,
  received: 5,
  applied: 5,
  conflicts: 1,
  customers_in: { added: 1, changed: 1, deleted: 0 },
  customers_out: { added: 0, changed: 1, deleted: 0 },
  skipped_segments: [{ name: "devices/d2/0000000003-0123456789abcdef.seg", reason: "segment_damaged" }],
  future_stamps: 0,
  parked: 0,
  snapshot_in: null,
  snapshot_out: null,
};

function conflict(restored: boolean): Conflict {
  return {
    id: "k1",
    entity: "customers",
    row_id: "c1",
    field: "tier",
    customer_id: "c1",
    value: '"C"',
    winner_value: '"VIP"',
    device: "dev-a",
    edited_at: "2026-12-06T01:00:00.000Z",
    winner_device: "dev-b",
    detected_at: "2026-12-06T02:00:00.000Z",
    restored_at: restored ? "2026-12-06T03:00:00.000Z" : null,
  };
}

describe("Settings → Sync", () => {
  it("sends the folder and passphrase, then says what came in, went out, lost and was skipped", async () => {
    await i18n.changeLanguage("en");
    const user = userEvent.setup();
    const backend = installBackend([], { override: (cmd) => (cmd === "sync_run" ? summary : undefined) });
    renderWithProviders(<SyncSection />);
    const now = await screen.findByTestId("sync-now");
    expect(now).toBeDisabled();
    await user.type(screen.getByTestId("sync-folder"), "/media/usb/team");
    await user.type(screen.getByTestId("sync-passphrase"), "口令");
    await user.click(now);
    await screen.findByTestId("sync-summary");
    expect(callsTo(backend, "sync_run")).toEqual([{ place: { kind: "folder", path: "/media/usb/team" }, passphrase: "口令" }]);
    expect(screen.getByTestId("sync-summary-in")).toHaveTextContent("Received 5 changes: 1 customers added, 1 changed");
    expect(screen.getByTestId("sync-summary-conflicts")).toHaveTextContent("1 edit lost");
    expect(screen.getByTestId("sync-skipped")).toHaveTextContent("damaged or incomplete");
  });

  it("syncs with an S3 bucket: server, bucket, access key and secret, then the interval is saved", async () => {
    await i18n.changeLanguage("en");
    const user = userEvent.setup();
    const backend = installBackend([], {
      override: (cmd) =>
        cmd === "sync_run"
          ? { ...summary, place: "http://127.0.0.1:9000/team-book", snapshot_in: "devices/d1/snapshot-1764998400000" }
          : undefined,
    });
    renderWithProviders(<SyncSection />);
    await user.click(await screen.findByTestId("sync-kind-s3"));
    expect(screen.queryByTestId("sync-folder")).not.toBeInTheDocument();
    const now = screen.getByTestId("sync-now");
    await user.type(screen.getByTestId("sync-endpoint"), "http://127.0.0.1:9000");
    await user.type(screen.getByTestId("sync-bucket"), "team-book");
    expect(screen.getByTestId("sync-region")).toHaveValue("us-east-1"); // the default, editable
    await user.type(screen.getByTestId("sync-access-key"), "AKIA1");
    await user.type(screen.getByTestId("sync-passphrase"), "口令");
    expect(now).toBeDisabled(); // the secret is still missing
    await user.type(screen.getByTestId("sync-secret"), "s3cret");
    await user.click(now);
    await screen.findByTestId("sync-summary");
    expect(callsTo(backend, "sync_run")).toEqual([
      {
        place: {
          kind: "s3",
          endpoint: "http://127.0.0.1:9000",
          bucket: "team-book",
          access_key: "AKIA1",
          secret: "s3cret",
          region: "us-east-1",
        },
        passphrase: "口令",
      },
    ]);
    expect(screen.getByTestId("sync-summary-snapshot-in")).toHaveTextContent(
      "started from the team's snapshot devices/d1/snapshot-1764998400000",
    );
    await user.selectOptions(screen.getByTestId("sync-every"), "15");
    expect(callsTo(backend, "sync_set_interval")).toEqual([{ minutes: 15 }]);
    await waitFor(() => expect(screen.getByTestId("sync-every")).toHaveValue("15"));
  });

  it("a refused S3 key is a translated error", async () => {
    await i18n.changeLanguage("zh-CN");
    const user = userEvent.setup();
    installBackend([], {
      locale: "zh-CN",
      override: (cmd) =>
        cmd === "sync_run" ? Promise.reject({ code: "sync_s3_auth", message: "403", field: null }) : undefined,
    });
    renderWithProviders(<SyncSection />);
    await user.click(await screen.findByTestId("sync-kind-s3"));
    await user.type(screen.getByTestId("sync-endpoint"), "http://127.0.0.1:9000");
    await user.type(screen.getByTestId("sync-bucket"), "team-book");
    await user.type(screen.getByTestId("sync-access-key"), "AKIA1");
    await user.type(screen.getByTestId("sync-secret"), "wrong");
    await user.type(screen.getByTestId("sync-passphrase"), "口令");
    await user.click(screen.getByTestId("sync-now"));
    expect(await screen.findByTestId("error-banner")).toHaveTextContent("存储桶拒绝了访问密钥或私密密钥");
  });

  it("a wrong passphrase is shown as a translated error", async () => {
    const user = userEvent.setup();
    installBackend([], {
      locale: "zh-CN",
      override: (cmd) =>
        cmd === "sync_run" ? Promise.reject({ code: "sync_passphrase_wrong", message: "no", field: null }) : undefined,
    });
    renderWithProviders(<SyncSection />);
    await user.type(await screen.findByTestId("sync-folder"), "/x");
    await user.type(screen.getByTestId("sync-passphrase"), "wrong");
    await user.click(screen.getByTestId("sync-now"));
    expect(await screen.findByTestId("error-banner")).toHaveTextContent("团队口令与该文件夹的团队不符");
  });
});

describe("conflicts on the customer page", () => {
  it("lists a losing value with what it lost to, and Restore sends it back", async () => {
    await i18n.changeLanguage("en");
    const user = userEvent.setup();
    let restored = false;
    const backend = installBackend([], {
      override: (cmd) => {
        if (cmd === "sync_conflicts") return [conflict(restored)];
        if (cmd === "sync_restore_conflict") {
          restored = true;
          return conflict(true);
        }
        return undefined;
      },
    });
    renderWithProviders(<ConflictsCard customerId="c1" />);
    const item = await screen.findByTestId("conflict");
    expect(item).toHaveTextContent("Tier C");
    expect(item).toHaveTextContent("lost to “VIP”");
    await user.click(screen.getByTestId("conflict-restore"));
    expect(callsTo(backend, "sync_restore_conflict")).toEqual([{ id: "k1" }]);
    await waitFor(() => expect(screen.queryByTestId("conflict")).not.toBeInTheDocument());
  });
});
