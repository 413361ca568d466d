//! The PDF fonts in the worker: fetched next to the worker script the first time a PDF is made
//! (the second, larger part only when the application has a character outside GB2312), then kept
//! in memory for the worker's life; the browser's HTTP cache keeps them across visits. The offline
//! file carries them inline (`FORMSEAL_FONTS`).

use formseal_core::form::{Answers, FormDef};
use formseal_core::key;
use formseal_core::messages::{render, Locale};
use formseal_core::pdf::{self, FontSet};
use std::cell::RefCell;
use std::rc::Rc;

/// The committed subsets, in order of use (see `scripts/make-fonts.py`).
const FILES: [&str; 2] = ["fonts/formseal-serif-sc-1.otf", "fonts/formseal-serif-sc-2.otf"];

thread_local! {
    static LOADED: RefCell<[Option<Rc<Vec<u8>>>; 2]> = const { RefCell::new([None, None]) };
}

/// Fetches font file `i` synchronously (allowed in workers), relative to the worker script.
fn fetch(i: usize, loc: Locale) -> Result<Rc<Vec<u8>>, String> {
    if let Some(bytes) = LOADED.with(|l| l.borrow()[i].clone()) {
        return Ok(bytes);
    }
    let failed = |reason: String| render(loc, key!("pdf.fetch_failed"), &[("reason", reason)]);
    if let Some(bytes) = inline(i) {
        let bytes = Rc::new(bytes);
        LOADED.with(|l| l.borrow_mut()[i] = Some(bytes.clone()));
        return Ok(bytes);
    }
    // Next to the worker script, or in the widget's folder when the worker started from a
    // same-origin shim (the widget served from another origin: `FORMSEAL_BASE`).
    let base = js_sys::Reflect::get(&js_sys::global(), &"FORMSEAL_BASE".into()).ok().and_then(|b| b.as_string());
    let url = format!("{}{}", base.unwrap_or_default(), FILES[i]);
    let xhr = web_sys::XmlHttpRequest::new().map_err(|e| failed(format!("{e:?}")))?;
    xhr.open_with_async("GET", &url, false).map_err(|e| failed(format!("{e:?}")))?;
    xhr.set_response_type(web_sys::XmlHttpRequestResponseType::Arraybuffer);
    xhr.send().map_err(|_| failed(url.clone()))?;
    let status = xhr.status().unwrap_or(0);
    if status != 200 && status != 0 {
        return Err(failed(format!("HTTP {status}: {url}")));
    }
    let buffer = xhr.response().map_err(|e| failed(format!("{e:?}")))?;
    let bytes = Rc::new(js_sys::Uint8Array::new(&buffer).to_vec());
    if bytes.is_empty() {
        return Err(failed(url));
    }
    LOADED.with(|l| l.borrow_mut()[i] = Some(bytes.clone()));
    Ok(bytes)
}

/// Font `i` from `FORMSEAL_FONTS` (base64), which the self-contained offline file puts in its worker.
fn inline(i: usize) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let fonts = js_sys::Reflect::get(&js_sys::global(), &"FORMSEAL_FONTS".into()).ok().filter(|f| f.is_object())?;
    let text = js_sys::Reflect::get_u32(&fonts, i as u32).ok()?.as_string()?;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// The fonts this application needs: the GB2312 part, and the rest of GBK only if some character
/// needs it. Characters neither has are reported by the renderer, by name and field.
pub fn for_answers(form: &FormDef, answers: &Answers, loc: Locale) -> Result<FontSet, String> {
    let bad = |e: pdf::BadFont| pdf::PdfError::BadFont(e.index).text(loc);
    let first = fetch(0, loc)?;
    let one = FontSet::new(vec![first.to_vec()]).map_err(bad)?;
    if pdf::missing_chars(form, answers, &one, loc).is_empty() {
        return Ok(one);
    }
    let second = fetch(1, loc)?;
    FontSet::new(vec![first.to_vec(), second.to_vec()]).map_err(bad)
}
