//! `fieldbook backup now|list|restore|settings`: the book's encrypted, verified, rotating
//! backups from a terminal. `list` and `restore` work without opening the book, so they
//! help when it is damaged.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use fieldbook_core::backup::{self, BackupInfo, BackupSettings};

use crate::book;
use crate::output::Output;

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Back up the book now (verified), then rotate the backup folder's automatic backups.
    Now {
        /// Write this one backup here instead (not rotated).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// The backups, newest first: time, size, customers.
    List {
        /// Another backup folder than the configured one.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Replace the book with a backup: shows what the backup holds, keeps the current book
    /// as a backup first, and gives the restored book a new device id.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Only show what the backup holds; change nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Show or change the backup folder and how many backups are kept.
    Settings(SettingsArgs),
}

#[derive(Args)]
pub struct SettingsArgs {
    /// The backup folder ("" = `backups/` beside the book).
    #[arg(long, value_name = "DIR")]
    folder: Option<String>,
    #[arg(long)]
    keep_daily: Option<u32>,
    #[arg(long)]
    keep_weekly: Option<u32>,
    /// Daily backups while the app runs.
    #[arg(long)]
    automatic: Option<bool>,
}

pub fn run(cmd: BackupCommand, db: &Path, out: &Output) -> anyhow::Result<()> {
    let settings = backup::load_settings(db)?;
    match cmd {
        BackupCommand::Now { to } => {
            let store = book::open(db)?;
            let now = chrono::Utc::now();
            let info = match to {
                Some(dir) => store.back_up(&dir, now)?,
                None => store.back_up_and_rotate(now)?,
            };
            out.emit(&info, || format!("backed up to {} ({})", info.path, line(&info)));
        }
        BackupCommand::List { dir } => {
            let key = book::current_key(db)?;
            let folder = dir.unwrap_or_else(|| settings.folder_for(db));
            let all = backup::list(&folder, key.as_ref())?;
            out.emit(&all, || {
                if all.is_empty() {
                    return format!("no backups in {}", folder.display());
                }
                all.iter().map(|b| format!("{}  {}", b.file_name, line(b))).collect::<Vec<_>>().join("\n")
            });
        }
        BackupCommand::Restore { file, preview } => {
            let key = book::current_key(db)?;
            let p = backup::preview(&file, key.as_ref())?;
            if !out.json {
                eprintln!(
                    "{}: {} customers, {} interactions, {} orders, last change {}; e.g. {}",
                    p.info.file_name,
                    p.info.customers.unwrap_or(0),
                    p.interactions,
                    p.orders,
                    p.last_change_at.as_deref().unwrap_or("-"),
                    p.sample_names.join(", ")
                );
            }
            if preview {
                out.emit(&p, String::new);
                return Ok(());
            }
            let r = backup::restore(db, &file, key.as_ref(), &settings.folder_for(db), book::clock())?;
            out.emit(&r, || {
                let mut t = format!("restored {} customers from {}", r.customers, r.restored_from);
                if let Some(k) = &r.kept_current_as {
                    t += &format!("\nthe replaced book was kept as {k}");
                }
                if let Some(d) = &r.damaged_kept_as {
                    t += &format!("\nthe damaged book was moved to {d}");
                }
                t
            });
        }
        BackupCommand::Settings(a) => {
            let changed =
                a.folder.is_some() || a.keep_daily.is_some() || a.keep_weekly.is_some() || a.automatic.is_some();
            let s = if changed {
                let folder = match a.folder {
                    Some(f) if f.is_empty() => None,
                    Some(f) => Some(f),
                    None => settings.folder.clone(),
                };
                backup::save_settings(
                    db,
                    &BackupSettings {
                        automatic: a.automatic.unwrap_or(settings.automatic),
                        folder,
                        keep_daily: a.keep_daily.unwrap_or(settings.keep_daily),
                        keep_weekly: a.keep_weekly.unwrap_or(settings.keep_weekly),
                    },
                )?
            } else {
                settings
            };
            out.emit(&s, || {
                format!(
                    "folder {}\nkeep {} daily, {} weekly\nautomatic {}",
                    s.folder_for(db).display(),
                    s.keep_daily,
                    s.keep_weekly,
                    s.automatic
                )
            });
        }
    }
    Ok(())
}

fn line(b: &BackupInfo) -> String {
    let what = match (&b.customers, &b.problem) {
        (Some(n), _) => format!("{n} customers"),
        (None, Some(p)) => format!("unreadable: {p}"),
        (None, None) => "?".into(),
    };
    format!("{}  {:.1} MB  {what}", b.taken_at, b.bytes as f64 / 1e6)
}
