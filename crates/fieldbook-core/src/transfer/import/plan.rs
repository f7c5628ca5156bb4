//! From mapped rows to what the import will do: create, merge (into a stored customer or an
//! earlier row of the same file), skip or reject — matching duplicates on the same keys as
//! the duplicate finder (normalized phone, email, name + company). A plan writes nothing;
//! it is the dry run.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::row::{MappedRow, RowError};
use crate::customers::matching::{email_key, name_company_key, name_key, phone_key};
use crate::customers::{ContactPoint, Customer, CustomerInput, CustomerKind};
use crate::error::Result;
use crate::Store;

/// What to do with a row that matches a customer already in the book (or an earlier row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DuplicatePolicy {
    #[default]
    Skip,
    /// Fill empty fields, add new phones/emails/addresses/tags, keep both notes.
    Merge,
    Create,
}

/// Which key made two records the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchedBy {
    Phone,
    Email,
    NameCompany,
    OrganizationName,
}

/// A duplicate found for a row: a stored customer, or an earlier row of this file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicateMatch {
    #[ts(type = "number")]
    pub row: usize,
    pub matched_by: MatchedBy,
    /// The stored customer's id, when the match is one.
    pub customer_id: Option<String>,
    /// The earlier row, when the match is one.
    #[ts(type = "number | null")]
    pub earlier_row: Option<usize>,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ref {
    Stored(usize),
    Planned(usize),
}

/// A company a person will be linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompanyRef {
    Stored(String),
    /// An organization created from a row of this file (index into `creates`).
    Planned(usize),
    /// An organization created just for the link (index into `new_organizations`).
    New(usize),
}

#[derive(Debug, Clone)]
pub struct PlannedCreate {
    pub rows: Vec<usize>,
    pub input: CustomerInput,
    pub company: Option<String>,
    pub company_ref: Option<CompanyRef>,
}

#[derive(Debug, Clone)]
pub struct PlannedMerge {
    pub rows: Vec<usize>,
    pub before: Customer,
    pub input: CustomerInput,
    pub company: Option<String>,
    pub company_ref: Option<CompanyRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Create(usize),
    /// Merged into a stored customer (index into `merges`) or an earlier row's create.
    MergeStored(usize, DuplicateMatch),
    MergePlanned(usize, DuplicateMatch),
    Skip(DuplicateMatch),
    Reject(RowError),
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub creates: Vec<PlannedCreate>,
    pub merges: Vec<PlannedMerge>,
    pub new_organizations: Vec<String>,
    /// Per row, in file order.
    pub outcomes: Vec<(usize, Outcome)>,
    /// Optional fields left out of the rows that are written (created or merged), in file order.
    pub warnings: Vec<RowError>,
}

impl Plan {
    pub fn rejected(&self) -> impl Iterator<Item = &RowError> {
        self.outcomes.iter().filter_map(|(_, o)| match o {
            Outcome::Reject(e) => Some(e),
            _ => None,
        })
    }
}

/// Keys of the live book, read once per plan.
#[derive(Default)]
struct Index {
    stored: Vec<String>,
    stored_names: Vec<String>,
    stored_orgs: Vec<bool>,
    phones: HashMap<String, Ref>,
    emails: HashMap<String, Ref>,
    name_company: HashMap<String, Ref>,
    orgs: HashMap<String, Ref>,
}

