//! Rule `logo_format`: the OIN catalog accepts PNG, JPG/JPEG or GIF logos (fields.md,
//! catalog.logo; Okta guide `submit-oin-app`, "Logo"). Invariant: both what the file claims
//! (MIME type, else extension) and what its bytes are (magic number) must be an accepted format;
//! when the bytes are not available (a remembered draft) only the claim is checked.

use super::Ctx;
use crate::image;
use crate::messages;
use crate::model::{FileMeta, Finding};

/// Rule id.
pub const RULE: &str = "logo_format";

const MIMES: [&str; 4] = ["image/png", "image/jpeg", "image/jpg", "image/gif"];
const EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "gif"];

/// Whether the file's MIME type (or, when the browser gives none, its extension) is accepted.
pub fn declared_ok(file: &FileMeta) -> bool {
    let mime = file.mime.trim().to_ascii_lowercase();
    if MIMES.contains(&mime.as_str()) {
        return true;
    }
    // Browsers report "" or octet-stream for files they cannot type; fall back to the name.
    let ext = file
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    (mime.is_empty() || mime == "application/octet-stream") && EXTENSIONS.contains(&ext.as_str())
}

/// An error when the chosen file is not a PNG, JPG or GIF.
pub fn check(file: &FileMeta, ctx: &Ctx) -> Vec<Finding> {
    if !declared_ok(file) {
        return vec![ctx.error(RULE, messages::logo_format(&file.name))];
    }
    if !file.head.is_empty() && image::sniff(&file.head).is_none() {
        return vec![ctx.error(RULE, messages::logo_format_bytes(&file.name))];
    }
    Vec::new()
}
