import { call } from "./client";
import type { AppInfo } from "./bindings/AppInfo";

export type { AppInfo };

export const app = {
  info(): Promise<AppInfo> {
    return call("app_info");
  },
};
