//! The lookup form, shown when the carrier or tracking number is missing, refused or not
//! found: carriers in the order shoppers look for them, numbers taken as typed without spaces
//! and hyphens.

use super::{Props, Texts};
use crate::api::carrier_table::form_rank;
use crate::browser::form_carriers::FormCarriers;
use crate::i18n::Lang;
use js_sys::{Array, JsString, Object};
use leptos::prelude::*;
use std::cmp::Ordering;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement};

fn field_value(form: &HtmlFormElement, name: &str) -> String {
    form.query_selector(&format!("[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|field| js_sys::Reflect::get(&field, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// Two carrier names in the collation of `lang` (Korean: 가나다 order, Hangul first).
fn collate(a: &str, b: &str, lang: Lang) -> Ordering {
    JsString::from(a)
        .locale_compare(b, &Array::of1(&lang.tag().into()), &Object::new())
        .cmp(&0)
}

/// A number as typed into the form, without the spaces and hyphens receipts print in it.
fn typed_number(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// `submitted` is set when the form is sent: the result then offers "track another parcel".
pub fn lookup_form(props: Props, submitted: RwSignal<bool>, t: &Texts) -> impl IntoView {
    let strings = t.strings.clone();
    let choose_carrier = t.choose_carrier().to_owned();
    let names = t.clone();
    let carriers = props.form_carriers;
    let (carrier, number) = props.parcel.with_untracked(|p| {
        (
            p.carrier.clone().unwrap_or_default(),
            p.tracking_number.clone().unwrap_or_default(),
        )
    });
    let error = RwSignal::new(None::<String>);
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let Some(form) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let carrier = field_value(&form, "carrier");
        let number = typed_number(&field_value(&form, "tracking-number"));
        let (problem, field) = if carrier.trim().is_empty() {
            (Some(strings.missing_carrier().to_owned()), "carrier")
        } else if number.is_empty() {
            (Some(strings.missing_number().to_owned()), "tracking-number")
        } else {
            (None, "")
        };
        let refused = problem.is_some();
        error.set(problem);
        if refused {
            if let Some(field) = form
                .query_selector(&format!("[name=\"{field}\"]"))
                .ok()
                .flatten()
                .and_then(|f: Element| f.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = field.focus();
            }
            return;
        }
        submitted.set(true);
        props.submit.run((carrier, number));
    };
    // A foreign carrier's numbers have letters; Korean ones are digits.
    let chosen = RwSignal::new(carrier.clone());
    let input_mode = move || {
        chosen.with(|id| {
            if id.is_empty() || id.starts_with("kr.") {
                "numeric"
            } else {
                "text"
            }
        })
    };
    let lang = t.lang;
    let carrier_field = move || {
        let selected = carrier.clone();
        match carriers.get() {
            FormCarriers::Loaded(list) => {
                let mut named: Vec<(&str, String)> = list
                    .iter()
                    .map(|info| {
                        (
                            info.id.as_str(),
                            names.carrier_name(&info.id, info.name.as_deref()),
                        )
                    })
                    .collect();
                named.sort_by(|(a, a_name), (b, b_name)| {
                    form_rank(a)
                        .cmp(&form_rank(b))
                        .then_with(|| collate(a_name, b_name, lang))
                });
                let options = named
                    .into_iter()
                    .map(|(id, label)| {
                        view! {
                            <option value=id.to_owned() selected=id == selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <select
                        id="dt-carrier"
                        name="carrier"
                        aria-describedby="dt-form-error"
                        on:change=move |event| chosen.set(event_target_value(&event))
                    >
                        <option value="">{choose_carrier.clone()}</option>
                        {options}
                    </select>
                }
                .into_any()
            }
            FormCarriers::Loading | FormCarriers::Unavailable => view! {
                <input
                    id="dt-carrier"
                    name="carrier"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    value=selected
                    aria-describedby="dt-form-error"
                />
            }
            .into_any(),
        }
    };
    view! {
        <form part="form" class="form" novalidate on:submit=on_submit>
            <h2 class="form-heading">{t.form_heading().to_owned()}</h2>
            <div class="field">
                <label for="dt-carrier">{t.carrier().to_owned()}</label>
                {carrier_field}
            </div>
            <div class="field">
                <label for="dt-number">{t.tracking_number().to_owned()}</label>
                <input
                    id="dt-number"
                    name="tracking-number"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    inputmode=input_mode
                    placeholder=t.number_placeholder().to_owned()
                    value=number
                    aria-describedby="dt-form-error"
                    aria-invalid=move || error.with(|e| e.as_ref().map(|_| "true"))
                />
            </div>
            <p id="dt-form-error" class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="submit">{t.submit().to_owned()}</button>
        </form>
    }
}
