//! Which automatic backups to keep: pure functions of the backups' times (and, for "is one
//! due", the time now), so the rules are tested without files or a clock.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// How many automatic backups survive rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// The newest backup of each of this many most recent days that have one.
    pub daily: u32,
    /// The newest backup of each of this many most recent ISO weeks that have one.
    pub weekly: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { daily: 7, weekly: 4 }
    }
}

/// The indexes into `times` (each an automatic backup's time) to delete under `keep`.
///
/// Days and weeks are counted among those that HAVE a backup, not back from today: a laptop
/// that was off for a month keeps its last week of backups instead of losing all but the
/// newest. The newest backup is always kept; days and weeks are UTC.
pub fn to_delete(times: &[DateTime<Utc>], keep: Retention) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[b].cmp(&times[a]).then(b.cmp(&a))); // newest first
    let mut kept: HashSet<usize> = order.first().copied().into_iter().collect();
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    for &i in &order {
        let day = times[i].date_naive();
        if !days.contains(&day) && days.len() < keep.daily as usize {
            days.push(day);
            kept.insert(i);
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < keep.weekly as usize {
            weeks.push(week);
            kept.insert(i);
        }
    }
    let mut out: Vec<usize> = (0..times.len()).filter(|i| !kept.contains(i)).collect();
    out.sort_unstable();
    out
}

/// Is the daily backup due? None yet, or the newest is a day old. A newest backup more than
/// an hour "in the future" (the clock was wrong when it was made) does not block backups.
pub fn is_due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match newest {
        None => true,
        Some(t) => now - t >= Duration::days(1) || t - now > Duration::hours(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn kept(times: &[DateTime<Utc>], keep: Retention) -> Vec<DateTime<Utc>> {
        let gone = to_delete(times, keep);
        let mut k: Vec<_> = (0..times.len()).filter(|i| !gone.contains(i)).map(|i| times[i]).collect();
        k.sort();
        k
    }

    #[test]
    fn sixty_daily_backups_keep_the_last_seven_days_and_one_per_week_for_four_weeks() {
        // 2025-03-01 .. 2025-04-29, one backup a day at 09:00.
        let times: Vec<_> = (0..60).map(|d| at(2025, 3, 1, 9) + Duration::days(d)).collect();
        let k = kept(&times, Retention::default());
        let last = *times.last().unwrap();
        // Seven newest days…
        for d in 0..7 {
            assert!(k.contains(&(last - Duration::days(d))), "day -{d} must be kept");
        }
        // …plus the newest of each of the 4 newest ISO weeks (the current week's newest is
        // already a daily), so at most 7 + 4 and at least 7 + 2 files.
        assert!(k.len() <= 11 && k.len() >= 9, "{} kept: {k:?}", k.len());
        let weeks: HashSet<_> = k.iter().map(|t| t.iso_week().week()).collect();
        assert!(weeks.len() >= 4, "four distinct weeks survive: {weeks:?}");
        assert!(k.iter().all(|t| last - *t < Duration::days(28)), "nothing older than four weeks: {k:?}");
    }

    #[test]
    fn several_backups_on_one_day_count_as_that_day_and_the_newest_of_it_is_kept() {
        let times = vec![at(2025, 5, 6, 8), at(2025, 5, 6, 12), at(2025, 5, 6, 18), at(2025, 5, 5, 9)];
        let k = kept(&times, Retention { daily: 2, weekly: 0 });
        assert_eq!(k, vec![at(2025, 5, 5, 9), at(2025, 5, 6, 18)]);
    }

    #[test]
    fn a_laptop_off_for_months_keeps_its_old_backups() {
        // Backups stopped in January; nothing since. Rotation after a new backup in June
        // keeps January's days rather than deleting everything that is not "this week".
        let mut times: Vec<_> = (0..10).map(|d| at(2025, 1, 1, 9) + Duration::days(d)).collect();
        times.push(at(2025, 6, 1, 9));
        let k = kept(&times, Retention::default());
        let want: Vec<_> = (5..=10).map(|d| at(2025, 1, d, 9)).chain([at(2025, 6, 1, 9)]).collect();
        assert_eq!(k, want, "June's plus January's six newest days (whose weeks they also cover)");
    }

    #[test]
    fn the_newest_backup_survives_even_with_zero_retention() {
        let times = vec![at(2025, 5, 1, 9), at(2025, 5, 2, 9)];
        assert_eq!(to_delete(&times, Retention { daily: 0, weekly: 0 }), vec![0]);
        assert!(to_delete(&[], Retention::default()).is_empty());
    }

    #[test]
    fn a_backup_is_due_after_a_day_or_when_the_newest_is_from_the_future() {
        let now = at(2025, 5, 2, 9);
        assert!(is_due(None, now));
        assert!(!is_due(Some(now - Duration::hours(23)), now));
        assert!(is_due(Some(now - Duration::hours(24)), now));
        assert!(!is_due(Some(now + Duration::minutes(30)), now), "a little clock skew is not 'from the future'");
        assert!(is_due(Some(now + Duration::days(3)), now), "a wrong clock must not stop backups for days");
    }
}
