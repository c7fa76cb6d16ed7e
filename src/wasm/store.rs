//! Loads and saves the registry in `chrome.storage.local`, laid out as `crate::layout` says, and
//! mirrors the submitter map to `chrome.storage.sync` (see `crate::sync`).
//!
//! Every change is issued to `chrome.storage` in the turn that answers the event, right after a
//! check's answer or before any other answer (a worker stopped between events loses nothing:
//! the browser holds the write); a check is answered without waiting for the browser to confirm
//! it, other requests after (see `finish` and `process_message`). What the worker keeps
//! between events is a parse cache: the records it last loaded or wrote, dropped as soon as
//! `storage.onChanged` reports a write that is not its own (every write carries a stamp naming
//! its writer) and whenever the worker stops. Every write to the registry goes through this
//! worker (the popup and the options page ask it), so another writer is a hand edit or another
//! tool; its change event reaches the worker about when the write is done.

use super::chrome;
use super::convert::json_text;
use crate::handler::Outcome;
use crate::layout::{self, OwnWrites, Saved};
use crate::registry::Registry;
use crate::{messages, sync};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The records parsed by the last event, and what storage holds of them.
struct Cache {
    registry: Registry,
    saved: Saved,
}

thread_local! {
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
    /// Bumped whenever someone else writes: a cache taken before that is not put back.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The sync items as last read or written (`None`: read them again).
    static HELD: RefCell<Option<Rc<sync::Items>>> = const { RefCell::new(None) };
    static OWN: RefCell<OwnWrites> = RefCell::new(OwnWrites::default());
    /// This worker instance's part of every stamp it writes.
    static TOKEN: String = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
}

/// What goes with a loaded registry to the save.
pub struct Loaded {
    /// The sync items read.
    pub held: Rc<sync::Items>,
    /// Whether the save mirrors every integration's claims to sync (after a fresh read) or only
    /// those of the records this event touched (a keystroke changes no other).
    full_sync: bool,
    /// Whether the registry must be saved even if the request changes nothing: merging sync
    /// added something, or the stored layout is older than the current one.
    pub merged: bool,
    saved: Saved,
    generation: u64,
}

/// Someone changed storage: `area` is `local` or `sync`; `stamp` is the stamp of the core the
/// change wrote (empty when it wrote none). Changes made by this worker's own saves are ignored.
pub fn changed(area: &str, stamp: &str) {
    if area == "sync" {
        HELD.with(|h| h.borrow_mut().take());
        return;
    }
    if !stamp.is_empty() && OWN.with(|o| o.borrow_mut().is_own(stamp)) {
        return;
    }
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    CACHE.with(|c| c.borrow_mut().take());
}

/// The sync items, and whether they were read afresh (else they are the ones last read, and
/// were merged then); a sync area that cannot be read counts as empty (local is the truth).
async fn read_sync() -> (Rc<sync::Items>, bool) {
    if let Some(held) = HELD.with(|h| h.borrow().clone()) {
        return (held, false);
    }
    let empty = || (Rc::new(sync::Items::new()), true);
    let Ok(all) = chrome::sync_get(&JsValue::NULL).await else {
        return empty();
    };
    let Ok(text) = json_text(&all) else {
        return empty();
    };
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text) else {
        return empty();
    };
    let held: sync::Items = crate::maps::collect(
        map.into_iter()
            .filter(|(k, _)| k.starts_with(sync::KEY_PREFIX))
            .filter_map(|(k, v)| Some((k, serde_json::from_str(&v.to_string()).ok()?))),
    );
    let held = Rc::new(held);
    HELD.with(|h| *h.borrow_mut() = Some(held.clone()));
    (held, true)
}

/// A stored value's JSON text: values are stored as text; one stored as an object (schema 1, a
/// hand edit) is written out as JSON.
fn stored_text(value: &JsValue) -> Result<String, JsValue> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => json_text(value).map_err(|e| JsValue::from_str(&e)),
    }
}

/// Reads every key of the registry; returns it and what storage held.
async fn read_all(now: f64) -> Result<(Registry, Saved), JsValue> {
    let all: js_sys::Object = chrome::storage_get(&JsValue::NULL).await?.into();
    let mut keys = Vec::new();
    for entry in js_sys::Object::entries(&all).iter() {
        let entry: js_sys::Array = entry.into();
        let Some(key) = entry
            .get(0)
            .as_string()
            .filter(|k| layout::is_registry_key(k))
        else {
            continue;
        };
        keys.push((key, stored_text(&entry.get(1))?));
    }
    Ok(layout::read_keys(keys, now))
}

/// Loads the registry and runs `handle` on it: the records parsed by the last event while no one
/// else wrote since (`changed` drops them when `storage.onChanged` reports someone else's write),
/// else every record read afresh (unreadable values end up in quarantine); then sync's claims
/// merged in. A check on parsed records waits for no storage round trip.
pub async fn load_and_handle(
    now: f64,
    handle: impl FnOnce(Registry) -> Outcome,
) -> Result<(Outcome, Loaded), JsValue> {
    let generation = GENERATION.with(Cell::get);
    let cached = CACHE.with(|c| c.borrow_mut().take());
    // A registry read afresh is saved once: that writes whatever its layout or its index lacks
    // (a schema-1 registry, records written by someone else) and nothing when they are whole.
    let (mut registry, saved, fresh) = match cached {
        Some(cache) => (cache.registry, cache.saved, false),
        None => {
            let (registry, saved) = read_all(now).await?;
            (registry, saved, true)
        }
    };
    let (held, read) = if registry.settings.sync {
        read_sync().await
    } else {
        (Rc::new(sync::Items::new()), false)
    };
    // Claims from sync are merged when sync was read (or the records were): merging the same
    // items into the same records again would only cost time.
    let claims_added = (fresh || read) && sync::merge(&mut registry, &held);
    let loaded = Loaded {
        held,
        full_sync: fresh || read,
        merged: claims_added || fresh,
        saved,
        generation,
    };
    Ok((handle(registry), loaded))
}

