//! The five-stage progress, and for a side state (attempt failed, exception, pickup) one callout
//! saying what happened, when, where, and what to do.

use super::actions::phone_link;
use super::summary::time;
use super::{shown_part, whole, ShownTrack, Texts};
use crate::browser::intl::TimeStyle;
use crate::i18n::Strings;
use crate::status::{StatusCode, STAGE_COUNT};
use crate::text::clean;
use crate::track::{Carrier, Event, Track};
use leptos::prelude::*;

/// Every element here has dynamic content: Leptos would build a fully static element from an
/// HTML string (`innerHTML`), which pages enforcing Trusted Types refuse. The stage bar is a
/// CSS `::before` for that reason.
pub fn stages(track: ShownTrack, t: &Texts) -> impl IntoView {
    // Only the stage and the status matter here: new events alone change nothing.
    let shown = shown_part(track, |a, b| {
        (a.stage, a.status.code) == (b.stage, b.status.code)
    });
    let side = shown_part(track, |a, b| side_state(a) == side_state(b));
    let t = t.clone();
    let bar = {
        let t = t.clone();
        move || {
            shown.with(|track| {
                let track = track?;
                Some(whole(stage_bar(track.stage, track.status.code, &t)))
            })
        }
    };
    let callout = move || {
        side.with(|track| {
            let (code, carrier, event) = side_state(track?)?;
            Some(callout(code, carrier, event, &t).into_any())
        })
    };
    view! {
        {callout}
        {bar}
    }
}

/// What a side state's callout shows: the status, the carrier, the newest event; `None` when the
/// parcel is not in a side state.
fn side_state(track: &Track) -> Option<(StatusCode, &Carrier, Option<&Event>)> {
    let code = track.status.code;
    code.is_side_state()
        .then(|| (code, &track.carrier, track.latest_event()))
}

fn stage_bar(current: Option<u8>, code: StatusCode, t: &Texts) -> impl IntoView {
    let names = t.stages();
    let interrupted = code.is_side_state();
    let items = (1..=STAGE_COUNT)
        .map(|stage| {
            let is_current = current == Some(stage);
            let class = match current {
                Some(c) if stage < c => "stage done",
                Some(c) if stage == c && interrupted => "stage current interrupted",
                Some(c) if stage == c => "stage current",
                _ => "stage",
            };
            // The stage a side state stopped at says so in words, not by its colour alone.
            let note = (is_current && interrupted).then(|| {
                view! { <span class="stage-note">{t.stage_interrupted().to_owned()}</span> }
            });
            let step = is_current.then(|| {
                view! {
                    <span class="visually-hidden">
                        {format!(" ({})", t.step_of(stage, STAGE_COUNT))}
                    </span>
                }
            });
            view! {
                <li part="stage" class=class aria-current=is_current.then_some("step")>
                    <span class="stage-name">{names[usize::from(stage - 1)].to_owned()}</span>
                    {note}
                    {step}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol part="stages" class="stages" aria-label=t.stages_label().to_owned()>
            {items}
        </ol>
    }
}

/// A side state's callout: when and where (the newest event), the carrier's own words, and
/// the next step: for a pickup where to collect the parcel, else the carrier's phone.
fn callout(code: StatusCode, carrier: &Carrier, event: Option<&Event>, t: &Texts) -> impl IntoView {
    let location = event.and_then(|e| e.location.as_deref()).map(clean);
    let when = event
        .and_then(|e| e.time.as_deref())
        .map(|raw| time(raw, t.lang, TimeStyle::DateTime));
    let place = location
        .clone()
        .map(|location| view! { " · " <bdi class="callout-location">{location}</bdi> });
    let said = event
        .and_then(|e| e.description.as_deref())
        .map(|text| view! { <p class="callout-detail" dir="auto">{clean(text)}</p> });
    let action = match (code, location) {
        (StatusCode::AvailableForPickup, Some(location)) => view! {
            <p class="callout-action">{Strings::fill(t.pickup_at(), &[("location", &location)])}</p>
        }
        .into_any(),
        _ => {
            let name = clean(&t.carrier_name(&carrier.id, carrier.name.as_deref()));
            let tel = carrier.tel.clone().or_else(|| t.table_tel(&carrier.id));
            view! {
                <p class="callout-action">
                    {t.contact_carrier().to_owned()}
                    " "
                    <bdi>{name}</bdi>
                    " "
                    {phone_link(tel.as_deref(), t)}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <div class="callout" data-code=code.as_str()>
            <p class="callout-when">{when} {place}</p>
            {said}
            {action}
        </div>
    }
}
