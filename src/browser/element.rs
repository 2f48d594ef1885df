//! The bridge `www/element.js` calls: `mount` renders an element, and its `Tracker` forwards
//! attribute changes, properties and `refresh()`.

use super::controller::Controller;
use super::{styles, view};
use leptos::prelude::Owner;
use std::any::Any;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

/// One connected `<delivery-tracker>`. Freeing it (on disconnect) aborts its requests and
/// unmounts its view.
#[wasm_bindgen]
pub struct Tracker {
    controller: Rc<Controller>,
    /// Leptos' unmount handle: dropping it unmounts the view and disposes the view's signals.
    view: Option<Box<dyn Any>>,
    owner: Owner,
}

/// Renders the element into its shadow root (reused when the element is connected again).
#[wasm_bindgen]
pub fn mount(host: HtmlElement, api_key: Option<String>) -> Result<Tracker, JsValue> {
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    shadow.replace_children_with_node_0();
    styles::adopt(&shadow);
    let document = host.owner_document().ok_or("no document")?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("root");
    shadow.append_child(&container)?;
    // The element's reactive owner: the controller's signals, and below them the view's.
    let owner = Owner::new();
    let controller = owner.with(|| Controller::new(host, api_key));
    let props = owner.with(|| controller.props());
    let view = owner.with(|| leptos::mount::mount_to(container, move || view::widget(props)));
    owner.with(|| controller.watch());
    Ok(Tracker {
        controller,
        view: Some(Box::new(view)),
        owner,
    })
}

#[wasm_bindgen]
impl Tracker {
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, _name: &str) {
        self.controller.read_attributes();
    }

    /// Overrides strings: `{ key: text }` or `{ ko: { … }, en: { … } }`.
    #[wasm_bindgen(js_name = setTranslations)]
    pub fn set_translations(&self, translations: JsValue) {
        self.controller.set_translations(&translations);
    }

    #[wasm_bindgen(js_name = setApiKey)]
    pub fn set_api_key(&self, api_key: Option<String>) {
        self.controller.set_api_key(api_key);
    }

    pub fn state(&self) -> String {
        self.controller.state().to_owned()
    }

    pub fn data(&self) -> JsValue {
        self.controller.data()
    }

    /// Fetches again now; the promise settles when the request ends.
    pub fn refresh(&self) -> js_sys::Promise {
        let finished = self.controller.refresh();
        wasm_bindgen_futures::future_to_promise(async move {
            let _ = finished.await;
            Ok(JsValue::UNDEFINED)
        })
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        drop(self.view.take());
        // Stops the element's requests and timers, and disposes its signals and effects.
        self.owner.cleanup();
    }
}
