//! Team sync from the window: where and when it last synced, "Sync now" on a blocking thread
//! with `sync-progress` events, the interval of the background sync, and the conflicts list.
//!
//! The team passphrase and an S3 secret are kept in memory for this run of the app only, once
//! a sync has accepted them — never in the book or its settings: the book may be unencrypted
//! or copied, and anyone holding the file would then hold the team's key and bucket. The
//! place itself (folder, bucket address) and the S3 access key id are remembered in the book's
//! local sync state, so the form comes back filled in.

use fieldbook_core::sync::bucket::{Bucket, Credentials, DEFAULT_REGION};
use fieldbook_core::sync::place::{Folder, Place};
use fieldbook_core::sync::{Conflict, SyncProgress, SyncStatus, SyncSummary};
use fieldbook_core::{CoreError, ErrorPayload};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, State};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The event carrying a running sync's progress (ui/src/api/sync.ts).
pub const SYNC_PROGRESS: &str = "sync-progress";
/// The event a finished background sync sends: its summary or its error (ui/src/api/sync.ts).
pub const SYNC_FINISHED: &str = "sync-finished";

/// The saved place and last sync, and which secrets this run of the app knows.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct SyncSetup {
    pub status: SyncStatus,
    pub passphrase_known: bool,
    pub secret_known: bool,
}

/// Where to sync: a folder, or an S3-compatible bucket (`secret` none: the one this run knows).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncPlaceInput {
    Folder {
        path: String,
    },
    /// `region` empty or none: us-east-1 (what S3-compatible servers take when they do not care).
    S3 {
        endpoint: String,
        bucket: String,
        access_key: String,
        secret: Option<String>,
        region: Option<String>,
    },
}

/// A background sync's outcome (`summary` or `error`).
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncFinished {
    pub summary: Option<SyncSummary>,
    pub error: Option<ErrorPayload>,
}

#[tauri::command(async)]
pub fn sync_status(state: State<'_, AppState>) -> CommandResult<SyncSetup> {
    let status = state.read(|s| s.sync_status())?;
    let secrets = state.sync_secrets();
    Ok(SyncSetup { status, passphrase_known: secrets.passphrase.is_some(), secret_known: secrets.s3_secret.is_some() })
}

/// The bucket address from the form's endpoint and bucket fields.
fn bucket_url(endpoint: &str, bucket: &str) -> String {
    format!("{}/{}", endpoint.trim().trim_end_matches('/'), bucket.trim().trim_matches('/'))
}

/// The region typed, or us-east-1.
fn region_or_default(region: Option<&str>) -> String {
    Some(region.unwrap_or_default().trim()).filter(|r| !r.is_empty()).unwrap_or(DEFAULT_REGION).to_string()
}

/// Open the place `input` names; the S3 secret from the input or from memory.
fn open_place(state: &AppState, input: &SyncPlaceInput) -> Result<Box<dyn Place>, CoreError> {
    match input {
        SyncPlaceInput::Folder { path } => Ok(Box::new(Folder::open(std::path::Path::new(path.trim()))?)),
        SyncPlaceInput::S3 { endpoint, bucket, access_key, secret, region } => {
            let secret = secret.clone().filter(|s| !s.is_empty()).or_else(|| state.sync_secrets().s3_secret);
            let credentials = Credentials {
                access_key: access_key.trim().to_string(),
                secret: secret.unwrap_or_default(),
                region: region_or_default(region.as_deref()),
            };
            Ok(Box::new(Bucket::open(&bucket_url(endpoint, bucket), &credentials)?))
        }
    }
}

/// Sync with `place` under `passphrase` (none: the one in memory), on the calling (blocking)
/// thread, holding the writer; progress goes out as `sync-progress` events. Remembers what
/// the sync accepted.
pub(crate) fn run_sync(
    app: &AppHandle,
    place_input: &SyncPlaceInput,
    passphrase: Option<String>,
) -> Result<SyncSummary, CoreError> {
    let state = app.state::<AppState>();
    let passphrase = passphrase
        .filter(|p| !p.is_empty())
        .or_else(|| state.sync_secrets().passphrase)
        .ok_or_else(|| CoreError::sync("sync_passphrase_required", "the team passphrase is needed"))?;
    let place = open_place(&state, place_input)?;
    let summary = state.write(|s| {
        let summary = s.sync(place.as_ref(), &passphrase, &mut |p: SyncProgress| {
            let _ = app.emit(SYNC_PROGRESS, p);
        })?;
        if let SyncPlaceInput::S3 { access_key, region, .. } = place_input {
            s.set_sync_access_key(access_key.trim())?;
            s.set_sync_region(&region_or_default(region.as_deref()))?;
        }
        Ok::<_, CoreError>(summary)
    })?;
    checkpoint_in_background(app);
    state.remember_sync_passphrase(passphrase);
    if let SyncPlaceInput::S3 { secret: Some(secret), .. } = place_input {
        if !secret.is_empty() {
            state.remember_sync_secret(secret.clone());
        }
    }
    Ok(summary)
}

