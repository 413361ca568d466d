//! The controls of the simple field kinds: text, date, single choice, multiple choice, agreement.

use super::field::{text_of, FieldCtx};
use crate::i18n::label;
use crate::state::use_app;
use formseal_core::form::{FieldDef, FieldKind, Format, Value};
use formseal_core::key;
use leptos::prelude::*;

/// Browser hints (keyboard, autofill) for each format.
fn hints(format: Option<Format>) -> (&'static str, &'static str) {
    match format {
        Some(Format::Mobile) => ("tel", "tel"),
        Some(Format::Landline) | Some(Format::Fax) => ("tel", "tel"),
        Some(Format::Postcode) => ("numeric", "postal-code"),
        Some(Format::Email) => ("email", "email"),
        Some(Format::OrgName) | Some(Format::EnglishOrgName) => ("text", "organization"),
        Some(Format::PersonName) => ("text", "name"),
        _ => ("text", "off"),
    }
}

/// A one-line or multi-line text control.
#[component]
pub fn TextInput(
    /// The field's definition.
    def: FieldDef,
    /// The field's value, path, messages and ids.
    ctx: FieldCtx,
    /// Whether the field has a help text to reference.
    has_help: bool,
) -> impl IntoView {
    let app = use_app();
    let (value, text) = (ctx.value, ctx.text_fn());
    // Called for text fields only; any other kind gets a plain text box, never an abort.
    let (multiline, format, max_chars) = match def.kind {
        FieldKind::Text { multiline, format, max_chars } => (multiline, format, max_chars),
        _ => (false, None, 0),
    };
    let invalid = ctx.invalid();
    let described = ctx.ids.described_by(has_help);
    let (c1, c2) = (ctx.clone(), ctx.clone());
    let required = def.required;
    if multiline {
        let count = move || {
            let n = value.with(|v| text_of(v).chars().count());
            formseal_core::messages::render(
                app.locale.get(),
                key!("ui.char_count"),
                &[("n", n.to_string()), ("max", max_chars.to_string())],
            )
        };
        return view! {
            <textarea
                class="fs-input fs-input--long"
                id=ctx.ids.input.clone()
                rows="5"
                maxlength=formseal_core::form::MAX_TEXT_UNITS
                aria-describedby=described
                aria-invalid=invalid
                aria-required=required.to_string()
                prop:value=text
                on:input=move |ev| c1.set(Value::Text(event_target_value(&ev)))
                on:focusout=move |_| c2.touch()
            ></textarea>
            <p class="fs-field__count" aria-hidden="true">{count}</p>
        }
        .into_any();
    }
    let (inputmode, autocomplete) = hints(format);
    let class = match format {
        Some(Format::Uscc) => "fs-input fs-input--code",
        Some(Format::Postcode) => "fs-input fs-input--short",
        _ => "fs-input",
    };
    view! {
        <input
            type="text"
            class=class
            id=ctx.ids.input.clone()
            inputmode=inputmode
            autocomplete=autocomplete
            spellcheck="false"
            maxlength=formseal_core::form::MAX_TEXT_UNITS
            aria-describedby=described
            aria-invalid=invalid
            aria-required=required.to_string()
            prop:value=text
            on:input=move |ev| c1.set(Value::Text(event_target_value(&ev)))
            on:focusout=move |_| c2.touch()
        />
    }
    .into_any()
}

/// A date control (`YYYY-MM-DD`).
#[component]
pub fn DateInput(
    /// The field's definition.
    def: FieldDef,
    /// The field's value, path, messages and ids.
    ctx: FieldCtx,
    /// Whether the field has a help text to reference.
    has_help: bool,
) -> impl IntoView {
    let value = ctx.text_fn();
    let invalid = ctx.invalid();
    let described = ctx.ids.described_by(has_help);
    let (c1, c2) = (ctx.clone(), ctx.clone());
    view! {
        <input
            type="date"
            class="fs-input fs-input--date"
            id=ctx.ids.input.clone()
            aria-describedby=described
            aria-invalid=invalid
            aria-required=def.required.to_string()
            prop:value=value
            on:input=move |ev| c1.set(Value::Text(event_target_value(&ev)))
            on:focusout=move |_| c2.touch()
        />
    }
}

