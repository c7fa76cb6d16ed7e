//! Loads and saves the registry in `chrome.storage.local` (one key, so a write is atomic and a
//! worker killed mid-write leaves either the old or the new registry, never half of one), and
//! mirrors the submitter map to `chrome.storage.sync` (see `crate::sync`).

use super::chrome;
use super::convert::{json_text, to_js};
use crate::registry::Registry;
use crate::{messages, sync};
use wasm_bindgen::prelude::*;

/// The storage key of the registry.
pub const REGISTRY_KEY: &str = "registry";

/// The registry as loaded, and what sync held then.
pub struct Loaded {
    /// The registry, with sync's claims merged in.
    pub registry: Registry,
    /// The sync items read.
    pub held: sync::Items,
    /// Whether merging sync added anything (then it must be saved).
    pub merged: bool,
}

/// Reads the sync items; a sync area that cannot be read counts as empty (local is the truth).
async fn read_sync() -> sync::Items {
    let Ok(all) = chrome::sync_get(&JsValue::NULL).await else {
        return sync::Items::new();
    };
    let Ok(text) = json_text(&all) else {
        return sync::Items::new();
    };
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text) else {
        return sync::Items::new();
    };
    map.into_iter()
        .filter(|(k, _)| k.starts_with(sync::KEY_PREFIX))
        .filter_map(|(k, v)| Some((k, serde_json::from_str(&v.to_string()).ok()?)))
        .collect()
}

/// Loads the registry; unreadable values end up in its quarantine, never dropped.
pub async fn load(now: f64) -> Result<Loaded, JsValue> {
    let items = chrome::storage_get(&JsValue::from_str(REGISTRY_KEY)).await?;
    let raw = js_sys::Reflect::get(&items, &JsValue::from_str(REGISTRY_KEY))?;
    let text = json_text(&raw).map_err(|e| JsValue::from_str(&e))?;
    let mut registry = Registry::from_json(&text, now);
    let held = if registry.settings.sync {
        read_sync().await
    } else {
        sync::Items::new()
    };
    let merged = sync::merge(&mut registry, &held);
    Ok(Loaded {
        registry,
        held,
        merged,
    })
}

async fn save_local(registry: &Registry) -> Result<(), JsValue> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str(REGISTRY_KEY), &to_js(registry)?)?;
    chrome::storage_set(&items).await?;
    Ok(())
}

/// Saves the registry locally, then mirrors what changed in the submitter map to sync. A sync
/// problem never fails the save: it is noted in the registry for the popup to show.
pub async fn save(registry: &mut Registry, held: &sync::Items) -> Result<(), JsValue> {
    if !registry.settings.sync {
        registry.sync_note = String::new();
        return save_local(registry).await;
    }
    let plan = sync::plan(held, &sync::items(registry));
    let mut note = if plan.skipped.is_empty() {
        String::new()
    } else {
        messages::sync_skipped(plan.skipped.len())
    };
    if !plan.set.is_empty() {
        if let Err(error) = chrome::sync_set(&to_js(&plan.set)?).await {
            let reason = js_sys::Reflect::get(&error, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(messages::unknown_error);
            note = messages::sync_failed(&reason);
        }
    }
    registry.sync_note = note;
    save_local(registry).await
}
