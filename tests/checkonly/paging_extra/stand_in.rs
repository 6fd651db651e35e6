//! A PagerDuty stand-in on raw TCP (not `tiny_http`, so that it can also
//! drop a connection): the three schedule-override calls of REST API v2 —
//! list (`since`/`until`, whole overrides with `overflow=true`, cut at the
//! window without), create many, delete one — over overrides held in
//! memory. Every request is logged as sent (the raw request target, so
//! percent-encoding can be asserted). A test's script sees each request
//! first and may answer it itself (a 429, a 500, a dropped connection, a
//! partial create); otherwise the stand-in answers as PagerDuty would.

use chrono::{DateTime, FixedOffset, Utc};
use serde_json::{json, Value as Json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The token the stand-in accepts (`Authorization: Token token=…`).
pub const TOKEN: &str = "pdExtraTok3n_9qZ";

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// The query's pairs, decoded.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// "GET /schedules/P2N5SCH/overrides" (the path as sent, no query).
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The overrides of a create call's body.
    pub fn overrides(&self) -> Vec<Json> {
        serde_json::from_str::<Json>(&self.body)
            .ok()
            .and_then(|v| v.get("overrides").and_then(Json::as_array).cloned())
            .unwrap_or_default()
    }
}

/// What the stand-in answers.
pub enum Reply {
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Close the connection without a word.
    Close,
}

impl Reply {
    pub fn json(status: u16, body: &Json) -> Reply {
        Reply::raw(status, &[], &body.to_string())
    }

    pub fn raw(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
        Reply::Answer {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            body: body.to_string(),
        }
    }
}

/// One override the stand-in holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub id: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub user: String,
}

impl Held {
    pub fn new(id: &str, start: &str, end: &str, user: &str) -> Held {
        Held {
            id: id.to_string(),
            start: DateTime::parse_from_rfc3339(start).unwrap(),
            end: DateTime::parse_from_rfc3339(end).unwrap(),
            user: user.to_string(),
        }
    }

    fn to_json(&self) -> Json {
        json!({
            "id": self.id,
            "start": self.start.to_rfc3339(),
            "end": self.end.to_rfc3339(),
            "user": { "id": self.user, "type": "user_reference", "summary": self.user,
                      "self": format!("https://api.pagerduty.com/users/{}", self.user) },
        })
    }
}

/// What the stand-in holds and was sent.
pub struct State {
    pub held: Vec<Held>,
    pub log: Vec<Req>,
    /// The schedule's path segment as the client must send it (percent-encoded).
    segment: String,
    next: u32,
}

impl State {
    fn base(&self) -> String {
        format!("/schedules/{}/overrides", self.segment)
    }

    /// Holds one override of a create body; its JSON as PagerDuty answers it.
    pub fn create(&mut self, item: &Json) -> Result<Json, String> {
        let time = |k: &str| {
            item[k]
                .as_str()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .ok_or_else(|| format!("`{k}` is not RFC 3339: {item}"))
        };
        let user = item["user"]["id"].as_str().ok_or("no user id")?.to_string();
        let h = Held {
            id: format!("Q{:04}", self.next),
            start: time("start")?,
            end: time("end")?,
            user,
        };
        self.next += 1;
        let j = h.to_json();
        self.held.push(h);
        Ok(j)
    }

    /// The answer PagerDuty would give.
    pub fn serve(&mut self, req: &Req) -> Reply {
        if req.header("authorization") != Some(format!("Token token={TOKEN}").as_str()) {
            return Reply::json(401, &json!({"error": {"message": "Unauthorized", "code": 2006}}));
        }
        let base = self.base();
        match req.method.as_str() {
            "GET" if req.path == base => self.list(req),
            "POST" if req.path == base => self.create_all(req),
            "DELETE" if req.path.starts_with(&format!("{base}/")) => {
                let id = decode(&req.path[base.len() + 1..], false);
                match self.held.iter().position(|h| h.id == id) {
                    Some(i) => {
                        self.held.remove(i);
                        Reply::raw(204, &[], "")
                    }
                    None => Reply::json(404, &json!({"error": {"message": "Not Found", "code": 2100}})),
                }
            }
            _ => Reply::json(404, &json!({"error": {"message": "Not Found", "code": 2100}})),
        }
    }