/// Radio buttons for a single choice, in a fieldset whose legend is the field's label.
#[component]
pub fn ChoiceInput(
    /// The field's definition.
    def: FieldDef,
    /// The field's value, path, messages and ids.
    ctx: FieldCtx,
) -> impl IntoView {
    let value = ctx.value;
    let invalid = ctx.invalid();
    let options = match &def.kind {
        FieldKind::Choice { options } => options.clone(),
        _ => Vec::new(),
    };
    let ids = ctx.ids.clone();
    let name = ids.input.clone();
    let legend = label(def.label.clone());
    let radios = options
        .into_iter()
        .enumerate()
        .map(|(n, o)| {
            let id = if n == 0 { ids.input.clone() } else { format!("{}-{n}", ids.input) };
            let for_id = id.clone();
            let v = o.value.clone();
            let v2 = o.value.clone();
            let c = ctx.clone();
            view! {
                <label class="fs-option" for=for_id>
                    <input
                        type="radio"
                        id=id
                        name=name.clone()
                        value=o.value.clone()
                        prop:checked=move || value.with(|cur| text_of(cur) == v)
                        on:change=move |_| {
                            c.set(Value::Text(v2.clone()));
                            c.touch();
                        }
                    />
                    {label(o.label)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fs-choices" role="radiogroup" aria-describedby=ids.msg.clone() aria-invalid=invalid aria-required=def.required.to_string()>
            <legend class="fs-visually-hidden">{legend}</legend>
            {radios}
        </fieldset>
    }
}

/// Check boxes for a multiple choice; each option may carry a hint (e.g. a working group's name).
#[component]
pub fn MultiInput(
    /// The field's definition.
    def: FieldDef,
    /// The field's value, path, messages and ids.
    ctx: FieldCtx,
) -> impl IntoView {
    let options = match &def.kind {
        FieldKind::MultiChoice { options, .. } => options.clone(),
        _ => Vec::new(),
    };
    let invalid = ctx.invalid();
    let ids = ctx.ids.clone();
    let value = ctx.value;
    let legend = label(def.label.clone());
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(n, o)| {
            let id = if n == 0 { ids.input.clone() } else { format!("{}-{n}", ids.input) };
            let for_id = id.clone();
            let v = o.value.clone();
            let v2 = o.value.clone();
            let order: Vec<String> = match &def.kind {
                FieldKind::MultiChoice { options, .. } => options.iter().map(|o| o.value.clone()).collect(),
                _ => vec![],
            };
            let checked = Memo::new(move |_| matches!(value.get(), Some(Value::List(l)) if l.contains(&v)));
            let c = ctx.clone();
            let hint = o.hint.clone().map(|h| view! { <span class="fs-option__hint">{label(h)}</span> });
            view! {
                <label class="fs-option fs-option--box" for=for_id>
                    <input
                        type="checkbox"
                        id=id
                        value=o.value.clone()
                        prop:checked=move || checked.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut list = match value.get_untracked() {
                                Some(Value::List(l)) => l,
                                _ => Vec::new(),
                            };
                            list.retain(|x| *x != v2);
                            if on {
                                list.push(v2.clone());
                            }
                            // In the options' order (values no option has first, as found).
                            let mut ordered: Vec<String> = list.iter().filter(|x| !order.contains(x)).cloned().collect();
                            ordered.extend(order.iter().filter(|o| list.contains(o)).cloned());
                            c.set(Value::List(ordered));
                            c.touch();
                        }
                    />
                    <span class="fs-option__label">{label(o.label)}</span>
                    {hint}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fs-choices fs-choices--grid" aria-describedby=ids.msg.clone() aria-invalid=invalid>
            <legend class="fs-visually-hidden">{legend}</legend>
            {boxes}
        </fieldset>
    }
}

/// A declaration to tick: the statement is the check box's label.
#[component]
pub fn AgreeInput(
    /// The field's definition.
    def: FieldDef,
    /// The field's value, path, messages and ids.
    ctx: FieldCtx,
) -> impl IntoView {
    let statement = match &def.kind {
        FieldKind::Agree { statement } => statement.clone(),
        _ => def.label.clone(),
    };
    let value = ctx.value;
    let checked = Memo::new(move |_| matches!(value.get(), Some(Value::Bool(true))));
    let ids = ctx.ids.clone();
    let id = ids.input.clone();
    let c = ctx.clone();
    let for_id = id.clone();
    view! {
        <label class="fs-option fs-option--agree" for=for_id>
            <input
                type="checkbox"
                id=id
                aria-describedby=ids.msg.clone()
                aria-invalid=ctx.invalid()
                aria-required=def.required.to_string()
                prop:checked=move || checked.get()
                on:change=move |ev| {
                    c.set(Value::Bool(event_target_checked(&ev)));
                    c.touch();
                }
            />
            <span>{label(statement)}</span>
        </label>
    }
}
