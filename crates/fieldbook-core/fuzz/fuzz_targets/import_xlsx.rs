//! Any bytes as a workbook: an error, never a panic.
#![no_main]
use fieldbook_core::transfer::import::xlsx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = xlsx::decode(data, None);
});
