//! Repeatable rows (representatives, writers, experience): add, remove with undo, reorder.

use super::field::Field;
use crate::i18n::{label, tr};
use crate::state::{use_app, Loc, RowCtx, RowsAt};
use formseal_core::form::{FieldDef, FieldKind, Row, Text, Value};
use formseal_core::key;
use formseal_core::messages::render;
use leptos::prelude::*;
use std::collections::HashMap;

/// From this many rows on, off-screen rows skip rendering (CSS `content-visibility`).
const LONG_LIST: usize = 10;
/// Rows drawn per frame when many arrive at once (an imported or reopened large draft): the
/// first ones at once, so the form can be typed into while the rest are drawn (issue 16).
const CHUNK: usize = 8;

/// How many rows of a list to draw: all of them, except while many arrive at once — then
/// `CHUNK` more on each animation frame. A few more (a row added) are drawn at once.
fn drawn(count: Memo<usize>) -> RwSignal<usize> {
    let limit = RwSignal::new(CHUNK);
    fn grow(limit: RwSignal<usize>, count: Memo<usize>) {
        request_animation_frame(move || {
            // The form may have gone meanwhile (another form opened).
            if let (Some(l), Some(c)) = (limit.try_get_untracked(), count.try_get_untracked()) {
                if l < c {
                    limit.set(l + CHUNK);
                    grow(limit, count);
                }
            }
        });
    }
    Effect::new(move |_| {
        let (c, l) = (count.get(), limit.get_untracked());
        if c > l + CHUNK {
            grow(limit, count);
        } else if c > l {
            limit.set(c);
        }
    });
    limit
}

/// Focuses the element with this id on the next frame (after the DOM has been updated).
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        crate::browser::dom::focus(&id);
    });
}

/// Focuses the element with this id as soon as the update that creates it has run (within the
/// same task as the click: Chromium then lays the page out once, not again for the focus on the
/// next frame, issue 16), or on the next frame if it is not there by then. For elements that do
/// not exist before the update (a new row's first field): an existing one is focused at once.
pub fn focus_new(id: String) {
    leptos::task::spawn_local(async move {
        for _ in 0..8 {
            leptos::task::tick().await;
            if crate::browser::dom::focus(&id) {
                return;
            }
        }
        focus_later(id);
    });
}

fn row_filled(row: &Row) -> bool {
    row.values.values().any(|v| match v {
        Value::Text(t) => !t.trim().is_empty(),
        Value::Bool(b) => *b,
        Value::List(l) => !l.is_empty(),
        Value::Rows(r) => !r.is_empty(),
        Value::Files(f) => !f.is_empty(),
    })
}

/// Signals of one row: its values, its position and whether it is the last.
type RowSignals = (ArcRwSignal<Row>, ArcRwSignal<usize>, ArcRwSignal<bool>);

/// Keeps per-row signals in step with the answers. An effect compares the list with what it saw
/// last time and sets only the signals of rows that changed, so typing in one row (or outside the
/// list) does not make every row's fields re-check themselves.
fn row_signals(at: RowsAt, parent: Option<RowCtx>) -> (RwSignal<Vec<u64>>, StoredValue<HashMap<u64, RowSignals>>) {
    let app = use_app();
    let keys = RwSignal::new(Vec::new());
    let map: StoredValue<HashMap<u64, RowSignals>> = StoredValue::new(HashMap::new());
    let sync = move |rows: &[Row]| {
        map.update_value(|m| {
            for (i, r) in rows.iter().enumerate() {
                let is_last = i + 1 == rows.len();
                match m.get(&r.key) {
                    Some((row, index, last)) => {
                        if row.with_untracked(|old| old != r) {
                            row.set(r.clone());
                        }
                        if index.get_untracked() != i {
                            index.set(i);
                        }
                        // Set only where it changed: adding a row touches two rows, not all.
                        if last.get_untracked() != is_last {
                            last.set(is_last);
                        }
                    }
                    None => {
                        m.insert(r.key, (ArcRwSignal::new(r.clone()), ArcRwSignal::new(i), ArcRwSignal::new(is_last)));
                    }
                }
            }
            if m.len() > rows.len() {
                m.retain(|k, _| rows.iter().any(|r| r.key == *k));
            }
        });
        if keys.with_untracked(|k| k.len() != rows.len() || k.iter().zip(rows).any(|(a, b)| *a != b.key)) {
            keys.set(rows.iter().map(|r| r.key).collect());
        }
    };
    let read = move |f: &mut dyn FnMut(&[Row])| match (at, parent) {
        (RowsAt::In { sub, .. }, Some(p)) => p.row.with(|r| match r.values.get(sub) {
            Some(Value::Rows(rows)) => f(rows),
            _ => f(&[]),
        }),
        _ => app.answers.with(|a| f(at.rows(a))),
    };
    untrack(|| read(&mut |rows| sync(rows)));
    Effect::new(move |_| read(&mut |rows| sync(rows)));
    (keys, map)
}