/// A sync leaves the last batch it applied in the write-ahead log (see `Store::sync_with`):
/// copying it into the book writes the same pages a second time. A reader does it on another
/// thread, so neither the summary nor the next edit waits for it (readers and the writer go on
/// meanwhile: a checkpoint takes no lock they need).
fn checkpoint_in_background(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(e) = app.state::<AppState>().read_anyway(|s| s.checkpoint()) {
            tracing::warn!("checkpoint after sync failed: {e}");
        }
    });
}

/// The place this laptop last synced with, as the background sync needs it: a bucket address
/// is split back into endpoint and bucket (plus folder); the secret comes from memory.
pub(crate) fn saved_place(status: &SyncStatus) -> Option<SyncPlaceInput> {
    let place = status.place.clone()?;
    if place.starts_with("http://") || place.starts_with("https://") {
        let url = fieldbook_core::sync::bucket::BucketUrl::parse(&place).ok()?;
        let bucket = if url.prefix.is_empty() { url.bucket } else { format!("{}/{}", url.bucket, url.prefix) };
        Some(SyncPlaceInput::S3 {
            endpoint: url.endpoint,
            bucket,
            access_key: status.access_key.clone()?,
            secret: None,
            region: status.region.clone(),
        })
    } else {
        Some(SyncPlaceInput::Folder { path: place })
    }
}

/// Sync now with `place`. `passphrase`: the team passphrase, or none to use the one this run
/// of the app already knows.
#[tauri::command]
pub async fn sync_run(app: AppHandle, place: SyncPlaceInput, passphrase: Option<String>) -> CommandResult<SyncSummary> {
    let work = move || run_sync(&app, &place, passphrase).map_err(CommandError::from);
    tauri::async_runtime::spawn_blocking(work).await.map_err(|e| {
        CommandError(ErrorPayload { code: "internal".into(), message: e.to_string(), field: None, fields: None })
    })?
}

/// Sync in the background every `minutes` minutes (0: off) with the place last synced with.
#[tauri::command(async)]
pub fn sync_set_interval(state: State<'_, AppState>, minutes: u32) -> CommandResult<SyncStatus> {
    state.write(|s| s.set_sync_every(minutes))?;
    state.sync_wake.notify_one();
    Ok(state.read(|s| s.sync_status())?)
}

/// Values that lost to a concurrent edit, newest first (one customer's when given).
#[tauri::command(async)]
pub fn sync_conflicts(state: State<'_, AppState>, customer_id: Option<String>) -> CommandResult<Vec<Conflict>> {
    Ok(state.read(|s| s.conflicts(customer_id.as_deref(), 200))?)
}

/// Bring a losing value back as a new edit (it syncs like any other).
#[tauri::command(async)]
pub fn sync_restore_conflict(state: State<'_, AppState>, id: String) -> CommandResult<Conflict> {
    Ok(state.write(|s| s.restore_conflict(&id))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_bucket_address_comes_back_as_the_place_the_form_sent() {
        let status = SyncStatus {
            place: Some(bucket_url("http://127.0.0.1:9000/", "/team-book/east")),
            access_key: Some("AKIA1".into()),
            region: Some("eu-central-1".into()),
            ..Default::default()
        };
        match saved_place(&status) {
            Some(SyncPlaceInput::S3 { endpoint, bucket, access_key, secret, region }) => {
                assert_eq!(
                    (endpoint.as_str(), bucket.as_str(), access_key.as_str()),
                    ("http://127.0.0.1:9000", "team-book/east", "AKIA1")
                );
                assert_eq!(region.as_deref(), Some("eu-central-1"), "the background sync uses the saved region");
                assert_eq!(secret, None, "the secret is never saved");
            }
            _ => panic!("an S3 place"),
        }
        let folder = SyncStatus { place: Some("/media/usb/team".into()), ..Default::default() };
        assert!(matches!(saved_place(&folder), Some(SyncPlaceInput::Folder { path }) if path == "/media/usb/team"));
        assert!(saved_place(&SyncStatus::default()).is_none());
    }

    #[test]
    fn an_empty_region_is_us_east_1() {
        assert_eq!(region_or_default(None), "us-east-1");
        assert_eq!(region_or_default(Some("  ")), "us-east-1");
        assert_eq!(region_or_default(Some(" eu-west-3 ")), "eu-west-3");
    }
}
