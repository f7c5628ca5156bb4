//! XLSX with typed cells (`rust_xlsxwriter`): a "Customers" sheet whose birthdays and creation
//! times are real Excel dates, and an "Orders" sheet whose totals are numbers formatted with
//! their currency (`#,##0.00 "CNY"`), so sums and filters work in Excel.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Timelike};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{cells, io_error, HeaderLanguage, COLUMNS};
use crate::customers::Customer;
use crate::dates::DateSpec;
use crate::error::Result;
use crate::orders::money;
use crate::store::Store;

const ORDER_COLUMNS: &[(&str, &str)] = &[
    ("Name", "姓名"),
    ("Order date", "下单日期"),
    ("Status", "状态"),
    ("Currency", "币种"),
    ("Total", "金额"),
    ("Notes", "备注"),
];

struct Formats {
    header: Format,
    date: Format,
    datetime: Format,
    money: HashMap<String, Format>,
}

impl Formats {
    fn money(&mut self, currency: &str) -> &Format {
        self.money.entry(currency.to_string()).or_insert_with(|| {
            let places = money::minor_units(currency) as usize;
            let fraction = if places == 0 { String::new() } else { format!(".{}", "0".repeat(places)) };
            let code: String = currency.chars().filter(char::is_ascii_alphabetic).collect();
            Format::new().set_num_format(format!("#,##0{fraction} \"{code}\""))
        })
    }
}

/// The workbook's bytes.
pub fn workbook(store: &Store, customers: &[Customer], lang: HeaderLanguage) -> Result<Vec<u8>> {
    build(store, customers, lang)?.save_to_buffer().map_err(io_error)
}

fn build(store: &Store, customers: &[Customer], lang: HeaderLanguage) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let mut f = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
        money: HashMap::new(),
    };
    let sheet = wb.add_worksheet();
    sheet.set_name(if lang == HeaderLanguage::Zh { "客户" } else { "Customers" }).map_err(io_error)?;
    customers_sheet(sheet, customers, lang, &f).map_err(io_error)?;
    let sheet = wb.add_worksheet();
    sheet.set_name(if lang == HeaderLanguage::Zh { "订单" } else { "Orders" }).map_err(io_error)?;
    orders_sheet(store, sheet, customers, lang, &mut f)?;
    Ok(wb)
}

fn customers_sheet(
    sheet: &mut Worksheet,
    customers: &[Customer],
    lang: HeaderLanguage,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    for (col, c) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, c.header(lang), &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let birthday = COLUMNS.iter().position(|c| c.key == "birthday").expect("a birthday column") as u16;
    let created = COLUMNS.iter().position(|c| c.key == "created_at").expect("a created column") as u16;
    for (i, c) in customers.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, text) in cells(c).iter().enumerate() {
            let col = col as u16;
            if col == birthday {
                if let Some(DateSpec::Gregorian { year: Some(y), month, day }) = c.fields.birthday {
                    if let Some(d) = u16::try_from(y).ok().and_then(|y| ExcelDateTime::from_ymd(y, month, day).ok()) {
                        sheet.write_date_with_format(row, col, &d, &f.date)?;
                        continue;
                    }
                }
            }
            if col == created {
                if let Some(d) = excel_datetime(text) {
                    sheet.write_datetime_with_format(row, col, &d, &f.datetime)?;
                    continue;
                }
            }
            if !text.is_empty() {
                sheet.write_string(row, col, text)?;
            }
        }
    }
    sheet.set_column_width(0, 18)?;
    Ok(())
}

fn excel_datetime(rfc3339: &str) -> Option<ExcelDateTime> {
    let t = DateTime::parse_from_rfc3339(rfc3339).ok()?.naive_utc();
    let d = ExcelDateTime::from_ymd(u16::try_from(t.year()).ok()?, t.month() as u8, t.day() as u8).ok()?;
    d.and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64).ok()
}

fn orders_sheet(
    store: &Store,
    sheet: &mut Worksheet,
    customers: &[Customer],
    lang: HeaderLanguage,
    f: &mut Formats,
) -> Result<()> {
    let x = io_error;
    for (col, (en, zh)) in ORDER_COLUMNS.iter().enumerate() {
        let h = if lang == HeaderLanguage::Zh { zh } else { en };
        sheet.write_string_with_format(0, col as u16, *h, &f.header).map_err(x)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(x)?;
    let mut stmt = store.conn().prepare_cached(
        "SELECT ordered_on, status, currency, total_minor, notes FROM orders
         WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY ordered_on, id",
    )?;
    let mut row = 1u32;
    for c in customers {
        let mut rows = stmt.query([&c.id])?;
        while let Some(r) = rows.next()? {
            let (on, status, currency, minor, notes): (String, String, String, i64, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            sheet.write_string(row, 0, &c.fields.name).map_err(x)?;
            match chrono::NaiveDate::parse_from_str(&on, "%Y-%m-%d").ok().and_then(|d| {
                ExcelDateTime::from_ymd(u16::try_from(d.year()).ok()?, d.month() as u8, d.day() as u8).ok()
            }) {
                Some(d) => sheet.write_date_with_format(row, 1, &d, &f.date).map_err(x)?,
                None => sheet.write_string(row, 1, &on).map_err(x)?,
            };
            sheet.write_string(row, 2, &status).map_err(x)?;
            sheet.write_string(row, 3, &currency).map_err(x)?;
            let total = money::from_minor(minor, &currency).to_f64().unwrap_or_default();
            let fmt = f.money(&currency).clone();
            sheet.write_number_with_format(row, 4, total, &fmt).map_err(x)?;
            if let Some(n) = notes {
                sheet.write_string(row, 5, &n).map_err(x)?;
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, 18).map_err(x)?;
    sheet.set_column_width(1, 12).map_err(x)?;
    sheet.set_column_width(4, 16).map_err(x)?;
    Ok(())
}
