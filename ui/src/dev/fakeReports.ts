// The fake core's reports dashboard: customer counts come from the fake book itself; the
// figures that need the real rules (stages, revenue, retention) start empty, and tests or
// the preview set a whole Report on the backend (`backend.report`) to show them.
import type { Customer } from "../api/bindings/Customer";
import type { Report } from "../api/bindings/Report";
import type { Tier } from "../api/bindings/Tier";

const TIERS: (Tier | null)[] = ["VIP", "A", "B", "C", null];

/** YYYY-MM of the month `back` months before the month of `asOf` (YYYY-MM-DD). */
function monthBefore(asOf: string, back: number): string {
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A report with every figure zero or empty, for `asOf`. */
export function emptyReport(asOf: string): Report {
  return {
    as_of: asOf,
    total_customers: 0,
    by_tier: TIERS.map((tier) => ({ tier, count: 0 })),
    by_stage: (["new", "active", "silent", "lost"] as const).map((stage) => ({ stage, count: 0 })),
    revenue: {
      currencies: [],
      months: Array.from({ length: 12 }, (_, i) => ({ month: monthBefore(asOf, 11 - i), amounts: [] })),
      totals: [],
    },
    top_customers: { currency: null, items: [] },
    overdue: { count: 0, top: [] },
    complaints: { total: 0, open: 0, in_progress: 0, resolved: 0, rated: 0, average_satisfaction: null },
    retention: {
      period_days: 90,
      previous_from: shiftDay(asOf, -179),
      previous_to: shiftDay(asOf, -90),
      current_from: shiftDay(asOf, -89),
      current_to: asOf,
      previous_active: 0,
      current_active: 0,
      retained: 0,
      rate_pct: null,
    },
  };
}

/** The live customers counted per tier (and in total); everything else empty. */
export function reportFromBook(customers: Map<string, Customer>, asOf: string): Report {
  const live = [...customers.values()].filter((c) => !c.deleted_at);
  const report = emptyReport(asOf);
  report.total_customers = live.length;
  report.by_tier = TIERS.map((tier) => ({ tier, count: live.filter((c) => c.tier === tier).length }));
  return report;
}