/// All rows of a repeatable group, with the buttons to manage them.
#[component]
pub fn Rows(
    /// The group's definition (kind `Rows`).
    def: FieldDef,
    /// Which list of rows this is.
    at: RowsAt,
    /// The row this list is nested in, if any.
    parent: Option<RowCtx>,
) -> impl IntoView {
    let app = use_app();
    // Called for rows only; any other kind gets an empty list, never an abort.
    let (fields, max, row_label) = match &def.kind {
        FieldKind::Rows { fields, max, row_label, .. } => (fields.clone(), *max, row_label.clone()),
        _ => (Vec::new(), 0, def.label.clone()),
    };
    let (keys, signals) = row_signals(at, parent);
    let count = Memo::new(move |_| keys.with(|k| k.len()));
    let limit = drawn(count);
    let prefix = Memo::new(move |_| match parent {
        Some(p) => format!("{}.{}", p.prefix.get(), at.name()),
        None => at.name().to_string(),
    });
    let undo: RwSignal<Option<(usize, Row)>> = RwSignal::new(None);
    let fields = StoredValue::new(fields);
    let row_label = StoredValue::new(row_label);
    let base_id = at.dom_id(&app.id_prefix.get_value());
    let add_id = format!("{base_id}.add");
    let undo_id = format!("{base_id}.undo");
    let first_cell =
        move |key: u64| fields.with_value(|f| f.first().map(|f| app.dom_id(Loc::Cell { rows: at, key, field: f.id })));
    let add = move |_: leptos::ev::MouseEvent| {
        let key = fields.with_value(|f| app.add_row(at, f));
        undo.set(None);
        if let Some(id) = first_cell(key) {
            focus_new(id);
        }
    };
    let remove = {
        let add_id = add_id.clone();
        let undo_id = undo_id.clone();
        move |key: u64| {
            if let Some((i, row)) = app.remove_row(at, key) {
                if row_filled(&row) {
                    undo.set(Some((i, row)));
                    focus_later(undo_id.clone());
                } else {
                    undo.set(None);
                    focus_later(add_id.clone());
                }
            }
        }
    };
    let restore = move |_| {
        if let Some((i, row)) = undo.get_untracked() {
            let key = row.key;
            app.restore_row(at, i, row);
            undo.set(None);
            if let Some(id) = first_cell(key) {
                focus_new(id);
            }
        }
    };
    let legend = label(def.label.clone());
    let row_name = move || row_label.get_value().get(app.locale.get()).to_string();
    let add_text = move || render(app.locale.get(), key!("ui.rows.add"), &[("row", row_name())]);
    view! {
        <fieldset class="fs-rows" class:fs-rows--long=move || { count.get() > LONG_LIST } id=base_id>
            <legend class="fs-rows__legend">{legend}</legend>
            // The rows, and the undo note, in a block of their own: a child added to or removed
            // from a `<fieldset>` makes Chromium rebuild the layout tree of all its children
            // (every row, 200 writers' worth, on each add); a `<div>`'s children are left alone.
            <div class="fs-rows__list">
                <For
                    each=move || keys.with(|k| k[..k.len().min(limit.get())].to_vec())
                    key=|k| *k
                    children=move |key| {
                        let (row, index, last) = signals.with_value(|m| m.get(&key).cloned()).unwrap_or_else(|| {
                            (ArcRwSignal::new(Row::default()), ArcRwSignal::new(0), ArcRwSignal::new(false))
                        });
                        let row = RwSignal::from(row);
                        let index = RwSignal::from(index);
                        let last = RwSignal::from(last);
                        let row_prefix = Memo::new(move |_| format!("{}[{}]", prefix.get(), index.get()));
                        let ctx = RowCtx { rows: at, key, row, index, prefix: row_prefix };
                        view! {
                            <RowView ctx=ctx fields=fields.get_value() row_label=row_label.get_value() count=count last=last on_remove=Callback::new(remove.clone()) />
                        }
                    }
                />
                {move || undo.get().map(|(i, _)| {
                    let text = render(app.locale.get(), key!("ui.rows.removed"), &[("row", row_name()), ("n", (i + 1).to_string())]);
                    view! {
                        <p class="fs-rows__undo" role="status">
                            {text}
                            <button type="button" class="fs-btn fs-btn--link" id=undo_id.clone() on:click=restore>{tr(key!("ui.rows.undo"))}</button>
                        </p>
                    }
                })}
            </div>
            <button type="button" class="fs-btn fs-btn--secondary fs-rows__add" id=add_id disabled=move || { count.get() >= max } on:click=add>
                {add_text}
            </button>
        </fieldset>
    }
}

