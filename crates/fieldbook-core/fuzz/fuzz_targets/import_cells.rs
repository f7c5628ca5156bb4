//! Any text as a date, lunar date, tier or list cell: a value or a reason, never a panic.
#![no_main]
use fieldbook_core::transfer::import::cells;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = cells::date(&text, true);
    let _ = cells::date(&text, false);
    let _ = cells::lunar(&text);
    let _ = cells::tier(&text);
    let _ = cells::tags(&text);
    let _ = cells::addresses(&text);
});
