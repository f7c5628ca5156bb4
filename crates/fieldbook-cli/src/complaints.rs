//! `fieldbook complaints …`: record a customer's complaint, list them, and resolve one with
//! the return visit's satisfaction score.

use chrono::Local;
use clap::{Args, Subcommand, ValueEnum};
use fieldbook_core::complaints::{Complaint, ComplaintInput, ComplaintStatus};
use fieldbook_core::Store;

use crate::interactions::parse_date;
use crate::output::Output;
use crate::record_list::RecordListArgs;

#[derive(Subcommand)]
pub enum ComplaintsCommand {
    /// Record a complaint and print it.
    Add(AddArgs),
    /// A customer's complaints, newest first.
    List(RecordListArgs),
    /// Mark a complaint resolved, with how and the return visit's satisfaction score.
    Resolve(ResolveArgs),
    /// Move a complaint to the Trash.
    Delete { id: String },
    /// Bring a complaint back from the Trash.
    Restore { id: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Open,
    InProgress,
    Resolved,
}

impl From<StatusArg> for ComplaintStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Open => ComplaintStatus::Open,
            StatusArg::InProgress => ComplaintStatus::InProgress,
            StatusArg::Resolved => ComplaintStatus::Resolved,
        }
    }
}

#[derive(Args)]
pub struct AddArgs {
    /// The customer's id.
    #[arg(long)]
    customer: String,
    /// What went wrong, in a line.
    #[arg(long)]
    subject: String,
    #[arg(long)]
    details: Option<String>,
    /// The day it was raised, YYYY-MM-DD (default today).
    #[arg(long)]
    date: Option<String>,
    #[arg(long, value_enum, default_value = "open")]
    status: StatusArg,
}

#[derive(Args)]
pub struct ResolveArgs {
    /// The complaint's id.
    id: String,
    /// How it was resolved.
    #[arg(long)]
    resolution: Option<String>,
    /// The customer's satisfaction on the return visit, 1 (very unhappy) to 5 (very happy).
    #[arg(long)]
    satisfaction: Option<u8>,
    /// The day of the return visit, YYYY-MM-DD.
    #[arg(long)]
    return_visit: Option<String>,
}

pub fn run(cmd: ComplaintsCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match cmd {
        ComplaintsCommand::Add(a) => {
            let opened_on = match &a.date {
                Some(d) => parse_date("opened_on", d)?,
                None => Local::now().date_naive(),
            };
            let input = ComplaintInput {
                customer_id: a.customer,
                opened_on,
                subject: a.subject,
                details: a.details,
                status: a.status.into(),
                resolution: None,
                satisfaction: None,
                return_visit_on: None,
            };
            let k = store.create_complaint(input)?;
            out.emit(&k, || line(&k));
        }
        ComplaintsCommand::List(list) => {
            store.customer(&list.customer)?;
            let page = store.complaints_page(&list.customer, list.scope(), list.offset, list.limit)?;
            out.emit(&page, || {
                let mut s = page.items.iter().map(line).collect::<Vec<_>>().join("\n");
                s.push_str(&format!("\n({} of {} shown)", page.items.len(), page.total));
                s
            });
        }
        ComplaintsCommand::Resolve(r) => {
            let mut input = store.complaint(&r.id)?.fields;
            input.status = ComplaintStatus::Resolved;
            if r.resolution.is_some() {
                input.resolution = r.resolution;
            }
            if r.satisfaction.is_some() {
                input.satisfaction = r.satisfaction;
            }
            if let Some(d) = &r.return_visit {
                input.return_visit_on = Some(parse_date("return_visit_on", d)?);
            }
            let k = store.update_complaint(&r.id, input)?;
            out.emit(&k, || line(&k));
        }
        ComplaintsCommand::Delete { id } => {
            store.delete_complaint(&id)?;
            out.emit(&serde_json::json!({ "id": id, "deleted": true }), || format!("moved {id} to the Trash"));
        }
        ComplaintsCommand::Restore { id } => {
            let k = store.restore_complaint(&id)?;
            out.emit(&k, || format!("restored {}", k.id));
        }
    }
    Ok(())
}

fn line(k: &Complaint) -> String {
    let f = &k.fields;
    let mut s = format!("{}  {}  {:<11} {}", k.id, f.opened_on, f.status.as_str(), f.subject);
    if let Some(r) = &f.resolution {
        s.push_str(&format!(" → {r}"));
    }
    if let Some(n) = f.satisfaction {
        s.push_str(&format!(" · satisfaction {n}/5"));
    }
    if let Some(d) = f.return_visit_on {
        s.push_str(&format!(" · return visit {d}"));
    }
    s
}
