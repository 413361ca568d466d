//! The page: choose or drop packages, watch them being checked, filter and sort the table,
//! open one package's report, export what the filters show.

use crate::pool::{self, Slot};
use crate::table::{self, Batch};
use formseal_core::intake::{self, Row, Verdict, View};
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::protocol::{IntakeExport, IntakeRow};
use formseal_core::Locale;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The package pages' style sheet: the package panel's, the verify page's and the intake page's
/// (the form's first download has none of it).
const CSS: &str = include_str!("style.css");

thread_local! {
    /// [`CSS`] as a constructed sheet, made once and shared by every root a page is shown in.
    static SHEET: Option<web_sys::CssStyleSheet> =
        web_sys::CssStyleSheet::new().ok().filter(|sheet| sheet.replace_sync(CSS).is_ok());
}

/// Adds the package pages' style sheet to the widget's shadow root (or the document) that `el` is
/// in, once. A constructed sheet, as `formseal.js` gives the form its own: a strict CSP
/// (`style-src 'self'`) refuses an inline `<style>`, and would leave the pages unstyled — the
/// intake table's rows, whose fixed height the virtualised table relies on, among them.
pub fn adopt_styles(el: &web_sys::Element) {
    SHEET.with(|sheet| {
        let Some(sheet) = sheet else { return };
        let root = wasm_bindgen::JsValue::from(el.get_root_node());
        let key = wasm_bindgen::JsValue::from_str("adoptedStyleSheets");
        let Ok(adopted) = js_sys::Reflect::get(&root, &key) else { return };
        // An array-like (an ObservableArray in current browsers): copied, the sheet added, set back.
        let sheets = js_sys::Array::from(&adopted);
        if !sheets.includes(sheet, 0) {
            sheets.push(sheet);
            let _ = js_sys::Reflect::set(&root, &key, &sheets);
        }
    });
}

