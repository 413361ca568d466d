//! The batch the page holds, its filters, and the results table: virtualised (only the rows in
//! view, and a few more, are in the document), so a thousand packages scroll as smoothly as ten.

use formseal_core::intake::{self, Column, Grouped, Key, Row, Verdict, View};
use formseal_core::key;
use formseal_core::messages::{render, t};
use formseal_core::Locale;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The files chosen, and the rows and groups made of them so far.
#[derive(Default)]
pub struct Batch {
    /// Each file with the path it is shown by (relative to the folder chosen).
    pub files: Vec<(web_sys::File, String)>,
    pub rows: Vec<Row>,
    /// For each row, its file's index (rows arrive in any order).
    index: Vec<usize>,
    keys: Vec<Key>,
    pub groups: Vec<Grouped>,
}

impl Batch {
    pub fn new(files: Vec<(web_sys::File, String)>) -> Batch {
        Batch { files, ..Batch::default() }
    }

    /// The rows a receiving service (`formseal serve`) lists: already verified, no files here.
    pub fn of_rows(rows: Vec<Row>, locale: Locale) -> Batch {
        let keys = rows.iter().map(Key::of).collect();
        let mut b = Batch { index: (0..rows.len()).collect(), rows, keys, ..Batch::default() };
        b.groups = intake::group(&b.keys, locale);
        b
    }

    pub fn add(&mut self, file: usize, row: Row) {
        self.keys.push(Key::of(&row));
        self.rows.push(row);
        self.index.push(file);
    }

    /// Groups the rows again; at the end of the batch, first puts them in the files' order (the
    /// order `formseal intake` reports a folder in).
    pub fn regroup(&mut self, locale: Locale, finished: bool) {
        if finished {
            let mut order: Vec<usize> = (0..self.rows.len()).collect();
            order.sort_by_key(|&i| self.index[i]);
            let mut rows: Vec<Option<Row>> = std::mem::take(&mut self.rows).into_iter().map(Some).collect();
            self.rows = order.iter().filter_map(|&i| rows[i].take()).collect();
            self.index = order.iter().map(|&i| self.index[i]).collect();
            self.keys = self.rows.iter().map(Key::of).collect();
        }
        self.groups = intake::group(&self.keys, locale);
    }

    /// The file row `i` was made from.
    pub fn file_of(&self, i: usize) -> Option<(web_sys::File, String)> {
        self.files.get(*self.index.get(i)?).cloned()
    }

    /// The line under the progress bar: as `formseal intake` prints it.
    pub fn summary(&self, l: Locale) -> String {
        let count = |v: Verdict| self.rows.iter().filter(|r| r.verdict == v).count().to_string();
        let superseded = self.groups.iter().filter(|g| g.status == "superseded").count().to_string();
        render(
            l,
            key!("intake.page.summary"),
            &[
                ("valid", count(Verdict::Valid)),
                ("invalid", count(Verdict::Invalid)),
                ("unreadable", count(Verdict::Unreadable)),
                ("other", count(Verdict::NotPackage)),
                ("superseded", superseded),
            ],
        )
    }
}

/// Every file under a dropped entry (folders read recursively, in batches as browsers give them).
pub async fn walk(entry: web_sys::FileSystemEntry, out: &mut Vec<(web_sys::File, String)>) {
    let mut stack = vec![entry];
    while let Some(e) = stack.pop() {
        let path = e.full_path().trim_start_matches('/').to_string();
        if e.is_file() {
            let file_entry: web_sys::FileSystemFileEntry = e.unchecked_into();
            let got = js_sys::Promise::new(&mut |ok, err| {
                file_entry.file_with_callback_and_callback(&ok, &err);
            });
            if let Ok(f) = wasm_bindgen_futures::JsFuture::from(got).await {
                out.push((f.unchecked_into(), path));
            }
        } else if e.is_directory() {
            let reader = e.unchecked_into::<web_sys::FileSystemDirectoryEntry>().create_reader();
            loop {
                let batch = js_sys::Promise::new(&mut |ok, err| {
                    let ok: js_sys::Function = ok;
                    let cb = Closure::once_into_js(move |entries: js_sys::Array| {
                        let _ = ok.call1(&JsValue::NULL, &entries);
                    });
                    let err = Closure::once_into_js(move |e: JsValue| {
                        let _ = err.call1(&JsValue::NULL, &e);
                    });
                    let _ = reader.read_entries_with_callback_and_callback(cb.unchecked_ref(), err.unchecked_ref());
                });
                let Ok(entries) = wasm_bindgen_futures::JsFuture::from(batch).await else { break };
                let entries: js_sys::Array = entries.unchecked_into();
                if entries.length() == 0 {
                    break;
                }
                // Kept in name order, as the CLI walks a folder.
                let mut children: Vec<web_sys::FileSystemEntry> = entries.iter().map(|e| e.unchecked_into()).collect();
                children.sort_by_key(|c| std::cmp::Reverse(c.name()));
                stack.extend(children);
            }
        }
    }
}

