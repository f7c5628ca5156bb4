//! The duplicate finder: one scan of the live customers and their phones and emails, grouped
//! by key in hash maps (linear in the book's size, never pair by pair), joined into candidate
//! groups with a union-find so A~B by phone and B~C by email is one group {A, B, C}.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::customers::matching::{email_key, name_company_key, name_key, phone_key};
use crate::customers::CustomerSummary;
use crate::error::Result;
use crate::store::Store;

/// Why two customers look like the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DuplicateReason {
    /// The same phone number once normalized (+86, spaces, dashes ignored).
    SamePhone,
    /// The same email, ignoring case.
    SameEmail,
    /// The same name at the same company.
    SameNameCompany,
    /// The same name in the same city (region).
    SameNameCity,
    /// Names that read the same in pinyin (张三 / Zhang San / 章三) at the same company.
    SamePinyinCompany,
    /// Names that read the same in pinyin in the same city.
    SamePinyinCity,
}

/// One reason a group holds together, with the value matched and the customers sharing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupReason {
    pub reason: DuplicateReason,
    /// What they share, as entered by the first of them ("138 0013 8000", "王伟 · 华为").
    pub value: String,
    pub customer_ids: Vec<String>,
}

/// Customers that are probably one and the same, oldest first (a sensible survivor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicateGroup {
    pub customers: Vec<CustomerSummary>,
    /// Live orders of each customer, in the order of `customers`: the record with the
    /// history is usually the one to keep.
    pub order_counts: Vec<u32>,
    pub reasons: Vec<GroupReason>,
}

/// A page of duplicate groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicatePage {
    /// Groups in the whole book.
    #[ts(type = "number")]
    pub total: u64,
    pub groups: Vec<DuplicateGroup>,
}

struct Row {
    id: String,
    kind: String,
    name_key: Option<String>,
}

/// Union-find over row indexes.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Members (row indexes) and reasons of one group, by its union-find root.
type Groups = HashMap<usize, (BTreeSet<usize>, Vec<GroupReason>)>;

type Buckets = HashMap<(DuplicateReason, String), (String, Vec<usize>)>;

fn add(buckets: &mut Buckets, reason: DuplicateReason, key: Option<String>, shown: String, row: usize) {
    if let Some(key) = key {
        let entry = buckets.entry((reason, key)).or_insert_with(|| (shown, Vec::new()));
        if entry.1.last() != Some(&row) {
            entry.1.push(row);
        }
    }
}

impl Store {
    /// Candidate duplicate groups across the whole live book, each with its reasons. Only
    /// customers of the same kind match (a person never groups with an organization: a shared
    /// switchboard number is not a duplicate).
    pub fn find_duplicates(&self) -> Result<Vec<DuplicateGroup>> {
        Ok(self.duplicate_page(usize::MAX)?.groups)
    }

