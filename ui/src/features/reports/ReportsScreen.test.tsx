import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { App } from "../../App";
import type { Report } from "../../api";
import { makeCustomer, makeOccurrence } from "../../dev/fakeBackend";
import { emptyReport } from "../../dev/fakeReports";
import i18n from "../../i18n";
import { installBackend, renderWithProviders } from "../../test/render";
import { ReportsScreen } from "./ReportsScreen";

/** The first render loads the chart library: allow for a busy machine. */
const SLOW = { timeout: 5000 };

const people = [
  makeCustomer({ id: "p1", name: "王芳", tier: "VIP" }),
  makeCustomer({ id: "p2", name: "Emily Carter", tier: "A" }),
  makeCustomer({ id: "p3", name: "李雷", tier: "A" }),
];

/** The figures the core would compute for a small book (see crates/fieldbook-core/tests/reports.rs). */
function stocked(): Report {
  const r = emptyReport("2026-11-22");
  r.total_customers = 3;
  r.by_tier = [
    { tier: "VIP", count: 1 },
    { tier: "A", count: 2 },
    { tier: "B", count: 0 },
    { tier: "C", count: 0 },
    { tier: null, count: 0 },
  ];
  r.by_stage = [
    { stage: "new", count: 0 },
    { stage: "active", count: 2 },
    { stage: "silent", count: 1 },
    { stage: "lost", count: 0 },
  ];
  r.revenue.currencies = ["CNY", "USD"];
  r.revenue.months = r.revenue.months.map((m) => ({
    month: m.month,
    amounts: [
      { currency: "CNY", amount: m.month === "2026-11" ? "3000.00" : "0.00" },
      { currency: "USD", amount: m.month === "2026-06" ? "100.00" : "0.00" },
    ],
  }));
  r.revenue.totals = [
    { currency: "CNY", amount: "3500.50" },
    { currency: "USD", amount: "100.00" },
  ];
  r.top_customers = {
    currency: "CNY",
    items: [
      { customer_id: "p2", name: "Emily Carter", tier: "A", revenue: "2000.00", orders: 1 },
      { customer_id: "p1", name: "王芳", tier: "VIP", revenue: "1500.50", orders: 2 },
    ],
  };
  r.overdue = {
    count: 1,
    top: [
      {
        occurrence: makeOccurrence({
          kind: "revisit",
          date: "2026-11-08",
          customer_id: "p1",
          customer_name: "王芳",
          title: "Revisit 王芳 (every 7 days)",
          title_zh: "回访 王芳（每 7 天）",
        }),
        tier: "VIP",
        days_late: 14,
      },
    ],
  };
  r.complaints = { total: 5, open: 1, in_progress: 1, resolved: 3, rated: 3, average_satisfaction: "4.33" };
  r.retention = { ...r.retention, previous_active: 4, current_active: 3, retained: 2, rate_pct: "50.0" };
  return r;
}

