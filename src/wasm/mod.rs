//! The wasm edge: entry points for the service worker and the popup. Invariant: no logic here,
//! only conversions, `chrome.*` calls and DOM building; every decision is in the pure core.

mod chrome;
mod convert;
mod dom;
mod files;
mod options_ui;
mod popup_ui;
mod store;

use crate::model::{Effect, Request, Response};
use crate::{handler, i18n, messages};
use convert::{from_js, to_js};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What `processMessage` returns: the answer, and work for the worker to do afterwards (plus
/// `saved`, set on the JS object).
#[derive(Serialize)]
struct Reply<'a> {
    response: &'a Response,
    effects: &'a [Effect],
}

/// The browser's catalogue for its UI language (`chrome.i18n`), for [`i18n::t`]; `None` where
/// there is none or the key is unknown, so the compiled-in English answers.
fn browser_message(key: &str, args: &[&str]) -> Option<String> {
    let substitutions: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    chrome::get_message(key, &substitutions)
        .ok()?
        .as_string()
        .filter(|s| !s.is_empty())
}

/// Handles one message from a content script or the popup: load → pure handler → save.
/// A message that cannot be read gets an explained `error` response and changes nothing.
/// Returns `{response, effects, saved}`: `saved` is a promise that settles once the browser
/// confirmed the save (it never rejects; a failure is logged).
#[wasm_bindgen(js_name = processMessage)]
pub async fn process_message(message: JsValue, now: f64) -> Result<JsValue, JsValue> {
    i18n::set_platform_lookup(browser_message);
    let request: Request = match from_js(message) {
        Ok(request) => request,
        Err(reason) => {
            let message = messages::snapshot_unreadable(&reason);
            return to_js(&Reply {
                response: &Response::Error { message },
                effects: &[],
            });
        }
    };
    let run = |registry| handler::handle(registry, request, now);
    let (mut outcome, mut loaded) = store::load_and_handle(now, run).await?;
    let mut issued = None;
    if outcome.changed || loaded.merged {
        // A failed save (storage full, say) must not switch the checks off: the page still
        // gets its plan, the failure is logged, and the next check tries to save again.
        match store::save(&mut outcome.registry, &mut loaded).await {
            Ok(write) => issued = Some(write),
            Err(error) => web_sys::console::warn_2(
                &JsValue::from_str("OIN Helper could not save its data:"),
                &error,
            ),
        }
        // A sync problem found while saving is news for the popup that caused the save.
        if let Response::Popup(view) = &mut outcome.response {
            if view.notice.is_empty() {
                view.notice = outcome.registry.sync_note.clone();
            }
        }
    }
    let reply = to_js(&Reply {
        response: &outcome.response,
        effects: &outcome.effects,
    })?;
    // A page's check is answered as soon as its write is issued (the marker waits for no
    // storage round trip); the popup's and the options page's requests, which may read storage
    // next, once it is confirmed. `saved` settles when the write is confirmed: the worker's
    // queue waits for it before the next event (one writer).
    let finished = store::finish(outcome.registry, loaded, issued);
    let saved = if matches!(outcome.response, Response::Plan(_)) {
        wasm_bindgen_futures::future_to_promise(async move {
            finished.await;
            Ok(JsValue::UNDEFINED)
        })
    } else {
        finished.await;
        js_sys::Promise::resolve(&JsValue::UNDEFINED)
    };
    js_sys::Reflect::set(&reply, &JsValue::from_str("saved"), &saved)?;
    Ok(reply)
}

/// `chrome.storage.onChanged` seen by the worker: `area` (`local`, `sync`) and the stamp of the
/// registry core the change wrote ("" when none); see `store::changed`.
#[wasm_bindgen(js_name = storageChanged)]
pub fn storage_changed(area: &str, stamp: &str) {
    store::changed(area, stamp);
}

/// Renders the popup into `root`; `index_read` is `chrome.storage.local.get('index')` and
/// `tabs_read` the active and all tabs (`[active, all]`), both started before the wasm loaded;
/// `append_tree(parent, json)` builds a `view_tree::Node` into `parent` and returns its element.
#[wasm_bindgen(js_name = popupMain)]
pub async fn popup_main(
    root: web_sys::Element,
    now: f64,
    index_read: js_sys::Promise,
    tabs_read: js_sys::Promise,
    append_tree: js_sys::Function,
) -> Result<(), JsValue> {
    i18n::set_platform_lookup(browser_message);
    popup_ui::run(root, now, index_read, Some(tabs_read), append_tree).await
}

/// Renders the options page into `root`.
#[wasm_bindgen(js_name = optionsMain)]
pub async fn options_main(root: web_sys::Element) -> Result<(), JsValue> {
    i18n::set_platform_lookup(browser_message);
    options_ui::run(root).await
}