/// Keeps the registry's parsed records for the next event (unless someone else wrote meanwhile).
pub fn keep(registry: Registry, loaded: Loaded) {
    if GENERATION.with(Cell::get) != loaded.generation {
        return;
    }
    let saved = loaded.saved;
    CACHE.with(|c| *c.borrow_mut() = Some(Cache { registry, saved }));
}

/// A save handed to the browser: the local `set` is issued (its request already sent, so a
/// worker killed from here on loses nothing) and not yet confirmed.
pub struct Issued {
    set: Option<JsFuture>,
    remove: Vec<String>,
}

impl Issued {
    /// Waits for the browser to confirm the `set`, then removes the records no longer there (in
    /// this order, a worker killed in between leaves a record too many, never one too few).
    async fn confirmed(self) -> Result<(), JsValue> {
        if let Some(set) = self.set {
            set.await?;
        }
        if !self.remove.is_empty() {
            let keys: js_sys::Array = self.remove.iter().map(|k| JsValue::from_str(k)).collect();
            chrome::storage_remove(&keys).await?;
        }
        Ok(())
    }
}

/// Issues what changed as one `set` of every key (nothing when nothing changed), without
/// waiting for the browser's confirmation.
fn issue_local(registry: &mut Registry, saved: &mut Saved) -> Result<Issued, JsValue> {
    let token = TOKEN.with(Clone::clone);
    let writes = layout::writes(registry, saved, &token);
    if writes.is_empty() {
        return Ok(Issued {
            set: None,
            remove: Vec::new(),
        });
    }
    let items = js_sys::Object::new();
    for (key, text) in &writes.set {
        js_sys::Reflect::set(&items, &JsValue::from_str(key), &JsValue::from_str(text))?;
    }
    let stamp = JsValue::from_str(&registry.stamp);
    js_sys::Reflect::set(&items, &JsValue::from_str(layout::STAMP_KEY), &stamp)?;
    OWN.with(|o| o.borrow_mut().note(&registry.stamp));
    Ok(Issued {
        set: Some(JsFuture::from(chrome::storage_set_started(&items)?)),
        remove: writes.remove,
    })
}

/// What a save mirrors to `chrome.storage.sync`, planned before anything is written (`None`:
/// sync is off). Pass it to [`save`].
pub struct SyncPlan(Option<sync::Plan>);

impl SyncPlan {
    /// Whether the save writes to sync first (and so issues its local write only after that
    /// write's confirmation: its outcome is a note stored with the registry).
    pub fn writes_sync(&self) -> bool {
        self.0.as_ref().is_some_and(|plan| !plan.set.is_empty())
    }
}

/// Plans the sync half of saving `registry`: the claims of every integration after a fresh
/// read, else only those of the records this event touched (a keystroke changes no other).
pub fn plan_sync(registry: &Registry, loaded: &Loaded) -> SyncPlan {
    if !registry.settings.sync {
        return SyncPlan(None);
    }
    let wanted = if loaded.full_sync {
        sync::items(registry)
    } else {
        sync::items_of(
            registry
                .touched_ids()
                .filter_map(|id| registry.integrations.get(id)),
        )
    };
    SyncPlan(Some(sync::plan(&loaded.held, &wanted)))
}

/// Saves the registry: mirrors what changed in the submitter map to sync as `plan` says
/// (awaited: its outcome is a note stored with the registry), then issues the local write. A
/// sync problem never fails the save: it is noted in the registry for the popup to show. Pass
/// the result to [`finish`].
pub async fn save(
    registry: &mut Registry,
    loaded: &mut Loaded,
    plan: SyncPlan,
) -> Result<Issued, JsValue> {
    let result = save_both(registry, loaded, plan).await;
    if result.is_err() {
        loaded.generation = loaded.generation.wrapping_sub(1);
    }
    result
}

/// Waits until the issued save is confirmed, then keeps the parsed records for the next event.
/// A failed save is logged (the checks go on; the next change tries again) and drops the parse
/// cache, so the next event reads storage as it is.
pub async fn finish(registry: Registry, mut loaded: Loaded, issued: Option<Issued>) {
    if let Some(issued) = issued {
        if let Err(error) = issued.confirmed().await {
            web_sys::console::warn_2(
                &JsValue::from_str("OIN Helper could not save its data:"),
                &error,
            );
            loaded.generation = loaded.generation.wrapping_sub(1);
        }
    }
    keep(registry, loaded);
}

async fn save_both(
    registry: &mut Registry,
    loaded: &mut Loaded,
    plan: SyncPlan,
) -> Result<Issued, JsValue> {
    let Some(plan) = plan.0 else {
        registry.sync_note = String::new();
        return issue_local(registry, &mut loaded.saved);
    };
    let mut note = if plan.skipped.is_empty() {
        String::new()
    } else {
        messages::sync_skipped(plan.skipped.len())
    };
    if !plan.set.is_empty() {
        let items = super::convert::to_js(&plan.set)?;
        match chrome::sync_set(&items).await {
            // Read again next time: what sync holds now is what was just written.
            Ok(_) => {
                HELD.with(|h| h.borrow_mut().take());
            }
            Err(error) => {
                let reason = js_sys::Reflect::get(&error, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(messages::unknown_error);
                note = messages::sync_failed(&reason);
            }
        }
    }
    registry.sync_note = note;
    issue_local(registry, &mut loaded.saved)
}
