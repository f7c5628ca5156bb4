import { call } from "./client";
import type { Classification } from "./bindings/Classification";
import type { ClassifySettings } from "./bindings/ClassifySettings";
import type { TimelinePage } from "./bindings/TimelinePage";

export const classify = {
  customer(customerId: string): Promise<Classification> {
    return call("classify_customer", { customerId });
  },
  settingsGet(): Promise<ClassifySettings> {
    return call("classify_settings_get");
  },
  settingsUpdate(value: ClassifySettings): Promise<ClassifySettings> {
    return call("classify_settings_update", { settings: value });
  },
};

/** Most entries one `timeline_list` call returns (the core clamps to 200). */
export const TIMELINE_PAGE = 50;

export const timeline = {
  list(customerId: string, limit: number, before: string | null): Promise<TimelinePage> {
    return call("timeline_list", { customerId, limit, before });
  },
};
