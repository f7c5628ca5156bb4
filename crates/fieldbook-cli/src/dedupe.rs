//! `fieldbook dedupe`: list likely duplicate customers, merge them, undo a merge.

use clap::{Args, Subcommand};
use fieldbook_core::cleaning::{DuplicateReason, MergeRecord};
use fieldbook_core::Store;

use crate::output::Output;

#[derive(Args)]
pub struct DedupeArgs {
    #[command(subcommand)]
    pub command: Option<DedupeCommand>,
}

#[derive(Subcommand)]
pub enum DedupeCommand {
    /// Merge OTHER customers into SURVIVOR (they go to the Trash; their records move).
    Merge {
        survivor: String,
        #[arg(required = true)]
        others: Vec<String>,
    },
    /// Undo a merge: the merged customers come back with their records.
    Undo { merge_id: String },
    /// Past merges, newest first.
    History {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

fn reason_text(r: DuplicateReason) -> &'static str {
    match r {
        DuplicateReason::SamePhone => "same phone",
        DuplicateReason::SameEmail => "same email",
        DuplicateReason::SameNameCompany => "same name and company",
        DuplicateReason::SameNameCity => "same name and city",
        DuplicateReason::SamePinyinCompany => "same pinyin and company",
        DuplicateReason::SamePinyinCity => "same pinyin and city",
    }
}

fn merge_text(m: &MergeRecord) -> String {
    let state = if m.undone_at.is_some() { " (undone)" } else { "" };
    format!(
        "{}  {}  {} ← {}  ({} records moved){state}",
        m.id,
        m.created_at,
        m.survivor_name,
        m.merged_names.join(", "),
        m.moved
    )
}

pub fn run(args: DedupeArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match args.command {
        None => {
            let groups = store.find_duplicates()?;
            out.emit(&groups, || {
                if groups.is_empty() {
                    return "no duplicates found".into();
                }
                let mut t = String::new();
                for (i, g) in groups.iter().enumerate() {
                    let why: Vec<String> =
                        g.reasons.iter().map(|r| format!("{} \"{}\"", reason_text(r.reason), r.value)).collect();
                    t.push_str(&format!("group {} — {}\n", i + 1, why.join("; ")));
                    for c in &g.customers {
                        let extra = [c.company_name.as_deref(), c.phone.as_deref(), c.email.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("  ");
                        t.push_str(&format!("  {}  {}  {extra}\n", c.id, c.name));
                    }
                }
                t.push_str(&format!("{} groups", groups.len()));
                t
            });
        }
        Some(DedupeCommand::Merge { survivor, others }) => {
            let m = store.merge_customers(&survivor, &others)?;
            out.emit(&m, || format!("merged: {}", merge_text(&m)));
        }
        Some(DedupeCommand::Undo { merge_id }) => {
            let m = store.undo_merge(&merge_id)?;
            out.emit(&m, || format!("undone: {}", merge_text(&m)));
        }
        Some(DedupeCommand::History { limit }) => {
            let list = store.list_merges(limit)?;
            out.emit(&list, || list.iter().map(merge_text).collect::<Vec<_>>().join("\n"));
        }
    }
    Ok(())
}
