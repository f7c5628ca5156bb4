//! Crash safety: `kill -9` the real `fieldbook` binary at a random moment during an import,
//! a JSON restore, a backup, a bulk edit of many customers and a sync receiving a whole team
//! book from a folder, on an encrypted book; then the book must pass `PRAGMA integrity_check`,
//! hold every row committed before, and show each operation all or nothing (the count before
//! or after, never in between). A sync is all or nothing per segment, not per run: a killed
//! sync may have applied some whole segments, and the next sync must then end exactly where
//! an uninterrupted one does (a half-applied segment marked applied would come up short).
//!
//! The kill moment is random (uniform over the operation's measured duration); every
//! assertion holds for any moment. CI runs a few trials; `scripts/crash-test` runs the full
//! 65 (13 per operation) on a 100k-row import and a 10k-customer bulk edit:
//!   FIELDBOOK_CRASH_TRIALS  trials in all, spread over the five operations (default 10)
//!   FIELDBOOK_CRASH_ROWS    rows in the imported CSV and the restored dump (default 3000)
//!   FIELDBOOK_CRASH_BULK    customers in the bulk edit (default 2000)
//!   FIELDBOOK_CRASH_SEED    the random seed (printed, so a failure can be replayed)

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

const KEY: &str = "crash test passphrase";
const TEAM_KEY: &str = "crash test team passphrase";
const BASE_CUSTOMERS: usize = 200;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn fieldbook(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fieldbook"));
    c.arg("--db")
        .arg(db)
        .env("FIELDBOOK_PASSPHRASE", KEY)
        .env("FIELDBOOK_SYNC_PASSPHRASE", TEAM_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn run_ok<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(db: &Path, args: &[S]) {
    let out = fieldbook(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn open(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.pragma_update(None, "key", KEY).unwrap();
    c
}

/// What an operation changes as a whole: rows a query counts, or finished backup files.
#[derive(Clone, Copy)]
enum Done {
    Sql(&'static str),
    Backups,
}

/// What a trial checks: integrity, the ids of live customers, and the count of what the
/// operation changes as a whole.
struct State {
    integrity: String,
    ids: HashSet<String>,
    done: i64,
}

fn finished_backups(book: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(book.parent().unwrap().join("backups")) {
        Ok(entries) => {
            entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "db")).collect()
        }
        Err(_) => Vec::new(),
    }
}

fn state(db: &Path, done: Done) -> State {
    let done_sql = match done {
        Done::Sql(sql) => sql,
        Done::Backups => "SELECT 0",
    };
    let c = open(db);
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let ids = c
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let done = match done {
        Done::Sql(_) => c.query_row(done_sql, [], |r| r.get(0)).unwrap(),
        Done::Backups => finished_backups(db).len() as i64,
    };
    State { integrity, ids, done }
}

/// A fixture book: the template each trial copies (closed cleanly, so a single file).
fn copy_book(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap();
}

/// A team folder (segments under devices/…): each trial syncs with its own copy.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The op's arguments for a book, with `{team}` naming that book's copy of the team folder.
fn args_for(op: &Op, book: &Path) -> Vec<String> {
    let team = book.parent().unwrap().join("team");
    if let Some(template) = &op.team {
        copy_dir(template, &team);
    }
    op.args.iter().map(|a| a.replace("{team}", team.to_str().unwrap())).collect()
}

struct Op {
    name: &'static str,
    /// The book each trial starts from.
    template: PathBuf,
    args: Vec<String>,
    /// Counts what the operation does, e.g. live customers, or customers tiered VIP.
    done: Done,
    /// The team folder a sync starts from (copied per run as `{team}`).
    team: Option<PathBuf>,
}

struct Fixtures {
    _dir: tempfile::TempDir,
    root: PathBuf,
    ops: Vec<Op>,
}

fn fixtures(rows: usize, bulk: usize) -> Fixtures {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let csv = root.join("people.csv");
    let mut text = String::from("Name,Phone,Email\n");
    for i in 0..rows {
        text += &format!("Crash Person {i},+86 137{i:08},p{i}@crash.example\n");
    }
    std::fs::write(&csv, text).unwrap();

    // The seeded book: where imports, backups (and, with the CSV in it, bulk edits) start.
    let seeded = root.join("seeded.db");
    run_ok(&seeded, &["seed", "--customers", &BASE_CUSTOMERS.to_string()]);
    let full = root.join("full.db");
    copy_book(&seeded, &full);
    run_ok(&full, &["import", csv.to_str().unwrap(), "--on-duplicate", "create"]);
    let dump = root.join("dump.json");
    run_ok(&full, &["export", "--format", "json", "--out", dump.to_str().unwrap()]);
    let empty = root.join("empty.db");
    run_ok(&empty, &["customers", "list"]);
    // The team folder: the full book synced out once. A new, empty laptop receives it.
    let team = root.join("team");
    let sender = root.join("sender/book.db");
    copy_book(&full, &sender);
    std::fs::create_dir_all(&team).unwrap();
    run_ok(&sender, &["sync", "--folder", team.to_str().unwrap()]);

    let ids: Vec<String> = {
        let c = open(&full);
        let mut stmt = c.prepare("SELECT id FROM customers WHERE name LIKE 'Crash Person %' ORDER BY id").unwrap();
        let all = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<Vec<String>>>().unwrap();
        all.into_iter().take(bulk).collect()
    };
    let mut bulk_args = vec!["bulk-edit".to_string(), "--tier".into(), "vip".into(), "--ids".into()];
    bulk_args.extend(ids);

    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let live = Done::Sql("SELECT count(*) FROM customers WHERE deleted_at IS NULL");
    let ops = vec![
        Op {
            name: "import",
            template: seeded.clone(),
            args: s(&["import", csv.to_str().unwrap(), "--on-duplicate", "create"]),
            done: live,
            team: None,
        },
        Op {
            name: "json restore",
            template: empty.clone(),
            args: s(&["restore", dump.to_str().unwrap()]),
            done: live,
            team: None,
        },
        Op { name: "backup", template: seeded, args: s(&["backup", "now"]), done: Done::Backups, team: None },
        Op {
            name: "bulk edit",
            template: full,
            args: bulk_args,
            done: Done::Sql("SELECT count(*) FROM customers WHERE tier = 'VIP'"),
            team: None,
        },
        Op { name: "sync in", template: empty, args: s(&["sync", "--folder", "{team}"]), done: live, team: Some(team) },
    ];
    Fixtures { _dir: dir, root, ops }
}

/// Every finished backup beside the book opens, is intact and holds one of the customer
/// counts the book had; a backup still being written is only ever a `.partial` file.
fn check_backups(book: &Path, customers: &[usize]) {
    let Ok(entries) = std::fs::read_dir(book.parent().unwrap().join("backups")) else { return };
    for e in entries {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".partial") || name.ends_with(".partial-journal") {
            continue;
        }
        assert!(name.ends_with(".db"), "only finished backups carry a final name: {name}");
        let s = state(&p, Done::Sql("SELECT 0"));
        assert_eq!(s.integrity, "ok", "{name}");
        assert!(customers.contains(&s.ids.len()), "{name} holds the whole book: {} customers", s.ids.len());
    }
}

#[test]
fn kill_9_at_random_moments_leaves_the_book_intact_and_each_operation_all_or_nothing() {
    let trials = env_num("FIELDBOOK_CRASH_TRIALS", 10) as usize;
    let rows = env_num("FIELDBOOK_CRASH_ROWS", 3000) as usize;
    let bulk = env_num("FIELDBOOK_CRASH_BULK", 2000) as usize;
    let seed = env_num("FIELDBOOK_CRASH_SEED", std::process::id() as u64 ^ 0x5eed);
    eprintln!("crash test: {trials} trials, {rows} rows, bulk {bulk}, FIELDBOOK_CRASH_SEED={seed}");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let fx = fixtures(rows, bulk.min(rows));

    for (i, op) in fx.ops.iter().enumerate() {
        // Two runs to the end: how long the operation takes (the faster, warm one, so the
        // kills land inside it rather than after it), and the state it ends in.
        let mut duration = Duration::MAX;
        let (mut before, mut after) = (None, None);
        for run in 0..2 {
            let book = fx.root.join(format!("measure-{i}-{run}/book.db"));
            copy_book(&op.template, &book);
            before = Some(state(&book, op.done));
            let args = args_for(op, &book);
            let t = Instant::now();
            let status = fieldbook(&book).args(&args).status().unwrap();
            assert!(status.success(), "{} must succeed uninterrupted", op.name);
            duration = duration.min(t.elapsed());
            after = Some(state(&book, op.done));
            std::fs::remove_dir_all(book.parent().unwrap()).unwrap();
        }
        let (before, after) = (before.unwrap(), after.unwrap());
        assert_ne!(before.done, after.done, "{}: the operation must change what is counted", op.name);
        eprintln!(
            "{}: {:.2}s uninterrupted, counted {} -> {}",
            op.name,
            duration.as_secs_f64(),
            before.done,
            after.done
        );

        let n = trials / fx.ops.len() + usize::from(i < trials % fx.ops.len());
        let mut killed = 0;
        for trial in 0..n {
            let book = fx.root.join(format!("{i}-{trial}/book.db"));
            copy_book(&op.template, &book);
            let args = args_for(op, &book);
            let mut child = fieldbook(&book).args(&args).spawn().unwrap();
            let at = Duration::from_secs_f64(rng.random_range(0.0..1.0) * duration.as_secs_f64());
            std::thread::sleep(at);
            let was_running = child.try_wait().unwrap().is_none();
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            killed += usize::from(was_running);

            let s = state(&book, op.done);
            assert_eq!(s.integrity, "ok", "{} trial {trial} killed at {at:?}", op.name);
            if op.team.is_some() {
                // Whole segments may be in; the next sync must end where an uninterrupted one does.
                assert!((before.done..=after.done).contains(&s.done), "{} trial {trial}: counted {}", op.name, s.done);
                run_ok(&book, &args);
                let resumed = state(&book, op.done);
                assert_eq!(resumed.done, after.done, "{} trial {trial}: the next sync completes the book", op.name);
                assert_eq!(
                    resumed.ids, after.ids,
                    "{} trial {trial}: the same customers as an uninterrupted sync",
                    op.name
                );
            }
            assert!(
                op.team.is_some() || s.done == before.done || s.done == after.done,
                "{} trial {trial} killed at {at:?}: counted {}, expected {} or {} (all or nothing)",
                op.name,
                s.done,
                before.done,
                after.done
            );
            assert!(before.ids.is_subset(&s.ids), "{} trial {trial}: a committed customer was lost", op.name);
            // The book keeps working after the crash (log recovery, next write).
            run_ok(&book, &["customers", "add", "--name", "After the crash"]);
            let n_ids = s.ids.len();
            check_backups(&book, &[n_ids]);
            if op.name == "backup" {
                run_ok(&book, &["backup", "now"]);
                check_backups(&book, &[n_ids, n_ids + 1]);
            }
            std::fs::remove_dir_all(book.parent().unwrap()).unwrap();
        }
        eprintln!("{}: {n} trials, {killed} killed while running", op.name);
    }
}
