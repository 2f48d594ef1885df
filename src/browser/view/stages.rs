//! The five-stage progress, with side states in words.

use super::{ShownTrack, Texts};
use crate::status::{StatusCode, STAGE_COUNT};
use leptos::prelude::*;

/// Every element here has dynamic content: Leptos would build a fully static element from an
/// HTML string (`innerHTML`), which pages enforcing Trusted Types refuse. The stage bar is a
/// CSS `::before` for that reason.
pub fn stages(track: ShownTrack, t: &Texts) -> impl IntoView {
    // Only the stage and the status matter here: new events alone change nothing.
    let shown =
        Memo::new(move |_| track.with(|track| track.as_ref().map(|t| (t.stage, t.status.code))));
    let t = t.clone();
    move || {
        shown
            .get()
            .map(|(stage, code)| stage_bar(stage, code, &t).into_any())
    }
}

fn stage_bar(current: Option<u8>, code: StatusCode, t: &Texts) -> impl IntoView {
    let names = t.stages();
    let items = (1..=STAGE_COUNT)
        .map(|stage| {
            let class = match current {
                Some(c) if stage < c => "stage done",
                Some(c) if stage == c => "stage current",
                _ => "stage",
            };
            let is_current = current == Some(stage);
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
                    {step}
                </li>
            }
        })
        .collect_view();
    let side_state = code.is_side_state().then(|| {
        view! {
            <p class="side-state" data-code=code.as_str()>
                {t.status_words(code, None).to_owned()}
            </p>
        }
    });
    view! {
        <ol part="stages" class="stages" aria-label=t.stages_label.clone()>
            {items}
        </ol>
        {side_state}
    }
}
