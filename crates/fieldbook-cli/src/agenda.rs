//! `fieldbook agenda`, `fieldbook lunar` and `fieldbook holidays`.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use fieldbook_core::calendar::holidays::DayKind;
use fieldbook_core::calendar::{self, LunarDate};
use fieldbook_core::reminders::Occurrence;
use fieldbook_core::{CoreError, Store};
use serde::Serialize;

use crate::output::Output;

#[derive(Args)]
pub struct AgendaArgs {
    /// First day (YYYY-MM-DD); default today.
    #[arg(long)]
    from: Option<NaiveDate>,
    /// How many days, starting with --from.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// Print how long the core took (to stderr), first call and a second one, for benchmarks.
    #[arg(long)]
    timing: bool,
}

#[derive(Args)]
pub struct LunarArgs {
    /// A Gregorian date (YYYY-MM-DD) to show on the lunar calendar.
    #[arg(required_unless_present = "to_gregorian")]
    date: Option<NaiveDate>,
    /// Convert a lunar date instead: YEAR [L]MM DD (L marks a leap month), e.g. 2023 L02 15.
    #[arg(long, num_args = 3, value_names = ["YEAR", "[L]MM", "DD"], conflicts_with = "date", allow_hyphen_values = false)]
    to_gregorian: Option<Vec<String>>,
}

#[derive(Args)]
pub struct HolidaysArgs {
    /// The Gregorian year.
    #[arg(long, required_unless_present = "import")]
    year: Option<i32>,
    /// CN (statutory holidays with make-up workdays), US, GB (or UK), DE, JP, SG, HK, TW.
    #[arg(long, default_value = "CN")]
    country: String,
    /// Import a newer year of China's statutory holidays from a JSON file (same schema as
    /// crates/fieldbook-core/data/holidays/cn/<year>.json).
    #[arg(long, value_name = "FILE", conflicts_with = "year")]
    import: Option<PathBuf>,
}

pub fn agenda(store: &Store, args: &AgendaArgs, out: &Output) -> anyhow::Result<()> {
    let from = args.from.unwrap_or_else(|| chrono::Local::now().date_naive());
    let t = std::time::Instant::now();
    let items = store.agenda_every_item(from, args.days)?;
    if args.timing {
        let first = t.elapsed();
        let t = std::time::Instant::now();
        store.agenda_every_item(from, args.days)?;
        let (ms, again) = (first.as_secs_f64() * 1000.0, t.elapsed().as_secs_f64() * 1000.0);
        eprintln!("agenda: {} items in {ms:.1} ms (first call, incl. lunar table), {again:.1} ms again", items.len());
    }
    out.emit(&items, || items.iter().map(agenda_line).collect::<Vec<_>>().join("\n"));
    Ok(())
}

fn agenda_line(o: &Occurrence) -> String {
    let state = o.status.map(|s| format!(" [{}]", s.as_str())).unwrap_or_default();
    format!("{}  {:<17} {}{state}", o.date, o.kind.as_str(), o.title)
}

#[derive(Serialize)]
struct LunarView {
    gregorian: NaiveDate,
    lunar: LunarDate,
    /// e.g. "2025年正月初一".
    text_zh: String,
    ganzhi_year: String,
    zodiac: &'static str,
}

fn view(gregorian: NaiveDate, lunar: LunarDate) -> LunarView {
    LunarView {
        gregorian,
        lunar,
        text_zh: calendar::format_zh(lunar, true),
        ganzhi_year: calendar::ganzhi_year(lunar.year),
        zodiac: calendar::zodiac(lunar.year),
    }
}

pub fn lunar(args: &LunarArgs, out: &Output) -> anyhow::Result<()> {
    let v = match (&args.to_gregorian, args.date) {
        (Some(parts), _) => {
            let spec = fieldbook_core::dates::DateSpec::parse_lunar(&parts.join("-"))?;
            let fieldbook_core::dates::DateSpec::Lunar { year: Some(year), month, leap, day } = spec else {
                return Err(CoreError::invalid("date", "date_format", "give YEAR [L]MM DD").into());
            };
            let l = LunarDate::new(year, month, leap, day);
            let g = calendar::lunar_to_gregorian(l)
                .map_err(|e| CoreError::invalid("date", "lunar_date_impossible", e.to_string()))?;
            view(g, l)
        }
        (None, Some(g)) => {
            let l = calendar::gregorian_to_lunar(g)
                .map_err(|e| CoreError::invalid("date", "date_out_of_range", e.to_string()))?;
            view(g, l)
        }
        (None, None) => unreachable!("clap requires one"),
    };
    out.emit(&v, || format!("{}  农历 {} ({}, {})", v.gregorian, v.text_zh, v.ganzhi_year, v.zodiac));
    Ok(())
}

pub fn holidays(store: &mut Store, args: &HolidaysArgs, out: &Output) -> anyhow::Result<()> {
    if let Some(path) = &args.import {
        let json = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let y = store.import_statutory_year(&json)?;
        out.emit(
            &serde_json::json!({ "imported": y.year, "country": y.country, "holidays": y.holidays.len() }),
            || format!("imported {} statutory holidays for {} ({})", y.holidays.len(), y.year, y.source.title),
        );
        return Ok(());
    }
    let year = args.year.expect("clap requires --year without --import");
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1).context("year out of range")?,
        NaiveDate::from_ymd_opt(year, 12, 31).context("year out of range")?,
    );
    let days = store.holidays(&args.country, from, to)?;
    if days.is_empty() && !out.json {
        eprintln!("no holiday data for {} in {year}", args.country);
    }
    out.emit(&days, || {
        days.iter()
            .map(|d| {
                let kind = match d.kind {
                    DayKind::Off => "off",
                    DayKind::MakeUpWorkday => "make-up workday",
                };
                let zh = d.name_zh.as_deref().map(|z| format!("{z} ")).unwrap_or_default();
                format!("{}  {kind:<15} {zh}{}", d.date, d.name_en)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