describe("reports dashboard", () => {
  it("shows every figure the core computed, each under its own test id", async () => {
    const backend = installBackend(people);
    backend.report = stocked();
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    expect(await screen.findByTestId("report-total-customers", {}, SLOW)).toHaveTextContent("3");
    expect(screen.getByTestId("report-tier-VIP")).toHaveTextContent("1");
    expect(screen.getByTestId("report-tier-A")).toHaveTextContent("2");
    expect(screen.getByTestId("report-tier-none")).toHaveTextContent("0");
    expect(screen.getByTestId("report-stage-active")).toHaveTextContent("2");
    expect(screen.getByTestId("report-stage-silent")).toHaveTextContent("1");
    expect(screen.getByTestId("report-overdue-count")).toHaveTextContent("1");
    expect(screen.getByTestId("report-complaints-open")).toHaveTextContent("2");
    expect(screen.getByTestId("report-satisfaction")).toHaveTextContent("4.33 / 5");
    expect(screen.getByTestId("report-retention")).toHaveTextContent("50.0%");
    expect(screen.getByTestId("report-as-of")).toHaveTextContent("Nov 22, 2026");
  });

  it("does not praise the book while customers are lost", async () => {
    const backend = installBackend(people);
    const r = stocked();
    r.overdue = { ...r.overdue, count: 0, top: [] };
    r.by_stage = r.by_stage.map((s) => (s.stage === "lost" ? { ...s, count: 350 } : s));
    backend.report = r;
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    const empty = await screen.findByTestId("report-overdue-empty", {}, SLOW);
    expect(empty).toHaveTextContent("Nobody is overdue for a revisit. 350 customers are lost, though");
    expect(empty).not.toHaveTextContent(/well kept/i);
  });

  it("states how retention is defined, with the two periods", async () => {
    const backend = installBackend(people);
    backend.report = stocked();
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    const summary = await screen.findByTestId("report-retention-summary", {}, SLOW);
    expect(summary).toHaveTextContent("2 of 4 active customers came back (90-day periods)");
    const definition = screen.getByTestId("report-retention-definition");
    expect(definition).toHaveTextContent("2 of the 4 customers active May 27, 2026 – Aug 24, 2026");
    expect(definition).toHaveTextContent("active again Aug 25, 2026 – Nov 22, 2026");
    expect(definition).toHaveTextContent("90-day periods");
  });

  it("draws real charts: bars per tier and a donut of stages", async () => {
    const backend = installBackend(people);
    backend.report = stocked();
    const { container } = renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    await screen.findByTestId("report-total-customers", {}, SLOW);
    const tiers = screen.getByTestId("report-tiers");
    await waitFor(() => expect(tiers.querySelectorAll(".recharts-bar-rectangle").length).toBeGreaterThan(0));
    const stages = screen.getByTestId("report-stages");
    await waitFor(() => expect(stages.querySelectorAll(".recharts-pie-sector").length).toBeGreaterThan(0));
    expect(container.querySelector("[data-testid=report-revenue] svg.recharts-surface")).not.toBeNull();
  });

  it("shows revenue per currency with exact amounts and switches currency", async () => {
    const backend = installBackend(people);
    backend.report = stocked();
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    const total = await screen.findByTestId("report-revenue-total", {}, SLOW);
    expect(total).toHaveAttribute("data-currency", "CNY");
    expect(total).toHaveTextContent("¥3,500.50");
    const november = screen.getAllByTestId("report-revenue-month").find((r) => r.dataset.month === "2026-11")!;
    expect(november).toHaveTextContent("¥3,000.00");
    await userEvent.click(screen.getByTestId("report-currency-USD"));
    expect(screen.getByTestId("report-revenue-total")).toHaveAttribute("data-currency", "USD");
    expect(screen.getByTestId("report-revenue-total")).toHaveTextContent("$100.00");
  });

  it("opens a customer from the top list and from the overdue list", async () => {
    const backend = installBackend(people);
    backend.report = stocked();
    const opened: string[] = [];
    renderWithProviders(<ReportsScreen onOpenCustomer={(id) => opened.push(id)} />);
    const top = await screen.findAllByTestId("report-top-row", {}, SLOW);
    expect(top.map((r) => r.dataset.id)).toEqual(["p2", "p1"]);
    expect(top[1]).toHaveTextContent("¥1,500.50");
    await userEvent.click(top[0]!);
    const overdue = screen.getByTestId("report-overdue-row");
    expect(overdue).toHaveTextContent("14 days late");
    await userEvent.click(overdue);
    expect(opened).toEqual(["p2", "p1"]);
  });

  it("shows a loading state, then an empty state for an empty book", async () => {
    installBackend([]);
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    expect(screen.getByTestId("report-loading")).toBeInTheDocument();
    expect(await screen.findByTestId("report-empty", {}, SLOW)).toHaveTextContent("No customers yet");
    expect(screen.queryByTestId("report-loading")).toBeNull();
  });

  it("shows an error with a retry when the core fails", async () => {
    let fail = true;
    installBackend(people, {
      override: (cmd) => {
        if (cmd === "reports_get" && fail) throw { code: "storage", message: "disk", field: null };
        return undefined;
      },
    });
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    const banner = await screen.findByTestId("error-banner", {}, SLOW);
    expect(banner).toHaveTextContent("The database could not be read or written");
    fail = false;
    await userEvent.click(within(banner).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("report-tier-A", {}, SLOW)).toHaveTextContent("2");
  });

  it("speaks Chinese in zh-CN", async () => {
    await i18n.changeLanguage("zh-CN");
    const backend = installBackend(people, { locale: "zh-CN" });
    backend.report = stocked();
    renderWithProviders(<ReportsScreen onOpenCustomer={() => {}} />);
    await screen.findByTestId("report-total-customers", {}, SLOW);
    expect(screen.getByRole("heading", { name: "数据分析" })).toBeInTheDocument();
    expect(screen.getByTestId("report-overdue-row")).toHaveTextContent("逾期 14 天");
    expect(screen.getByText("客户留存率")).toBeInTheDocument();
  });

  it("is reached from the sidebar, and a top customer opens on the customers screen", async () => {
    const backend = installBackend(people);
    backend.report = stocked();
    renderWithProviders(<App />);
    await userEvent.click(await screen.findByTestId("nav-reports", {}, SLOW));
    expect(screen.getByTestId("nav-reports")).toHaveTextContent("Reports");
    const rows = await screen.findAllByTestId("report-top-row", {}, SLOW);
    await userEvent.click(rows[0]!);
    expect(screen.getByTestId("nav-customers")).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(backend.calls.some((c) => c.cmd === "customers_get" && c.args.id === "p2")).toBe(true));
  });
});
