//! A PagerDuty stand-in on 127.0.0.1: the three schedule-override calls as
//! the vendor's OpenAPI document (`tests/data/openapi/pagerduty.json`) has
//! them — list (`since`/`until`, overlapping overrides), delete, create many —
//! holding overrides in memory. Every request body is validated against the
//! document's request schema and every answer against its response schema;
//! a request that breaks the schema gets a 400 and is recorded as a
//! violation. Faults are queued per call ("the next POST answers 429 with
//! Retry-After: 1") to test rate limits and failures.

use crate::util::openapi;
use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value as Json};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub const TOKEN: &str = "y_NbAkKc66ryYTWUXYEu";
/// The document's required `header_Accept`.
const ACCEPT: &str = "application/vnd.pagerduty+json;version=2";
const OVERRIDES: &str = "/paths/~1schedules~1{id}~1overrides";

/// One override the server holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub id: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub user: String,
}

/// A canned answer for the next call of a method: status, headers, body —
/// given instead of the real answer, or (`applied`) after doing the work.
#[derive(Debug, Clone)]
pub struct Fault {
    pub method: &'static str,
    pub status: u16,
    pub headers: Vec<(&'static str, &'static str)>,
    pub body: &'static str,
    pub applied: bool,
}

impl Fault {
    /// `status` with `body` for the next `method`, nothing done.
    pub fn answer(method: &'static str, status: u16, body: &'static str) -> Fault {
        Fault {
            method,
            status,
            headers: Vec::new(),
            body,
            applied: false,
        }
    }
}

#[derive(Default)]
pub struct State {
    pub held: Vec<Held>,
    /// "GET /schedules/P2N5SCH/overrides", "DELETE …/Q1", "POST … 3".
    pub calls: Vec<String>,
    /// Requests that broke the vendor's schema, with the errors.
    pub violations: Vec<String>,
    pub faults: VecDeque<Fault>,
    /// Overrides for this user are refused inside a 201 answer (status 400).
    pub refuse_user: Option<String>,
    /// The vendor's clock: a DELETE of an override under way cuts it here (200).
    pub now: Option<DateTime<FixedOffset>>,
    next_id: u32,
}

pub struct Server {
    pub url: String,
    pub state: Arc<Mutex<State>>,
    http: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// A server for schedule `schedule` holding `held`.
    pub fn start(schedule: &str, held: Vec<Held>) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let url = format!("http://{}", server.server_addr().to_ip().expect("an IP address"));
        let state = Arc::new(Mutex::new(State {
            next_id: 1,
            held,
            ..State::default()
        }));
        let (s, st, sched) = (server.clone(), state.clone(), schedule.to_string());
        let thread = std::thread::spawn(move || {
            let schemas = Schemas::new();
            for mut req in s.incoming_requests() {
                let answer = handle(&mut req, &sched, &st, &schemas);
                let text = if answer.body.is_null() {
                    String::new()
                } else {
                    answer.body.to_string()
                };
                let mut resp = tiny_http::Response::from_string(text).with_status_code(answer.status);
                for (k, v) in answer.headers {
                    resp.add_header(tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap());
                }
                resp.add_header(tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..]).unwrap());
                let _ = req.respond(resp);
            }
        });
        Server {
            url,
            state,
            http: server,
            thread: Some(thread),
        }
    }

    pub fn fault(&self, f: Fault) {
        self.state.lock().unwrap().faults.push_back(f);
    }

    pub fn refuse(&self, user: &str) {
        self.state.lock().unwrap().refuse_user = Some(user.to_string());
    }

    pub fn clock(&self, now: &str) {
        self.state.lock().unwrap().now = Some(DateTime::parse_from_rfc3339(now).unwrap());
    }

    pub fn held(&self) -> Vec<Held> {
        self.state.lock().unwrap().held.clone()
    }

    /// The calls since the last `take_calls`.
    pub fn take_calls(&self) -> Vec<String> {
        std::mem::take(&mut self.state.lock().unwrap().calls)
    }

    pub fn violations(&self) -> Vec<String> {
        self.state.lock().unwrap().violations.clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.http.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Answer {
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    body: Json,
}

fn answer(status: u16, body: Json) -> Answer {
    Answer {
        status,
        headers: Vec::new(),
        body,
    }
}

/// The document's validators: request body and answers of each call.
struct Schemas {
    create: jsonschema::Validator,
    created: jsonschema::Validator,
    listed: jsonschema::Validator,
}

impl Schemas {
    fn new() -> Schemas {
        let v = |p: String| openapi::validator("pagerduty", &p);
        Schemas {
            create: v(format!("{OVERRIDES}/post/requestBody/content/application~1json/schema")),
            created: v(format!(
                "{OVERRIDES}/post/responses/201/content/application~1json/schema"
            )),
            // (the vendor's document gives the list's 200 answer as "201")
            listed: v(format!(
                "{OVERRIDES}/get/responses/201/content/application~1json/schema"
            )),
        }
    }
}

fn handle(req: &mut tiny_http::Request, schedule: &str, st: &Mutex<State>, schemas: &Schemas) -> Answer {
    let method = req.method().as_str().to_string();
    let url = req.url().to_string();
    let mut body = String::new();
    let _ = req.as_reader().read_to_string(&mut body);
    let mut s = st.lock().unwrap();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let base = format!("/schedules/{schedule}/overrides");
    s.calls.push(match method.as_str() {
        "POST" => format!("POST {path} {}", count(&body)),
        _ => format!("{method} {path}"),
    });
    let fault = s
        .faults
        .iter()
        .position(|f| f.method == method)
        .map(|i| s.faults.remove(i).unwrap());
    if let Some(f) = fault.as_ref().filter(|f| !f.applied) {
        return canned(f);
    }
    let auth = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .map(|h| h.value.as_str().to_string());
    let accept = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept"))
        .map(|h| h.value.as_str().to_string());
    if accept.as_deref() != Some(ACCEPT) {
        s.violations
            .push(format!("{method} {path} without `Accept: {ACCEPT}`: {accept:?}"));
    }
    if auth.as_deref() != Some(&format!("Token token={TOKEN}")) {
        return answer(401, json!({"error": {"message": "Unauthorized", "code": 2006}}));
    }
    let real = match (method.as_str(), path) {
        ("GET", p) if p == base => list(&mut s, query, schemas),
        ("POST", p) if p == base => create(&mut s, &body, schemas),
        ("DELETE", p) if p.starts_with(&format!("{base}/")) => delete(&mut s, &p[base.len() + 1..]),
        _ => answer(404, json!({"error": {"message": "Not Found", "code": 2100}})),
    };
    fault.map_or(real, |f| canned(&f))
}

fn canned(f: &Fault) -> Answer {
    Answer {
        status: f.status,
        headers: f.headers.clone(),
        body: serde_json::from_str(f.body).unwrap_or(Json::Null),
    }
}

fn count(body: &str) -> usize {
    serde_json::from_str::<Json>(body)
        .ok()
        .and_then(|v| v.get("overrides").and_then(Json::as_array).map(Vec::len))
        .unwrap_or(0)
}

fn query_param(query: &str, key: &str) -> Option<DateTime<FixedOffset>> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        let v = v.replace("%3A", ":").replace("%2B", "+").replace("%3a", ":");
        (k == key).then(|| DateTime::parse_from_rfc3339(&v).ok()).flatten()
    })
}

