//! Submitting a package to the host's endpoint (a synchronous request: workers may block), and
//! the receipt a receiving service (`formseal serve`) answers with, checked here.

use formseal_core::key;
use formseal_core::messages::{render, Locale};
use formseal_core::protocol as p;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// POSTs a package to the host's endpoint once (the page retries); the reply is the HTTP status,
/// 0 when the request did not get through (offline, refused, blocked by CORS).
pub(crate) fn submit(a: &p::Submit, bytes: &[u8], loc: Locale) -> (p::Submitted, Option<Vec<u8>>) {
    let url = &a.url;
    let attempt = || -> Result<(u16, String), JsValue> {
        let xhr = web_sys::XmlHttpRequest::new()?;
        xhr.open_with_async("POST", url, false)?;
        xhr.set_request_header("Content-Type", "application/zip")?;
        xhr.set_request_header("X-Formseal-Manifest-Digest", &a.manifest)?;
        xhr.set_request_header("X-Formseal-Application-Digest", &a.application)?;
        let name = js_sys::encode_uri_component(&a.file_name);
        xhr.set_request_header("X-Formseal-File-Name", &String::from(name))?;
        xhr.send_with_opt_u8_array(Some(bytes))?;
        Ok((xhr.status()?, xhr.response_text()?.unwrap_or_default()))
    };
    let (status, body) = attempt().unwrap_or((0, String::new()));
    // A receiving service that answers with a signed receipt (`formseal serve`): checked here,
    // said in the applicant's language, and handed back to be saved.
    let receipt = (200..300).contains(&status).then(|| receipt_text(body.as_bytes(), &a.file_name, loc)).flatten();
    let (receipt, receipt_name) = receipt.unzip();
    (p::Submitted { status, receipt, receipt_name }, Some(body.into_bytes()))
}

/// What the applicant is told of the server's answer, when it is a receipt, and the file name to
/// save it under: the receipt's id, time and verdict — or that its signature does not hold.
fn receipt_text(body: &[u8], file_name: &str, loc: Locale) -> Option<(String, String)> {
    use formseal_core::package::receipt::check;
    let v: Value = serde_json::from_slice(body).ok()?;
    v.get("receipt")?;
    let stem = Some(file_name).filter(|n| !n.is_empty()).unwrap_or("package").trim_end_matches(".zip");
    let name = format!("{}-{stem}.json", formseal_core::messages::t(loc, key!("ui.receipt.file_prefix")));
    let text = match check(body, None) {
        Ok(signed) => {
            let r = signed.receipt;
            let verdict = match r.verdict.as_str() {
                "valid" => key!("intake.valid"),
                "invalid" => key!("intake.invalid"),
                _ => key!("intake.unreadable"),
            };
            let verdict = formseal_core::messages::t(loc, verdict);
            let problems = r.problems.len().to_string();
            let params = [("id", r.id), ("received", r.received_at), ("verdict", verdict), ("n", problems)];
            render(
                loc,
                if r.problems.is_empty() { key!("ui.receipt.done") } else { key!("ui.receipt.problems") },
                &params,
            )
        }
        Err(e) => render(loc, key!("ui.receipt.bad"), &[("reason", e.text(loc))]),
    };
    Some((text, name))
}
