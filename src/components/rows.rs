//! Repeatable rows (representatives, writers, experience): add, remove with undo, reorder.

use super::field::Field;
use crate::i18n::{label, tr};
use crate::state::{use_app, Loc};
use formseal_core::form::{FieldDef, FieldKind, Row, Value};
use formseal_core::messages::render;
use leptos::prelude::*;

/// Focuses the element with this id on the next frame (after the DOM has been updated).
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
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

/// All rows of a repeatable group, with the buttons to manage them.
#[component]
pub fn Rows(
    /// The group's definition (kind `Rows`).
    def: FieldDef,
) -> impl IntoView {
    let app = use_app();
    let FieldKind::Rows { fields, max, row_label, .. } = def.kind.clone() else { unreachable!() };
    let group = def.id;
    let keys = Memo::new(move |_| app.answers.with(|a| a.rows(group).iter().map(|r| r.key).collect::<Vec<_>>()));
    let count = Memo::new(move |_| keys.with(|k| k.len()));
    let undo: RwSignal<Option<(usize, Row)>> = RwSignal::new(None);
    let fields = StoredValue::new(fields);
    let row_label = StoredValue::new(row_label);
    let add_id = format!("{}-add", app.dom_id(Loc::Top(group)));
    let undo_id = format!("{}-undo", app.dom_id(Loc::Top(group)));
    let add = {
        move |_: leptos::ev::MouseEvent| {
            if let Some(key) = app.add_row(group) {
                undo.set(None);
                if let Some(first) = fields.with_value(|f| f.first().map(|f| f.id)) {
                    focus_later(app.dom_id(Loc::Cell { group, key, field: first }));
                }
            }
        }
    };
    let remove = {
        let add_id = add_id.clone();
        let undo_id = undo_id.clone();
        move |key: u64| {
            if let Some((i, row)) = app.remove_row(group, key) {
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
            app.restore_row(group, i, row);
            undo.set(None);
            if let Some(first) = fields.with_value(|f| f.first().map(|f| f.id)) {
                focus_later(app.dom_id(Loc::Cell { group, key, field: first }));
            }
        }
    };
    let legend = label(def.label.clone());
    let add_text = move || {
        render(app.locale.get(), "ui.rows.add", &[("row", row_label.get_value().get(app.locale.get()).to_string())])
    };
    view! {
        <fieldset class="fs-rows" id=app.dom_id(Loc::Top(group))>
            <legend class="fs-rows__legend">{legend}</legend>
            <For
                each=move || keys.get()
                key=|k| *k
                children=move |key| {
                    let remove = remove.clone();
                    view! { <RowView group=group key=key fields=fields.get_value() row_label=row_label.get_value() count=count on_remove=Callback::new(remove) /> }
                }
            />
            {move || undo.get().map(|(i, _)| {
                let text = render(app.locale.get(), "ui.rows.removed", &[("row", row_label.get_value().get(app.locale.get()).to_string()), ("n", (i + 1).to_string())]);
                view! {
                    <p class="fs-rows__undo" role="status">
                        {text}
                        <button type="button" class="fs-btn fs-btn--link" id=undo_id.clone() on:click=restore>{tr("ui.rows.undo")}</button>
                    </p>
                }
            })}
            <button type="button" class="fs-btn fs-btn--secondary fs-rows__add" id=add_id disabled=move || { count.get() >= max } on:click=add>
                {add_text}
            </button>
        </fieldset>
    }
}

/// One row: its fields and its move/remove buttons.
#[component]
fn RowView(
    /// The group the row belongs to.
    group: &'static str,
    /// The row's stable key.
    key: u64,
    /// The row's sub-fields.
    fields: Vec<FieldDef>,
    /// What one row is called (`代表`).
    row_label: formseal_core::form::Text,
    /// Number of rows in the group.
    count: Memo<usize>,
    /// Called to remove this row.
    on_remove: Callback<u64>,
) -> impl IntoView {
    let app = use_app();
    let index = Memo::new(move |_| app.answers.with(|a| a.rows(group).iter().position(|r| r.key == key).unwrap_or(0)));
    let row_label = StoredValue::new(row_label);
    let title = move || format!("{} {}", row_label.get_value().get(app.locale.get()), index.get() + 1);
    let aria = move |k: &'static str| move || render(app.locale.get(), k, &[("row", title())]);
    let move_by = move |delta: isize| {
        app.answers.update(|a| {
            if let Some(Value::Rows(rows)) = a.0.get_mut(group) {
                if let Some(i) = rows.iter().position(|r| r.key == key) {
                    let j = i as isize + delta;
                    if j >= 0 && (j as usize) < rows.len() {
                        rows.swap(i, j as usize);
                    }
                }
            }
        });
    };
    let up_id = format!("{}-up", app.dom_id(Loc::Cell { group, key, field: "row" }));
    let down_id = format!("{}-down", app.dom_id(Loc::Cell { group, key, field: "row" }));
    let up_focus = up_id.clone();
    let down_focus = down_id.clone();
    let cells = fields
        .into_iter()
        .map(|f| {
            let loc = Loc::Cell { group, key, field: f.id };
            view! { <Field def=f loc=loc /> }
        })
        .collect_view();
    view! {
        <fieldset class="fs-row" id=app.dom_id(Loc::Cell { group, key, field: "row" })>
            <legend class="fs-row__title">{title}</legend>
            <div class="fs-row__fields">{cells}</div>
            <div class="fs-row__actions">
                <button type="button" class="fs-btn fs-btn--small" id=up_id aria-label=aria("ui.rows.up_aria") disabled=move || index.get() == 0 on:click=move |_| { move_by(-1); focus_later(up_focus.clone()); }>{tr("ui.rows.up")}</button>
                <button type="button" class="fs-btn fs-btn--small" id=down_id aria-label=aria("ui.rows.down_aria") disabled=move || { index.get() + 1 >= count.get() } on:click=move |_| { move_by(1); focus_later(down_focus.clone()); }>{tr("ui.rows.down")}</button>
                <button type="button" class="fs-btn fs-btn--small fs-btn--danger" aria-label=aria("ui.rows.remove_aria") on:click=move |_| on_remove.run(key)>{tr("ui.rows.remove")}</button>
            </div>
        </fieldset>
    }
}
