//! Fetching an article the user asked for by its address (`File → Import from URL…`,
//! `stance import https://…`): the only network access Stance makes.
//!
//! A blocking HTTP client (`ureq`, TLS by rustls with Mozilla's roots bundled, no system
//! OpenSSL) follows redirects, gives up after a timeout, stops reading past a size cap, and
//! turns every failure into a [`FetchError`] that names the address and says what to do.
//! The app runs [`fetch_articles`] on a worker thread and watches a [`FetchControl`] for
//! progress; setting its cancel flag stops the transfer at the next chunk.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use ureq::ResponseExt;

use super::formats::article::{ArticlesRead, MetaSource, Origin, Sourced};
use super::formats::feed::{FEED_MEDIA_TYPES, articles_from_feed, looks_like_feed};
use super::formats::html::{
    MAX_PAGE_BYTES, PageError, article_from_html, content_type_charset, decode_html,
};

/// How long a fetch may take in all, and how much it may read.
#[derive(Clone, Copy, Debug)]
pub struct FetchOptions {
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_PAGE_BYTES as u64,
        }
    }
}

/// Shared between a fetch and whoever waits for it: bytes so far, bytes expected (0 when
/// the server does not say), and the cancel flag.
#[derive(Clone, Debug, Default)]
pub struct FetchControl {
    cancelled: Arc<AtomicBool>,
    received: Arc<AtomicU64>,
    expected: Arc<AtomicU64>,
}

impl FetchControl {
    /// Asks the fetch to stop; it returns [`FetchError::Cancelled`] at its next chunk.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `(bytes received, bytes expected if known)`.
    #[must_use]
    pub fn progress(&self) -> (u64, Option<u64>) {
        let expected = self.expected.load(Ordering::Relaxed);
        (
            self.received.load(Ordering::Relaxed),
            (expected > 0).then_some(expected),
        )
    }
}

/// A response body as fetched.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The address the body came from, after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why an address gave no article. Every message names the address.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("“{url}” is not a web address: it must start with http:// or https://")]
    NotWebAddress { url: String },
    #[error("could not reach {url}: {reason}. Check the address and that this computer is online.")]
    Unreachable { url: String, reason: String },
    #[error("{url} did not answer within {seconds} seconds")]
    Timeout { url: String, seconds: u64 },
    #[error("{url} answered {code} {reason}")]
    Status {
        url: String,
        code: u16,
        reason: String,
    },
    #[error("{url} is larger than {limit} bytes, the most Stance reads for one page")]
    TooLarge { url: String, limit: u64 },
    #[error("{url} is {content_type}, not a web page or a feed")]
    Unsupported { url: String, content_type: String },
    #[error("the transfer from {url} failed: {reason}")]
    Transfer { url: String, reason: String },
    #[error("fetching {url} was cancelled")]
    Cancelled { url: String },
    #[error("{url}: {source}")]
    NoArticle { url: String, source: PageError },
    #[error("{url}: {reason}")]
    BadFeed { url: String, reason: String },
}

/// Whether `text` is an address Stance fetches (so `stance import` tells URLs from paths).
#[must_use]
pub fn is_web_address(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url::Url::parse(text.trim()).is_ok()
}

/// Fetches `url` and reads its article (a web page) or articles (a feed). The page's
/// canonical URL, else the address after redirects, is each article's URL.
///
/// # Errors
/// [`FetchError`], naming the address.
pub fn fetch_articles(
    url: &str,
    options: &FetchOptions,
    control: &FetchControl,
) -> Result<ArticlesRead, FetchError> {
    let fetched = fetch(url, options, control)?;
    let media_type = fetched
        .content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let is_feed = FEED_MEDIA_TYPES.contains(&media_type.as_str())
        || (media_type.ends_with("/xml") && looks_like_feed(&fetched.bytes));
    if is_feed {
        let origin = Origin::Web {
            url: fetched.url.clone(),
        };
        return articles_from_feed(&fetched.bytes, &origin).map_err(|reason| FetchError::BadFeed {
            url: fetched.url,
            reason,
        });
    }
    let is_html = media_type.is_empty()
        || media_type == "text/html"
        || media_type == "application/xhtml+xml"
        || media_type == "text/plain" && fetched.bytes.trim_ascii_start().starts_with(b"<");
    if !is_html {
        return Err(FetchError::Unsupported {
            url: fetched.url,
            content_type: media_type,
        });
    }
    let charset = fetched
        .content_type
        .as_deref()
        .and_then(content_type_charset);
    let html = decode_html(&fetched.bytes, charset);
    let mut page =
        article_from_html(&html, Some(&fetched.url)).map_err(|source| FetchError::NoArticle {
            url: fetched.url.clone(),
            source,
        })?;
    if page.meta.url.is_none() {
        page.meta.url = Some(Sourced::new(fetched.url.clone(), MetaSource::FetchedUrl));
    }
    Ok(ArticlesRead::one(
        crate::io::formats::article::IncomingArticle {
            text: page.text,
            meta: page.meta,
            origin: Origin::Web { url: fetched.url },
        },
    ))
}