impl Index {
    fn load(store: &Store) -> Result<Index> {
        let mut ix = Index::default();
        let conn = store.conn();
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT c.id, c.name, c.kind, o.name FROM customers c LEFT JOIN customers o ON o.id = c.company_id
             WHERE c.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name, kind, company): (String, String, String, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let n = ix.stored.len();
            if kind == "organization" {
                if let Some(k) = name_key(&name) {
                    ix.orgs.entry(k).or_insert(Ref::Stored(n));
                }
            } else if let Some(k) = company.as_deref().and_then(|c| name_company_key(&name, c)) {
                ix.name_company.entry(k).or_insert(Ref::Stored(n));
            }
            at.insert(id.clone(), n);
            ix.stored.push(id);
            ix.stored_names.push(name);
            ix.stored_orgs.push(kind == "organization");
        }
        let mut stmt = conn.prepare(
            "SELECT p.customer_id, p.kind, p.value FROM contact_points p JOIN customers c ON c.id = p.customer_id
             WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.kind IN ('phone', 'email')",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, kind, value): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let Some(&n) = at.get(&id) else { continue };
            if kind == "phone" {
                if let Some(k) = phone_key(&value) {
                    ix.phones.entry(k).or_insert(Ref::Stored(n));
                }
            } else if let Some(k) = email_key(&value) {
                ix.emails.entry(k).or_insert(Ref::Stored(n));
            }
        }
        Ok(ix)
    }

    fn find(&self, m: &MappedRow) -> Option<(Ref, MatchedBy)> {
        let phone = m.input.phones.iter().filter_map(|p| phone_key(&p.value)).find_map(|k| self.phones.get(&k));
        if let Some(r) = phone {
            return Some((*r, MatchedBy::Phone));
        }
        let email = m.input.emails.iter().filter_map(|e| email_key(&e.value)).find_map(|k| self.emails.get(&k));
        if let Some(r) = email {
            return Some((*r, MatchedBy::Email));
        }
        if m.input.kind == CustomerKind::Organization {
            return name_key(&m.input.name).and_then(|k| self.orgs.get(&k)).map(|r| (*r, MatchedBy::OrganizationName));
        }
        let company = m.company.as_deref()?;
        name_company_key(&m.input.name, company)
            .and_then(|k| self.name_company.get(&k))
            .map(|r| (*r, MatchedBy::NameCompany))
    }

    /// Make `input`'s keys point at `r`, unless an earlier record owns them. The name keys
    /// follow the kind of `r` (`r_is_org`): an organization's row merged into a person (by a
    /// shared phone) must not make that person a company other rows link to.
    fn register(&mut self, input: &CustomerInput, company: Option<&str>, r: Ref, r_is_org: bool) {
        for k in input.phones.iter().filter_map(|p| phone_key(&p.value)) {
            self.phones.entry(k).or_insert(r);
        }
        for k in input.emails.iter().filter_map(|e| email_key(&e.value)) {
            self.emails.entry(k).or_insert(r);
        }
        if input.kind == CustomerKind::Organization {
            if let Some(k) = name_key(&input.name).filter(|_| r_is_org) {
                self.orgs.entry(k).or_insert(r);
            }
        } else if let Some(k) = company.and_then(|c| name_company_key(&input.name, c)).filter(|_| !r_is_org) {
            self.name_company.entry(k).or_insert(r);
        }
    }

    fn is_org(&self, r: Ref, plan: &Plan) -> bool {
        match r {
            Ref::Stored(n) => self.stored_orgs[n],
            Ref::Planned(i) => plan.creates[i].input.kind == CustomerKind::Organization,
        }
    }
}

/// Decide each row's fate. Reads the book; writes nothing.
pub fn plan(
    store: &Store,
    rows: Vec<std::result::Result<MappedRow, RowError>>,
    policy: DuplicatePolicy,
) -> Result<Plan> {
    let mut ix = Index::load(store)?;
    let mut plan = Plan::default();
    let mut merge_of_stored: HashMap<usize, usize> = HashMap::new();
    for mapped in rows {
        let m = match mapped {
            Ok(m) => m,
            Err(e) => {
                plan.outcomes.push((e.row, Outcome::Reject(e)));
                continue;
            }
        };
        let found = if policy == DuplicatePolicy::Create { None } else { ix.find(&m) };
        if found.is_none() || policy != DuplicatePolicy::Skip {
            plan.warnings.extend(m.warnings.iter().cloned());
        }
        let Some((r, matched_by)) = found else {
            let i = plan.creates.len();
            let is_org = m.input.kind == CustomerKind::Organization;
            ix.register(&m.input, m.company.as_deref(), Ref::Planned(i), is_org);
            plan.outcomes.push((m.row, Outcome::Create(i)));
            plan.creates.push(PlannedCreate {
                rows: vec![m.row],
                input: m.input,
                company: m.company,
                company_ref: None,
            });
            continue;
        };
        let dup = DuplicateMatch {
            row: m.row,
            matched_by,
            customer_id: match r {
                Ref::Stored(n) => Some(ix.stored[n].clone()),
                Ref::Planned(_) => None,
            },
            earlier_row: match r {
                Ref::Planned(i) => plan.creates[i].rows.first().copied(),
                Ref::Stored(_) => None,
            },
            name: match r {
                Ref::Stored(n) => ix.stored_names[n].clone(),
                Ref::Planned(i) => plan.creates[i].input.name.clone(),
            },
        };
        if policy == DuplicatePolicy::Skip {
            plan.outcomes.push((m.row, Outcome::Skip(dup)));
            continue;
        }
        let r_is_org = ix.is_org(r, &plan);
        ix.register(&m.input, m.company.as_deref(), r, r_is_org);
        match r {
            Ref::Planned(i) => {
                let c = &mut plan.creates[i];
                merge_fields(&mut c.input, &m.input);
                c.company = c.company.take().or(m.company);
                c.rows.push(m.row);
                plan.outcomes.push((m.row, Outcome::MergePlanned(i, dup)));
            }
            Ref::Stored(n) => {
                let j = match merge_of_stored.get(&n) {
                    Some(&j) => j,
                    None => {
                        let before = store.customer(&ix.stored[n])?;
                        let input = before.fields.clone();
                        plan.merges.push(PlannedMerge {
                            rows: vec![],
                            before,
                            input,
                            company: None,
                            company_ref: None,
                        });
                        merge_of_stored.insert(n, plan.merges.len() - 1);
                        plan.merges.len() - 1
                    }
                };
                let target = &mut plan.merges[j];
                merge_fields(&mut target.input, &m.input);
                if target.before.fields.company_id.is_none() && target.company.is_none() {
                    target.company = m.company;
                }
                target.rows.push(m.row);
                plan.outcomes.push((m.row, Outcome::MergeStored(j, dup)));
            }
        }
    }
    resolve_companies(&mut plan, &ix);
    Ok(plan)
}

