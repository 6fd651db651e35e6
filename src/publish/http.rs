//! HTTP for `publish`, on ureq: one JSON call at a time, a 429 answered by
//! waiting what its `Retry-After` (or `ratelimit-reset`) says (a few times, a minute at most each),
//! and every other failure turned into one [`Failure`] that says what the
//! server answered. Tokens go only over https (or to this machine).

use std::time::Duration;

/// How often a rate-limited call is tried again, and the longest wait honoured.
pub const RETRIES: u32 = 5;
const MAX_WAIT: u64 = 60;

/// A call that did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The server answered with this status (and, shortened, this body).
    Status { status: u16, message: String },
    /// Still 429 after [`RETRIES`] waits.
    RateLimited,
    /// No answer: connection, TLS or timeout.
    Transport(String),
    /// A 2xx answer sunrota cannot read.
    Unreadable(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Status { status, message } if message.is_empty() => write!(f, "HTTP {status}"),
            Failure::Status { status, message } => write!(f, "HTTP {status}: {message}"),
            Failure::RateLimited => write!(f, "still rate-limited (HTTP 429) after {RETRIES} waits"),
            Failure::Transport(e) => write!(f, "no answer: {e}"),
            Failure::Unreadable(e) => write!(f, "an answer sunrota cannot read: {e}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
}

/// A JSON API at `base` with fixed headers (authorization among them).
pub struct Client {
    agent: ureq::Agent,
    base: String,
    headers: Vec<(&'static str, String)>,
}

impl Client {
    /// Refuses to send a token anywhere but https or this machine.
    pub fn new(base: &str, headers: Vec<(&'static str, String)>) -> Result<Client, String> {
        let base = base.trim_end_matches('/').to_string();
        secure(&base)?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .user_agent(concat!("sunrota/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client { agent, base, headers })
    }

    /// One call; a 429 waits and tries again. Returns the status and body of a 2xx answer.
    pub fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&str>,
    ) -> Result<(u16, String), Failure> {
        for attempt in 0..=RETRIES {
            let (status, wait, text) = self.once(method, path, query, body)?;
            if status == 429 {
                if attempt == RETRIES {
                    break;
                }
                let secs = wait.unwrap_or(1).min(MAX_WAIT);
                crate::stderrln!("rate-limited (HTTP 429): waiting {secs} s as the answer asks");
                std::thread::sleep(Duration::from_secs(secs));
                continue;
            }
            if (200..300).contains(&status) {
                return Ok((status, text));
            }
            return Err(Failure::Status {
                status,
                message: shorten(&text),
            });
        }
        Err(Failure::RateLimited)
    }

    /// One request: status, Retry-After in seconds, body.
    fn once(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&str>,
    ) -> Result<(u16, Option<u64>, String), Failure> {
        let url = format!("{}{path}", self.base);
        let sent = match method {
            Method::Get => self.with(self.agent.get(&url), query).call(),
            Method::Delete => self.with(self.agent.delete(&url), query).call(),
            Method::Post => self
                .with(self.agent.post(&url), query)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or("{}")),
        };
        let mut reply = sent.map_err(|e| Failure::Transport(e.to_string()))?;
        let status = reply.status().as_u16();
        // Retry-After, or PagerDuty's `ratelimit-reset` (seconds until the limit resets).
        let wait = ["retry-after", "ratelimit-reset"].iter().find_map(|h| {
            reply
                .headers()
                .get(*h)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        });
        let text = reply
            .body_mut()
            .with_config()
            .limit(16 << 20)
            .read_to_string()
            .map_err(|e| Failure::Transport(e.to_string()))?;
        Ok((status, wait, text))
    }

    fn with<B>(&self, mut req: ureq::RequestBuilder<B>, query: &[(&str, String)]) -> ureq::RequestBuilder<B> {
        for (k, v) in &self.headers {
            req = req.header(*k, v);
        }
        for (k, v) in query {
            req = req.query(*k, v);
        }
        req
    }
}

/// `base` is an https URL, or plain http to this machine; no user part either way.
fn secure(base: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("`{base}` {why}"));
    let Ok(uri) = base.parse::<ureq::http::Uri>() else {
        return bad("is not a URL");
    };
    let Some(authority) = uri.authority() else {
        return bad("is not a URL with a host");
    };
    if authority.as_str().contains('@') {
        return bad("names a user: give the API's address only");
    }
    match (uri.scheme_str(), authority.host()) {
        (Some("https"), _) | (Some("http"), "127.0.0.1" | "localhost" | "[::1]") => Ok(()),
        _ => bad("is not an https URL: the token would travel in clear text"),
    }
}

/// An error body in one line: the vendor's message when it is JSON, else the text, cut at 300 bytes.
fn shorten(text: &str) -> String {
    let msg = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| {
            let e = v.get("error").unwrap_or(&v);
            let m = e.get("message").and_then(|m| m.as_str())?.to_string();
            let more = e
                .get("errors")
                .and_then(|x| x.as_array())
                .map(|a| a.iter().filter_map(|s| s.as_str()).collect::<Vec<_>>().join("; "));
            Some(match more {
                Some(m2) if !m2.is_empty() => format!("{m} ({m2})"),
                _ => m,
            })
        })
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut end = msg.len().min(300);
    while !msg.is_char_boundary(end) {
        end -= 1;
    }
    msg[..end].to_string()
}
