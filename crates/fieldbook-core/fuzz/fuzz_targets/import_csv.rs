//! Any bytes as a CSV file, detected and with each encoding override: an error, never a panic.
#![no_main]
use fieldbook_core::transfer::import::csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = csv::decode(data, None);
    let _ = csv::decode(data, Some("gb18030"));
    let _ = csv::decode(data, Some("utf-16le"));
});
