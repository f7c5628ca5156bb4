//! `fieldbook sync --folder PATH | --s3 URL` and `fieldbook conflicts`: team sync through a
//! shared folder (a shared drive, a Syncthing/Dropbox folder, a USB stick) or an S3-compatible
//! bucket, and the values that lost to a concurrent edit, with restore.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use fieldbook_core::sync::bucket::{self, Bucket, Credentials};
use fieldbook_core::sync::place::{Folder, Place};
use fieldbook_core::sync::{Conflict, SnapshotPolicy, SyncSummary};
use fieldbook_core::Store;

use crate::output::Output;

/// The environment variable holding the team passphrase.
pub const PASSPHRASE_VAR: &str = "FIELDBOOK_SYNC_PASSPHRASE";

#[derive(Args)]
pub struct SyncArgs {
    #[command(flatten)]
    place: PlaceArgs,
    /// Also write a snapshot of the whole book, so a laptop joining later applies it instead
    /// of every segment (written by itself once 200,000 changes have passed since the newest);
    /// this laptop's older snapshots are then deleted from the place.
    #[arg(long)]
    snapshot: bool,
}

#[derive(Args)]
#[group(required = true, multiple = false)]
struct PlaceArgs {
    /// The team's shared folder.
    #[arg(long, value_name = "PATH")]
    folder: Option<PathBuf>,
    /// The team's S3-compatible bucket, as http(s)://HOST[:PORT]/BUCKET[/FOLDER]. Credentials
    /// come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (AWS_REGION, default us-east-1).
    #[arg(long, value_name = "URL")]
    s3: Option<String>,
}

#[derive(Args)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    command: Option<ConflictsCommand>,
    /// Only this customer's.
    #[arg(long)]
    customer: Option<String>,
    #[arg(long, default_value_t = 100)]
    limit: usize,
}

#[derive(Subcommand)]
enum ConflictsCommand {
    /// Bring a losing value back, as a new edit that then syncs.
    Restore { id: String },
}

/// The team passphrase: from FIELDBOOK_SYNC_PASSPHRASE, else asked on a terminal.
fn passphrase() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        eprint!("Team passphrase: ");
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    Err(fieldbook_core::CoreError::sync(
        "sync_passphrase_required",
        format!("set {PASSPHRASE_VAR} to the team passphrase"),
    )
    .into())
}

/// The place named on the command line.
fn place(args: &PlaceArgs) -> anyhow::Result<Box<dyn Place>> {
    if let Some(folder) = &args.folder {
        return Ok(Box::new(Folder::open(folder)?));
    }
    let url = args.s3.as_deref().expect("clap requires --folder or --s3");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let credentials = Credentials {
        access_key: var(bucket::ACCESS_KEY_VAR),
        secret: var(bucket::SECRET_VAR),
        region: var(bucket::REGION_VAR),
    };
    Ok(Box::new(Bucket::open(url, &credentials)?))
}

pub fn sync(args: &SyncArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    let place = place(&args.place)?;
    let passphrase = passphrase()?;
    let json = out.json;
    let policy = if args.snapshot { SnapshotPolicy::Now } else { SnapshotPolicy::Auto };
    let summary = store.sync_with(place.as_ref(), &passphrase, policy, &mut |p| {
        if !json && p.total > 1 {
            eprint!("\r{} {}/{}   ", p.stage, p.done, p.total);
        }
    })?;
    out.emit(&summary, || text(&summary));
    Ok(())
}

fn text(s: &SyncSummary) -> String {
    let mut t = String::new();
    if s.team_created {
        t.push_str(&format!("set up a new team in {}\n", s.place));
    }
    if let Some(snapshot) = &s.snapshot_in {
        t.push_str(&format!("started from the team's snapshot {snapshot}\n"));
    }
    t.push_str(&format!(
        "sent {} changes in {} segments (customers +{} ~{} -{})\n\
         received {} changes, applied {} (customers +{} ~{} -{}); {} conflicts kept\n",
        s.sent,
        s.sent_segments,
        s.customers_out.added,
        s.customers_out.changed,
        s.customers_out.deleted,
        s.received,
        s.applied,
        s.customers_in.added,
        s.customers_in.changed,
        s.customers_in.deleted,
        s.conflicts
    ));
    for skipped in &s.skipped_segments {
        t.push_str(&format!("skipped {}: {}\n", skipped.name, skipped.reason));
    }
    if s.future_stamps > 0 {
        t.push_str(&format!(
            "{} changes are stamped more than a day ahead: a laptop's clock is wrong\n",
            s.future_stamps
        ));
    }
    if let Some(snapshot) = &s.snapshot_out {
        t.push_str(&format!("wrote snapshot {snapshot} for laptops that join later\n"));
    }
    if s.parked > 0 {
        t.push_str(&format!("{} changes wait for their record or a newer Fieldbook\n", s.parked));
    }
    t
}

pub fn conflicts(args: &ConflictsArgs, store: &mut Store, out: &Output) -> anyhow::Result<()> {
    match &args.command {
        Some(ConflictsCommand::Restore { id }) => {
            let c = store.restore_conflict(id)?;
            out.emit(&c, || {
                format!(
                    "restored {}.{} of {} to {}",
                    c.entity,
                    c.field,
                    c.row_id,
                    c.value.as_deref().unwrap_or("(empty)")
                )
            });
        }
        None => {
            let list = store.conflicts(args.customer.as_deref(), args.limit)?;
            out.emit(&list, || list.iter().map(line).collect::<Vec<_>>().join("\n"));
        }
    }
    Ok(())
}

fn line(c: &Conflict) -> String {
    format!(
        "{}  {}.{} of {}: {} (by {} at {}) lost to {}{}",
        c.id,
        c.entity,
        c.field,
        c.customer_id.as_deref().unwrap_or(&c.row_id),
        c.value.as_deref().unwrap_or("(empty)"),
        c.device,
        c.edited_at,
        c.winner_value.as_deref().unwrap_or("(empty)"),
        if c.restored_at.is_some() { "  [restored]" } else { "" }
    )
}
