import { call } from "./client";
import type { BackupSettings } from "./bindings/BackupSettings";
import type { LockSettings } from "./bindings/LockSettings";

export const security = {
  status() {
    return call("security_status");
  },
  unlock(passphrase: string) {
    return call("security_unlock", { passphrase });
  },
  lock() {
    return call("security_lock");
  },
  setPassphrase(passphrase: string) {
    return call("security_set_passphrase", { passphrase });
  },
  changePassphrase(current: string, passphrase: string) {
    return call("security_change_passphrase", { current, passphrase });
  },
  removePassphrase(current: string) {
    return call("security_remove_passphrase", { current });
  },
  updateLock(lock: LockSettings) {
    return call("security_update_lock", { lock });
  },
};

export const backups = {
  list() {
    return call("backups_list");
  },
  now() {
    return call("backups_now");
  },
  preview(file: string) {
    return call("backups_preview", { file });
  },
  restore(file: string) {
    return call("backups_restore", { file });
  },
  settings() {
    return call("backups_settings");
  },
  updateSettings(settings: BackupSettings) {
    return call("backups_update_settings", { settings });
  },
};
