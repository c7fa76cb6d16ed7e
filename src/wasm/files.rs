//! The export download and the import file read, shared by the popup and the options page.

use super::dom::{field, send};
use crate::board;
use crate::model::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Document;

/// Asks the worker for the export and saves it as a download; returns the file name.
pub async fn download_export(doc: &Document) -> Result<String, JsValue> {
    let answer = send(&Request::Export, "export").await?;
    let name = field(&answer, "file")?
        .as_string()
        .unwrap_or_else(|| "oin-helper-export.json".into());
    let parts = js_sys::Array::of1(&field(&answer, "text")?);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(&name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(name)
}

/// Reads a chosen import file, refusing a huge one before it is read into memory (the core
/// checks the text again).
pub async fn read_import(file: web_sys::File) -> Result<String, JsValue> {
    if file.size() >= board::MAX_IMPORT_BYTES as f64 {
        return Err(JsValue::from_str(&crate::messages::import_too_large(
            file.size() as usize,
        )));
    }
    Ok(wasm_bindgen_futures::JsFuture::from(file.text())
        .await?
        .as_string()
        .unwrap_or_default())
}