fn list(s: &mut State, query: &str, schemas: &Schemas) -> Answer {
    let (Some(since), Some(until)) = (query_param(query, "since"), query_param(query, "until")) else {
        s.violations.push(format!("list without since/until: {query}"));
        return answer(
            400,
            json!({"error": {"message": "since and until are required", "code": 2001}}),
        );
    };
    // As the document says: entries are cut at the bounds unless overflow=true.
    let overflow = query.split('&').any(|kv| kv == "overflow=true");
    let items: Vec<Json> = s
        .held
        .iter()
        .filter(|h| h.start < until && h.end > since)
        .map(|h| {
            let mut h = h.clone();
            if !overflow {
                h.start = h.start.max(since);
                h.end = h.end.min(until);
            }
            to_json(&h)
        })
        .collect();
    let body = json!({ "overrides": items });
    check_answer(s, &schemas.listed, &body, "list");
    answer(200, body)
}

fn create(s: &mut State, body: &str, schemas: &Schemas) -> Answer {
    let Ok(v) = serde_json::from_str::<Json>(body) else {
        s.violations.push(format!("create: not JSON: {body}"));
        return answer(400, json!({"error": {"message": "Invalid JSON", "code": 2001}}));
    };
    let errs = openapi::errors(&schemas.create, &v);
    if !errs.is_empty() {
        s.violations.push(format!("create: {}", errs.join("; ")));
        return answer(
            400,
            json!({"error": {"message": "Invalid Input Provided", "code": 2001, "errors": errs}}),
        );
    }
    let mut out = Vec::new();
    for o in v["overrides"].as_array().cloned().unwrap_or_default() {
        let user = o["user"]["id"].as_str().unwrap().to_string();
        if s.refuse_user.as_deref() == Some(user.as_str()) {
            out.push(json!({ "status": 400, "errors": ["User cannot be assigned"], "override": o }));
            continue;
        }
        let id = format!("Q{:03}", s.next_id);
        s.next_id += 1;
        let h = Held {
            id,
            start: DateTime::parse_from_rfc3339(o["start"].as_str().unwrap()).unwrap(),
            end: DateTime::parse_from_rfc3339(o["end"].as_str().unwrap()).unwrap(),
            user,
        };
        out.push(json!({ "status": 201, "override": to_json(&h) }));
        s.held.push(h);
    }
    let body = Json::Array(out);
    check_answer(s, &schemas.created, &body, "create");
    answer(201, body)
}

fn delete(s: &mut State, id: &str) -> Answer {
    match s.held.iter().position(|h| h.id == id) {
        // "If the override start time is before the current time, but the end
        // time is after the current time, the override will be truncated".
        Some(i) if s.now.is_some_and(|now| s.held[i].start < now && now < s.held[i].end) => {
            s.held[i].end = s.now.unwrap();
            answer(200, Json::Null)
        }
        Some(i) => {
            s.held.remove(i);
            answer(204, Json::Null)
        }
        None => answer(404, json!({"error": {"message": "Not Found", "code": 2100}})),
    }
}

fn check_answer(s: &mut State, v: &jsonschema::Validator, body: &Json, what: &str) {
    let errs = openapi::errors(v, body);
    if !errs.is_empty() {
        s.violations
            .push(format!("the stand-in's own {what} answer: {}", errs.join("; ")));
    }
}

fn to_json(h: &Held) -> Json {
    json!({
        "id": h.id,
        "start": h.start.to_rfc3339(),
        "end": h.end.to_rfc3339(),
        "user": { "id": h.user, "type": "user_reference", "summary": h.user,
                  "self": format!("https://api.pagerduty.com/users/{}", h.user) },
    })
}
