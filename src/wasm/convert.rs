//! Conversions at the JS edge: serde values to plain JS objects (never ES `Map`s) and back.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// Serialises to a plain JSON-compatible JS value.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Deserialises a JS value, with the reason when it cannot be read.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}
