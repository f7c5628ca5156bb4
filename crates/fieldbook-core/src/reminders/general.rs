//! Occurrences for everyone: Chinese festivals, statutory holidays and make-up workdays,
//! other countries' public holidays.

use chrono::NaiveDate;

use super::model::{Occurrence, OccurrenceKind};
use super::settings::ReminderSettings;
use crate::calendar::festivals_between;
use crate::calendar::holidays::DayKind;
use crate::error::Result;
use crate::store::Store;

pub(super) fn festivals(from: NaiveDate, to: NaiveDate, s: &ReminderSettings) -> Vec<Occurrence> {
    let lead = s.lead_days.for_kind(OccurrenceKind::Festival);
    festivals_between(from, to)
        .into_iter()
        .map(|(d, f)| {
            let mut o = Occurrence::new(OccurrenceKind::Festival, f.code(), d, lead)
                .titled(f.name_en().to_string(), f.name_zh().to_string());
            o.tag = Some(f.code().to_string());
            o
        })
        .collect()
}

/// CN: one occurrence on the first day of each block of days off (with its last day in the
/// title), one per make-up workday. Other countries: one per public holiday.
pub(super) fn holidays(store: &Store, from: NaiveDate, to: NaiveDate, s: &ReminderSettings) -> Result<Vec<Occurrence>> {
    let mut out = Vec::new();
    if s.statutory_holidays {
        // One day before, to tell whether the first day continues a block; two weeks after,
        // to see where a block that starts in range ends.
        let days = store.holidays("CN", from - chrono::Duration::days(1), to + chrono::Duration::days(15))?;
        for (i, d) in days.iter().enumerate() {
            if d.date < from || d.date > to {
                continue;
            }
            let name_zh = d.name_zh.clone().unwrap_or_else(|| d.name_local.clone());
            match d.kind {
                DayKind::MakeUpWorkday => {
                    let o = Occurrence::new(OccurrenceKind::MakeUpWorkday, "CN", d.date, s.lead_days.holiday)
                        .titled(format!("Make-up workday ({})", d.name_en), format!("调休上班（{name_zh}）"));
                    out.push(o);
                }
                DayKind::Off => {
                    let starts_block = i == 0
                        || days[i - 1].kind != DayKind::Off
                        || days[i - 1].date.succ_opt() != Some(d.date)
                        || days[i - 1].name_en != d.name_en;
                    if !starts_block {
                        continue;
                    }
                    let last = days[i..]
                        .iter()
                        .zip(d.date.iter_days())
                        .take_while(|(x, day)| x.kind == DayKind::Off && x.date == *day && x.name_en == d.name_en)
                        .last()
                        .map(|(x, _)| x.date)
                        .unwrap_or(d.date);
                    let n = (last - d.date).num_days() + 1;
                    let o = Occurrence::new(OccurrenceKind::StatutoryHoliday, "CN", d.date, s.lead_days.holiday)
                        .titled(
                            format!("{} holiday: {} to {} ({n} days off)", d.name_en, d.date, last),
                            format!("{name_zh}放假：{} 至 {}，共 {n} 天", d.date, last),
                        );
                    out.push(o);
                }
            }
        }
    }
    for country in &s.countries {
        for d in store.holidays(country, from, to)? {
            let zh = d.name_zh.clone().unwrap_or_else(|| d.name_local.clone());
            let mut o = Occurrence::new(OccurrenceKind::PublicHoliday, country, d.date, s.lead_days.holiday)
                .titled(format!("{} ({country})", d.name_en), format!("{zh}（{country}）"));
            o.tag = Some(country.clone());
            out.push(o);
        }
    }
    Ok(out)
}