    fn list(&self, req: &Req) -> Reply {
        let t = |k: &str| req.param(k).and_then(|v| DateTime::parse_from_rfc3339(v).ok());
        let (Some(since), Some(until)) = (t("since"), t("until")) else {
            return Reply::json(
                400,
                &json!({"error": {"message": "Invalid Input Provided", "code": 2001,
                                  "errors": ["since and until are required"]}}),
            );
        };
        let whole = req.param("overflow") == Some("true");
        let items: Vec<Json> = self
            .held
            .iter()
            .filter(|h| h.start < until && h.end > since)
            .map(|h| {
                let mut h = h.clone();
                if !whole {
                    h.start = h.start.max(since);
                    h.end = h.end.min(until);
                }
                h.to_json()
            })
            .collect();
        Reply::json(200, &json!({ "overrides": items }))
    }

    fn create_all(&mut self, req: &Req) -> Reply {
        let mut out = Vec::new();
        for item in req.overrides() {
            match self.create(&item) {
                Ok(o) => out.push(json!({"status": 201, "override": o})),
                Err(e) => out.push(json!({"status": 400, "errors": [e]})),
            }
        }
        Reply::json(201, &Json::Array(out))
    }
}

type Script = Box<dyn FnMut(&Req, &mut State) -> Option<Reply> + Send>;

/// The stand-in, serving until dropped.
pub struct Server {
    /// "http://127.0.0.1:PORT".
    pub url: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Schedule `segment` (as sent, percent-encoded) holding `held`, answering as PagerDuty.
    pub fn start(segment: &str, held: Vec<Held>) -> Server {
        Server::scripted("127.0.0.1", segment, held, |_, _| None)
    }

    /// The same on `host`, each request first offered to `script`.
    pub fn scripted(
        host: &str,
        segment: &str,
        held: Vec<Held>,
        script: impl FnMut(&Req, &mut State) -> Option<Reply> + Send + 'static,
    ) -> Server {
        let listener = TcpListener::bind((host, 0)).expect("bind a loopback port");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            held,
            log: Vec::new(),
            segment: segment.to_string(),
            next: 1,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, halt) = (state.clone(), stop.clone());
        let mut script: Script = Box::new(script);
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if halt.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                serve_one(&stream, &st, &mut script);
            }
        });
        Server {
            url: format!("http://{addr}"),
            state,
            stop,
            addr,
            thread: Some(thread),
        }
    }

    pub fn held(&self) -> Vec<Held> {
        self.state.lock().unwrap().held.clone()
    }

    /// What the schedule says: (start, end, user), in UTC, sorted.
    pub fn says(&self) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        let mut v: Vec<_> = self
            .held()
            .into_iter()
            .map(|h| (h.start.to_utc(), h.end.to_utc(), h.user))
            .collect();
        v.sort();
        v
    }

    pub fn requests(&self) -> Vec<Req> {
        self.state.lock().unwrap().log.clone()
    }

    /// The calls so far, as "METHOD /path"; the log is then emptied.
    pub fn take_calls(&self) -> Vec<String> {
        let mut s = self.state.lock().unwrap();
        std::mem::take(&mut s.log).iter().map(Req::line).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve_one(stream: &TcpStream, st: &Mutex<State>, script: &mut Script) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    let Some(req) = read_request(stream) else { return };
    let reply = {
        let mut s = st.lock().unwrap();
        s.log.push(req.clone());
        match script(&req, &mut s) {
            Some(r) => r,
            None => s.serve(&req),
        }
    };
    let Reply::Answer { status, headers, body } = reply else {
        let _ = stream.shutdown(std::net::Shutdown::Both);
        return;
    };
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&body);
    let mut w = stream;
    let _ = w.write_all(out.as_bytes());
    let _ = w.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Status",
    }
}

/// One HTTP/1.1 request: request line, headers, a Content-Length or chunked body.
fn read_request(stream: &TcpStream) -> Option<Req> {
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if let Some(n) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(n, 0);
        r.read_exact(&mut body).ok()?;
    } else if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).ok()?;
            let n = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).ok()?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k, true), decode(v, true))
        })
        .collect();
    Some(Req {
        method,
        path: path.to_string(),
        query,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Percent-decoding; in a query (`plus`) a `+` is a space too.
pub fn decode(s: &str, plus: bool) -> String {
    let hex = |c: u8| char::from(c).to_digit(16);
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if plus && b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
