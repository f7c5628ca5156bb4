//! The agenda: every occurrence in a range of days, from every source, with its state.

use chrono::NaiveDate;

use super::model::Occurrence;
use super::revisit::{self, RevisitListing};
use super::settings::ReminderSettings;
use super::{custom, customer_dates, follow_up, general};
use crate::error::{CoreError, Result};
use crate::store::Store;

/// The longest range one call computes (a little over two years).
pub const MAX_DAYS: u32 = 800;

/// More revisits than this on one day are one line in the app's agenda, with their count.
pub const AGENDA_REVISITS_PER_DAY: usize = 30;

impl Store {
    /// Every occurrence whose date falls in the `days` days starting at `from`, sorted by
    /// date, with its state (done, snoozed, dismissed) attached. Nothing is filtered out by
    /// state: the agenda shows done items struck through; see `reminders::state::is_open`.
    ///
    /// Sources: birthdays and anniversaries (both calendars), Chinese festivals, CN statutory
    /// holidays and make-up workdays, other countries' public holidays, revisits (from the
    /// last contact), follow-ups from interactions' `follow_up_on` (keyed
    /// `follow_up:<interaction id>:<date>`) and custom reminders.
    pub fn occurrences(&self, from: NaiveDate, days: u32, settings: &ReminderSettings) -> Result<Vec<Occurrence>> {
        self.occurrences_listed(from, days, settings, RevisitListing::Every)
    }

    /// `occurrences`, with a day's revisits listed as `listing` says: the app's agenda groups
    /// a day with more than [`AGENDA_REVISITS_PER_DAY`] into one `RevisitGroup`.
    pub fn occurrences_listed(
        &self,
        from: NaiveDate,
        days: u32,
        settings: &ReminderSettings,
        listing: RevisitListing,
    ) -> Result<Vec<Occurrence>> {
        if days > MAX_DAYS {
            return Err(CoreError::invalid("days", "range_too_long", format!("at most {MAX_DAYS} days at a time")));
        }
        if days == 0 {
            return Ok(vec![]);
        }
        let to = from + chrono::Duration::days(i64::from(days) - 1);
        let conn = self.conn();
        let t0 = std::time::Instant::now();
        let keys = customer_dates::range_keys(from, to, settings.rules);
        let mut out = customer_dates::birthdays(conn, &keys, &settings.lead_days)?;
        out.extend(customer_dates::anniversaries(conn, &keys, &settings.lead_days)?);
        if settings.festivals {
            out.extend(general::festivals(from, to, settings));
        }
        out.extend(general::holidays(self, from, to, settings)?);
        let t1 = t0.elapsed();
        revisit::due_between(conn, from, to, settings, listing, &mut out)?;
        let t2 = t0.elapsed();
        out.extend(follow_up::due_between(conn, from, to, settings)?);
        out.extend(custom::occurrences(conn, from, to, settings)?);
        let t3 = t0.elapsed();
        self.attach_states(&mut out)?;
        let t4 = t0.elapsed();
        sort_agenda(&mut out);
        let t5 = t0.elapsed();
        if std::env::var("TRACE_AGENDA").is_ok() && t5.as_millis() > 40 {
            eprintln!(
                "dates {:?} revisits {:?} rest {:?} states {:?} sort {:?} n {}",
                t1,
                t2 - t1,
                t3 - t2,
                t4 - t3,
                t5 - t4,
                out.len()
            );
        }
        Ok(out)
    }

    /// The app's agenda: `occurrences` with the stored settings, a crowded day's revisits as
    /// one `RevisitGroup` (paged by `revisits_due_on`).
    pub fn agenda(&self, from: NaiveDate, days: u32) -> Result<Vec<Occurrence>> {
        let s = self.reminder_settings()?;
        self.occurrences_listed(from, days, &s, RevisitListing::GroupOver(AGENDA_REVISITS_PER_DAY))
    }

    /// Every occurrence, one per customer however many fall due: `occurrences` with the
    /// stored settings (the CLI's agenda).
    pub fn agenda_every_item(&self, from: NaiveDate, days: u32) -> Result<Vec<Occurrence>> {
        let s = self.reminder_settings()?;
        self.occurrences(from, days, &s)
    }
}

/// Sort into the agenda's order: by (date, kind, customer name, key). Keys are unique, so
/// an unstable sort gives the same order. A window in which a whole tier falls due holds tens
/// of thousands of revisits on one day, told apart only by name: reaching two names through
/// two occurrences at every step costs more than packing each item's date, kind, first bytes
/// of its name and borrowed name and key once, and sorting those.
pub(super) fn sort_agenda(items: &mut [Occurrence]) {
    /// Fields compare in order, as (date, kind, customer name, key) does: no name before a
    /// name; the name's first 16 bytes, zero-padded (a prefix sorts first), settle most
    /// comparisons without reading the name itself.
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    struct Packed<'a> {
        date: NaiveDate,
        kind: super::model::OccurrenceKind,
        named: bool,
        prefix: [u8; 16],
        name: &'a str,
        key: &'a str,
    }
    let order: Vec<usize> = {
        let mut packed: Vec<(Packed<'_>, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let name = o.customer_name.as_deref().unwrap_or_default();
                let mut prefix = [0u8; 16];
                let n = name.len().min(16);
                prefix[..n].copy_from_slice(&name.as_bytes()[..n]);
                let named = o.customer_name.is_some();
                (Packed { date: o.date, kind: o.kind, named, prefix, name, key: &o.key }, i)
            })
            .collect();
        packed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        packed.into_iter().map(|(_, i)| i).collect()
    };
    // Put item order[k] at position k, in place, cycle by cycle (a placed position is marked
    // by order[k] = k): no second 10 MB vector for a dense window.
    let mut order = order;
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != k {
            let from = order[k];
            order[k] = k;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};

    use super::*;
    use crate::reminders::model::OccurrenceKind;

    #[test]
    fn the_packed_sort_gives_exactly_the_order_of_date_kind_name_and_key() {
        let mut r = rand_chacha::ChaCha8Rng::seed_from_u64(13);
        // Names that share long prefixes (16+ bytes), prefixes of each other, CJK, and none.
        let names = [
            None,
            Some("张三"),
            Some("张三丰"),
            Some("Alexandria Ocasio"),
            Some("Alexandria Ocasio-Cortez"),
            Some("Alexandria Ocasio-Cortes"),
            Some("Alexandria Ocasi"),
            Some(""),
            Some("a\0b"),
            Some("a"),
        ];
        let kinds = [OccurrenceKind::Revisit, OccurrenceKind::Birthday, OccurrenceKind::Festival];
        let mut items: Vec<Occurrence> = (0..3000)
            .map(|i| {
                let day = NaiveDate::from_ymd_opt(2026, 12, r.random_range(1..4)).unwrap();
                let kind = kinds[r.random_range(0..kinds.len())];
                let mut o = Occurrence::new(kind, &format!("s{i}"), day, 0);
                if let Some(name) = names[r.random_range(0..names.len())] {
                    o = o.for_customer(&format!("c{i}"), name);
                }
                o
            })
            .collect();
        let mut expected = items.clone();
        expected.sort_by(|a, b| {
            (a.date, a.kind, &a.customer_name, &a.key).cmp(&(b.date, b.kind, &b.customer_name, &b.key))
        });
        sort_agenda(&mut items);
        assert_eq!(items, expected);
    }
}
