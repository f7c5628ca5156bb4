//! The team file (`team.json`) in the place: the salt and parameters from which every laptop
//! derives the team key from the shared passphrase (argon2id), and a check value sealed with
//! that key, so a wrong passphrase is told at once and nothing is written. A key derived
//! once is kept in memory for the rest of the run (never on disk), so a sync every few
//! minutes costs no second derivation (argon2id: 19 MiB and ~0.1 s of one core each time).

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::sync::Mutex;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::place::Place;
use crate::error::{CoreError, Result};

pub const TEAM_FILE: &str = "team.json";
const FORMAT: &str = "fieldbook-sync";
const CHECK: &[u8] = b"fieldbook team key check";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TeamFile {
    format: String,
    version: u32,
    /// argon2id parameters: memory in KiB, iterations, lanes.
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
    /// nonce (24 bytes) + sealed CHECK, hex.
    check: String,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// A team key derived in this process, with the team file it came from. The passphrase is
/// not kept: only a MAC of it under the key, which tells whether a later sync was given the
/// same passphrase without deriving again (and says nothing of it without the key).
struct KnownKey {
    team_file: Vec<u8>,
    passphrase_mac: ring::hmac::Tag,
    key: Zeroizing<[u8; 32]>,
}

/// The keys of the last few team files used (a laptop syncs with one place, rarely a few).
static KNOWN: Mutex<Vec<KnownKey>> = Mutex::new(Vec::new());
const KNOWN_KEYS: usize = 4;

fn known_keys() -> std::sync::MutexGuard<'static, Vec<KnownKey>> {
    KNOWN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn mac_key(key: &[u8; 32]) -> ring::hmac::Key {
    ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key)
}

/// The key kept for this team file, if it was derived from this passphrase.
fn known(team_file: &[u8], passphrase: &str) -> Option<[u8; 32]> {
    let keys = known_keys();
    let k = keys.iter().find(|k| k.team_file == team_file)?;
    ring::hmac::verify(&mac_key(&k.key), passphrase.as_bytes(), k.passphrase_mac.as_ref()).ok().map(|()| *k.key)
}

fn remember(team_file: &[u8], passphrase: &str, key: &[u8; 32]) {
    let mut keys = known_keys();
    keys.retain(|k| k.team_file != team_file);
    if keys.len() >= KNOWN_KEYS {
        keys.remove(0);
    }
    keys.push(KnownKey {
        team_file: team_file.to_vec(),
        passphrase_mac: ring::hmac::sign(&mac_key(key), passphrase.as_bytes()),
        key: Zeroizing::new(*key),
    });
}

/// Forget every kept team key: when the app locks, and in benchmarks that time the derivation.
pub fn forget_known_keys() {
    known_keys().clear();
}

fn derive(passphrase: &str, salt: &[u8], m_kib: u32, t: u32, p: u32) -> Result<[u8; 32]> {
    let params = Params::new(m_kib, t, p, Some(32))
        .map_err(|e| CoreError::sync("sync_place_foreign", format!("team.json: bad key parameters: {e}")))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| CoreError::sync("sync_place_foreign", format!("team.json: {e}")))?;
    Ok(key)
}

/// The team key: from the place's team file, or — for the first laptop in an empty place — a
/// new team file. Ok((key, created)).
pub fn team_key(place: &dyn Place, passphrase: &str) -> Result<([u8; 32], bool)> {
    if passphrase.is_empty() {
        return Err(CoreError::sync("sync_passphrase_required", "a team passphrase is required"));
    }
    for _ in 0..2 {
        if let Some(bytes) = place.get(TEAM_FILE)? {
            if let Some(key) = known(&bytes, passphrase) {
                return Ok((key, false));
            }
            let key = open(&bytes, passphrase)?;
            remember(&bytes, passphrase, &key);
            return Ok((key, false));
        }
        // OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
        let (m_kib, t, p) = (19 * 1024, 2, 1);
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let key = derive(passphrase, &salt, m_kib, t, p)?;
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = XChaCha20Poly1305::new((&key).into())
            .encrypt(XNonce::from_slice(&nonce), CHECK)
            .expect("encryption in memory does not fail");
        let file = TeamFile {
            format: FORMAT.into(),
            version: 1,
            m_kib,
            t,
            p,
            salt: hex(&salt),
            check: hex(&[&nonce[..], &sealed[..]].concat()),
        };
        let text = serde_json::to_vec_pretty(&file).expect("team file serializes");
        if place.put_new(TEAM_FILE, &text)? {
            remember(&text, passphrase, &key);
            return Ok((key, true));
        }
        // Another laptop set the team up a moment ago: join it instead.
    }
    Err(CoreError::sync("sync_place_foreign", "team.json appeared and vanished"))
}

fn open(bytes: &[u8], passphrase: &str) -> Result<[u8; 32]> {
    let foreign = || CoreError::sync("sync_place_foreign", "team.json is not a Fieldbook team file");
    let file: TeamFile = serde_json::from_slice(bytes).map_err(|_| foreign())?;
    if file.format != FORMAT || file.version != 1 {
        return Err(foreign());
    }
    let salt = unhex(&file.salt).ok_or_else(foreign)?;
    let check = unhex(&file.check).filter(|c| c.len() > 24).ok_or_else(foreign)?;
    let key = derive(passphrase, &salt, file.m_kib, file.t, file.p)?;
    let opened = XChaCha20Poly1305::new((&key).into()).decrypt(XNonce::from_slice(&check[..24]), &check[24..]);
    match opened {
        Ok(text) if text == CHECK => Ok(key),
        _ => Err(CoreError::sync("sync_passphrase_wrong", "the team passphrase does not match this place")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::place::Folder;

    #[test]
    fn the_first_laptop_sets_up_the_team_and_the_others_join_with_the_same_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let place = Folder::open(dir.path()).unwrap();
        let (key, created) = team_key(&place, "春眠不觉晓").unwrap();
        assert!(created);
        let (joined, created) = team_key(&place, "春眠不觉晓").unwrap();
        assert!(!created);
        assert_eq!(key, joined, "the same passphrase gives the same key on every laptop");
        let before = place.list("").unwrap();
        let wrong = team_key(&place, "wrong").err().unwrap();
        assert_eq!(wrong.code(), "sync_passphrase_wrong");
        assert_eq!(place.list("").unwrap(), before, "a wrong passphrase writes nothing");
        assert_eq!(team_key(&place, "").err().unwrap().code(), "sync_passphrase_required");
    }

    #[test]
    fn a_kept_key_serves_only_the_same_passphrase_and_team_file() {
        let dir = tempfile::tempdir().unwrap();
        let place = Folder::open(dir.path()).unwrap();
        let (key, _) = team_key(&place, "夜来风雨声").unwrap();
        let team_file = place.get(TEAM_FILE).unwrap().unwrap();
        assert_eq!(known(&team_file, "夜来风雨声"), Some(key), "the same passphrase: no second derivation");
        assert_eq!(known(&team_file, "夜来风雨声 "), None, "another passphrase is derived and checked");
        assert_eq!(known(b"{}", "夜来风雨声"), None, "another place's team file is derived and checked");
        assert_eq!(team_key(&place, "wrong").err().unwrap().code(), "sync_passphrase_wrong");
        forget_known_keys();
        assert_eq!(known(&team_file, "夜来风雨声"), None);
        assert_eq!(team_key(&place, "夜来风雨声").unwrap().0, key);
    }
}
