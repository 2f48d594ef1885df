//! The lookup form, shown when the carrier or tracking number is missing or refused.

use super::Texts;
use crate::browser::form_carriers::FormCarriers;
use crate::browser::props::Props;
use leptos::prelude::*;
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

pub fn lookup_form(props: Props, t: &Texts) -> impl IntoView {
    let strings = t.strings.clone();
    let choose_carrier = t.choose_carrier.clone();
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
        let number = field_value(&form, "tracking-number");
        let (problem, field) = if carrier.trim().is_empty() {
            (Some(strings.missing_carrier.clone()), "carrier")
        } else if number.trim().is_empty() {
            (Some(strings.missing_number.clone()), "tracking-number")
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
        props.submit.run((carrier, number));
    };
    let carrier_field = move || {
        let selected = carrier.clone();
        match carriers.get() {
            FormCarriers::Loaded(list) => {
                let options = list
                    .iter()
                    .map(|info| {
                        let label = names.carrier_name(&info.id, info.name.as_deref());
                        view! {
                            <option value=info.id.clone() selected=info.id == selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <select id="dt-carrier" name="carrier" aria-describedby="dt-form-error">
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
            <h2 class="form-heading">{t.form_heading.clone()}</h2>
            <div class="field">
                <label for="dt-carrier">{t.carrier.clone()}</label>
                {carrier_field}
            </div>
            <div class="field">
                <label for="dt-number">{t.tracking_number.clone()}</label>
                <input
                    id="dt-number"
                    name="tracking-number"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    value=number
                    aria-describedby="dt-form-error"
                    aria-invalid=move || error.with(|e| e.as_ref().map(|_| "true"))
                />
            </div>
            <p id="dt-form-error" class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="submit">{t.submit.clone()}</button>
        </form>
    }
}
