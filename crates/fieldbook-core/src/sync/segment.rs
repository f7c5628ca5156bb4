//! Segment files: one laptop's batch of field changes, immutable once written.
//!
//! ```text
//! "FBSEG1" | header length (u32 LE) | header JSON | nonce (24 bytes) | ciphertext
//! ```
//! The ciphertext is XChaCha20-Poly1305 over the zstd-compressed JSON of the records, with the
//! magic, length and header as associated data: a header edited on the share fails to open.
//! The file is named `devices/<device>/<seq>-<first 16 hex of its SHA-256>.seg`, so a
//! truncated or bit-flipped copy is recognized before anything is decrypted.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const MAGIC: &[u8; 6] = b"FBSEG1";
pub const FORMAT: u32 = 1;
/// A header larger than this is not ours.
const MAX_HEADER: usize = 64 * 1024;
/// Decompressed records larger than this are refused (a hostile file cannot exhaust memory).
const MAX_BODY: usize = 1 << 30;

/// What a segment says about itself, readable without the key and bound to the ciphertext.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub device: String,
    pub seq: u64,
    pub hlc_min: String,
    pub hlc_max: String,
    /// The name of this device's previous segment ("" for the first).
    pub prev: String,
    pub records: usize,
    /// Set on the parts of a snapshot (`snapshot.rs`); absent from ordinary segments, whose
    /// header bytes are unchanged by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<PartOf>,
}

/// Which part of a snapshot a file is: `part` of `parts` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartOf {
    pub part: u32,
    pub parts: u32,
}

/// One field change as it travels: entity, row, field, the new and the overwritten value
/// (JSON text, None for empty), and the clock of the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub e: String,
    pub r: String,
    pub f: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o: Option<String>,
    pub h: String,
    /// For an insert: the row's `created_at` where it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<String>,
}

/// Why a segment file was not applied (reported by name, the rest still syncs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The name is not `<seq>-<hash>.seg` under a device folder.
    Name,
    /// The content's hash does not match its name: truncated, altered or half-copied.
    Hash,
    /// Not a Fieldbook segment, or a format this version does not know.
    Foreign,
    /// The team key does not open it (another team, or altered after writing).
    Key,
    /// It opens but its records do not parse.
    Records,
}

impl Unreadable {
    pub fn reason(&self) -> &'static str {
        match self {
            Unreadable::Name => "segment_name",
            Unreadable::Hash => "segment_damaged",
            Unreadable::Foreign => "segment_foreign",
            Unreadable::Key => "segment_key",
            Unreadable::Records => "segment_records",
        }
    }
}

pub fn hash_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The file name of a segment with this content.
pub fn file_name(device: &str, seq: u64, bytes: &[u8]) -> String {
    format!("devices/{device}/{seq:010}-{}.seg", &hash_hex(bytes)[..16])
}

/// (device, seq, hash prefix) from a file name; Syncthing/Dropbox conflict copies
/// (`0000000003-ab….sync-conflict-20261206-….seg`, `… (conflicted copy).seg`) parse too: the
/// content decides, and applying is idempotent.
pub fn parse_name(name: &str) -> Option<(String, u64, String)> {
    let rest = name.strip_prefix("devices/")?;
    let (device, file) = rest.split_once('/')?;
    let stem = file.strip_suffix(".seg")?;
    let (seq, tail) = stem.split_once('-')?;
    let hash: String = tail.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    if device.is_empty() || hash.len() != 16 || seq.len() != 10 {
        return None;
    }
    Some((device.to_string(), seq.parse().ok()?, hash))
}

pub fn encode(key: &[u8; 32], header: &Header, records: &[Record]) -> Vec<u8> {
    seal(key, header, &serde_json::to_vec(records).expect("records serialize"))
}

/// Compress and encrypt `body` under `key`, with the magic, length and header as AAD.
pub(crate) fn seal(key: &[u8; 32], header: &Header, body: &[u8]) -> Vec<u8> {
    let head = serde_json::to_vec(header).expect("header serializes");
    let mut aad = Vec::with_capacity(MAGIC.len() + 4 + head.len());
    aad.extend_from_slice(MAGIC);
    aad.extend_from_slice(&(head.len() as u32).to_le_bytes());
    aad.extend_from_slice(&head);
    let packed = zstd::encode_all(body, 3).expect("zstd compresses in memory");
    let mut nonce = [0u8; 24];
    rand::rng().fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(key.into());
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &packed, aad: &aad })
        .expect("encryption in memory does not fail");
    let mut out = aad;
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// The header alone (no key needed), or why the bytes are not a segment.
pub fn read_header(bytes: &[u8]) -> Result<(Header, usize), Unreadable> {
    if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Unreadable::Foreign);
    }
    let len = u32::from_le_bytes(bytes[6..10].try_into().expect("4 bytes")) as usize;
    if len > MAX_HEADER || bytes.len() < 10 + len + 24 + 16 {
        return Err(Unreadable::Foreign);
    }
    let header: Header = serde_json::from_slice(&bytes[10..10 + len]).map_err(|_| Unreadable::Foreign)?;
    if header.format != FORMAT {
        return Err(Unreadable::Foreign);
    }
    Ok((header, 10 + len))
}

