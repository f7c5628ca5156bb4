import { call } from "./client";
import type { Report } from "./bindings/Report";

export const reports = {
  /** Every figure of the reports dashboard, for today on this laptop's calendar. */
  get(): Promise<Report> {
    return call("reports_get");
  },
};
