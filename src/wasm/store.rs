//! Loads and saves the registry in `chrome.storage.local` (one key, so a write is atomic and a
//! worker killed mid-write leaves either the old or the new registry, never half of one).

use super::chrome;
use super::convert::{json_text, to_js};
use crate::registry::Registry;
use wasm_bindgen::prelude::*;

/// The storage key of the registry.
pub const REGISTRY_KEY: &str = "registry";

/// Loads the registry; unreadable values end up in its quarantine, never dropped.
pub async fn load(now: f64) -> Result<Registry, JsValue> {
    let items = chrome::storage_get(&JsValue::from_str(REGISTRY_KEY)).await?;
    let raw = js_sys::Reflect::get(&items, &JsValue::from_str(REGISTRY_KEY))?;
    let text = json_text(&raw).map_err(|e| JsValue::from_str(&e))?;
    Ok(Registry::from_json(&text, now))
}

/// Saves the registry.
pub async fn save(registry: &Registry) -> Result<(), JsValue> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str(REGISTRY_KEY), &to_js(registry)?)?;
    chrome::storage_set(&items).await?;
    Ok(())
}
