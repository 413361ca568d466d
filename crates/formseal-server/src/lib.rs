//! The secretariat's receiving service (`formseal serve`): `POST /packages` takes what the widget
//! sends (the README's endpoint protocol), verifies it on arrival against the secretariat's own
//! call and definition, stores it — valid, invalid, late or unreadable, never dropped — and
//! answers with a receipt signed by the secretariat's key (`formseal_core::package::receipt`).
//! The same package twice gets the same receipt. `GET /packages` (with the secretariat's token)
//! lists what was received, with the rows `formseal intake` writes.
//!
//! Limits: a body size limit, a per-address rate limit, a timeout per request, CORS for the
//! configured host origins only.

mod store;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use formseal_core::intake::{Format, Row};
use formseal_core::package::receipt::{self, Receipt, RECEIPT_FORMAT};
use formseal_core::package::{sha256_hex, KeyPair};
use formseal_core::Locale;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
pub use store::{Store, StoreError};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Verifies one received package (`file name`, bytes, the moment received in seconds since 1970,
/// UTC) and makes its row: the CLI passes its `verify` (the core's, with the secretariat's call
/// and definition, the receipt's moment, and the PDF made again with the built-in fonts).
pub type Check = Arc<dyn Fn(&str, &[u8], i64) -> Row + Send + Sync>;

/// The time now, in seconds since 1970 (UTC); tests fix it.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// How the service runs.
pub struct Config {
    /// The database: a SQLite file (created if missing), or a `postgres://` URL.
    pub db: String,
    /// The secretariat's key, which signs the receipts.
    pub key: KeyPair,
    /// The token `GET /packages` requires (`Authorization: Bearer …`); without one, listing is off.
    pub token: Option<String>,
    /// Host origins allowed to post from a browser (CORS), e.g. `https://www.example.org`.
    pub origins: Vec<String>,
    /// The largest body accepted, in bytes.
    pub max_bytes: usize,
    /// Requests per minute from one address.
    pub per_minute: u32,
    /// How long one request may take.
    pub timeout: Duration,
    /// The language of the listing's CSV and XLSX.
    pub locale: Locale,
    pub check: Check,
    pub clock: Clock,
}

struct App {
    store: Mutex<Store>,
    config: Config,
    /// Per address: the minute and the requests in it.
    hits: Mutex<HashMap<IpAddr, (i64, u32)>>,
    /// One verification per core at a time (each also holds the PDF fonts); the others wait.
    verifying: tokio::sync::Semaphore,
}

/// The service's routes, with its limits, over the database `config.db` (opened now).
pub fn router(config: Config) -> Result<Router, store::StoreError> {
    let store = Store::open(&config.db)?;
    let origins: Vec<HeaderValue> = config.origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::AllowOrigin::list(origins))
        .allow_methods([Method::POST, Method::GET])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::HeaderName::from_static("x-formseal-file-name"),
            header::HeaderName::from_static("x-formseal-manifest-digest"),
            header::HeaderName::from_static("x-formseal-application-digest"),
        ])
        .expose_headers([header::HeaderName::from_static("x-formseal-receipt-id")]);
    let (limit, timeout) = (config.max_bytes, config.timeout);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let verifying = tokio::sync::Semaphore::new(cores);
    let app = Arc::new(App { store: Mutex::new(store), config, hits: Mutex::new(HashMap::new()), verifying });
    Ok(Router::new()
        .route("/packages", post(receive).get(list))
        .with_state(app)
        .layer(DefaultBodyLimit::max(limit))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(cors))
}

/// Serves `router` on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": code, "message": message }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Whether `ip` may make one more request this minute.
fn admitted(app: &App, ip: IpAddr) -> bool {
    let minute = (app.config.clock)().div_euclid(60);
    let mut hits = app.hits.lock().unwrap_or_else(|e| e.into_inner());
    if hits.len() > 100_000 {
        hits.retain(|_, (m, _)| *m == minute);
    }
    let entry = hits.entry(ip).or_insert((minute, 0));
    if entry.0 != minute {
        *entry = (minute, 0);
    }
    entry.1 += 1;
    entry.1 <= app.config.per_minute
}

/// `POST /packages`: verify, store, answer with the signed receipt.
async fn receive(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !admitted(&app, peer.ip()) {
        let mut r = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "too many requests; try again in a minute");
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return r;
    }
    let file_name = headers
        .get("x-formseal-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .filter(|n| !n.is_empty() && n.chars().count() <= 255 && !n.chars().any(char::is_control))
        .unwrap_or_else(|| "package.zip".to_string());
    let Ok(_permit) = app.verifying.acquire().await else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "closing", "the service is stopping");
    };
    let worker = app.clone();
    let done = tokio::task::spawn_blocking(move || accept(&worker, &file_name, &body)).await;
    match done {
        Ok(Ok((id, receipt))) => {
            let mut r = (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], receipt).into_response();
            if let Ok(v) = HeaderValue::from_str(&id) {
                r.headers_mut().insert("x-formseal-receipt-id", v);
            }
            r
        }
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, "storage", &e.to_string()),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the verifier failed on this package"),
    }
}

