//! The popup's UI: the org line, search box and footer built with web-sys; the board (200 rows
//! can be ~3,000 elements) decided by `popup_board` and built by popup.js's `appendTree` in one
//! call. Text only, every word from the catalogue (`i18n::t`); decisions (which tab, what to
//! list, where Resume goes, what matches a search) come from the pure core, through the worker
//! (the single writer of the registry).

use super::chrome;
use super::convert::{from_js, to_js};
use super::dom::{append, button, field, on, send};
use super::files;
use crate::board::{self, PopupIndex};
use crate::i18n::t;
use crate::layout;
use crate::model::{DraftView, PopupView, Request};
use crate::popup::{self, Resume, TabInfo};
use crate::popup_board;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

#[derive(Serialize)]
struct Query {
    #[serde(skip_serializing_if = "Option::is_none")]
    active: Option<bool>,
    #[serde(rename = "currentWindow", skip_serializing_if = "Option::is_none")]
    current_window: Option<bool>,
}

async fn tabs(query: &Query) -> Result<Vec<TabInfo>, JsValue> {
    let found = chrome::tabs_query(&to_js(query)?).await?;
    Ok(from_js(found).unwrap_or_default())
}

/// Finds the tab the popup is about: from `[active tabs, all tabs]` already asked for (popup.js
/// starts both queries while the wasm loads), else by asking now.
async fn current_tab(asked: Option<js_sys::Promise>) -> Result<Option<TabInfo>, JsValue> {
    let (active, mut all) = match asked {
        Some(both) => {
            let both: js_sys::Array = wasm_bindgen_futures::JsFuture::from(both).await?.into();
            let read = |v: JsValue| from_js::<Vec<TabInfo>>(v).unwrap_or_default();
            (read(both.get(0)), read(both.get(1)))
        }
        None => {
            let active = tabs(&Query {
                active: Some(true),
                current_window: Some(true),
            })
            .await?;
            let all = tabs(&Query {
                active: None,
                current_window: None,
            })
            .await?;
            (active, all)
        }
    };
    for t in &mut all {
        t.active = active.iter().any(|a| a.id == t.id);
    }
    Ok(popup::choose_tab(&all, &chrome::runtime_url("")))
}

/// Asks for the popup view. Only this shape is deserialised: reading the whole `Response` enum
/// would pull every answer's code into the wasm.
async fn ask(request: &Request) -> Result<PopupView, JsValue> {
    from_js::<PopupView>(send(request, "popup").await?).map_err(|e| JsValue::from_str(&e))
}

/// The worker's answer to `Request::Report` and `Request::Summary` (an `export`-kind answer;
/// only its text is read).
#[derive(serde::Deserialize)]
struct ReportText {
    text: String,
}

/// The popup's state shared by its event handlers.
#[derive(Clone)]
struct Ctx {
    root: Element,
    doc: Document,
    tab: Option<TabInfo>,
    /// popup.js's `appendTree(parent, json)`: builds a `view_tree::Node`, returns its element.
    append_tree: js_sys::Function,
}

impl Ctx {
    fn url(&self) -> Option<String> {
        self.tab
            .as_ref()
            .map(|t| t.url.clone())
            .filter(|u| !u.is_empty())
    }
}

/// The popup index from `chrome.storage.local.get('index')` (started by popup.js before the wasm
/// loaded), when it is there and of this version's shape.
async fn stored_index(read: js_sys::Promise) -> Option<PopupIndex> {
    let items = wasm_bindgen_futures::JsFuture::from(read).await.ok()?;
    let value = js_sys::Reflect::get(&items, &JsValue::from_str(layout::INDEX_KEY)).ok()?;
    serde_json::from_str::<PopupIndex>(&value.as_string()?)
        .ok()
        .filter(|i| i.schema == board::INDEX_SCHEMA)
}

/// Renders the popup: from the stored index (no need to wake the worker), else from the
/// worker's answer (first run of this version, an index that does not read).
pub async fn run(
    root: Element,
    now: f64,
    index_read: js_sys::Promise,
    tabs_read: Option<js_sys::Promise>,
    append_tree: js_sys::Function,
) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("popup root has no document"))?;
    let ctx = Ctx {
        root,
        doc,
        tab: current_tab(tabs_read).await?,
        append_tree,
    };
    let url = ctx.url();
    let view = match stored_index(index_read).await {
        Some(index) => board::popup_from_index(index, url.as_deref(), now),
        None => ask(&Request::Popup { url }).await?,
    };
    render(&ctx, view)
}

/// Runs an async action from an event handler; a failure is shown in the status line.
fn spawn(ctx: &Ctx, work: impl std::future::Future<Output = Result<(), JsValue>> + 'static) {
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = work.await {
            let text = error.as_string().unwrap_or_else(|| t("popup_failed", &[]));
            let _ = notice(&ctx, &text);
        }
    });
}

fn notice(ctx: &Ctx, text: &str) -> Result<(), JsValue> {
    if let Some(status) = ctx.root.query_selector("[data-oin-notice]")? {
        status.set_text_content(Some(text));
    }
    Ok(())
}