/// Today in the browser's time zone, `YYYY-MM-DD` (the date the form rules run as of).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// The page, in the widget's language; `root` is the element it is drawn in, `worker` the
/// package worker's script.
pub fn page(
    locale: RwSignal<Locale>,
    root: NodeRef<leptos::html::Div>,
    call: serde_json::Value,
    worker: String,
) -> impl IntoView {
    let batch = StoredValue::new_local(Batch::default());
    let version = RwSignal::new(0u32);
    let (total, done) = (RwSignal::new(0usize), RwSignal::new(0usize));
    let view = RwSignal::new(View::default());
    let report: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let slots: Vec<Rc<Slot>> = (0..pool::size()).map(|_| Slot::new(worker.clone())).collect();
    let slots = StoredValue::new_local(slots);
    let generation = Rc::new(Cell::new(0u32));
    let stop = generation.clone();
    let call = StoredValue::new(call);

    // A new batch: every file checked by the workers, the table refreshed as rows arrive (at most
    // four times a second, and once at the end, when the rows are put back in the files' order).
    let run = move |files: Vec<(web_sys::File, String)>| {
        let gen = generation.get() + 1;
        generation.set(gen);
        report.set(None);
        message.set(None);
        let n = files.len();
        batch.set_value(Batch::new(files));
        total.set(n);
        done.set(0);
        version.update(|v| *v += 1);
        let next = Rc::new(Cell::new(0usize));
        let last = Rc::new(Cell::new(0.0f64));
        for slot in slots.get_value() {
            let (next, last, generation) = (next.clone(), last.clone(), generation.clone());
            spawn_local(async move {
                loop {
                    let i = next.get();
                    if generation.get() != gen || i >= n {
                        break;
                    }
                    next.set(i + 1);
                    let Some((file, name)) = batch.with_value(|b| b.files.get(i).cloned()) else { break };
                    let request = IntakeRow { today: today(), name: name.clone(), call: Some(call.get_value()) };
                    let row = match slot.call(locale.get_untracked(), &request, &[file.into()], None).await {
                        Ok((row, _)) => Ok(row),
                        Err(f) => Err(format!("{}: {}", f.code, f.message)),
                    };
                    let row = row.unwrap_or_else(|failure| {
                        let mut r = Row::new(name);
                        r.verdict = Verdict::Unreadable;
                        r.failures.push(failure);
                        r
                    });
                    if generation.get() != gen {
                        break;
                    }
                    batch.update_value(|b| b.add(i, row));
                    done.update(|d| *d += 1);
                    let now = js_sys::Date::now();
                    let finished = done.get_untracked() == n;
                    if finished || now - last.get() > 250.0 {
                        last.set(now);
                        batch.update_value(|b| b.regroup(locale.get_untracked(), finished));
                        version.update(|v| *v += 1);
                    }
                }
            });
        }
    };
    let run = StoredValue::new_local(run);
    let selected = Memo::new(move |_| {
        version.track();
        let v = view.get();
        batch.with_value(|b| intake::select(&b.rows, &b.groups, &v))
    });

    let open = move |i: usize| {
        let Some((file, name)) = batch.with_value(|b| b.file_of(i)) else { return };
        report.set(Some((name.clone(), String::new())));
        spawn_local(async move {
            let slot = slots.with_value(|s| s[0].clone());
            let html = crate::verify::report(&slot, locale.get_untracked(), call.get_value(), file, name.clone())
                .await
                .unwrap_or_else(|e| {
                    format!("<p class=\"fs-verify__verdict fs-verify__verdict--bad\">{}</p>", escape(&e))
                });
            report.update(|r| {
                if let Some((shown, h)) = r {
                    if *shown == name {
                        *h = html;
                    }
                }
            });
        });
        focus_title(root);
    };

    let export = move |format: intake::Format| {
        let l = locale.get_untracked();
        let only = selected.get_untracked();
        let rows = batch.with_value(|b| b.rows.clone());
        message.set(None);
        spawn_local(async move {
            let request = IntakeExport { rows, format, only: Some(only), bom: true };
            let slot = slots.with_value(|s| s[0].clone());
            match slot.call(l, &request, &[], None).await {
                Ok((_, bytes)) => download(&bytes.unwrap_or_default(), format),
                Err(f) => message.set(Some(render(l, key!("intake.page.export_failed"), &[("reason", f.message)]))),
            }
        });
    };

    // The packages a receiving service (`formseal serve`) holds: its `GET /packages`, with the
    // secretariat's token; rows verified there on arrival, by the secretariat's call.
    let from_service = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form: web_sys::HtmlFormElement = event_target(&ev);
        let field = |name: &str| {
            form.elements()
                .named_item(name)
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default()
        };
        let (url, token) = (field("service"), field("token"));
        let l = locale.get_untracked();
        // A batch being checked stops adding its rows.
        stop.set(stop.get() + 1);
        report.set(None);
        message.set(None);
        spawn_local(async move {
            match crate::pool::listed(&url, &token).await {
                Ok(rows) => {
                    let n = rows.len();
                    batch.set_value(Batch::of_rows(rows, l));
                    total.set(n);
                    done.set(n);
                    version.update(|v| *v += 1);
                }
                Err(reason) => message.set(Some(render(l, key!("intake.page.service_failed"), &[("reason", reason)]))),
            }
        });
    };
    let from_service = StoredValue::new_local(from_service);
    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let mut files = Vec::new();
        if let Some(list) = input.files() {
            for i in 0..list.length() {
                if let Some(f) = list.get(i) {
                    let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                        .ok()
                        .and_then(|p| p.as_string())
                        .filter(|p| !p.is_empty())
                        .unwrap_or_else(|| f.name());
                    files.push((f, path));
                }
            }
        }
        input.set_value("");
        if !files.is_empty() {
            run.with_value(|run| run(files));
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let Some(items) = ev.data_transfer().map(|d| d.items()) else { return };
        // Entries must be taken while the event lasts; reading folders goes on after it.
        let entries: Vec<web_sys::FileSystemEntry> =
            (0..items.length()).filter_map(|i| items.get(i)?.webkit_get_as_entry().ok().flatten()).collect();
        spawn_local(async move {
            let mut files = Vec::new();
            for e in entries {
                crate::table::walk(e, &mut files).await;
            }
            if !files.is_empty() {
                run.with_value(|run| run(files));
            }
        });
    };

    move || {
        let l = locale.get();
        let tx = move |k: &str| t(l, k);
        if let Some((name, html)) = report.get() {
            return view! {
                <div class="fs-intake">
                    <h2 class="fs-review__title" id=TITLE tabindex="-1">{render(l, key!("intake.page.open"), &[("file", name)])}</h2>
                    <div class="fs-verify__report" role="status" inner_html=html />
                    <div class="fs-actions">
                        <button type="button" class="fs-btn" on:click=move |_| {
                            report.set(None);
                            focus_title(root);
                        }>{tx(key!("intake.page.back_list"))}</button>
                    </div>
                </div>
            }
            .into_any();
        }
        view! {
            <div class="fs-intake">
                <h2 class="fs-review__title" id=TITLE tabindex="-1">{tx(key!("intake.page.title"))}</h2>
                <p class="fs-review__intro">{tx(key!("intake.page.intro"))}</p>
                <div class="fs-verify__drop fs-intake__drop" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for="fs-intake-folder">{tx(key!("intake.page.folder"))}</label>
                    <input id="fs-intake-folder" type="file" prop:webkitdirectory=true multiple on:change=choose />
                    <label for="fs-intake-files">{tx(key!("intake.page.files"))}</label>
                    <input id="fs-intake-files" type="file" multiple accept=".zip,application/zip" on:change=choose />
                    <p class="fs-help">{tx(key!("intake.page.drop"))}</p>
                </div>
                <p class="fs-help fs-intake__service-intro">{tx(key!("intake.page.service_intro"))}</p>
                <form class="fs-intake__filters" on:submit=move |ev| from_service.with_value(|f| f(ev))>
                    <div class="fs-field">
                        <label for="fs-intake-service">{tx(key!("intake.page.service"))}</label>
                        <input id="fs-intake-service" name="service" type="url" class="fs-input fs-intake__url" required placeholder="https://…/packages" />
                    </div>
                    <div class="fs-field">
                        <label for="fs-intake-token">{tx(key!("intake.page.token"))}</label>
                        <input id="fs-intake-token" name="token" type="password" class="fs-input" autocomplete="off" />
                    </div>
                    <button type="submit" class="fs-btn">{tx(key!("intake.page.service_load"))}</button>
                </form>
                <div class="fs-intake__progress" role="status">
                    {move || (total.get() > 0).then(|| {
                        let (d, n) = (done.get(), total.get());
                        view! {
                            <progress max=n value=d aria-label=tx(key!("intake.page.progress_label"))></progress>
                            <span>{render(l, key!("intake.page.progress"), &[("done", d.to_string()), ("total", n.to_string())])}</span>
                            <p class="fs-intake__summary">{move || { version.track(); batch.with_value(|b| b.summary(l)) }}</p>
                        }
                    })}
                </div>
                <p class="fs-package__message fs-package__message--error" role="alert">{move || message.get()}</p>
                {table::filters(view, l)}
                <div class="fs-actions fs-intake__export">
                    <button type="button" class="fs-btn" disabled=move || done.get() == 0 on:click=move |_| export(intake::Format::Csv)>{tx(key!("intake.page.export_csv"))}</button>
                    <button type="button" class="fs-btn" disabled=move || done.get() == 0 on:click=move |_| export(intake::Format::Xlsx)>{tx(key!("intake.page.export_xlsx"))}</button>
                    <span class="fs-help">{tx(key!("intake.page.export_note"))}</span>
                </div>
                {table::results(batch, selected, view, l, Callback::new(open))}
                <div class="fs-actions">
                    <a class="fs-btn" href="#/verify">{tx(key!("intake.page.back"))}</a>
                </div>
            </div>
        }
        .into_any()
    }
}

/// The id of each page's heading, where focus goes when a page or view opens.
pub const TITLE: &str = "fs-page-title";

/// Moves focus to the page's heading after the view changed (found from the page's `root`: in the
/// widget's shadow root, `document.getElementById` does not look).
pub fn focus_title(root: NodeRef<leptos::html::Div>) {
    request_animation_frame(move || focus_title_now(root));
}

/// Moves focus to the page's heading, now.
pub fn focus_title_now(root: NodeRef<leptos::html::Div>) {
    let Some(el) = root.get_untracked() else { return };
    if let Some(h) = el.query_selector(&format!("#{TITLE}")).ok().flatten() {
        let _ = h.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Saves `bytes` as `intake-<date>.<format>` through a download link.
fn download(bytes: &[u8], format: intake::Format) {
    let (kind, extension) = match format {
        intake::Format::Csv => ("text/csv;charset=utf-8", "csv"),
        intake::Format::Json => ("application/json", "json"),
        intake::Format::Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    };
    download_as(bytes, kind, &format!("intake-{}.{extension}", today()));
}

/// Saves `bytes` (of media type `kind`) as `name` through a download link.
pub fn download_as(bytes: &[u8], kind: &str, name: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(kind);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(60));
}
