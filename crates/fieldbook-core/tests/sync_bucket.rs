//! The S3 place against a real S3-compatible server (moto on loopback, started here): objects
//! are created once and never replaced, a wrong team passphrase or a wrong secret is a coded
//! error that writes nothing, and a missing bucket is told as such.

mod moto;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use fieldbook_core::clock::ManualClock;
use fieldbook_core::customers::CustomerInput;
use fieldbook_core::sync::bucket::{Bucket, Credentials};
use fieldbook_core::sync::place::Place;
use fieldbook_core::sync::SnapshotPolicy;
use fieldbook_core::Store;

const BUCKET: &str = "team-book";

fn credentials(server: &moto::Moto) -> Credentials {
    Credentials { access_key: server.access_key.clone(), secret: server.secret.clone(), region: String::new() }
}

fn store() -> Store {
    Store::open_in_memory(Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()))).unwrap()
}

#[test]
fn a_bucket_creates_objects_once_lists_them_by_prefix_and_never_replaces_one() {
    let server = moto::Moto::start(BUCKET);
    let bucket = Bucket::open(&server.url(BUCKET), &credentials(&server)).unwrap();
    assert_eq!(bucket.list("devices/").unwrap(), Vec::<String>::new(), "an empty bucket lists nothing");
    assert!(bucket.put_new("devices/a/0000000001-aaaa.seg", b"first").unwrap());
    assert!(!bucket.put_new("devices/a/0000000001-aaaa.seg", b"second").unwrap(), "the second put is refused");
    assert_eq!(bucket.get("devices/a/0000000001-aaaa.seg").unwrap().as_deref(), Some(&b"first"[..]), "not replaced");
    assert!(bucket.put_new("devices/b/0000000001-bbbb.seg", b"b").unwrap());
    assert!(bucket.put_new("team.json", b"{}").unwrap());
    assert_eq!(
        bucket.list("devices/").unwrap(),
        vec!["devices/a/0000000001-aaaa.seg".to_string(), "devices/b/0000000001-bbbb.seg".to_string()]
    );
    assert_eq!(bucket.get("devices/c/none.seg").unwrap(), None);
    // A folder inside the bucket is a place of its own.
    let inner = Bucket::open(&format!("{}/east", server.url(BUCKET)), &credentials(&server)).unwrap();
    assert!(inner.list("").unwrap().is_empty(), "the bucket's root objects are not the folder's");
    assert!(inner.put_new("team.json", b"east").unwrap());
    assert_eq!(inner.list("").unwrap(), vec!["team.json".to_string()]);
    assert_eq!(bucket.get("team.json").unwrap().as_deref(), Some(&b"{}"[..]));
}

#[test]
fn a_wrong_passphrase_or_secret_is_a_coded_error_and_writes_nothing() {
    let server = moto::Moto::start(BUCKET);
    let bucket = Bucket::open(&server.url(BUCKET), &credentials(&server)).unwrap();
    let mut a = store();
    a.create_customer(CustomerInput { name: "张三".into(), ..Default::default() }).unwrap();
    let first = a.sync(&bucket, "团队口令", &mut |_| {}).unwrap();
    assert!(first.team_created);
    assert_eq!(first.sent_segments, 1);
    let before = bucket.list("").unwrap();

    let mut b = store();
    b.create_customer(CustomerInput { name: "李四".into(), ..Default::default() }).unwrap();
    let err = b.sync(&bucket, "wrong", &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "sync_passphrase_wrong");
    assert_eq!(bucket.list("").unwrap(), before, "a wrong passphrase writes nothing to the bucket");

    let wrong_secret = Credentials { secret: "not-the-secret".into(), ..credentials(&server) };
    let refused = Bucket::open(&server.url(BUCKET), &wrong_secret).unwrap();
    let err = b.sync(&refused, "团队口令", &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "sync_s3_auth", "{err}");
    let unknown = Credentials { access_key: "AKIANOBODY".into(), ..credentials(&server) };
    let err = Bucket::open(&server.url(BUCKET), &unknown).unwrap().list("").unwrap_err();
    assert_eq!(err.code(), "sync_s3_auth", "{err}");
    assert_eq!(bucket.list("").unwrap(), before, "a refused key writes nothing");
    assert_eq!(b.sync_status().unwrap().last_synced_at, None, "nothing recorded as synced");

    let missing = Bucket::open(&server.url("no-such-bucket"), &credentials(&server)).unwrap();
    assert_eq!(b.sync(&missing, "团队口令", &mut |_| {}).unwrap_err().code(), "sync_s3_bucket_missing");

    let ok = b.sync(&bucket, "团队口令", &mut |_| {}).unwrap();
    assert_eq!((ok.customers_in.added, ok.customers_out.added), (1, 1), "the right passphrase and key sync");
}

#[test]
fn a_newer_snapshot_removes_only_this_laptops_older_one_from_the_bucket() {
    let server = moto::Moto::start(BUCKET);
    let bucket = Bucket::open(&server.url(BUCKET), &credentials(&server)).unwrap();
    let clock = Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()));
    let mut a = Store::open_in_memory(clock.clone()).unwrap();
    let mut b = store();
    a.create_customer(CustomerInput { name: "张三".into(), ..Default::default() }).unwrap();
    let snapshot = |s: &mut Store| s.sync_with(&bucket, "团队口令", SnapshotPolicy::Now, &mut |_| {}).unwrap();
    let first = snapshot(&mut a).snapshot_out.unwrap();
    b.create_customer(CustomerInput { name: "李四".into(), ..Default::default() }).unwrap();
    let of_b = snapshot(&mut b).snapshot_out.unwrap();
    let parts_of = |name: &str| -> Vec<String> {
        bucket.list("devices/").unwrap().into_iter().filter(|n| n.starts_with(&format!("{name}-"))).collect()
    };
    let b_parts = parts_of(&of_b);
    assert!(!parts_of(&first).is_empty() && !b_parts.is_empty());

    clock.advance(chrono::Duration::minutes(10));
    let second = snapshot(&mut a).snapshot_out.unwrap();
    assert_ne!(second, first);
    assert!(parts_of(&first).is_empty(), "a's older snapshot is removed: {:?}", bucket.list("devices/").unwrap());
    assert!(!parts_of(&second).is_empty(), "its newest stays");
    assert_eq!(parts_of(&of_b), b_parts, "b's snapshot is b's to remove");
    let segments = bucket.list("devices/").unwrap().into_iter().filter(|n| n.ends_with(".seg")).count();
    assert_eq!(segments, 2, "segments stay");

    let mut joiner = store();
    let boot = joiner.sync(&bucket, "团队口令", &mut |_| {}).unwrap();
    assert_eq!(boot.snapshot_in, Some(second), "a joiner starts from the newest");
    assert_eq!(joiner.list_customers(fieldbook_core::customers::ListScope::Live, 0, 10).unwrap().total, 2);
}
