//! A real S3-compatible server for tests: moto (`moto[server]` from PyPI, installed by
//! `scripts/setup` into `~/.cache/fieldbook/moto-venv`, or wherever `FIELDBOOK_MOTO_SERVER`
//! points), started on a free loopback port by the test that needs it and stopped when its
//! guard is dropped — at the end of the test or while a failing test unwinds.
//!
//! Authentication is on: the first three requests (made by the guard) create an IAM user with
//! an access key; after that the server checks every request's signature, so a wrong secret
//! is refused like on a real S3 service.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where moto_server lives: `$FIELDBOOK_MOTO_SERVER`, else the venv `scripts/setup` makes.
pub fn moto_server() -> PathBuf {
    if let Some(p) = std::env::var_os("FIELDBOOK_MOTO_SERVER").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    home.join(".cache/fieldbook/moto-venv/bin/moto_server")
}

/// Creates the team's IAM user and key with the server's unauthenticated allowance, then the
/// bucket with that key. Prints "KEY SECRET".
const BOOTSTRAP: &str = r#"
import boto3, json, sys
ep, bucket = sys.argv[1], sys.argv[2]
iam = boto3.client("iam", endpoint_url=ep, region_name="us-east-1",
                   aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
iam.create_user(UserName="team")
key = iam.create_access_key(UserName="team")["AccessKey"]
iam.put_user_policy(UserName="team", PolicyName="all", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
s3 = boto3.client("s3", endpoint_url=ep, region_name="us-east-1",
                  aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
s3.create_bucket(Bucket=bucket)
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

pub struct Moto {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
    pub access_key: String,
    pub secret: String,
}

impl Moto {
    /// A fresh server with an empty bucket `bucket` (≥ 3 characters), ready to answer.
    pub fn start(bucket: &str) -> Moto {
        let server = moto_server();
        assert!(server.exists(), "{} is missing: run scripts/setup (it installs moto[server])", server.display());
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("INITIAL_NO_AUTH_ACTION_COUNT", "3")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", server.display()));
        let mut moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            access_key: String::new(),
            secret: String::new(),
        };
        moto.wait_until_it_answers(port);
        let python = server.with_file_name("python");
        let out = Command::new(&python).args(["-c", BOOTSTRAP, &moto.endpoint, bucket]).output().unwrap();
        assert!(out.status.success(), "moto bootstrap failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        let (key, secret) = text.trim().split_once(' ').expect("KEY SECRET");
        moto.access_key = key.to_string();
        moto.secret = secret.to_string();
        moto
    }

    /// Poll until the server answers an HTTP request (it takes a second or two to import).
    fn wait_until_it_answers(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("moto_server exited early ({status}); is port {port} taken?");
            }
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                let asked = s.write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_ok();
                let mut first = [0u8; 12];
                if asked && s.read_exact(&mut first).is_ok() && first.starts_with(b"HTTP/") {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "moto_server did not answer on port {port} within 60 s");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The bucket's address in the form `fieldbook sync --s3` takes.
    pub fn url(&self, bucket: &str) -> String {
        format!("{}/{bucket}", self.endpoint)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