/// A verdict as its `<option>` value (its name in the reports' JSON).
fn verdict_value(v: Verdict) -> String {
    serde_json::to_value(v).ok().and_then(|s| s.as_str().map(str::to_string)).unwrap_or_default()
}

/// The search box and the verdict and group filters.
pub fn filters(view: RwSignal<View>, l: Locale) -> impl IntoView {
    let tx = move |k: &str| t(l, k);
    let verdicts: Vec<(String, String)> = Verdict::ALL.iter().map(|v| (verdict_value(*v), v.text(l))).collect();
    let statuses: Vec<(String, String)> = ["current", "superseded", "duplicate"]
        .iter()
        .map(|s| (s.to_string(), intake::status_text(s, l)))
        .chain([("none".to_string(), tx(key!("intake.page.ungrouped")))])
        .collect();
    let all = tx(key!("intake.page.all"));
    view! {
        <div class="fs-intake__filters">
            <div class="fs-field">
                <label for="fs-intake-search">{tx(key!("intake.page.search"))}</label>
                <input id="fs-intake-search" type="search" class="fs-input" prop:value=move || view.with(|v| v.query.clone())
                    on:input=move |ev| view.update(|v| v.query = event_target_value(&ev)) />
            </div>
            <div class="fs-field">
                <label for="fs-intake-verdict">{tx(key!("intake.col.verdict"))}</label>
                <select id="fs-intake-verdict" class="fs-input" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(|v| v.verdict = serde_json::from_value(serde_json::Value::String(value)).ok());
                }>
                    <option value="">{all.clone()}</option>
                    {verdicts.into_iter().map(|(value, text)| {
                        let on = value.clone();
                        let selected = move || view.with(|v| v.verdict.map(verdict_value).as_ref() == Some(&on));
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="fs-field">
                <label for="fs-intake-status">{tx(key!("intake.col.status"))}</label>
                <select id="fs-intake-status" class="fs-input" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(|v| v.status = (!value.is_empty()).then_some(value));
                }>
                    <option value="">{all}</option>
                    {statuses.into_iter().map(|(value, text)| {
                        let on = value.clone();
                        let selected = move || view.with(|v| v.status.as_ref() == Some(&on));
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

/// Height of a row, in CSS pixels (fixed by the style sheet, so the position of any row is known).
const ROW: f64 = 40.0;
/// Rows drawn beyond each edge of the view.
const OVERSCAN: usize = 10;

/// The columns shown: header key, the column it sorts by.
const COLUMNS: [(&str, Column); 8] = [
    (key!("intake.col.file"), Column::File),
    (key!("intake.col.verdict"), Column::Verdict),
    (key!("intake.col.status"), Column::Status),
    (key!("intake.col.unit"), Column::Unit),
    (key!("intake.col.uscc"), Column::Registration),
    (key!("intake.col.signed_at"), Column::SignedAt),
    (key!("intake.col.failures"), Column::Failures),
    (key!("intake.col.groups"), Column::Status),
];

/// The table of the rows `selected` names, in its order.
pub fn results(
    batch: StoredValue<Batch, LocalStorage>,
    selected: Memo<Vec<usize>>,
    view: RwSignal<View>,
    l: Locale,
    open: Callback<usize>,
) -> impl IntoView {
    let top = RwSignal::new(0.0f64);
    let height = RwSignal::new(600.0f64);
    let on_scroll = move |ev: leptos::ev::Event| {
        let el: web_sys::HtmlElement = event_target(&ev);
        top.set(el.scroll_top() as f64);
        height.set(f64::from(el.client_height().max(1)));
    };
    let header = move || {
        COLUMNS
            .iter()
            .enumerate()
            .map(|(c, (key, column))| {
                let column = *column;
                let sorted = move || view.with(|v| v.sort.filter(|(s, _)| *s == column && c != 7));
                let aria = move || match sorted() {
                    Some((_, true)) => "descending",
                    Some((_, false)) => "ascending",
                    None => "none",
                };
                let toggle = move |_| {
                    view.update(|v| {
                        v.sort = match v.sort {
                            Some((s, false)) if s == column => Some((column, true)),
                            Some((s, true)) if s == column => None,
                            _ => Some((column, false)),
                        }
                    })
                };
                let label = t(l, key);
                if c == 7 {
                    return view! { <th scope="col" class="fs-intake__col-groups">{label}</th> }.into_any();
                }
                view! {
                    <th scope="col" aria-sort=aria>
                        <button type="button" class="fs-intake__sort" on:click=toggle>{label}</button>
                    </th>
                }
                .into_any()
            })
            .collect_view()
    };
    let body = move || {
        let ids = selected.get();
        let first = ((top.get() / ROW) as usize).saturating_sub(OVERSCAN).min(ids.len());
        let count = (height.get() / ROW).ceil() as usize + 2 * OVERSCAN;
        let last = (first + count).min(ids.len());
        let rows = batch.with_value(|b| {
            ids[first..last]
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let open = b.file_of(i).is_some().then_some(open);
                    row(&b.rows[i], b.groups.get(i), i, first + k + 2, l, open)
                })
                .collect_view()
        });
        let below = (ids.len() - last) as f64 * ROW;
        view! {
            <tr class="fs-intake__spacer" aria-hidden="true" style:height=format!("{}px", first as f64 * ROW)></tr>
            {rows}
            <tr class="fs-intake__spacer" aria-hidden="true" style:height=format!("{below}px")></tr>
        }
    };
    let count = move || {
        let shown = selected.with(Vec::len);
        let total = batch.with_value(|b| b.rows.len());
        render(l, key!("intake.page.shown"), &[("shown", shown.to_string()), ("total", total.to_string())])
    };
    view! {
        <p class="fs-intake__count" aria-live="polite">{count}</p>
        <div class="fs-intake__scroll" tabindex="0" role="region" aria-label=t(l, key!("intake.page.table")) on:scroll=on_scroll>
            <table class="fs-intake__table" aria-rowcount=move || selected.with(Vec::len) + 1>
                <thead><tr aria-rowindex="1">{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One row of the table; its file name opens the package's report (when the file is here: not
/// for rows read from a receiving service).
fn row(r: &Row, g: Option<&Grouped>, i: usize, at: usize, l: Locale, open: Option<Callback<usize>>) -> impl IntoView {
    let verdict = match r.verdict {
        Verdict::Valid => "valid",
        Verdict::Invalid => "invalid",
        Verdict::Unreadable => "unreadable",
        Verdict::NotPackage => "other",
    };
    let status = g.map(|g| intake::status_text(g.status, l)).unwrap_or_default();
    let notes = g.map(|g| g.notes.join("；")).unwrap_or_default();
    let notes_title = notes.clone();
    let failures = r.failures.join("\n");
    let n = (!r.failures.is_empty())
        .then(|| render(l, key!("intake.page.failures"), &[("n", r.failures.len().to_string())]));
    // A file or unit name with a direction override or a zero-width character is shown with it
    // as `\u{…}`, as in every other report, not obeyed (`scan\u{202e}fdp.exe` is not `scanexe.pdf`).
    let shown = |s: &str| formseal_core::rules::normalize::show_hidden(s, &[]).into_owned();
    let (file, unit) = (shown(&r.file), shown(&r.unit));
    view! {
        <tr aria-rowindex=at class="fs-intake__row">
            <td>
                <button type="button" class="fs-intake__open" title=file.clone() disabled=open.is_none()
                    aria-label=render(l, key!("intake.page.open"), &[("file", r.file.clone())])
                    on:click=move |_| if let Some(open) = open { open.run(i) }>{file.clone()}</button>
            </td>
            <td><span class=format!("fs-intake__verdict fs-intake__verdict--{verdict}")>{r.verdict.text(l)}</span></td>
            <td>{status}</td>
            <td title=unit.clone()>{unit.clone()}</td>
            <td class="fs-mono">{r.registration.clone()}</td>
            <td class="fs-mono">{r.signed_at.clone()}</td>
            <td title=failures>{n}</td>
            <td title=notes_title>{notes}</td>
        </tr>
    }
}
