//! An S3-compatible bucket as a team's place (AWS S3, MinIO, Ceph, R2, a NAS's S3 service):
//! the same create-only contract as a folder, through `object_store`. Objects are only ever
//! created (`If-None-Match: *`), never replaced, so a laptop can never overwrite another's
//! segment or the team file. The core is blocking, so the bucket drives its requests on a
//! small current-thread tokio runtime of its own.

use std::time::Duration;

use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder, S3ConditionalPut};
use object_store::path::Path as ObjectPath;
use object_store::{
    BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload, RetryConfig,
};

use super::place::Place;
use crate::error::{CoreError, Result};

/// The environment variables (the AWS names every S3 tool knows) the CLI reads credentials from.
pub const ACCESS_KEY_VAR: &str = "AWS_ACCESS_KEY_ID";
pub const SECRET_VAR: &str = "AWS_SECRET_ACCESS_KEY";
pub const REGION_VAR: &str = "AWS_REGION";
pub const DEFAULT_REGION: &str = "us-east-1";

/// How the bucket lets this laptop in.
#[derive(Clone)]
pub struct Credentials {
    pub access_key: String,
    pub secret: String,
    /// Empty: us-east-1 (what S3-compatible servers expect when they do not care).
    pub region: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("access_key", &self.access_key).field("region", &self.region).finish()
    }
}

/// Where a bucket is: `http(s)://host[:port]/bucket[/folder…]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketUrl {
    /// `scheme://host[:port]`
    pub endpoint: String,
    pub bucket: String,
    /// A folder inside the bucket ("" for the bucket's root), without slashes at either end.
    pub prefix: String,
}

impl BucketUrl {
    /// Parse a bucket address; a clear `sync_s3_url` error says what is wrong with it.
    pub fn parse(url: &str) -> Result<BucketUrl> {
        let bad = |why: &str| CoreError::sync("sync_s3_url", format!("{url}: {why}"));
        let url = url.trim();
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("expected http://HOST:PORT/BUCKET"))?;
        if scheme != "http" && scheme != "https" {
            return Err(bad("the address must start with http:// or https://"));
        }
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || host.contains('@') {
            return Err(bad("no server name (credentials go in the access key and secret, not the address)"));
        }
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let bucket = parts.next().ok_or_else(|| bad("no bucket name after the server"))?;
        let valid = bucket.len() >= 3
            && bucket.len() <= 63
            && bucket.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        if !valid {
            return Err(bad("a bucket name has 3–63 lowercase letters, digits, dots or hyphens"));
        }
        let prefix = parts.collect::<Vec<_>>().join("/");
        if prefix.contains('?') || prefix.contains('#') || bucket.contains("..") {
            return Err(bad("not a plain bucket address"));
        }
        Ok(BucketUrl { endpoint: format!("{scheme}://{host}"), bucket: bucket.to_string(), prefix })
    }
}

impl std::fmt::Display for BucketUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.endpoint, self.bucket)?;
        if !self.prefix.is_empty() {
            write!(f, "/{}", self.prefix)?;
        }
        Ok(())
    }
}

/// A team's bucket.
pub struct Bucket {
    url: BucketUrl,
    store: AmazonS3,
    runtime: tokio::runtime::Runtime,
}

impl Bucket {
    /// A bucket at `url` (see `BucketUrl`). Nothing is sent yet: an unreachable server or a
    /// refused key is told by the first request, with its own code.
    pub fn open(url: &str, credentials: &Credentials) -> Result<Bucket> {
        let url = BucketUrl::parse(url)?;
        if credentials.access_key.trim().is_empty() || credentials.secret.is_empty() {
            return Err(CoreError::sync("sync_s3_credentials", "the bucket needs an access key and a secret"));
        }
        // TLS through rustls on `ring`; installing it twice is harmless (the first one stays).
        // (Deprecated only for lacking post-quantum key exchange, which aws-lc-rs would bring.)
        #[allow(deprecated)]
        let _ = rustls::crypto::ring::default_provider().install_default();
        let region = if credentials.region.trim().is_empty() { DEFAULT_REGION } else { credentials.region.trim() };
        let options = ClientOptions::new()
            .with_allow_http(url.endpoint.starts_with("http://"))
            .with_connect_timeout(Duration::from_secs(5))
            .with_timeout(Duration::from_secs(300));
        // A sync that cannot reach the bucket says so within seconds instead of retrying for
        // minutes; the next "Sync now" (or the timer) tries again.
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(100),
                max_backoff: Duration::from_secs(2),
                base: 2.0,
            },
            max_retries: 2,
            retry_timeout: Duration::from_secs(30),
        };
        let store = AmazonS3Builder::new()
            .with_endpoint(&url.endpoint)
            .with_bucket_name(&url.bucket)
            .with_region(region)
            .with_access_key_id(credentials.access_key.trim())
            .with_secret_access_key(&credentials.secret)
            .with_virtual_hosted_style_request(false)
            .with_conditional_put(S3ConditionalPut::ETagMatch)
            .with_client_options(options)
            .with_retry(retry)
            .build()
            .map_err(|e| CoreError::sync("sync_s3_url", format!("{url}: {e}")))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CoreError::sync("sync_unreachable", format!("cannot start the network runtime: {e}")))?;
        Ok(Bucket { url, store, runtime })
    }

    fn object(&self, name: &str) -> Result<ObjectPath> {
        let full = if self.url.prefix.is_empty() { name.to_string() } else { format!("{}/{name}", self.url.prefix) };
        ObjectPath::parse(&full).map_err(|e| CoreError::sync("sync_s3_url", format!("{name}: {e}")))
    }

    /// The place's name for an object in the bucket.
    fn name(&self, object: &ObjectPath) -> Option<String> {
        let full = object.as_ref();
        if self.url.prefix.is_empty() {
            return Some(full.to_string());
        }
        full.strip_prefix(&self.url.prefix)?.strip_prefix('/').map(str::to_string)
    }

    /// An object_store error as one of our codes, naming the bucket.
    fn failure(&self, e: object_store::Error) -> CoreError {
        let text = e.to_string();
        let at = &self.url;
        match &e {
            object_store::Error::Unauthenticated { .. } | object_store::Error::PermissionDenied { .. } => {
                CoreError::sync("sync_s3_auth", format!("{at} refused the access key or secret: {text}"))
            }
            _ if text.contains("NoSuchBucket") => {
                CoreError::sync("sync_s3_bucket_missing", format!("{at}: the bucket does not exist"))
            }
            _ if text.contains("InvalidAccessKeyId")
                || text.contains("SignatureDoesNotMatch")
                || text.contains("AccessDenied") =>
            {
                CoreError::sync("sync_s3_auth", format!("{at} refused the access key or secret: {text}"))
            }
            _ if transport_failed(&e) => CoreError::sync("sync_unreachable", format!("{at} cannot be reached: {text}")),
            _ => CoreError::sync("sync_s3_error", format!("{at}: {text}")),
        }
    }
}

