//! The wasm edge: entry points for the service worker and the popup. Invariant: no logic here,
//! only conversions, `chrome.*` calls and DOM building; every decision is in the pure core.

mod bases;
mod chrome;
mod convert;
mod dom;
mod files;
mod options_ui;
mod popup_ui;
mod store;

use crate::model::{Effect, Message, Response};
use crate::{i18n, messages};
use convert::{to_js, to_text, Incoming};
use serde::Serialize;
use wasm_bindgen::prelude::*;

// Talc instead of Rust's default dlmalloc: a check allocates and frees hundreds of small
// strings and vectors, and talc does each in fewer instructions (docs/BENCHMARKS.md, figure 1)
// with less code. Single-threaded wasm only (no `atomics`), which is what the build targets.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What `processMessage` returns for an object message: the answer, and work for the worker to
/// do afterwards (plus `saved`, set on the JS object).
#[derive(Serialize)]
struct Reply<'a> {
    response: &'a Response,
    effects: &'a [Effect],
}

/// The reply to `incoming`: `{response, effects}` for an object message; for a text message
/// `{text, badge, effects}`, the answer as JSON text (sent on to the content script as it is)
/// and beside it what the worker itself reads, the plan's badge (`null` for other answers), so
/// the answer is neither parsed into JS objects nor written again on its way out.
fn reply(incoming: &Incoming, response: &Response, effects: &[Effect]) -> Result<JsValue, JsValue> {
    if let Incoming::Object(_) = incoming {
        return to_js(&Reply { response, effects });
    }
    let reply = js_sys::Object::new();
    let badge = response.badge().map_or(JsValue::NULL, JsValue::from_str);
    // Most checks ask for no network work: an empty list needs no JSON round trip.
    let effects = if effects.is_empty() {
        js_sys::Array::new().into()
    } else {
        to_js(&effects)?
    };
    js_sys::Reflect::set(&reply, &"text".into(), &to_text(response)?.into())?;
    js_sys::Reflect::set(&reply, &"badge".into(), &badge)?;
    js_sys::Reflect::set(&reply, &"effects".into(), &effects)?;
    Ok(reply.into())
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

/// Handles one message from a content script or the popup: load → pure handler → answer and
/// save. `message` is JSON text (a content script's check; the reply carries the answer as
/// text, see [`reply`]) or a plain object (the popup and options pages).
/// A message that cannot be read gets an explained `error` response and changes nothing.
/// Returns `{response, effects, saved}` (`{text, badge, effects, saved}` for text): `saved` is a
/// promise that settles once the browser confirmed the save (it never rejects; a failure is
/// logged).
///
/// `deliver`, when given, is called once with the reply of a text message as soon as it exists:
/// a page's check is answered before its save is issued, in the same turn (nothing is awaited
/// between the two, so a worker stopped between events has done both or neither), and the
/// marker waits neither for the storage write's conversion nor for its IPC. A check whose save
/// writes to sync first is delivered once its local write is issued, other text replies once
/// their save is confirmed, as object replies are returned.
#[wasm_bindgen(js_name = processMessage)]
pub async fn process_message(
    message: JsValue,
    now: f64,
    deliver: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    i18n::set_platform_lookup(browser_message);
    let incoming = Incoming::new(message);
    let deliver = deliver.filter(|_| matches!(incoming, Incoming::Text(_)));
    let request: Message = match incoming.read() {
        Ok(request) => request,
        Err(reason) => {
            let message = messages::snapshot_unreadable(&reason);
            let reply = reply(&incoming, &Response::Error { message }, &[])?;
            return delivered(
                reply,
                deliver.as_ref(),
                js_sys::Promise::resolve(&JsValue::UNDEFINED),
            );
        }
    };
    let run = |registry| bases::with(|held| held.handle(registry, request, now));
    let (mut outcome, mut loaded) = store::load_and_handle(now, run).await?;
    let is_check = matches!(outcome.response, Response::Plan(_));
    let saving = outcome.changed || loaded.merged;
    let sync_plan = saving.then(|| store::plan_sync(&outcome.registry, &loaded));
    // A save that writes to sync first issues its local write only after that write is
    // confirmed: its check is answered after the save, as other requests are, so the answer
    // and the local write are never an await apart.
    let sync_first = sync_plan.as_ref().is_some_and(store::SyncPlan::writes_sync);
    let early = match &deliver {
        Some(deliver) if is_check && !sync_first => {
            let reply = reply(&incoming, &outcome.response, &outcome.effects)?;
            hand_over(deliver, &reply);
            Some(reply)
        }
        _ => None,
    };
    let mut issued = None;
    if let Some(plan) = sync_plan {
        // A failed save (storage full, say) must not switch the checks off: the page still
        // gets its plan, the failure is logged, and the next check tries to save again.
        match store::save(&mut outcome.registry, &mut loaded, plan).await {
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
    // A page's check does not wait for the browser to confirm its write; the popup's and the
    // options page's requests, which may read storage next, do. `saved` settles when the write
    // is confirmed: the worker's queue waits for it before the next event (one writer).
    let finished = store::finish(outcome.registry, loaded, issued);
    let saved = if is_check {
        wasm_bindgen_futures::future_to_promise(async move {
            finished.await;
            Ok(JsValue::UNDEFINED)
        })
    } else {
        finished.await;
        js_sys::Promise::resolve(&JsValue::UNDEFINED)
    };
    match early {
        Some(reply) => {
            js_sys::Reflect::set(&reply, &JsValue::from_str("saved"), &saved)?;
            Ok(reply)
        }
        None => {
            let reply = reply(&incoming, &outcome.response, &outcome.effects)?;
            delivered(reply, deliver.as_ref(), saved)
        }
    }
}

/// Sets `saved` on `reply`, hands it to `deliver` when there is one, and returns it.
fn delivered(
    reply: JsValue,
    deliver: Option<&js_sys::Function>,
    saved: js_sys::Promise,
) -> Result<JsValue, JsValue> {
    js_sys::Reflect::set(&reply, &JsValue::from_str("saved"), &saved)?;
    if let Some(deliver) = deliver {
        hand_over(deliver, &reply);
    }
    Ok(reply)
}

/// Calls `deliver` with `reply`. A throwing callback is logged, never propagated: the save
/// after it must still be issued.
fn hand_over(deliver: &js_sys::Function, reply: &JsValue) {
    if let Err(error) = deliver.call1(&JsValue::NULL, reply) {
        web_sys::console::warn_2(
            &JsValue::from_str("OIN Helper could not deliver an answer:"),
            &error,
        );
    }
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
