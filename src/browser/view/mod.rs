//! The element's view: one Leptos tree per element, inside its shadow root.

mod actions;
mod form;
mod notice;
mod stages;
mod summary;
mod timeline;
pub(super) mod whole;

pub use super::props::{Phase, Props};
use crate::api::carrier_table::{display_name, known_carrier};
use crate::api::error::{ErrorKind, Message};
use crate::i18n::{Lang, Strings};
use crate::settings::Mode;
use crate::track::Track;
use leptos::prelude::*;
use std::ops::Deref;
use std::sync::Arc;
use whole::whole;

/// The element's language (for `Intl`) and its strings.
#[derive(Clone)]
pub struct Texts {
    pub lang: Lang,
    pub strings: Arc<Strings>,
}

impl Texts {
    /// A carrier's name in the element's language (see `carrier_table::display_name`).
    pub fn carrier_name(&self, id: &str, api_name: Option<&str>) -> String {
        display_name(id, api_name, self.lang)
    }

    /// The shipped table's phone number for a carrier (E.164).
    pub fn table_tel(&self, id: &str) -> Option<String> {
        known_carrier(id)?.tel.map(str::to_owned)
    }
}

impl Deref for Texts {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        &self.strings
    }
}

/// Which screen the element shows. The screen is rebuilt only when this changes: a refresh that
/// keeps the result on screen changes what is inside it, through the memos below, and nothing
/// else (the timeline keeps what the user opened).
#[derive(Clone, PartialEq)]
enum Screen {
    Idle,
    Loading,
    Ready,
    NotFound(Message),
    Invalid(Message),
    Fallback(ErrorKind),
}

impl Screen {
    fn of(phase: &Phase) -> Self {
        match phase {
            Phase::Idle => Self::Idle,
            Phase::Loading => Self::Loading,
            Phase::Ready(_) => Self::Ready,
            Phase::NotFound(message) => Self::NotFound(message.clone()),
            Phase::Invalid(message) => Self::Invalid(message.clone()),
            Phase::Fallback(kind) => Self::Fallback(*kind),
        }
    }
}

/// The shown result, `None` outside the ready screen, read from the phase through a memo that
/// notifies only when what one view shows of the result changes. Every view's memo holds the
/// phase: one memo value type for all (each distinct memo value type costs its own reactive
/// code in the wasm); the view reads what it shows from the result itself.
#[derive(Clone, Copy)]
pub struct ShownTrack {
    phase: RwSignal<Phase>,
    shown: Memo<Phase>,
}

impl ShownTrack {
    /// The shown result of `phase`, notifying when one comes or goes, or when `same` says that
    /// it changed.
    fn new(phase: RwSignal<Phase>, same: fn(&Track, &Track) -> bool) -> Self {
        let shown = Memo::new_owning(move |previous: Option<Phase>| {
            let now = phase.get();
            let changed = match (previous.as_ref().map(ready), ready(&now)) {
                (Some(Some(previous)), Some(now)) => !same(previous, now),
                (Some(None), None) => false,
                _ => true,
            };
            (now, changed)
        });
        Self { phase, shown }
    }

    /// Reads the shown result, tracking it.
    pub fn with<R>(self, read: impl FnOnce(Option<&Track>) -> R) -> R {
        self.shown.with(|phase| read(ready(phase)))
    }
}

fn ready(phase: &Phase) -> Option<&Track> {
    match phase {
        Phase::Ready(track) => Some(track),
        _ => None,
    }
}

/// The shown result, notifying only when what one view shows of it changes (`same` says when
/// it does not).
fn shown_part(track: ShownTrack, same: fn(&Track, &Track) -> bool) -> ShownTrack {
    ShownTrack::new(track.phase, same)
}

pub fn widget(props: Props) -> impl IntoView {
    let Props {
        phase,
        mode,
        lang,
        strings,
        theme,
        announcement,
        link,
        ..
    } = props;
    // Whether the shopper used the lookup form: a result then offers "track another parcel".
    let submitted = RwSignal::new(false);
    let busy = move || phase.with(|p| matches!(p, Phase::Loading)).to_string();
    // The phase, notifying only when the screen changes (a memo of the phase's type, see
    // `ShownTrack`).
    let screen = Memo::new_owning(move |previous: Option<Phase>| {
        let now = phase.get();
        let changed = previous.is_none_or(|previous| Screen::of(&previous) != Screen::of(&now));
        (now, changed)
    });
    // Equal results (a refresh bringing the same data) notify nothing.
    let track = ShownTrack::new(phase, |a, b| a == b);
    view! {
        <div
            part="base"
            class="base"
            data-theme=move || theme.get().as_str()
            data-mode=move || match mode.get() {
                Mode::Full => "full",
                Mode::Compact => "compact",
                Mode::Link => "link",
            }
            lang=move || lang.get().tag()
            aria-busy=busy
        >
            // Present from the start so screen readers announce what is put in it later.
            <div class="visually-hidden" role="status" aria-live="polite">
                {move || announcement.get()}
            </div>
            {move || {
                let texts = Texts {
                    lang: lang.get(),
                    strings: strings.get(),
                };
                let shown = (screen.with(Screen::of), mode.get());
                body(props, submitted, shown, track, &texts, link.get())
            }}
        </div>
    }
}

fn body(
    props: Props,
    submitted: RwSignal<bool>,
    (screen, mode): (Screen, Mode),
    track: ShownTrack,
    t: &Texts,
    link: Option<String>,
) -> AnyView {
    let form = |t: &Texts| form::lookup_form(props, submitted, t);
    // The screens holding the form patch it when rebuilt (a language change keeps what the
    // shopper typed); the others are rebuilt whole (see `whole`).
    match screen {
        Screen::Idle if mode == Mode::Link => whole(notice::link_only(link, t)),
        Screen::Idle => form(t).into_any(),
        Screen::Loading => whole(view! {
            <p class="loading">{t.loading().to_owned()}</p>
        }),
        Screen::Ready if mode == Mode::Compact => whole(summary::compact(props, track, t, link)),
        Screen::Ready => {
            let another = move || props.track_another.run(());
            let track_another = submitted.get_untracked().then(|| {
                view! {
                    <button type="button" class="another" on:click=move |_| another()>
                        {t.track_another().to_owned()}
                    </button>
                }
            });
            whole(view! {
                {summary::summary(props, track, t, link.clone())}
                {stages::stages(track, t)}
                {timeline::timeline(track, t)}
                <footer class="footer">{notice::tracking_link(link, t)} {track_another}</footer>
            })
        }
        Screen::NotFound(message) => view! {
            {notice::not_found(props, &message, link, t)}
            {form(t)}
        }
        .into_any(),
        Screen::Invalid(message) => view! {
            {notice::invalid(t.invalid_heading().to_owned(), t.message(&message))}
            {form(t)}
        }
        .into_any(),
        Screen::Fallback(kind) => whole(notice::fallback(props, kind, link, t)),
    }
}
