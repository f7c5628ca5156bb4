//! `fieldbook interactions …`: log and list a customer's visits, calls, messages and meetings.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use clap::{Args, Subcommand, ValueEnum};
use fieldbook_core::interactions::{Interaction, InteractionInput, InteractionKind};
use fieldbook_core::{CoreError, Store};

use crate::output::Output;
use crate::record_list::RecordListArgs;

#[derive(Subcommand)]
pub enum InteractionsCommand {
    /// Log an interaction and print its id.
    Add(AddArgs),
    /// A customer's interactions, newest first.
    List(RecordListArgs),
    /// Move an interaction to the Trash.
    Delete { id: String },
    /// Bring an interaction back from the Trash.
    Restore { id: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Visit,
    Call,
    Message,
    Wechat,
    Sms,
    Email,
    Meeting,
    Gift,
    Other,
}

impl From<KindArg> for InteractionKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Visit => InteractionKind::Visit,
            KindArg::Call => InteractionKind::Call,
            KindArg::Message => InteractionKind::Message,
            KindArg::Wechat => InteractionKind::Wechat,
            KindArg::Sms => InteractionKind::Sms,
            KindArg::Email => InteractionKind::Email,
            KindArg::Meeting => InteractionKind::Meeting,
            KindArg::Gift => InteractionKind::Gift,
            KindArg::Other => InteractionKind::Other,
        }
    }
}

#[derive(Args)]
pub struct AddArgs {
    /// The customer's id.
    #[arg(long)]
    customer: String,
    #[arg(long, value_enum)]
    kind: KindArg,
    #[arg(long)]
    summary: String,
    /// When: RFC 3339 (2026-11-22T15:30:00+08:00) or a date (noon, local time). Default: now.
    #[arg(long)]
    at: Option<String>,
    #[arg(long)]
    outcome: Option<String>,
    #[arg(long)]
    next_step: Option<String>,
    /// Follow-up date, YYYY-MM-DD.
    #[arg(long)]
    follow_up: Option<String>,
}

pub fn run(cmd: InteractionsCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match cmd {
        InteractionsCommand::Add(a) => {
            let input = InteractionInput {
                customer_id: a.customer,
                kind: a.kind.into(),
                occurred_at: a.at.as_deref().map(parse_at).transpose()?,
                summary: a.summary,
                outcome: a.outcome,
                next_step: a.next_step,
                follow_up_on: a.follow_up.as_deref().map(|d| parse_date("follow_up_on", d)).transpose()?,
            };
            let i = store.create_interaction(input)?;
            out.emit(&i, || i.id.clone());
        }
        InteractionsCommand::List(list) => {
            store.customer(&list.customer)?;
            let page = store.list_interactions(&list.customer, list.scope(), list.offset, list.limit)?;
            out.emit(&page, || {
                let mut s = page.items.iter().map(line).collect::<Vec<_>>().join("\n");
                s.push_str(&format!("\n({} of {} shown)", page.items.len(), page.total));
                s
            });
        }
        InteractionsCommand::Delete { id } => {
            store.delete_interaction(&id)?;
            out.emit(&serde_json::json!({ "id": id, "deleted": true }), || format!("moved {id} to the Trash"));
        }
        InteractionsCommand::Restore { id } => {
            let i = store.restore_interaction(&id)?;
            out.emit(&i, || format!("restored {}", i.id));
        }
    }
    Ok(())
}

/// RFC 3339 as given, or a bare date as noon local time.
fn parse_at(s: &str) -> anyhow::Result<String> {
    if DateTime::parse_from_rfc3339(s.trim()).is_ok() {
        return Ok(s.trim().to_string());
    }
    let day = parse_date("occurred_at", s)?;
    let noon = Local
        .from_local_datetime(&day.and_hms_opt(12, 0, 0).expect("noon exists"))
        .earliest()
        .ok_or_else(|| CoreError::invalid("occurred_at", "time_format", format!("{s:?} has no local noon")))?;
    Ok(noon.with_timezone(&Utc).to_rfc3339())
}

pub fn parse_date(field: &str, s: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(field.to_string(), "date_format", format!("{s:?} is not a date of the form YYYY-MM-DD"))
            .into()
    })
}

fn line(i: &Interaction) -> String {
    let mut s = format!("{}  {}  {:<8} {}", i.id, &i.occurred_at[..16], i.kind.as_str(), i.summary);
    if let Some(o) = &i.outcome {
        s.push_str(&format!(" → {o}"));
    }
    if let Some(n) = &i.next_step {
        s.push_str(&format!(" · next: {n}"));
    }
    if let Some(f) = i.follow_up_on {
        s.push_str(&format!(" · follow up {f}"));
    }
    s
}