fn render(ctx: &Ctx, view: PopupView) -> Result<(), JsValue> {
    let (root, doc) = (&ctx.root, &ctx.doc);
    root.set_text_content(None);
    let org = append(root, doc, "p", &view.current_org)?;
    org.set_attribute("data-oin-current-org", &view.org_host)?;
    org.set_attribute("data-org-id", &view.org_id)?;
    host_access(ctx)?;
    let status = append(root, doc, "p", &view.notice)?;
    status.set_attribute("data-oin-notice", "")?;
    status.set_attribute("role", "status")?;
    if view.quarantined > 0 {
        let text = t("popup_quarantined", &[&view.quarantined.to_string()]);
        append(root, doc, "p", &text)?.set_attribute("data-oin-quarantine", "")?;
    }
    append(root, doc, "h2", &t("popup_in_progress", &[]))?;
    if view.drafts.is_empty() {
        append(root, doc, "p", &view.empty_note)?.set_class_name("empty");
    } else {
        board_list(ctx, view)?;
    }
    footer(ctx)
}

/// The manifest's host patterns, as a `chrome.permissions` request.
fn hosts_request() -> Result<JsValue, JsValue> {
    let origins = field(&chrome::manifest(), "host_permissions")?;
    let request = js_sys::Object::new();
    js_sys::Reflect::set(&request, &JsValue::from_str("origins"), &origins)?;
    Ok(request.into())
}

/// Firefox does not grant an MV3 extension its host permissions on install: without them the
/// helper cannot see the console, so the popup offers to grant them (Chrome grants them on
/// install and never shows this).
fn host_access(ctx: &Ctx) -> Result<(), JsValue> {
    let note = append(&ctx.root, &ctx.doc, "div", "")?;
    note.set_attribute("data-oin-host-access", "")?;
    note.set_attribute("hidden", "")?;
    let c = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(request) = hosts_request() else { return };
        let granted = chrome::permissions_contains(&request)
            .await
            .map(|v| v.is_truthy())
            .unwrap_or(true);
        if granted {
            return;
        }
        let _ = note.remove_attribute("hidden");
        let _ = append(&note, &c.doc, "p", &t("popup_host_access", &[]));
        if let Ok(grant) = button(&note, &c.doc, &t("popup_allow_hosts", &[]), "grant-hosts") {
            let c2 = c.clone();
            let _ = on(&grant, "click", move || {
                let Ok(request) = hosts_request() else { return };
                let c3 = c2.clone();
                spawn(&c2, async move {
                    chrome::permissions_request(&request).await?;
                    // Hosts granted: ask the worker afresh (the index may predate them).
                    let none = js_sys::Promise::resolve(&JsValue::NULL);
                    let append_tree = c3.append_tree.clone();
                    run(
                        c3.root.clone(),
                        js_sys::Date::now(),
                        none,
                        None,
                        append_tree,
                    )
                    .await
                });
            });
        }
    });
    Ok(())
}

fn board_list(ctx: &Ctx, view: PopupView) -> Result<(), JsValue> {
    let (root, doc) = (&ctx.root, &ctx.doc);
    let search = append(root, doc, "input", "")?;
    search.set_attribute("type", "search")?;
    search.set_attribute("aria-label", &t("popup_search_label", &[]))?;
    search.set_attribute("placeholder", &t("popup_search_placeholder", &[]))?;
    search.set_attribute("data-oin-search", "")?;
    // The whole board crosses to the page as one tree (one call, not one per element).
    let tree = JsValue::from_str(&popup_board::board(&view).to_json());
    let board: Element = ctx
        .append_tree
        .call2(&JsValue::NULL, root, &tree)?
        .dyn_into()?;
    // One listener for every row's buttons (200 rows would otherwise mean 600 closures).
    let drafts = std::rc::Rc::new(view.drafts);
    on_row_action(ctx, &board, drafts.clone())?;
    let input: HtmlInputElement = search.clone().dyn_into()?;
    on(&search, "input", move || {
        let query = input.value();
        // Rows are in `drafts` order (the board is built from it).
        let Ok(rows) = board.query_selector_all("[data-oin-draft]") else {
            return;
        };
        for (i, draft) in drafts.iter().enumerate() {
            let row = rows
                .item(i as u32)
                .and_then(|n| n.dyn_into::<Element>().ok());
            if let Some(row) = row {
                let _ = row.toggle_attribute_with_force("hidden", !board::matches(draft, &query));
            }
        }
    })
}

/// Runs the action of a row's button: the click's `[data-action]` and its row's `data-index`.
fn on_row_action(
    ctx: &Ctx,
    board: &Element,
    drafts: std::rc::Rc<Vec<DraftView>>,
) -> Result<(), JsValue> {
    let c = ctx.clone();
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("[data-action]") else {
            return;
        };
        let Ok(Some(row)) = button.closest("[data-oin-draft]") else {
            return;
        };
        let index = row
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok());
        let Some(d) = index.and_then(|i| drafts.get(i)) else {
            return;
        };
        let action = button.get_attribute("data-action").unwrap_or_default();
        row_action(&c, &button, &action, d);
    });
    board.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())?;
    // The popup lives as long as its page: leaking the listener is the intended lifetime.
    closure.forget();
    Ok(())
}

