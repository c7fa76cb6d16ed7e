//! Conversions at the JS edge, through JSON text: `serde_json` on the Rust side and the
//! engine's native `JSON.parse` / `JSON.stringify` on the other. One serde backend for every
//! type keeps the wasm small (a second backend doubled the generated code) and plain JSON
//! objects are what `chrome.storage` and messaging want anyway. Invariant: conversions only.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// Serialises to a plain JS value (objects, arrays, strings, numbers; never ES `Map`s).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&to_text(value)?)
}

/// Serialises to JSON text, for an answer that travels on as text.
pub fn to_text<T: Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The JSON text of a JS value (`undefined` becomes `null`).
pub fn json_text(value: &JsValue) -> Result<String, String> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    js_sys::JSON::stringify(value)
        .map_err(|_| "the value cannot be written as JSON".to_string())?
        .as_string()
        .ok_or_else(|| "the value cannot be written as JSON".to_string())
}

/// Deserialises a JS value, with the reason when it cannot be read.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_json::from_str(&json_text(&value)?).map_err(|e| e.to_string())
}

/// A message as it arrives: JSON text (a content script's check: read by serde straight from
/// the Rust string, with no `JSON.stringify` of an object first) or a JS object (the popup and
/// options pages). Text is copied out of JS once, however often it is read.
pub enum Incoming {
    /// JSON text; its answer goes back as text too.
    Text(String),
    /// A plain JS object.
    Object(JsValue),
}

impl Incoming {
    /// Takes a JS string as text, anything else as an object.
    pub fn new(message: JsValue) -> Self {
        match message.as_string() {
            Some(text) => Incoming::Text(text),
            None => Incoming::Object(message),
        }
    }

    /// Deserialises the message, with the reason when it cannot be read.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, String> {
        match self {
            Incoming::Text(text) => serde_json::from_str(text).map_err(|e| e.to_string()),
            Incoming::Object(value) => from_js(value.clone()),
        }
    }
}