    /// The first `limit` groups (oldest first) and how many there are in all: a big book can
    /// have thousands of groups, and the screen shows a page at a time.
    pub fn duplicate_page(&self, limit: usize) -> Result<DuplicatePage> {
        use DuplicateReason::*;
        let conn = self.conn();
        let mut rows: Vec<Row> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut buckets: Buckets = HashMap::new();
        {
            // Oldest first, so each group lists (and suggests as survivor) its oldest record.
            let mut stmt = conn.prepare(
                "SELECT c.id, c.kind, c.name, o.name, c.region, c.sort_key FROM customers c
                 LEFT JOIN customers o ON o.id = c.company_id WHERE c.deleted_at IS NULL ORDER BY c.created_at, c.id",
            )?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let (id, kind, name): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                let (company, region): (Option<String>, Option<String>) = (r.get(3)?, r.get(4)?);
                let pinyin: String = r.get::<_, String>(5)?.replace(' ', "");
                let i = rows.len();
                let k = |key: Option<String>| key.map(|key| format!("{kind}\u{1e}{key}"));
                let pinyin = (!pinyin.is_empty()).then_some(pinyin);
                if let Some(company) = company.as_deref() {
                    let shown = format!("{name} · {company}");
                    add(&mut buckets, SameNameCompany, k(name_company_key(&name, company)), shown.clone(), i);
                    let pk = pinyin.as_ref().and_then(|p| name_company_key(p, company));
                    add(&mut buckets, SamePinyinCompany, k(pk), shown, i);
                }
                if let Some(region) = region.as_deref() {
                    let shown = format!("{name} · {region}");
                    add(&mut buckets, SameNameCity, k(name_company_key(&name, region)), shown.clone(), i);
                    let pk = pinyin.as_ref().and_then(|p| name_company_key(p, region));
                    add(&mut buckets, SamePinyinCity, k(pk), shown, i);
                }
                index.insert(id.clone(), i);
                let name_key = name_key(&name).map(|n| format!("{kind}\u{1e}{n}"));
                rows.push(Row { id, kind, name_key });
            }
        }
        {
            let mut stmt = conn.prepare(
                "SELECT p.customer_id, p.kind, p.value FROM contact_points p JOIN customers c ON c.id = p.customer_id
                 WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.kind IN ('phone', 'email')
                 ORDER BY p.customer_id, p.kind, p.position",
            )?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let (customer, kind, value): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                let Some(&i) = index.get(&customer) else { continue };
                let prefix = |key: Option<String>| key.map(|key| format!("{}\u{1e}{key}", rows[i].kind));
                if kind == "phone" {
                    add(&mut buckets, SamePhone, prefix(phone_key(&value)), value, i);
                } else {
                    add(&mut buckets, SameEmail, prefix(email_key(&value)), value, i);
                }
            }
        }

        let mut sets = Sets((0..rows.len()).collect());
        let mut reasons: Vec<(DuplicateReason, String, Vec<usize>)> = Vec::new();
        for ((reason, _), (shown, members)) in buckets {
            if members.len() < 2 {
                continue;
            }
            if matches!(reason, SamePinyinCompany | SamePinyinCity) {
                // Same written name is already its own reason; pinyin adds only when spellings differ.
                let names: BTreeSet<&Option<String>> = members.iter().map(|&m| &rows[m].name_key).collect();
                if names.len() < 2 {
                    continue;
                }
            }
            for w in members.windows(2) {
                sets.union(w[0], w[1]);
            }
            reasons.push((reason, shown, members));
        }

        let mut groups: Groups = HashMap::new();
        reasons.sort();
        for (reason, value, members) in reasons {
            let root = sets.find(members[0]);
            let g = groups.entry(root).or_default();
            g.0.extend(members.iter().copied());
            g.1.push(GroupReason {
                reason,
                value,
                customer_ids: members.iter().map(|&m| rows[m].id.clone()).collect(),
            });
        }
        let mut ordered: Vec<_> = groups.into_iter().collect();
        ordered.sort_by_key(|(root, _)| *root);
        let total = ordered.len() as u64;
        let mut groups = Vec::with_capacity(ordered.len().min(limit));
        for (_, (members, reasons)) in ordered.into_iter().take(limit) {
            let ids: Vec<String> = members.iter().map(|&m| rows[m].id.clone()).collect();
            let customers = self.customer_summaries(&ids)?;
            let order_counts = self.order_counts(&customers)?;
            groups.push(DuplicateGroup { customers, order_counts, reasons });
        }
        Ok(DuplicatePage { total, groups })
    }

    /// Each customer's live (not trashed) orders.
    fn order_counts(&self, customers: &[CustomerSummary]) -> Result<Vec<u32>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT count(*) FROM orders WHERE customer_id = ?1 AND deleted_at IS NULL")?;
        customers.iter().map(|c| Ok(stmt.query_row([&c.id], |r| r.get::<_, u32>(0))?)).collect()
    }
}