/// Verify the name against the content, open and decompress: all or nothing.
pub fn decode(key: &[u8; 32], name: &str, bytes: &[u8]) -> Result<(Header, Vec<Record>), Unreadable> {
    let (device, seq, hash) = parse_name(name).ok_or(Unreadable::Name)?;
    if !hash_hex(bytes).starts_with(&hash) {
        return Err(Unreadable::Hash);
    }
    let (header, body) = open(key, bytes)?;
    if header.device != device || header.seq != seq || header.snapshot.is_some() {
        return Err(Unreadable::Foreign);
    }
    let records: Vec<Record> = serde_json::from_slice(&body).map_err(|_| Unreadable::Records)?;
    if records.len() != header.records {
        return Err(Unreadable::Records);
    }
    Ok((header, records))
}

/// Decrypt and decompress a file whose name was checked: its header and plain body.
pub(crate) fn open(key: &[u8; 32], bytes: &[u8]) -> Result<(Header, Vec<u8>), Unreadable> {
    let (header, aad_len) = read_header(bytes)?;
    let nonce = XNonce::from_slice(&bytes[aad_len..aad_len + 24]);
    let cipher = XChaCha20Poly1305::new(key.into());
    let packed = cipher
        .decrypt(nonce, Payload { msg: &bytes[aad_len + 24..], aad: &bytes[..aad_len] })
        .map_err(|_| Unreadable::Key)?;
    let mut body = Vec::new();
    let decoder = zstd::Decoder::new(&packed[..]).map_err(|_| Unreadable::Records)?;
    std::io::Read::read_to_end(&mut std::io::Read::take(decoder, MAX_BODY as u64 + 1), &mut body)
        .map_err(|_| Unreadable::Records)?;
    if body.len() > MAX_BODY {
        return Err(Unreadable::Records);
    }
    Ok((header, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Header, Vec<Record>) {
        let records = vec![Record {
            e: "customers".into(),
            r: "c1".into(),
            f: "name".into(),
            v: Some("\"张三\"".into()),
            o: None,
            h: "000000000001000:00000000:dev-a".into(),
            c: None,
        }];
        let header = Header {
            format: FORMAT,
            device: "dev-a".into(),
            seq: 3,
            hlc_min: records[0].h.clone(),
            hlc_max: records[0].h.clone(),
            prev: String::new(),
            records: 1,
            snapshot: None,
        };
        (header, records)
    }

    #[test]
    fn a_segment_opens_with_its_key_and_name_and_with_nothing_else() {
        let key = [7u8; 32];
        let (header, records) = sample();
        let bytes = encode(&key, &header, &records);
        let name = file_name("dev-a", 3, &bytes);
        assert_eq!(decode(&key, &name, &bytes), Ok((header, records)));
        assert_eq!(decode(&[8u8; 32], &name, &bytes), Err(Unreadable::Key), "another team's key");
        assert_eq!(decode(&key, &name, &bytes[..bytes.len() - 1]), Err(Unreadable::Hash), "truncated");
        let mut flipped = bytes.clone();
        let last = flipped.len() - 5;
        flipped[last] ^= 1;
        assert_eq!(decode(&key, &name, &flipped), Err(Unreadable::Hash), "a flipped bit");
        // Altered AND renamed to match: the AEAD still refuses it.
        assert_eq!(decode(&key, &file_name("dev-a", 3, &flipped), &flipped), Err(Unreadable::Key));
        assert_eq!(decode(&key, "devices/dev-a/notes.txt", &bytes), Err(Unreadable::Name));
        let other = file_name("dev-b", 3, &bytes);
        assert_eq!(decode(&key, &other, &bytes), Err(Unreadable::Foreign), "a header must match its folder");
    }

    #[test]
    fn conflict_copies_made_by_file_sync_tools_parse_to_the_same_segment() {
        let (device, seq, hash) = parse_name("devices/d1/0000000007-0123456789abcdef.seg").unwrap();
        assert_eq!((device.as_str(), seq, hash.as_str()), ("d1", 7, "0123456789abcdef"));
        let syncthing = "devices/d1/0000000007-0123456789abcdef.sync-conflict-20261206-101500-ABCDEFG.seg";
        assert_eq!(parse_name(syncthing).map(|p| p.1), Some(7));
        let dropbox = "devices/d1/0000000007-0123456789abcdef (Lee's conflicted copy 2026-12-06).seg";
        assert_eq!(parse_name(dropbox).map(|p| p.1), Some(7));
        assert_eq!(parse_name("devices/d1/7-0123.seg"), None);
    }
}
