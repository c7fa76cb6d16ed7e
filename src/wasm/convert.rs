//! Conversions at the JS edge, through JSON text: `serde_json` on the Rust side and the
//! engine's native `JSON.parse` / `JSON.stringify` on the other. One serde backend for every
//! type keeps the wasm small (a second backend doubled the generated code) and plain JSON
//! objects are what `chrome.storage` and messaging want anyway.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// Serialises to a plain JS value (objects, arrays, strings, numbers; never ES `Map`s).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
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
