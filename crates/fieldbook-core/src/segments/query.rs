//! Evaluating a `SegmentFilter`: one parameterized SQL query over live customers. User values
//! only ever travel as bound parameters (lists as one JSON array read with `json_each`).

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::model::*;
use crate::classify::{LifecycleThresholds, Stage};
use crate::complaints::ComplaintStatus;
use crate::customers::matching::phone_key;
use crate::customers::validate::{check_email, check_phone};
use crate::customers::ListSort;
use crate::error::{CoreError, Result};
use crate::orders::{money, OrderStatus};
use crate::reminders::rules::keys_between;
use crate::reminders::DateRules;
use crate::store::Store;

/// Largest page returned at once (as the customer list).
const MAX_PAGE: u64 = 500;

/// The longest "no contact for N days" accepted (100 years).
const MAX_DAYS: u32 = 36_500;

impl Store {
    /// How many live customers `filter` matches on `today`.
    pub fn segment_count(&self, filter: &SegmentFilter, today: NaiveDate) -> Result<u64> {
        let w = self.segment_where(filter, today)?;
        let n: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM customers c WHERE {}", w.sql),
            params_from_iter(w.params),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// The ids of every live customer `filter` matches, in name order (for bulk actions).
    pub fn segment_ids(&self, filter: &SegmentFilter, today: NaiveDate) -> Result<Vec<String>> {
        self.segment_ids_sorted(filter, today, ListSort::default())
    }

    /// The ids of every live customer `filter` matches, in the list's chosen order (a
    /// Shift-click range is taken from them by position).
    pub fn segment_ids_sorted(&self, filter: &SegmentFilter, today: NaiveDate, sort: ListSort) -> Result<Vec<String>> {
        let w = self.segment_where(filter, today)?;
        let order = crate::customers::order_by(sort);
        let mut stmt =
            self.conn().prepare(&format!("SELECT c.id FROM customers c WHERE {} ORDER BY {order}", w.sql))?;
        let rows = stmt.query_map(params_from_iter(w.params), |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of the matching customers, ordered by name like the customer list.
    pub fn segment_customers(
        &self,
        filter: &SegmentFilter,
        today: NaiveDate,
        offset: u64,
        limit: u64,
    ) -> Result<SegmentPage> {
        self.segment_customers_sorted(filter, today, ListSort::default(), offset, limit)
    }

    /// A page of the matching customers in the customer list's chosen order.
    pub fn segment_customers_sorted(
        &self,
        filter: &SegmentFilter,
        today: NaiveDate,
        sort: ListSort,
        offset: u64,
        limit: u64,
    ) -> Result<SegmentPage> {
        let mut w = self.segment_where(filter, today)?;
        let limit_at = w.bind(Value::Integer(limit.min(MAX_PAGE) as i64));
        let offset_at = w.bind(Value::Integer(offset.min(i64::MAX as u64) as i64));
        // The total comes with the page (a window over all matches), so the conditions are
        // evaluated once, not once for the count and again for the page.
        let rows: Vec<(String, i64)> = {
            let mut stmt = self.conn().prepare(&format!(
                "SELECT c.id, count(*) OVER () FROM customers c WHERE {}
                 ORDER BY {} LIMIT {limit_at} OFFSET {offset_at}",
                w.sql,
                crate::customers::order_by(sort)
            ))?;
            let rows = stmt.query_map(params_from_iter(w.params), |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let total = match rows.first() {
            Some((_, n)) => *n as u64,
            // Past the end (or nothing matches): the page is empty, the total still counts.
            None if offset > 0 => self.segment_count(filter, today)?,
            None => 0,
        };
        let ids: Vec<String> = rows.into_iter().map(|(id, _)| id).collect();
        Ok(SegmentPage { total, offset, items: self.customer_summaries(&ids)? })
    }

    fn segment_where(&self, filter: &SegmentFilter, today: NaiveDate) -> Result<Where> {
        let stages = if filter.stages.is_empty() { None } else { Some(self.classify_settings()?.lifecycle) };
        let rules =
            if filter.birthday_month.is_some() { self.reminder_settings()?.rules } else { DateRules::default() };
        build_where(filter, today, stages.as_ref(), rules)
    }
}

/// A WHERE clause (over `customers c`) and its parameters, numbered `?1`, `?2`, … in order.
pub(super) struct Where {
    pub sql: String,
    pub params: Vec<Value>,
}

impl Where {
    /// Add a parameter; returns its placeholder.
    fn bind(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    fn and(&mut self, condition: String) {
        self.sql.push_str(" AND (");
        self.sql.push_str(&condition);
        self.sql.push(')');
    }

    /// A JSON array parameter, read back as a one-column table with `json_each`.
    fn list<T: serde::Serialize>(&mut self, items: &[T]) -> String {
        let json = serde_json::to_string(items).expect("filter values serialize");
        format!("(SELECT value FROM json_each({}))", self.bind(Value::Text(json)))
    }
}

/// Check the filter and turn it into SQL. `lifecycle` is needed when the filter has stages.
pub(super) fn build_where(
    f: &SegmentFilter,
    today: NaiveDate,
    lifecycle: Option<&LifecycleThresholds>,
    rules: DateRules,
) -> Result<Where> {
    let mut w = Where { sql: "c.deleted_at IS NULL".into(), params: vec![] };
    if !f.tiers.is_empty() {
        let list = w.list(&f.tiers);
        w.and(format!("c.tier IN {list}"));
    }
    if !f.kinds.is_empty() {
        let list = w.list(&f.kinds);
        w.and(format!("c.kind IN {list}"));
    }
    if !f.customer_types.is_empty() {
        let list = w.list(&f.customer_types);
        w.and(format!("c.customer_type IN {list}"));
    }
    let tags = tidy_list(&f.tags);
    if !tags.is_empty() {
        let list = w.list(&tags);
        let matching = format!("SELECT count(DISTINCT t.value) FROM json_each(c.tags) t WHERE t.value IN {list}");
        match f.tags_match {
            TagMatch::Any => w.and(format!("({matching}) > 0")),
            TagMatch::All => w.and(format!("({matching}) = {}", tags.len())),
        }
    }
    let regions = tidy_list(&f.regions);
    if !regions.is_empty() {
        let list = w.list(&regions);
        w.and(format!("lower(trim(c.region)) IN (SELECT lower(value) FROM {list})"));
    }
    let owners = tidy_list(&f.owners);
    match (owners.is_empty(), f.no_owner) {
        (true, false) => {}
        (true, true) => w.and("c.owner IS NULL OR trim(c.owner) = ''".into()),
        (false, no_owner) => {
            let list = w.list(&owners);
            let none = if no_owner { " OR c.owner IS NULL OR trim(c.owner) = ''" } else { "" };
            w.and(format!("lower(trim(c.owner)) IN (SELECT lower(value) FROM {list}){none}"));
        }
    }
    if !f.stages.is_empty() {
        let t = lifecycle.copied().unwrap_or_default();
        let parts: Vec<String> = f.stages.iter().map(|s| stage_sql(&mut w, *s, today, &t)).collect();
        w.and(parts.join(" OR "));
    }
    if let Some(month) = f.birthday_month {
        if !(1..=12).contains(&month) {
            return Err(CoreError::invalid("birthday_month", "month_invalid", format!("{month} is not a month 1–12")));
        }
        let keys = month_keys(today.year(), month, rules);
        let list = w.list(&keys);
        w.and(format!("c.birthday_key IN {list}"));
    }
    if let Some(days) = f.no_contact_days {
        if days > MAX_DAYS {
            return Err(CoreError::invalid(
                "no_contact_days",
                "days_invalid",
                format!("no contact for at most {MAX_DAYS} days"),
            ));
        }
        let cutoff = w.bind(Value::Text(day_text(today - Duration::days(days.into()))));
        w.and(format!("c.last_contact_at IS NULL OR substr(c.last_contact_at, 1, 10) < {cutoff}"));
    }
    if let Some(spend) = &f.spend {
        spend_sql(&mut w, spend)?;
    }
    if let Some(open) = f.open_complaints {
        w.and(format!(
            "{}EXISTS (SELECT 1 FROM complaints k WHERE k.customer_id = c.id AND k.deleted_at IS NULL
                       AND k.{})",
            if open { "" } else { "NOT " },
            ComplaintStatus::OPEN_SQL
        ));
    }
    if f.missing_phone_and_email {
        w.and(
            "NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.customer_id = c.id AND p.deleted_at IS NULL
                         AND p.kind IN ('phone', 'email'))"
                .into(),
        );
    }
    if let Some(which) = f.invalid_contact {
        let bad = match which {
            InvalidContact::Phone => "p.kind = 'phone' AND fb_phone_invalid(p.value)",
            InvalidContact::Email => "p.kind = 'email' AND fb_email_invalid(p.value)",
            InvalidContact::Either => {
                "(p.kind = 'phone' AND fb_phone_invalid(p.value)) OR (p.kind = 'email' AND fb_email_invalid(p.value))"
            }
        };
        w.and(format!(
            "EXISTS (SELECT 1 FROM contact_points p WHERE p.customer_id = c.id AND p.deleted_at IS NULL AND ({bad}))"
        ));
    }
    if let Some(at) = &f.written_at {
        if chrono::DateTime::parse_from_rfc3339(at).is_err() {
            return Err(CoreError::invalid("written_at", "time_invalid", format!("{at} is not an RFC 3339 time")));
        }
        let at = w.bind(Value::Text(at.clone()));
        w.and(format!("c.created_at = {at} OR c.updated_at = {at}"));
    }
    Ok(w)
}

/// The lifecycle stage rule of `classify::lifecycle`, in SQL. Days count by UTC calendar day,
/// as `classify` reads its dates (`substr(.., 1, 10)`):
/// - last contact = the day of `last_contact_at` (the later of the last interaction and the
///   last purchase: the same two facts classify takes the later of), else the day added
///   (`last_contact::anchor_sql_of`);
/// - lost: more than `lost_days` ago; silent: more than `silent_days` ago (and not lost);
/// - otherwise new if the first contact (earliest interaction or purchase, else the day
///   added) is at most `new_days` ago, else active.
fn stage_sql(w: &mut Where, stage: Stage, today: NaiveDate, t: &LifecycleThresholds) -> String {
    let last = format!("substr({}, 1, 10)", crate::last_contact::anchor_sql_of("c"));
    let last = last.as_str();
    // "The first contact is on or after day X", as index range probes rather than a minimum
    // per customer: no interaction and no purchase before X, and, for a customer never
    // contacted (no last contact), added on or after X. `occurred_at < X` compares whole
    // timestamps with a day, which is exactly "on a day before X".
    let first_since = |x: &str| {
        format!(
            "NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id AND i.occurred_at < {x}
                           AND i.deleted_at IS NULL)
             AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.ordered_on < {x}
                           AND o.deleted_at IS NULL AND o.{})
             AND (c.last_contact_at IS NOT NULL OR substr(c.created_at, 1, 10) >= {x})",
            OrderStatus::PURCHASE_SQL
        )
    };
    let before = |w: &mut Where, days: u32| w.bind(Value::Text(day_text(today - Duration::days(days.into()))));
    // Bind only what each arm uses: SQLite refuses a statement with an unused parameter.
    match stage {
        Stage::Lost => format!("{last} < {}", before(w, t.lost_days)),
        Stage::Silent => {
            let (silent, lost) = (before(w, t.silent_days), before(w, t.lost_days));
            format!("{last} < {silent} AND {last} >= {lost}")
        }
        Stage::New => {
            let (silent, new) = (before(w, t.silent_days), before(w, t.new_days));
            format!("{last} >= {silent} AND {}", first_since(&new))
        }
        Stage::Active => {
            let (silent, new) = (before(w, t.silent_days), before(w, t.new_days));
            format!("{last} >= {silent} AND NOT ({})", first_since(&new))
        }
    }
}

fn spend_sql(w: &mut Where, spend: &SpendRange) -> Result<()> {
    let currency = money::normalize_currency("spend.currency", &spend.currency)?;
    if let (Some(min), Some(max)) = (spend.min, spend.max) {
        if min > max {
            return Err(CoreError::invalid("spend", "spend_range_invalid", "the minimum spend is above the maximum"));
        }
    }
    let scale = Decimal::from(10i64.pow(money::minor_units(&currency)));
    let minor = |field: &str, v: Decimal, round: fn(&Decimal) -> Decimal| {
        v.checked_mul(scale)
            .map(|x| round(&x))
            .and_then(|x| x.to_i64())
            .ok_or_else(|| CoreError::invalid(field, "amount_too_large", format!("{v} is too large an amount")))
    };
    // An amount finer than the currency's minor unit: "at least 10.005" means at least 10.01.
    let min = spend.min.map(|v| minor("spend.min", v, Decimal::ceil)).transpose()?;
    let max = spend.max.map(|v| minor("spend.max", v, Decimal::floor)).transpose()?;
    if min.is_none() && max.is_none() {
        return Ok(());
    }
    let cur = w.bind(Value::Text(currency));
    let total = format!(
        "(SELECT coalesce(sum(o.total_minor), 0) FROM orders o WHERE o.customer_id = c.id
           AND o.deleted_at IS NULL AND o.currency = {cur} AND o.{})",
        OrderStatus::PURCHASE_SQL
    );
    if let Some(min) = min {
        let at = w.bind(Value::Integer(min));
        w.and(format!("{total} >= {at}"));
    }
    if let Some(max) = max {
        let at = w.bind(Value::Integer(max));
        w.and(format!("{total} <= {at}"));
    }
    Ok(())
}

/// The `birthday_key`s (Gregorian and lunar) whose occurrence in `year` is in `month`.
fn month_keys(year: i32, month: u8, rules: DateRules) -> Vec<String> {
    let first = NaiveDate::from_ymd_opt(year, month.into(), 1).expect("month checked");
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { first.with_month(u32::from(month) + 1) };
    let last = next.expect("a valid month") - Duration::days(1);
    let mut keys: Vec<String> = keys_between(first, last, rules).into_keys().collect();
    keys.sort();
    keys
}

/// Trimmed, non-empty, unique.
fn tidy_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The format checks of `customers::validate`, callable from SQL: `fb_phone_invalid(value)`
/// and `fb_email_invalid(value)`. A phone also needs the five digits `matching::phone_key`
/// asks of a number (a "110" is not a customer's phone). Registered once per connection, when
/// the store opens (registering again would expire every cached statement).
pub fn register_sql_functions(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("fb_phone_invalid", 1, flags, |ctx| {
        let v = ctx.get::<String>(0)?;
        Ok(check_phone("phone", &v).is_err() || phone_key(&v).is_none())
    })?;
    conn.create_scalar_function("fb_email_invalid", 1, flags, |ctx| {
        let v = ctx.get::<String>(0)?;
        Ok(check_email("email", &v).is_err())
    })?;
    Ok(())
}
