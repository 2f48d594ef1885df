//! The browser layer: the element bridge that `www/index.js` calls, over Leptos views.

mod api;
mod carriers;
mod client;
mod controller;
mod events;
mod http;
mod intl;
mod json;
mod shared;
mod styles;
mod view;

use controller::Controller;
use std::any::Any;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

/// A message for the page's developer in the console.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "<delivery-tracker>: {message}"
    )));
}

/// One connected `<delivery-tracker>`. Freeing it (on disconnect) aborts its requests and
/// unmounts its view.
#[wasm_bindgen]
pub struct Tracker {
    controller: Rc<Controller>,
    /// Leptos' unmount handle: dropping it unmounts the view and disposes its signals.
    _view: Box<dyn Any>,
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
    let slot: Rc<std::cell::RefCell<Option<Rc<Controller>>>> = Rc::default();
    let view = {
        let slot = Rc::clone(&slot);
        leptos::mount::mount_to(container, move || {
            let controller = Controller::new(host, api_key);
            *slot.borrow_mut() = Some(Rc::clone(&controller));
            view::widget(controller)
        })
    };
    let controller = slot.borrow_mut().take().ok_or("not mounted")?;
    Ok(Tracker {
        controller,
        _view: Box::new(view),
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
        self.controller.cancel();
    }
}
