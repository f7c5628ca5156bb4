//! Any bytes as a vCard file (folding, quoted-printable, charsets): an error, never a panic.
#![no_main]
use fieldbook_core::transfer::import::vcard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vcard::decode(data);
});
