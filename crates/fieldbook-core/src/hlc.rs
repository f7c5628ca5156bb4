//! Hybrid logical clocks: wall-clock milliseconds + a counter + the device id.
//!
//! Stamps order every field write across laptops even when their clocks disagree: a new
//! stamp is always greater than every stamp this device has issued or seen.

use std::cmp::Ordering;
use std::fmt;

use crate::error::{CoreError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
    pub device: String,
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall_ms, self.counter, &self.device).cmp(&(other.wall_ms, other.counter, &other.device))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Hlc {
    /// Fixed-width so that string order equals clock order (the store compares them as TEXT).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}:{:08}:{}", self.wall_ms, self.counter, self.device)
    }
}

impl std::str::FromStr for Hlc {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        let corrupt = || CoreError::Corrupt { context: "field clock".into(), message: format!("bad HLC {s:?}") };
        let mut parts = s.splitn(3, ':');
        let wall_ms = parts.next().and_then(|p| p.parse().ok()).ok_or_else(corrupt)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(corrupt)?;
        let device = parts.next().filter(|d| !d.is_empty()).ok_or_else(corrupt)?.to_string();
        Ok(Hlc { wall_ms, counter, device })
    }
}

/// Issues stamps for one device.
#[derive(Debug, Clone)]
pub struct HlcGenerator {
    device: String,
    last: Option<(i64, u32)>,
}

impl HlcGenerator {
    pub fn new(device: impl Into<String>) -> Self {
        HlcGenerator { device: device.into(), last: None }
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    /// A stamp later than every stamp issued so far and not before `now_ms`.
    pub fn tick(&mut self, now_ms: i64) -> Hlc {
        let (wall_ms, counter) = match self.last {
            Some((wall, counter)) if wall >= now_ms => (wall, counter + 1),
            _ => (now_ms, 0),
        };
        self.last = Some((wall_ms, counter));
        Hlc { wall_ms, counter, device: self.device.clone() }
    }

    /// A stamp later than `now_ms`, every stamp issued so far, and `seen` (a field's current
    /// clock, possibly from another device): a local edit must win over what it overwrites.
    pub fn tick_after(&mut self, now_ms: i64, seen: &Hlc) -> Hlc {
        self.observe(seen);
        self.tick(now_ms)
    }

    /// Remember a stamp seen from elsewhere so later ticks sort after it.
    pub fn observe(&mut self, seen: &Hlc) {
        let seen_pair = (seen.wall_ms, seen.counter);
        if self.last.is_none_or(|last| seen_pair > last) {
            self.last = Some(seen_pair);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_strictly_increasing_even_when_the_wall_clock_goes_back() {
        let mut g = HlcGenerator::new("dev-a");
        let a = g.tick(1000);
        let b = g.tick(1000);
        let c = g.tick(900); // clock stepped back
        let d = g.tick(2000);
        assert!(a < b && b < c && c < d, "{a} {b} {c} {d}");
        assert_eq!(c.wall_ms, 1000, "a stamp never goes below one already issued");
    }

    #[test]
    fn a_stamp_after_a_remote_clock_beats_it_even_if_the_remote_clock_runs_ahead() {
        let mut g = HlcGenerator::new("dev-a");
        let remote = Hlc { wall_ms: 5_000, counter: 7, device: "dev-b".into() };
        let local = g.tick_after(1_000, &remote);
        assert!(local > remote);
    }

    #[test]
    fn string_order_matches_clock_order_and_parses_back() {
        let stamps = [
            Hlc { wall_ms: 9, counter: 10, device: "b".into() },
            Hlc { wall_ms: 10, counter: 0, device: "a".into() },
            Hlc { wall_ms: 10, counter: 2, device: "a".into() },
            Hlc { wall_ms: 10, counter: 2, device: "b".into() },
        ];
        for w in stamps.windows(2) {
            assert!(w[0] < w[1]);
            assert!(w[0].to_string() < w[1].to_string(), "text order must equal clock order");
        }
        for s in &stamps {
            assert_eq!(&s.to_string().parse::<Hlc>().unwrap(), s);
        }
    }

    #[test]
    fn a_malformed_stamp_is_a_clear_error_not_a_panic() {
        assert!("nonsense".parse::<Hlc>().is_err());
        assert!("12:x:dev".parse::<Hlc>().is_err());
        assert!("12:3:".parse::<Hlc>().is_err());
    }
}
