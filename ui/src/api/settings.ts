import { call } from "./client";
import type { Settings } from "./bindings/Settings";

export const settings = {
  get(): Promise<Settings> {
    return call("settings_get");
  },
  update(value: Settings): Promise<Settings> {
    return call("settings_update", { settings: value });
  },
};
