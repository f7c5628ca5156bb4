//! `fieldbook customers …` and `fieldbook search`.

use clap::{Args, Subcommand, ValueEnum};
use fieldbook_core::customers::{
    ContactPoint, Customer, CustomerInput, CustomerKind, CustomerSummary, ListScope, Tier,
};
use fieldbook_core::dates::DateSpec;
use fieldbook_core::{CoreError, Store};

use crate::output::Output;

#[derive(Subcommand)]
pub enum CustomersCommand {
    /// Add a customer and print its id.
    Add(AddArgs),
    /// List customers (by name), or the Trash with --trash.
    List {
        #[arg(long)]
        trash: bool,
        #[arg(long, default_value_t = 0)]
        offset: u64,
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
    /// Show one customer with all fields.
    Show { id: String },
    /// Move a customer to the Trash.
    Delete { id: String },
    /// Bring a customer back from the Trash.
    Restore { id: String },
    /// Delete a customer in the Trash for good.
    Purge { id: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Person,
    Organization,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TierArg {
    #[value(name = "VIP", alias = "vip")]
    Vip,
    #[value(name = "A", alias = "a")]
    A,
    #[value(name = "B", alias = "b")]
    B,
    #[value(name = "C", alias = "c")]
    C,
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    name: String,
    #[arg(long, value_enum, default_value = "person")]
    kind: KindArg,
    /// The organization's name (matched exactly, else by search); it must exist unless
    /// --create-company is given.
    #[arg(long)]
    company: Option<String>,
    /// Create the --company organization when the book has none of that name.
    #[arg(long, requires = "company")]
    create_company: bool,
    #[arg(long = "phone")]
    phones: Vec<String>,
    #[arg(long = "email")]
    emails: Vec<String>,
    #[arg(long, value_enum)]
    tier: Option<TierArg>,
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Gregorian birthday: YYYY-MM-DD or MM-DD.
    #[arg(long, conflicts_with = "lunar_birthday")]
    birthday: Option<String>,
    /// Lunar birthday: [YYYY-]MM-DD, or [YYYY-]LMM-DD for a leap month (e.g. 1984-L10-15).
    #[arg(long)]
    lunar_birthday: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

pub fn run(cmd: CustomersCommand, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match cmd {
        CustomersCommand::Add(a) => {
            let create_company = a.create_company;
            let (input, missing_company) = add_input(store, a, create_company)?;
            match missing_company {
                None => {
                    let c = store.create_customer(input)?;
                    let json = match &c.fields.company_id {
                        Some(company_id) => {
                            serde_json::json!({ "id": c.id, "company_id": company_id, "company_created": false })
                        }
                        None => serde_json::json!({ "id": c.id }),
                    };
                    out.emit(&json, || c.id.clone());
                }
                Some(company) => {
                    let made = store.create_customer_in_company(input, &company)?;
                    if made.company_created && !out.json {
                        eprintln!("created organization {company:?} ({})", made.company_id);
                    }
                    out.emit(&made, || made.id.clone());
                }
            }
        }
        CustomersCommand::List { trash, offset, limit } => {
            let scope = if trash { ListScope::Trash } else { ListScope::Live };
            let page = store.list_customers(scope, offset, limit)?;
            out.emit(&page, || {
                let mut s = page.items.iter().map(summary_line).collect::<Vec<_>>().join("\n");
                s.push_str(&format!("\n({} of {} shown)", page.items.len(), page.total));
                s
            });
        }
        CustomersCommand::Show { id } => {
            let c = store.customer(&id)?;
            out.emit(&c, || detail_text(&c));
        }
        CustomersCommand::Delete { id } => {
            store.delete_customer(&id)?;
            out.emit(&serde_json::json!({ "id": id, "deleted": true }), || format!("moved {id} to the Trash"));
        }
        CustomersCommand::Restore { id } => {
            let c = store.restore_customer(&id)?;
            out.emit(&c, || format!("restored {} ({})", c.fields.name, c.id));
        }
        CustomersCommand::Purge { id } => {
            store.purge_customer(&id)?;
            out.emit(&serde_json::json!({ "id": id, "purged": true }), || format!("deleted {id} for good"));
        }
    }
    Ok(())
}

pub fn search(store: &Store, query: &str, limit: usize, out: &Output) -> anyhow::Result<()> {
    let hits = store.search(query, limit)?;
    out.emit(&hits, || hits.iter().map(|h| summary_line(&h.customer)).collect::<Vec<_>>().join("\n"));
    Ok(())
}

/// The customer to add and, with --create-company, the company to find or create by name
/// when no organization matches it.
fn add_input(store: &Store, a: AddArgs, create_company: bool) -> anyhow::Result<(CustomerInput, Option<String>)> {
    let (company_id, missing_company) = match &a.company {
        Some(name) => match find_organization(store, name) {
            Ok(id) => (Some(id), None),
            Err(e) if create_company && is_no_such_company(&e) => (None, Some(name.clone())),
            Err(e) => return Err(e),
        },
        None => (None, None),
    };
    let birthday = match (&a.birthday, &a.lunar_birthday) {
        (Some(g), _) => Some(DateSpec::parse_gregorian(g)?),
        (None, Some(l)) => Some(DateSpec::parse_lunar(l)?),
        (None, None) => None,
    };
    let points = |values: Vec<String>| -> Vec<ContactPoint> {
        values.into_iter().map(|value| ContactPoint { id: None, label: String::new(), value }).collect()
    };
    let input = CustomerInput {
        kind: match a.kind {
            KindArg::Person => CustomerKind::Person,
            KindArg::Organization => CustomerKind::Organization,
        },
        name: a.name,
        company_id,
        phones: points(a.phones),
        emails: points(a.emails),
        tier: a.tier.map(|t| match t {
            TierArg::Vip => Tier::Vip,
            TierArg::A => Tier::A,
            TierArg::B => Tier::B,
            TierArg::C => Tier::C,
        }),
        tags: a.tags,
        birthday,
        notes: a.notes,
        ..Default::default()
    };
    Ok((input, missing_company))
}

fn is_no_such_company(e: &anyhow::Error) -> bool {
    matches!(e.downcast_ref::<CoreError>(), Some(CoreError::Invalid { reason: "company_invalid", .. }))
}

/// An organization by exact name, else the single best search hit that is an organization.
fn find_organization(store: &Store, name: &str) -> anyhow::Result<String> {
    let hits = store.search(name, 50)?;
    let orgs: Vec<_> = hits.iter().filter(|h| h.customer.kind == CustomerKind::Organization).collect();
    if let Some(exact) = orgs.iter().find(|h| h.customer.name == name) {
        return Ok(exact.customer.id.clone());
    }
    match orgs.as_slice() {
        [one] => Ok(one.customer.id.clone()),
        [] => Err(CoreError::invalid(
            "company",
            "company_invalid",
            format!("no organization named {name:?}; add it with --create-company, or first with --kind organization"),
        )
        .into()),
        many => Err(CoreError::invalid(
            "company",
            "company_ambiguous",
            format!(
                "{name:?} matches {} organizations: {}",
                many.len(),
                many.iter().map(|h| h.customer.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )
        .into()),
    }
}

fn summary_line(c: &CustomerSummary) -> String {
    let tier = c.tier.map(|t| t.as_str()).unwrap_or("-");
    format!(
        "{}  {:<4} {}{}{}",
        c.id,
        tier,
        c.name,
        c.company_name.as_ref().map(|n| format!(" · {n}")).unwrap_or_default(),
        c.phone.as_ref().map(|p| format!(" · {p}")).unwrap_or_default()
    )
}

fn detail_text(c: &Customer) -> String {
    let f = &c.fields;
    let mut lines = vec![format!("{} ({})", f.name, c.id)];
    let mut add = |label: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            lines.push(format!("  {label:<10} {v}"));
        }
    };
    add("kind", Some(format!("{:?}", f.kind).to_lowercase()));
    add("company", c.company_name.clone());
    add("tier", f.tier.map(|t| t.as_str().to_string()));
    add("phones", Some(f.phones.iter().map(|p| p.value.clone()).collect::<Vec<_>>().join(", ")));
    add("emails", Some(f.emails.iter().map(|p| p.value.clone()).collect::<Vec<_>>().join(", ")));
    add("tags", Some(f.tags.join(", ")));
    add("birthday", f.birthday.map(|b| b.display()));
    add("notes", f.notes.clone());
    add("members", Some(c.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join(", ")));
    add("deleted", c.deleted_at.clone());
    lines.join("\n")
}
