//! `fieldbook report`: the reports dashboard's figures as a table, or the `Report` as JSON.

use std::fmt::Write;

use chrono::NaiveDate;
use clap::Args;
use fieldbook_core::reports::Report;
use fieldbook_core::Store;

use crate::output::Output;

#[derive(Args)]
pub struct ReportArgs {
    /// The day the figures are for (YYYY-MM-DD); default today.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
}

pub fn run(store: &Store, args: &ReportArgs, out: &Output) -> anyhow::Result<()> {
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let report = store.report(as_of)?;
    out.emit(&report, || text(&report));
    Ok(())
}

fn text(r: &Report) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "Report as of {}", r.as_of);
    let _ = writeln!(t, "\nCustomers: {}", r.total_customers);
    for c in &r.by_tier {
        let tier = c.tier.map(|t| t.as_str()).unwrap_or("no tier");
        let _ = writeln!(t, "  {tier:<10} {:>8}", c.count);
    }
    let _ = writeln!(t, "\nLifecycle stage");
    for s in &r.by_stage {
        let _ = writeln!(t, "  {:<10} {:>8}", format!("{:?}", s.stage).to_lowercase(), s.count);
    }
    let _ = writeln!(t, "\nRevenue by month (purchases)");
    if r.revenue.currencies.is_empty() {
        let _ = writeln!(t, "  none in the last 12 months");
    } else {
        let _ = write!(t, "  {:<8}", "month");
        for c in &r.revenue.currencies {
            let _ = write!(t, " {c:>16}");
        }
        t.push('\n');
        for m in &r.revenue.months {
            let _ = write!(t, "  {:<8}", m.month);
            for a in &m.amounts {
                let _ = write!(t, " {:>16}", a.amount);
            }
            t.push('\n');
        }
    }
    match &r.top_customers.currency {
        Some(currency) => {
            let _ = writeln!(t, "\nTop customers, last 12 months ({currency})");
            for (i, c) in r.top_customers.items.iter().enumerate() {
                let _ = writeln!(t, "  {:>2}. {:<24} {:>16}  {} orders", i + 1, c.name, c.revenue, c.orders);
            }
        }
        None => {
            let _ = writeln!(t, "\nTop customers: no purchases in the last 12 months");
        }
    }
    let _ = writeln!(t, "\nOverdue for contact: {}", r.overdue.count);
    for o in &r.overdue.top {
        let name = o.occurrence.customer_name.as_deref().unwrap_or("?");
        let tier = o.tier.map(|t| t.as_str()).unwrap_or("-");
        let _ = writeln!(t, "  {name:<24} {tier:<4} due {}  {} days late", o.occurrence.date, o.days_late);
    }
    let c = &r.complaints;
    let avg = c.average_satisfaction.map(|a| format!("{a} / 5 over {} rated", c.rated));
    let _ = writeln!(
        t,
        "\nComplaints: {} total, {} open, {} in progress, {} resolved; satisfaction {}",
        c.total,
        c.open,
        c.in_progress,
        c.resolved,
        avg.as_deref().unwrap_or("not rated yet")
    );
    let k = &r.retention;
    let rate = k.rate_pct.map(|p| format!("{p}%")).unwrap_or_else(|| "n/a".into());
    let _ = write!(
        t,
        "\nRetention: {rate} ({} of {} customers active {}..{} were active again {}..{}; {}-day periods)",
        k.retained, k.previous_active, k.previous_from, k.previous_to, k.current_from, k.current_to, k.period_days
    );
    t
}