/// Fetches the body at `url`, following redirects, within `options`' time and size.
///
/// # Errors
/// [`FetchError`], naming the address.
pub fn fetch(
    url: &str,
    options: &FetchOptions,
    control: &FetchControl,
) -> Result<Fetched, FetchError> {
    let url = url.trim();
    if !is_web_address(url) {
        return Err(FetchError::NotWebAddress {
            url: url.to_owned(),
        });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .timeout_connect(Some(options.timeout.min(Duration::from_secs(10))))
        .max_redirects(10)
        .http_status_as_error(false)
        .user_agent(concat!(
            "Stance/",
            env!("CARGO_PKG_VERSION"),
            " (article import)"
        ))
        .build()
        .into();
    let seconds = options.timeout.as_secs().max(1);
    let failed = |e: ureq::Error| classify_error(url, seconds, options.max_bytes, e);
    let mut response = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5")
        .call()
        .map_err(failed)?;
    let final_url = response.get_uri().to_string();
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        return Err(FetchError::Status {
            url: final_url,
            code: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("error").to_owned(),
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.body_mut();
    let expected = body.content_length();
    if expected.is_some_and(|n| n > options.max_bytes) {
        return Err(FetchError::TooLarge {
            url: final_url,
            limit: options.max_bytes,
        });
    }
    control
        .expected
        .store(expected.unwrap_or(0), Ordering::Relaxed);
    let mut reader = body.with_config().limit(options.max_bytes).reader();
    let mut bytes = Vec::with_capacity(
        usize::try_from(expected.unwrap_or(0))
            .unwrap_or(0)
            .min(MAX_PAGE_BYTES),
    );
    let mut chunk = vec![0; 64 * 1024];
    loop {
        if control.is_cancelled() {
            return Err(FetchError::Cancelled { url: final_url });
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let error = e
                    .into_inner()
                    .and_then(|inner| inner.downcast::<ureq::Error>().ok())
                    .map_or_else(|| ureq::Error::ConnectionFailed, |b| *b);
                return Err(classify_error(
                    &final_url,
                    seconds,
                    options.max_bytes,
                    error,
                ));
            }
        };
        bytes.extend_from_slice(&chunk[..n]);
        control
            .received
            .store(bytes.len() as u64, Ordering::Relaxed);
    }
    Ok(Fetched {
        url: final_url,
        content_type,
        bytes,
    })
}

/// One clear message per kind of failure.
fn classify_error(url: &str, seconds: u64, limit: u64, error: ureq::Error) -> FetchError {
    let url = url.to_owned();
    match error {
        ureq::Error::Timeout(_) => FetchError::Timeout { url, seconds },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge { url, limit },
        ureq::Error::HostNotFound => FetchError::Unreachable {
            url,
            reason: "the host name was not found".to_owned(),
        },
        ureq::Error::ConnectionFailed => FetchError::Unreachable {
            url,
            reason: "the connection failed".to_owned(),
        },
        ureq::Error::Io(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::NetworkUnreachable
                    | std::io::ErrorKind::HostUnreachable
                    | std::io::ErrorKind::NotConnected
                    | std::io::ErrorKind::AddrNotAvailable
            ) =>
        {
            FetchError::Unreachable {
                url,
                reason: e.to_string(),
            }
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout { url, seconds }
        }
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => FetchError::Transfer {
            url,
            reason: "it redirects too often or to a bad address".to_owned(),
        },
        other => FetchError::Transfer {
            url,
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_fetched() {
        assert!(is_web_address("https://news.example/a"));
        assert!(is_web_address(" HTTP://news.example "));
        assert!(!is_web_address("news.example/a"));
        assert!(!is_web_address("file:///etc/passwd"));
        assert!(!is_web_address("https://"));
        let err = fetch(
            "ftp://x",
            &FetchOptions::default(),
            &FetchControl::default(),
        )
        .unwrap_err();
        assert!(matches!(err, FetchError::NotWebAddress { .. }), "{err}");
    }

    #[test]
    fn a_closed_port_is_unreachable_not_a_panic() {
        // Bind then drop a listener: the port is closed, nothing leaves this machine.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap();
        let url = format!("http://127.0.0.1:{port}/article");
        let err = fetch(&url, &FetchOptions::default(), &FetchControl::default()).unwrap_err();
        assert!(matches!(err, FetchError::Unreachable { .. }), "{err:?}");
        assert!(err.to_string().contains(&url), "{err}");
    }
}