/// One row: its fields and its move/remove buttons.
#[component]
fn RowView(
    /// The row.
    ctx: RowCtx,
    /// The row's sub-fields.
    fields: Vec<FieldDef>,
    /// What one row is called (`代表`).
    row_label: Text,
    /// Number of rows in the list (read when a row moves, never tracked).
    count: Memo<usize>,
    /// Whether this row is the last: its own signal, so that adding a row does not touch the
    /// other rows' buttons (issue 16).
    last: RwSignal<bool>,
    /// Called to remove this row.
    on_remove: Callback<u64>,
) -> impl IntoView {
    let app = use_app();
    let RowCtx { rows: at, key, index, .. } = ctx;
    let row_label = StoredValue::new(row_label);
    let title = move || format!("{} {}", row_label.get_value().get(app.locale.get()), index.get() + 1);
    let aria = move |k: &'static str| move || render(app.locale.get(), k, &[("row", title())]);
    let row_id = app.dom_id(Loc::Cell { rows: at, key, field: "row" });
    let up_id = format!("{row_id}.up");
    let down_id = format!("{row_id}.down");
    let ids = StoredValue::new((up_id.clone(), down_id.clone()));
    let owner = app.buttons_form();
    // Focus stays on the button pressed, or goes to the other one when the row reached the end
    // where the pressed one is disabled.
    let step = move |d: isize| {
        let i = index.get_untracked();
        app.move_row(at, key, d);
        let up = if d < 0 { i != 1 } else { i + 2 == count.get_untracked() };
        ids.with_value(|(u, w)| focus_later(if up { u } else { w }.clone()));
    };
    let cells = fields
        .into_iter()
        .map(|f| {
            let loc = Loc::Cell { rows: at, key, field: f.id };
            view! { <Field def=f loc=loc row=ctx /> }
        })
        .collect_view();
    view! {
        <fieldset class="fs-row" id=row_id>
            <legend class="fs-row__title">{title}</legend>
            <div class="fs-row__fields">{cells}</div>
            <div class="fs-row__actions">
                <button type="button" class="fs-btn fs-btn--small" form=owner.clone() id=up_id aria-label=aria(key!("ui.rows.up_aria")) disabled=move || { index.get() == 0 } on:click=move |_| step(-1)>{tr(key!("ui.rows.up"))}</button>
                <button type="button" class="fs-btn fs-btn--small" form=owner.clone() id=down_id aria-label=aria(key!("ui.rows.down_aria")) disabled=last on:click=move |_| step(1)>{tr(key!("ui.rows.down"))}</button>
                <button type="button" class="fs-btn fs-btn--small fs-btn--danger" form=owner aria-label=aria(key!("ui.rows.remove_aria")) on:click=move |_| on_remove.run(key)>{tr(key!("ui.rows.remove"))}</button>
            </div>
        </fieldset>
    }
}
