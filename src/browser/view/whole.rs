//! A view that a rebuild replaces whole instead of patching in place.
//!
//! A type-erased view (`AnyView`) keeps, for every view type put in one, the code that patches
//! an old view of that type into a new one: as large as the code building it, and for views
//! that are rebuilt rarely (a screen when the language changes, the stage bar when the stage
//! does), worth less than its bytes. `whole(view)` erases a view whose rebuild builds the new
//! one and puts it where the old one was, as a reactive closure's rebuild does: only the
//! building code stays in the wasm. Not for views holding what the shopper typed, or focus
//! that a frequent rebuild would take away.
//!
//! Inside a whole view, a choice between two views is an `Either`, not an `AnyView`: nothing
//! there is patched, and an `AnyView` would bring its type's patching code all the same.
//! Where a choice is patched (a reactive closure's), `AnyView` is the smaller.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// `view`, erased; a rebuild replaces it instead of patching it.
pub fn whole(view: impl RenderHtml + 'static) -> AnyView {
    Whole(view).into_any()
}

struct Whole<V>(V);

impl<V: Render> Render for Whole<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut old = std::mem::replace(state, self.0.build());
        old.insert_before_this(state);
        old.unmount();
    }
}

// The rest only forwards to the view: server rendering and hydration are not used by the
// element (client-side rendering only), but `AnyView` requires them.
impl<V: AddAnyAttr> AddAnyAttr for Whole<V> {
    type Output<SomeNewAttr: Attribute> = Whole<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Whole(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Whole<V> {
    type AsyncOutput = Whole<V::AsyncOutput>;
    type Owned = Whole<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Whole(self.0.resolve().await)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        Whole(self.0.into_owned())
    }
}
