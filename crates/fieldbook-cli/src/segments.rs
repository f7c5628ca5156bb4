//! `fieldbook segments …` (saved customer filters), `fieldbook handover` and `fieldbook bulk-edit`.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use fieldbook_core::customers::{BulkEdit, CustomerSummary, Handover, HandoverScope, Tier};
use fieldbook_core::segments::{SegmentFilter, SegmentInput};
use fieldbook_core::{CoreError, Store};
use serde::Serialize;

use crate::customers::TierArg;
use crate::output::Output;

#[derive(Subcommand)]
pub enum SegmentsCommand {
    /// List saved segments with how many customers each matches today.
    List,
    /// Show a segment's filter and the customers it matches.
    Show {
        name: String,
        #[arg(long, default_value_t = 0)]
        offset: u64,
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
    /// Save a filter as a named segment, e.g. --filter '{"tiers":["VIP"],"no_contact_days":90}'.
    Add {
        name: String,
        /// The filter as JSON (fields of SegmentFilter; missing ones are no condition).
        #[arg(long)]
        filter: String,
    },
    /// Rename a saved segment and/or replace its filter.
    Update {
        name: String,
        #[arg(long)]
        rename: Option<String>,
        #[arg(long)]
        filter: Option<String>,
    },
    /// Delete a saved segment (its customers are untouched).
    Delete { name: String },
    /// Count and list the customers an ad-hoc filter matches, without saving it.
    Preview {
        #[arg(long)]
        filter: String,
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
}

#[derive(Args)]
pub struct HandoverArgs {
    /// The current owner ("" for customers without one).
    #[arg(long)]
    from: String,
    /// The new owner.
    #[arg(long)]
    to: String,
    /// Only the customers this saved segment matches.
    #[arg(long, conflicts_with = "ids")]
    segment: Option<String>,
    /// Only these customers (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    ids: Vec<String>,
}

#[derive(Args)]
pub struct BulkEditArgs {
    /// The customers to change (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', num_args = 1.., required = true)]
    ids: Vec<String>,
    #[arg(long, value_enum)]
    tier: Option<TierArg>,
    /// New owner; "" clears it.
    #[arg(long)]
    owner: Option<String>,
    #[arg(long = "add-tag")]
    add_tags: Vec<String>,
    #[arg(long = "remove-tag")]
    remove_tags: Vec<String>,
}

#[derive(Serialize)]
struct Listed {
    id: String,
    name: String,
    count: u64,
    filter: SegmentFilter,
}

#[derive(Serialize)]
struct Shown<'a> {
    id: &'a str,
    name: &'a str,
    filter: &'a SegmentFilter,
    total: u64,
    customers: &'a [CustomerSummary],
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn parse_filter(json: &str) -> anyhow::Result<SegmentFilter> {
    serde_json::from_str(json).map_err(|e| {
        CoreError::invalid("filter", "filter_invalid", format!("the filter is not valid segment JSON: {e}")).into()
    })
}

pub fn run(cmd: SegmentsCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    let today = today();
    match cmd {
        SegmentsCommand::List => {
            let mut listed = vec![];
            for s in store.segments()? {
                let count = store.segment_count(&s.filter, today)?;
                listed.push(Listed { id: s.id, name: s.name, count, filter: s.filter });
            }
            out.emit(&listed, || {
                if listed.is_empty() {
                    return "no saved segments (add one with `fieldbook segments add NAME --filter JSON`)".into();
                }
                listed.iter().map(|s| format!("{:>7}  {}", s.count, s.name)).collect::<Vec<_>>().join("\n")
            });
        }
        SegmentsCommand::Show { name, offset, limit } => {
            let s = store.segment_by_name(&name)?;
            let page = store.segment_customers(&s.filter, today, offset, limit)?;
            let shown =
                Shown { id: &s.id, name: &s.name, filter: &s.filter, total: page.total, customers: &page.items };
            out.emit(&shown, || {
                let mut lines = vec![
                    format!("{} ({})", s.name, s.id),
                    format!("  filter  {}", serde_json::to_string(&s.filter).unwrap_or_default()),
                ];
                lines.extend(page.items.iter().map(line));
                lines.push(format!("({} of {} shown)", page.items.len(), page.total));
                lines.join("\n")
            });
        }
        SegmentsCommand::Add { name, filter } => {
            let filter = parse_filter(&filter)?;
            let s = store.create_segment(SegmentInput { name, filter }, today)?;
            out.emit(&s, || s.id.clone());
        }
        SegmentsCommand::Update { name, rename, filter } => {
            let s = store.segment_by_name(&name)?;
            let filter = match filter {
                Some(json) => parse_filter(&json)?,
                None => s.filter,
            };
            let input = SegmentInput { name: rename.unwrap_or(s.name), filter };
            let s = store.update_segment(&s.id, input, today)?;
            out.emit(&s, || format!("updated segment {}", s.name));
        }
        SegmentsCommand::Delete { name } => {
            let s = store.segment_by_name(&name)?;
            store.delete_segment(&s.id)?;
            out.emit(&serde_json::json!({ "id": s.id, "deleted": true }), || format!("deleted segment {}", s.name));
        }
        SegmentsCommand::Preview { filter, limit } => {
            let filter = parse_filter(&filter)?;
            let page = store.segment_customers(&filter, today, 0, limit)?;
            out.emit(&page, || {
                let mut lines: Vec<String> = page.items.iter().map(line).collect();
                lines.push(format!("({} of {} shown)", page.items.len(), page.total));
                lines.join("\n")
            });
        }
    }
    Ok(())
}

pub fn handover(args: HandoverArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    let scope = match (args.segment, args.ids.is_empty()) {
        (Some(name), _) => HandoverScope::Segment { segment_id: store.segment_by_name(&name)?.id },
        (None, false) => HandoverScope::Ids { ids: args.ids },
        (None, true) => HandoverScope::All,
    };
    let h = Handover { from: args.from, to: args.to, scope };
    let r = store.handover(&h, today())?;
    out.emit(&r, || format!("moved {} customer(s) from {:?} to {:?}; {} skipped", r.moved, h.from, h.to, r.skipped));
    Ok(())
}

pub fn bulk_edit(args: BulkEditArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    let edit = BulkEdit {
        tier: args.tier.map(|t| match t {
            TierArg::Vip => Tier::Vip,
            TierArg::A => Tier::A,
            TierArg::B => Tier::B,
            TierArg::C => Tier::C,
        }),
        owner: args.owner,
        add_tags: args.add_tags,
        remove_tags: args.remove_tags,
    };
    let changed = store.bulk_edit_customers(&args.ids, &edit)?;
    out.emit(&serde_json::json!({ "changed": changed }), || format!("changed {changed} customer(s)"));
    Ok(())
}

fn line(c: &CustomerSummary) -> String {
    let tier = c.tier.map(|t| t.as_str()).unwrap_or("-");
    format!("{}  {:<4} {}", c.id, tier, c.name)
}
