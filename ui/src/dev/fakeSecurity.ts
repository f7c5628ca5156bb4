// The fake core's lock, passphrase and backups (Settings → Security and Backups, the lock
// and damaged-book screens): kept in memory, answering like the shell's security_* and
// backups_* commands.
import type { BackupInfo } from "../api/bindings/BackupInfo";
import type { BackupSettings } from "../api/bindings/BackupSettings";
import type { Customer } from "../api/bindings/Customer";
import type { SecurityStatus } from "../api/bindings/SecurityStatus";
import { fail } from "./fail";
import { UNHANDLED } from "./fakeSegments";
import { typed } from "./typed";

export type FakeSecurity = {
  /** The book's passphrase; null = plaintext. */
  passphrase: string | null;
  status: SecurityStatus;
  backups: BackupInfo[];
  /** Customers each backup holds, by path (what a restore brings back). */
  snapshots: Map<string, Customer[]>;
  settings: BackupSettings;
  handle: (cmd: string, args: Record<string, unknown>) => unknown;
};

export function defaultSecurityStatus(): SecurityStatus {
  return {
    state: "open",
    encrypted: false,
    first_start: false,
    book_path: "/home/demo/.local/share/fieldbook/fieldbook.db",
    damage: null,
    latest_good: null,
    retry_after_secs: 0,
    lock: { idle_minutes: 10, details_while_locked: false },
  };
}

export function createFakeSecurity(customers: Map<string, Customer>, changed: () => void): FakeSecurity {
  let taken = 0;
  const self: FakeSecurity = {
    passphrase: null,
    status: defaultSecurityStatus(),
    backups: [],
    snapshots: new Map(),
    settings: { automatic: true, folder: null, keep_daily: 7, keep_weekly: 4 },
    handle,
  };

  const status = () => ({ ...self.status, encrypted: self.passphrase !== null });
  const usable = () => {
    if (self.status.state === "locked") fail("locked", "the book is locked");
  };
  const given = (v: unknown, field = "passphrase"): string => {
    const s = String(v ?? "");
    if (!s) fail("passphrase_empty", "the passphrase is empty", field);
    return s;
  };
  const live = () => [...customers.values()].filter((c) => c.deleted_at === null);

  function handle(cmd: string, args: Record<string, unknown>): unknown {
    switch (cmd) {
      case "security_status":
        return typed(cmd, status());
      case "security_unlock": {
        const p = given(args.passphrase);
        if (self.status.state === "locked" && p !== self.passphrase) fail("passphrase_wrong", "wrong passphrase");
        self.status = { ...self.status, state: "open" };
        return typed(cmd, status());
      }
      case "security_lock":
        if (self.passphrase !== null) self.status = { ...self.status, state: "locked" };
        return typed(cmd, status());
      case "security_set_passphrase":
        usable();
        if (self.passphrase !== null) fail("passphrase_already_set", "already set", "passphrase");
        self.passphrase = given(args.passphrase);
        return typed(cmd, status());
      case "security_change_passphrase":
        usable();
        if (given(args.current, "current") !== self.passphrase) fail("passphrase_wrong", "wrong passphrase");
        self.passphrase = given(args.passphrase);
        return typed(cmd, status());
      case "security_remove_passphrase":
        usable();
        if (given(args.current, "current") !== self.passphrase) fail("passphrase_wrong", "wrong passphrase");
        self.passphrase = null;
        return typed(cmd, status());
      case "security_update_lock": {
        usable();
        const lock = args.lock as SecurityStatus["lock"];
        if (lock.idle_minutes > 1440) fail("idle_minutes_invalid", "0–1440", "idle_minutes");
        self.status = { ...self.status, lock };
        return typed(cmd, lock);
      }
      case "backups_list":
        return typed(cmd, [...self.backups].sort((a, b) => b.taken_at.localeCompare(a.taken_at)));
      case "backups_now": {
        usable();
        taken += 1;
        const at = new Date(Date.UTC(2026, 11, 6, 9, 0, taken));
        const stamp = at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
        const name = `fieldbook-${stamp}.db`;
        const info: BackupInfo = {
          path: `/home/demo/.local/share/fieldbook/backups/${name}`,
          file_name: name,
          taken_at: at.toISOString().replace(".000Z", "Z"),
          bytes: 180_000 + live().length * 2_000,
          customers: live().length,
          automatic: true,
          problem: null,
        };
        self.backups.push(info);
        self.snapshots.set(info.path, live().map((c) => structuredClone(c)));
        return typed(cmd, info);
      }
      case "backups_preview": {
        const info = self.backups.find((b) => b.path === args.file) ?? fail("backup_not_found", "no such backup", "file");
        const names = (self.snapshots.get(info.path) ?? []).map((c) => c.name).slice(0, 5);
        return typed(cmd, { info, interactions: 0, orders: 0, last_change_at: null, sample_names: names });
      }
      case "backups_restore": {
        const info = self.backups.find((b) => b.path === args.file) ?? fail("backup_not_found", "no such backup", "file");
        customers.clear();
        for (const c of self.snapshots.get(info.path) ?? []) customers.set(c.id, c);
        changed();
        self.status = { ...self.status, state: "open", damage: null, latest_good: null };
        return typed(cmd, {
          restored_from: info.path,
          kept_current_as: null,
          damaged_kept_as: null,
          device_id: "dev-restored",
          customers: customers.size,
        });
      }
      case "backups_settings":
        return typed(cmd, self.settings);
      case "backups_update_settings": {
        const s = args.settings as BackupSettings;
        if (s.keep_daily < 1 || s.keep_daily > 366 || s.keep_weekly > 520) fail("backup_keep_invalid", "keep", "keep_daily");
        self.settings = s;
        return typed(cmd, s);
      }
      default:
        return UNHANDLED;
    }
  }

  return self;
}
