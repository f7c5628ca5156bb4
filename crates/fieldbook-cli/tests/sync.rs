//! `fieldbook sync --folder` and `fieldbook conflicts` between two books through one folder.

mod common;

use common::Book;
use serde_json::Value;

fn sync(book: &Book, folder: &std::path::Path, passphrase: &str) -> std::process::Output {
    book.command()
        .env("FIELDBOOK_SYNC_PASSPHRASE", passphrase)
        .args(["--json", "sync", "--folder"])
        .arg(folder)
        .output()
        .unwrap()
}

fn summary(out: std::process::Output) -> Value {
    assert!(out.status.success(), "sync failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn two_books_exchange_customers_and_edits_through_a_folder() {
    let share = tempfile::tempdir().unwrap();
    let (a, b) = (Book::new(), Book::new());
    let id =
        a.json(&["customers", "add", "--name", "张三", "--phone", "13800138000"])["id"].as_str().unwrap().to_string();
    let first = summary(sync(&a, share.path(), "口令"));
    assert_eq!(first["team_created"], true);
    assert_eq!(first["customers_out"]["added"], 1);
    let got = summary(sync(&b, share.path(), "口令"));
    assert_eq!(got["customers_in"]["added"], 1, "{got}");
    assert!(got["skipped_segments"].as_array().unwrap().is_empty());
    let shown = b.json(&["customers", "show", &id]);
    assert_eq!(shown["name"], "张三");
    assert_eq!(b.json(&["search", "zs"])[0]["id"], id.as_str(), "searchable on arrival");

    // A visit logged on b reaches a.
    b.json(&["interactions", "add", "--customer", &id, "--kind", "visit", "--summary", "上门拜访"]);
    summary(sync(&b, share.path(), "口令"));
    let back = summary(sync(&a, share.path(), "口令"));
    assert!(back["applied"].as_u64().unwrap() >= 1);
    let visits = a.json(&["interactions", "list", "--customer", &id]);
    assert!(visits.to_string().contains("上门拜访"), "{visits}");
    assert_eq!(a.json(&["conflicts"]).as_array().unwrap().len(), 0);
}

#[test]
fn a_wrong_or_missing_passphrase_exits_with_a_coded_error_and_a_missing_folder_is_unreachable() {
    let share = tempfile::tempdir().unwrap();
    let (a, b) = (Book::new(), Book::new());
    a.json(&["customers", "add", "--name", "李四"]);
    summary(sync(&a, share.path(), "right"));
    let wrong = sync(&b, share.path(), "wrong");
    assert!(!wrong.status.success());
    let err: Value = serde_json::from_slice(&wrong.stderr).unwrap();
    assert_eq!(err["code"], "sync_passphrase_wrong");
    let missing = b
        .command()
        .env_remove("FIELDBOOK_SYNC_PASSPHRASE")
        .args(["--json", "sync", "--folder"])
        .arg(share.path())
        .output()
        .unwrap();
    let err: Value = serde_json::from_slice(&missing.stderr).unwrap();
    assert_eq!(err["code"], "sync_passphrase_required");
    let gone = b.error(&["sync", "--folder", "/nonexistent/usb"]);
    assert_eq!(gone["code"], "sync_unreachable");
}

#[path = "../../fieldbook-core/tests/moto/mod.rs"]
mod moto;

fn sync_s3(book: &Book, server: &moto::Moto, url: &str, secret: &str) -> std::process::Output {
    book.command()
        .env("FIELDBOOK_SYNC_PASSPHRASE", "口令")
        .env("AWS_ACCESS_KEY_ID", &server.access_key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env_remove("AWS_REGION")
        .args(["--json", "sync", "--s3", url])
        .output()
        .unwrap()
}

#[test]
fn two_books_sync_through_a_real_s3_bucket_and_a_refused_key_is_a_coded_error() {
    let server = moto::Moto::start("team-book");
    let url = server.url("team-book");
    let (a, b) = (Book::new(), Book::new());
    let id = a.json(&["customers", "add", "--name", "王五"])["id"].as_str().unwrap().to_string();
    let first = summary(sync_s3(&a, &server, &url, &server.secret));
    assert_eq!(first["team_created"], true);
    assert_eq!(first["place"], url.as_str());
    let got = summary(sync_s3(&b, &server, &url, &server.secret));
    assert_eq!(got["customers_in"]["added"], 1, "{got}");
    assert_eq!(b.json(&["customers", "show", &id])["name"], "王五");

    let refused = sync_s3(&b, &server, &url, "not-the-secret");
    assert!(!refused.status.success());
    let err: Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(err["code"], "sync_s3_auth", "{err}");
    let bad_url = sync_s3(&b, &server, "ftp://127.0.0.1/team-book", &server.secret);
    let err: Value = serde_json::from_slice(&bad_url.stderr).unwrap();
    assert_eq!(err["code"], "sync_s3_url");
    let nobody = sync_s3(&b, &server, "http://127.0.0.1:1/team-book", &server.secret);
    let err: Value = serde_json::from_slice(&nobody.stderr).unwrap();
    assert_eq!(err["code"], "sync_unreachable", "a server that does not answer is a calm error");
}

#[test]
fn sync_snapshot_writes_one_and_a_new_book_starts_from_it() {
    let share = tempfile::tempdir().unwrap();
    let (a, b) = (Book::new(), Book::new());
    let id = a.json(&["customers", "add", "--name", "李四"])["id"].as_str().unwrap().to_string();
    let out = a
        .command()
        .env("FIELDBOOK_SYNC_PASSPHRASE", "口令")
        .args(["--json", "sync", "--snapshot", "--folder"])
        .arg(share.path())
        .output()
        .unwrap();
    let written = summary(out);
    let snapshot = written["snapshot_out"].as_str().expect("a snapshot was written").to_string();
    let joined = summary(sync(&b, share.path(), "口令"));
    assert_eq!(joined["snapshot_in"], snapshot.as_str(), "{joined}");
    assert_eq!(b.json(&["customers", "show", &id])["name"], "李四");
    let plain = b
        .command()
        .env("FIELDBOOK_SYNC_PASSPHRASE", "口令")
        .args(["sync", "--folder"])
        .arg(share.path())
        .output()
        .unwrap();
    assert!(plain.status.success());
}