/// Receives one body: its earlier receipt, or verified, stored and receipted now.
fn accept(app: &App, file_name: &str, body: &[u8]) -> Result<(String, Vec<u8>), StoreError> {
    let body_sha256 = sha256_hex(body);
    let id = format!("R-{}", &body_sha256[..16]);
    let earlier = || app.store.lock().unwrap_or_else(|e| e.into_inner()).receipt_of(&body_sha256);
    if let Some(receipt) = earlier()? {
        return Ok((id, receipt));
    }
    let now = (app.config.clock)();
    let row = (app.config.check)(file_name, body, now);
    let verdict = match row.verdict {
        formseal_core::intake::Verdict::Valid => "valid",
        formseal_core::intake::Verdict::Invalid => "invalid",
        _ => "unreadable",
    };
    let received_at = receipt::rfc3339_utc(now);
    let r = Receipt {
        format: RECEIPT_FORMAT.into(),
        id: id.clone(),
        file_name: file_name.to_string(),
        body_sha256: body_sha256.clone(),
        manifest_sha256: row.manifest_sha256.clone(),
        application_sha256: row.application_sha256.clone(),
        key_fingerprint: row.fingerprint.clone(),
        received_at: received_at.clone(),
        verdict: verdict.into(),
        problems: row.failures.clone(),
    };
    let signed = receipt::sign(&r, &app.config.key);
    let mut store = app.store.lock().unwrap_or_else(|e| e.into_inner());
    match store.insert(&body_sha256, &received_at, &row, &signed, body) {
        Ok(()) => Ok((id, signed)),
        // The same bytes arrived twice at once: the first one's receipt.
        Err(e) => store.receipt_of(&body_sha256)?.map(|r| (id, r)).ok_or(e),
    }
}

/// `GET /packages[?format=json|csv|xlsx]`: what was received (the secretariat's token
/// required): JSON, the `intake` row of each with its id, time and body digest; CSV (UTF-8 with a
/// BOM) and XLSX, the report `formseal intake` writes, grouped the same way.
async fn list(
    State(app): State<Arc<App>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = app.config.token.as_deref() else {
        return error(
            StatusCode::FORBIDDEN,
            "listing_disabled",
            "listing is off: the server was started without a token",
        );
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
        return error(StatusCode::UNAUTHORIZED, "token", "a valid token is required (Authorization: Bearer …)");
    }
    let worker = app.clone();
    match tokio::task::spawn_blocking(move || worker.store.lock().unwrap_or_else(|e| e.into_inner()).list()).await {
        Ok(Ok(listed)) => {
            let format = match query.get("format").map(String::as_str) {
                None | Some("json") => None,
                Some("csv") => Some((Format::Csv, "text/csv; charset=utf-8")),
                Some("xlsx") => Some((Format::Xlsx, XLSX)),
                Some(_) => return error(StatusCode::BAD_REQUEST, "format", "format must be json, csv or xlsx"),
            };
            let Some((format, media)) = format else {
                // Each with its groups, as the report has them: a resubmission's `superseded_by`.
                let keys: Vec<formseal_core::intake::Key> =
                    listed.iter().map(|l| formseal_core::intake::Key::of(&l.row)).collect();
                let grouped = formseal_core::intake::group(&keys, app.config.locale);
                let items: Vec<serde_json::Value> = listed
                    .iter()
                    .zip(&grouped)
                    .map(|(l, g)| {
                        let mut v = serde_json::to_value(l).unwrap_or_default();
                        v["status"] = g.status.into();
                        v["superseded_by"] = g.superseded_by.clone().into();
                        v["groups"] = g.notes.clone().into();
                        v
                    })
                    .collect();
                let body = serde_json::to_string(&items).unwrap_or_default();
                return (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response();
            };
            let rows: Vec<Row> = listed.into_iter().map(|l| l.row).collect();
            let all: Vec<usize> = (0..rows.len()).collect();
            match formseal_core::intake::in_memory(&rows, &all, format, true, app.config.locale) {
                Ok(bytes) => (StatusCode::OK, [(header::CONTENT_TYPE, media)], bytes).into_response(),
                Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "report", &e.to_string()),
            }
        }
        _ => error(StatusCode::INTERNAL_SERVER_ERROR, "storage", "the packages could not be read"),
    }
}

/// Compares two secrets in time independent of where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `X-Formseal-File-Name` is URL-encoded (`encodeURIComponent`).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