/// Link each person to its company: a stored organization of that name, one created from a
/// row of this file, or a new one (one per distinct name).
fn resolve_companies(plan: &mut Plan, ix: &Index) {
    let mut new_by_key: HashMap<String, usize> = HashMap::new();
    let mut resolve = |name: &str, new_orgs: &mut Vec<String>| -> Option<CompanyRef> {
        let key = name_key(name)?;
        Some(match ix.orgs.get(&key) {
            Some(Ref::Stored(n)) => CompanyRef::Stored(ix.stored[*n].clone()),
            Some(Ref::Planned(i)) => CompanyRef::Planned(*i),
            None => CompanyRef::New(*new_by_key.entry(key).or_insert_with(|| {
                new_orgs.push(name.to_string());
                new_orgs.len() - 1
            })),
        })
    };
    for c in plan.creates.iter_mut() {
        if c.input.kind == CustomerKind::Person {
            c.company_ref = c.company.as_deref().and_then(|n| resolve(n, &mut plan.new_organizations));
        }
    }
    for m in plan.merges.iter_mut() {
        if m.input.kind == CustomerKind::Person {
            m.company_ref = m.company.as_deref().and_then(|n| resolve(n, &mut plan.new_organizations));
        }
    }
}

/// Merge `from` into `into`: fill empty fields, add phones/emails/addresses/tags not already
/// there (phones and emails compared by their matching keys), keep both notes.
pub fn merge_fields(into: &mut CustomerInput, from: &CustomerInput) {
    fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
        if slot.is_none() {
            slot.clone_from(value);
        }
    }
    fill(&mut into.gender, &from.gender);
    fill(&mut into.title, &from.title);
    fill(&mut into.source, &from.source);
    fill(&mut into.owner, &from.owner);
    fill(&mut into.tier, &from.tier);
    fill(&mut into.customer_type, &from.customer_type);
    fill(&mut into.region, &from.region);
    fill(&mut into.interests, &from.interests);
    fill(&mut into.birthday, &from.birthday);
    fill(&mut into.risk_preference, &from.risk_preference);
    match (&mut into.notes, &from.notes) {
        (None, n) => into.notes.clone_from(n),
        (Some(old), Some(new)) if !old.contains(new.as_str()) => {
            old.push_str("\n\n");
            old.push_str(new);
        }
        _ => {}
    }
    for t in &from.tags {
        if !into.tags.contains(t) {
            into.tags.push(t.clone());
        }
    }
    add_points(&mut into.phones, &from.phones, |v| phone_key(v).unwrap_or_else(|| v.trim().to_string()));
    add_points(&mut into.emails, &from.emails, |v| email_key(v).unwrap_or_default());
    add_points(&mut into.addresses, &from.addresses, |v| v.trim().to_lowercase());
}

fn add_points(into: &mut Vec<ContactPoint>, from: &[ContactPoint], key: impl Fn(&str) -> String) {
    for p in from {
        let k = key(&p.value);
        if !into.iter().any(|q| key(&q.value) == k) {
            into.push(ContactPoint { id: None, label: p.label.clone(), value: p.value.clone() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(v: &str) -> ContactPoint {
        ContactPoint { id: None, label: String::new(), value: v.into() }
    }

    #[test]
    fn merging_fills_gaps_adds_new_contacts_and_keeps_both_notes() {
        let mut into = CustomerInput {
            name: "张三".into(),
            title: Some("经理".into()),
            notes: Some("老客户".into()),
            phones: vec![point("+86 138-0013-8000")],
            tags: vec!["朋友".into()],
            ..Default::default()
        };
        let from = CustomerInput {
            name: "Zhang San".into(),
            title: Some("总监".into()),
            region: Some("北京".into()),
            notes: Some("喜欢高尔夫".into()),
            phones: vec![point("13800138000"), point("010-65521234")],
            emails: vec![point("zs@qq.com")],
            tags: vec!["朋友".into(), "VIP".into()],
            ..Default::default()
        };
        merge_fields(&mut into, &from);
        assert_eq!(into.name, "张三", "the stored name wins");
        assert_eq!(into.title.as_deref(), Some("经理"), "a filled field is not overwritten");
        assert_eq!(into.region.as_deref(), Some("北京"), "an empty field is filled");
        assert_eq!(into.notes.as_deref(), Some("老客户\n\n喜欢高尔夫"));
        let phones: Vec<&str> = into.phones.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(
            phones,
            ["+86 138-0013-8000", "010-65521234"],
            "the same mobile written differently is not added twice"
        );
        assert_eq!(into.emails.len(), 1);
        assert_eq!(into.tags, ["朋友", "VIP"]);
        merge_fields(&mut into, &from);
        assert_eq!(into.notes.as_deref(), Some("老客户\n\n喜欢高尔夫"), "merging the same row again changes nothing");
    }
}