/// Did the request never get an answer (refused connection, no route, DNS, timeout)?
fn transport_failed(e: &object_store::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.downcast_ref::<object_store::client::HttpError>().is_some() {
            return true;
        }
        source = s.source();
    }
    false
}

impl Place for Bucket {
    fn list(&self, prefix: &str) -> Result<Vec<String>> {
        let folder = self.object(prefix.trim_end_matches('/'))?;
        let listed: Vec<object_store::ObjectMeta> =
            self.runtime.block_on(self.store.list(Some(&folder)).try_collect()).map_err(|e| match e {
                // A prefix with nothing under it lists as empty: a 404 here is the bucket.
                object_store::Error::NotFound { .. } => {
                    CoreError::sync("sync_s3_bucket_missing", format!("{}: the bucket does not exist", self.url))
                }
                e => self.failure(e),
            })?;
        let mut out: Vec<String> = listed.iter().filter_map(|m| self.name(&m.location)).collect();
        out.sort();
        Ok(out)
    }

    fn get(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let object = self.object(name)?;
        let got = self.runtime.block_on(async {
            let result = self.store.get(&object).await?;
            result.bytes().await
        });
        match got {
            Ok(bytes) => Ok(Some(bytes.to_vec())),
            Err(e @ object_store::Error::NotFound { .. }) if e.to_string().contains("NoSuchBucket") => {
                Err(self.failure(e))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.failure(e)),
        }
    }

    /// `If-None-Match: *`: the server refuses (412) a name that exists, so nothing is replaced.
    fn put_new(&self, name: &str, bytes: &[u8]) -> Result<bool> {
        let object = self.object(name)?;
        let options = PutOptions { mode: PutMode::Create, ..Default::default() };
        let put = self.runtime.block_on(self.store.put_opts(&object, PutPayload::from(bytes.to_vec()), options));
        match put {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. }) => Ok(false),
            Err(e) => Err(self.failure(e)),
        }
    }

    fn delete(&self, name: &str) -> Result<()> {
        let object = self.object(name)?;
        match self.runtime.block_on(self.store.delete(&object)) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.failure(e)),
        }
    }

    fn describe(&self) -> String {
        self.url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_address_is_a_server_a_bucket_and_an_optional_folder() {
        let u = BucketUrl::parse("http://127.0.0.1:9000/team-book").unwrap();
        assert_eq!(
            (u.endpoint.as_str(), u.bucket.as_str(), u.prefix.as_str()),
            ("http://127.0.0.1:9000", "team-book", "")
        );
        let u = BucketUrl::parse("https://s3.example.com/shop/fieldbook/east/").unwrap();
        assert_eq!(u.prefix, "fieldbook/east");
        assert_eq!(u.to_string(), "https://s3.example.com/shop/fieldbook/east");
        for bad in [
            "127.0.0.1:9000/b",
            "ftp://h/bucket",
            "http:///bucket",
            "http://h",
            "http://h/B",
            "http://h/ab",
            "http://k:s@h/bucket",
        ] {
            assert_eq!(BucketUrl::parse(bad).err().unwrap().code(), "sync_s3_url", "{bad}");
        }
    }

    #[test]
    fn a_bucket_needs_credentials_before_anything_is_sent() {
        let none = Credentials { access_key: " ".into(), secret: "s".into(), region: String::new() };
        assert_eq!(Bucket::open("http://127.0.0.1:1/team", &none).err().unwrap().code(), "sync_s3_credentials");
    }

    #[test]
    fn a_server_that_does_not_answer_is_unreachable_not_a_crash() {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let c = Credentials { access_key: "k".into(), secret: "s".into(), region: String::new() };
        let bucket = Bucket::open("http://127.0.0.1:1/team", &c).unwrap();
        assert_eq!(bucket.get("team.json").err().unwrap().code(), "sync_unreachable");
        assert_eq!(bucket.list("devices/").err().unwrap().code(), "sync_unreachable");
        assert_eq!(bucket.put_new("devices/a/1.seg", b"x").err().unwrap().code(), "sync_unreachable");
    }
}
