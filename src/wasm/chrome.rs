//! Bindings to the `chrome.*` APIs the Rust side uses (the only Rust that names `chrome`).
//! Resolved at call time, so tests can install a fake `chrome` global first.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `chrome.storage.local.get(keys)`.
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    pub async fn storage_get(keys: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.storage.local.set(items)`, issued now (the request leaves for the browser during
    /// the call) and awaited later: a check is answered before the browser confirms the write.
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    pub fn storage_set_started(items: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `chrome.storage.local.remove(keys)`.
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    pub async fn storage_remove(keys: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.storage.sync.get(keys)`.
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "sync"], js_name = get, catch)]
    pub async fn sync_get(keys: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.storage.sync.set(items)`.
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "sync"], js_name = set, catch)]
    pub async fn sync_set(items: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.tabs.query(query)`.
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    pub async fn tabs_query(query: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.tabs.update(tabId, props)`.
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = update, catch)]
    pub async fn tabs_update(tab: i32, props: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.tabs.create(props)`.
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = create, catch)]
    pub async fn tabs_create(props: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.runtime.sendMessage(message)`: the popup's requests go through the worker, the
    /// single writer of the registry.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    pub async fn runtime_send(message: &JsValue) -> Result<JsValue, JsValue>;

    /// `navigator.clipboard.writeText(text)` (the popup's Copy buttons; a user gesture).
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    pub async fn clipboard_write(text: &str) -> Result<JsValue, JsValue>;

    /// `chrome.permissions.contains(permissions)`.
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = contains, catch)]
    pub async fn permissions_contains(permissions: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.permissions.request(permissions)` (from a click: browsers require a gesture).
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request, catch)]
    pub async fn permissions_request(permissions: &JsValue) -> Result<JsValue, JsValue>;

    /// `chrome.runtime.getManifest()`.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getManifest)]
    pub fn manifest() -> JsValue;

    /// `chrome.i18n.getMessage(key, substitutions)`: the browser's catalogue for its UI
    /// language ("" for an unknown key). Throws where there is no `chrome.i18n` (test pages).
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage, catch)]
    pub fn get_message(key: &str, substitutions: &js_sys::Array) -> Result<JsValue, JsValue>;

    /// `chrome.runtime.getURL(path)`.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL)]
    pub fn runtime_url(path: &str) -> String;
}
