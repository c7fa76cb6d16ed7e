//! The wasm edge: entry points for the service worker and the popup. Invariant: no logic here,
//! only conversions, `chrome.*` calls and DOM building; every decision is in the pure core.

mod chrome;
mod convert;
mod dom;
mod files;
mod options_ui;
mod popup_ui;
mod store;

use crate::handler;
use crate::model::{Effect, Request, Response};
use convert::{from_js, to_js};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What `processMessage` returns: the answer, and work for the worker to do afterwards.
#[derive(Serialize)]
struct Reply<'a> {
    response: &'a Response,
    effects: &'a [Effect],
}

/// Handles one message from a content script or the popup: load → pure handler → save.
/// A message that cannot be read gets an explained `error` response and changes nothing.
#[wasm_bindgen(js_name = processMessage)]
pub async fn process_message(message: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let request: Request = match from_js(message) {
        Ok(request) => request,
        Err(reason) => {
            let message = format!(
                "OIN Helper could not read the page snapshot ({reason}); the page is left as it was."
            );
            return to_js(&Reply {
                response: &Response::Error { message },
                effects: &[],
            });
        }
    };
    let loaded = store::load(now).await?;
    let mut outcome = handler::handle(loaded.registry, request, now);
    if outcome.changed || loaded.merged {
        store::save(&mut outcome.registry, &loaded.held).await?;
        // A sync problem found while saving is news for the popup that caused the save.
        if let Response::Popup(view) = &mut outcome.response {
            if view.notice.is_empty() {
                view.notice = outcome.registry.sync_note.clone();
            }
        }
    }
    to_js(&Reply {
        response: &outcome.response,
        effects: &outcome.effects,
    })
}

/// Renders the popup into `root`.
#[wasm_bindgen(js_name = popupMain)]
pub async fn popup_main(root: web_sys::Element, now: f64) -> Result<(), JsValue> {
    popup_ui::run(root, now).await
}

/// Renders the options page into `root`.
#[wasm_bindgen(js_name = optionsMain)]
pub async fn options_main(root: web_sys::Element) -> Result<(), JsValue> {
    options_ui::run(root).await
}