/// `button` is the clicked `[data-action]` element of the row of `d`.
fn row_action(ctx: &Ctx, button: &Element, action: &str, d: &DraftView) {
    let c = ctx.clone();
    match action {
        "resume" => {
            let target = popup::resume(&d.resume_url, ctx.tab.as_ref());
            let ask_highlight = d.resume_highlight.then(|| Request::Highlight {
                integration: d.integration.clone(),
                host: d.org.clone(),
            });
            spawn(ctx, async move {
                if let Some(ask) = ask_highlight {
                    send(&ask, "popup").await?;
                }
                open(target).await
            });
        }
        "what-changed" => {
            // Built on first opening (the board leaves it closed and empty).
            let details = button.parent_element();
            let empty = details
                .as_ref()
                .is_some_and(|d| matches!(d.query_selector("[data-oin-changes-body]"), Ok(None)));
            if let (Some(details), true) = (details, empty) {
                let tree = JsValue::from_str(&popup_board::changes_body(d).to_json());
                let _ = ctx.append_tree.call2(&JsValue::NULL, &details, &tree);
            }
        }
        // Both texts are built by the worker when asked for: a report recomputes the draft's
        // findings, and keeping every row's Markdown in the index doubled its size.
        "copy-report" => copy_from_worker(
            ctx,
            Request::Report {
                integration: d.integration.clone(),
                host: d.org.clone(),
            },
            t("popup_report_copied", &[]),
        ),
        "copy-summary" => copy_from_worker(
            ctx,
            Request::Summary {
                integration: d.integration.clone(),
                host: d.org.clone(),
            },
            t("popup_summary_copied", &[]),
        ),
        "pin-submitter" => {
            let request = Request::PinSubmitter {
                integration: d.integration.clone(),
                url: ctx.url().unwrap_or_default(),
            };
            spawn(ctx, async move { render(&c, ask(&request).await?) });
        }
        _ => {}
    }
}

/// Asks the worker for a text (answered as an `Export`), puts it on the clipboard and says so.
fn copy_from_worker(ctx: &Ctx, ask: Request, copied: String) {
    let c = ctx.clone();
    spawn(ctx, async move {
        let answer = from_js::<ReportText>(send(&ask, "export").await?)
            .map_err(|e| JsValue::from_str(&e))?;
        chrome::clipboard_write(&answer.text).await?;
        notice(&c, &copied)
    });
}

fn footer(ctx: &Ctx) -> Result<(), JsValue> {
    let doc = &ctx.doc;
    let bar = append(&ctx.root, doc, "footer", "")?;
    let export = button(&bar, doc, &t("action_export", &[]), "export")?;
    let c = ctx.clone();
    on(&export, "click", move || {
        let c2 = c.clone();
        spawn(&c, async move { download(&c2).await });
    })?;
    let import = button(&bar, doc, &t("popup_import", &[]), "import")?;
    import.set_class_name("secondary");
    let picker = append(&bar, doc, "input", "")?;
    picker.set_attribute("type", "file")?;
    picker.set_attribute("accept", "application/json,.json")?;
    picker.set_attribute("hidden", "")?;
    picker.set_attribute("data-oin-import-file", "")?;
    picker.set_attribute("aria-label", &t("popup_import_label", &[]))?;
    let input: HtmlInputElement = picker.clone().dyn_into()?;
    on(&import, "click", move || input.click())?;
    let input: HtmlInputElement = picker.clone().dyn_into()?;
    let c = ctx.clone();
    on(&picker, "change", move || {
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let c2 = c.clone();
        spawn(&c, async move { import_file(&c2, file).await });
    })
}

async fn import_file(ctx: &Ctx, file: web_sys::File) -> Result<(), JsValue> {
    let text = files::read_import(file).await?;
    let view = ask(&Request::Import {
        text,
        url: ctx.url(),
    })
    .await?;
    render(ctx, view)
}

async fn download(ctx: &Ctx) -> Result<(), JsValue> {
    let name = files::download_export(&ctx.doc).await?;
    notice(ctx, &t("popup_exported", &[&name]))
}

#[derive(Serialize)]
struct Open {
    url: String,
}

async fn open(action: Resume) -> Result<(), JsValue> {
    match action {
        Resume::Update { tab, url } => chrome::tabs_update(tab, &to_js(&Open { url })?)
            .await
            .map(|_| ()),
        Resume::Create { url } => chrome::tabs_create(&to_js(&Open { url })?)
            .await
            .map(|_| ()),
        Resume::Refuse => Err(JsValue::from_str(&t("popup_resume_refused", &[]))),
    }
}
