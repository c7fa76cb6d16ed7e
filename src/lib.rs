//! OIN Helper's Rust core: checks Okta Integration Network drafts inside the Admin Console.
//!
//! Shape (see README "Architecture"): the content script sends a [`model::PageSnapshot`]; the
//! service worker loads the stored [`registry::Registry`], runs the pure [`handler::handle`] and
//! saves the result; the content script paints the returned [`model::RenderPlan`] as text.
//!
//! Invariants:
//! 1. Everything outside `wasm/` compiles and is tested natively; it imports nothing from
//!    `wasm_bindgen`, `web_sys` or `js_sys` (those are wasm32-only dependencies).
//! 2. `wasm/` holds no logic: short shims, and the only Rust that names `chrome`.
//! 3. The worker keeps no state it depends on between events: load → pure handler → save, before
//!    answering; its memory is caches that never change an answer: the parsed records (dropped on
//!    others' writes), the last page's structure (`page::memo`), and the pages' last snapshots
//!    for their edits (`delta`; an edit without its snapshot is answered `resend`).
//! 4. Checks never fail: rules return findings; `Result` is for I/O only; no `unwrap()` outside tests.
//! 5. Everything stored carries a schema version; old or unreadable shapes are migrated or set
//!    aside, never dropped.
//! 6. Page text reaches the screen only as text.

// Product code never panics on data (a panic in the worker loses the event); tests may.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod board;
pub mod catalogue;
pub mod completeness;
pub mod delta;
pub mod diff;
pub mod draft;
pub mod handler;
pub mod i18n;
pub mod image;
pub mod index_text;
pub mod json_pretty;
pub mod layout;
pub mod maps;
pub mod messages;
pub mod model;
pub mod org;
pub mod page;
pub mod plan;
pub mod popup;
pub mod popup_board;
pub mod record_text;
pub mod registry;
pub mod rules;
pub mod section_set;
pub mod settings;
pub mod signals;
pub mod strings;
pub mod submissions;
pub mod submitter;
pub mod sync;
pub mod track;
pub mod view_tree;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
