//! Small DOM and messaging helpers shared by the popup and the options page: elements with
//! text only (never HTML), listeners that live as long as the page, requests to the worker.

use super::chrome;
use super::convert::to_js;
use crate::model::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// A property of a JS object.
pub fn field(object: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
}

/// Sends a request to the worker (the single writer) and returns its answer, after checking
/// its `kind`.
pub async fn send(request: &Request, kind: &str) -> Result<JsValue, JsValue> {
    let answer = chrome::runtime_send(&to_js(request)?).await?;
    match field(&answer, "kind")?.as_string().as_deref() {
        Some(k) if k == kind => Ok(answer),
        Some("error") => Err(field(&answer, "message")?),
        _ => Err(JsValue::from_str(&crate::i18n::t(
            "worker_unexpected_answer",
            &[],
        ))),
    }
}

/// An element with text content.
pub fn el(doc: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

/// Appends a new element with text content.
pub fn append(parent: &Element, doc: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let child = el(doc, tag, text)?;
    parent.append_child(&child)?;
    Ok(child)
}

/// Appends a button with a `data-action` hook.
pub fn button(
    parent: &Element,
    doc: &Document,
    text: &str,
    action: &str,
) -> Result<Element, JsValue> {
    let b = append(parent, doc, "button", text)?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// Adds a listener for the page's lifetime.
pub fn on(element: &Element, event: &str, action: impl FnMut() + 'static) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut()>::new(action);
    element.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // The popup lives as long as its page: leaking the listener is the intended lifetime.
    closure.forget();
    Ok(())
}
