//! CSV: UTF-8 with a byte-order mark (without it, Excel on a Chinese Windows reads UTF-8 as
//! GBK and shows mojibake), CRLF line ends, quoting where needed (the `csv` crate).

use std::io::Write;

use super::{cells, io_error, HeaderLanguage, COLUMNS};
use crate::customers::Customer;
use crate::error::Result;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn write(customers: &[Customer], lang: HeaderLanguage, out: &mut impl Write) -> Result<()> {
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(COLUMNS.iter().map(|c| c.header(lang))).map_err(io_error)?;
    for c in customers {
        w.write_record(cells(c)).map_err(io_error)?;
    }
    w.flush()?;
    Ok(())
}
