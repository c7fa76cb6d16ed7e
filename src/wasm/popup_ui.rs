//! The popup's UI, built with web-sys. Text only (`set_text_content`), every word from the
//! catalogue (`i18n::t`); decisions (which tab, what to list, where Resume goes, what matches a
//! search) come from the pure core, through the worker (the single writer of the registry).

use super::chrome;
use super::convert::{from_js, to_js};
use super::dom::{append, button, el, field, on, send};
use super::files;
use crate::board::{self, PopupIndex};
use crate::i18n::{t, Text};
use crate::layout;
use crate::messages;
use crate::model::{DraftView, PopupView, Request};
use crate::popup::{self, Resume, TabInfo};
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

/// The worker's answer to `Request::Report` (an `export`-kind answer; only its text is read).
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
) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("popup root has no document"))?;
    let ctx = Ctx {
        root,
        doc,
        tab: current_tab(tabs_read).await?,
    };
    let url = ctx.url();
    let view = match stored_index(index_read).await {
        Some(index) => board::popup_from_index(index, url.as_deref(), now),
        None => ask(&Request::Popup { url }).await?,
    };
    render(&ctx, &view)
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

fn render(ctx: &Ctx, view: &PopupView) -> Result<(), JsValue> {
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
                    run(c3.root.clone(), js_sys::Date::now(), none, None).await
                });
            });
        }
    });
    Ok(())
}

fn board_list(ctx: &Ctx, view: &PopupView) -> Result<(), JsValue> {
    let (root, doc) = (&ctx.root, &ctx.doc);
    let search = append(root, doc, "input", "")?;
    search.set_attribute("type", "search")?;
    search.set_attribute("aria-label", &t("popup_search_label", &[]))?;
    search.set_attribute("placeholder", &t("popup_search_placeholder", &[]))?;
    search.set_attribute("data-oin-search", "")?;
    // Built detached and attached once: inserting 200 rows into the live page costs more.
    let board = el(doc, "div", "")?;
    board.set_class_name("board");
    let words = RowWords::new(view);
    let mut items: Vec<Element> = Vec::with_capacity(view.drafts.len());
    let mut current_org = None;
    let mut list = None;
    for (index, d) in view.drafts.iter().enumerate() {
        if current_org.as_deref() != Some(d.org.as_str()) {
            let title = messages::org_name(&d.org, &d.org_id);
            let group = append(&board, doc, "section", "")?;
            group.set_attribute("data-oin-org-group", &d.org)?;
            append(&group, doc, "h3", &title)?;
            let ul = append(&group, doc, "ul", "")?;
            ul.set_class_name("drafts");
            list = Some(ul);
            current_org = Some(d.org.clone());
        }
        if let Some(ul) = &list {
            let li = draft_item(doc, d, index, &words)?;
            ul.append_child(&li)?;
            items.push(li);
        }
    }
    root.append_child(&board)?;
    // One listener for every row's buttons (200 rows would otherwise mean 600 closures).
    let drafts = std::rc::Rc::new(view.drafts.clone());
    on_row_action(ctx, &board, drafts.clone())?;
    let input: HtmlInputElement = search.clone().dyn_into()?;
    on(&search, "input", move || {
        let query = input.value();
        for (li, draft) in items.iter().zip(drafts.iter()) {
            let _ = li.toggle_attribute_with_force("hidden", !board::matches(draft, &query));
        }
    })
}

/// The words every row shows, looked up once per render rather than once per row.
struct RowWords {
    resume: String,
    copy_report: String,
    /// "This org is the submitter" when the active tab is on an org.
    pin: Option<String>,
    what_changed: String,
    copy_summary: String,
}

impl RowWords {
    fn new(view: &PopupView) -> RowWords {
        RowWords {
            resume: t("popup_resume", &[]),
            copy_report: t("popup_copy_report", &[]),
            pin: (!view.org_host.is_empty()).then(|| t("popup_pin", &[&view.org_host])),
            what_changed: t("popup_what_changed", &[]),
            copy_summary: t("popup_copy_summary", &[]),
        }
    }
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
        row_action(&c, &action, d);
    });
    board.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())?;
    // The popup lives as long as its page: leaking the listener is the intended lifetime.
    closure.forget();
    Ok(())
}

fn row_action(ctx: &Ctx, action: &str, d: &DraftView) {
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
        "copy-report" => {
            let ask = Request::Report {
                integration: d.integration.clone(),
                host: d.org.clone(),
            };
            spawn(ctx, async move {
                // Built on demand: a report recomputes the draft's findings.
                let answer = from_js::<ReportText>(send(&ask, "export").await?)
                    .map_err(|e| JsValue::from_str(&e))?;
                chrome::clipboard_write(&answer.text).await?;
                notice(&c, &t("popup_report_copied", &[]))
            });
        }
        "copy-summary" => {
            let text = d.changes_markdown.clone();
            spawn(ctx, async move {
                chrome::clipboard_write(&text).await?;
                notice(&c, &t("popup_summary_copied", &[]))
            });
        }
        "pin-submitter" => {
            let request = Request::PinSubmitter {
                integration: d.integration.clone(),
                url: ctx.url().unwrap_or_default(),
            };
            spawn(ctx, async move { render(&c, &ask(&request).await?) });
        }
        _ => {}
    }
}

fn draft_item(
    doc: &Document,
    d: &DraftView,
    index: usize,
    words: &RowWords,
) -> Result<Element, JsValue> {
    let li = el(doc, "li", "")?;
    let complete = d.complete.to_string();
    for (name, value) in [
        ("data-integration", d.integration.as_str()),
        ("data-org", d.org.as_str()),
        ("data-status", d.status.as_str()),
        ("data-submitter", d.submitter.as_str()),
        ("data-stale", if d.stale { "true" } else { "false" }),
        ("data-oin-draft", ""),
        ("data-complete", &complete),
        ("data-index", &index.to_string()),
    ] {
        li.set_attribute(name, value)?;
    }
    append(&li, doc, "strong", &d.name)?;
    let errors = crate::strings::plural(
        d.errors,
        Text("count_errors_one"),
        Text("count_errors_other"),
    );
    let args: [&str; 4] = [&d.status, &complete, &errors, &d.last_seen_text];
    let facts = if d.stale {
        t("popup_draft_facts_stale", &args)
    } else {
        t("popup_draft_facts", &args)
    };
    append(&li, doc, "span", &facts)?;
    if d.conflict {
        let claims = d
            .claims
            .iter()
            .cloned()
            .reduce(|a, b| t("popup_conflict_join", &[&a, &b]))
            .unwrap_or_default();
        let note = t("popup_conflict", &[&claims]);
        append(&li, doc, "span", &note)?.set_attribute("data-oin-conflict", "")?;
    } else if !d.submitter.is_empty() {
        append(&li, doc, "span", &t("popup_submitter", &[&d.submitter]))?;
    }
    if !d.changes.is_empty() {
        let details = append(&li, doc, "details", "")?;
        details.set_attribute("data-oin-changes", "")?;
        append(&details, doc, "summary", &words.what_changed)?;
        let ul = append(&details, doc, "ul", "")?;
        for line in &d.changes {
            append(&ul, doc, "li", line)?;
        }
        button(&details, doc, &words.copy_summary, "copy-summary")?;
    }
    let actions = append(&li, doc, "div", "")?;
    actions.set_class_name("actions");
    button(&actions, doc, &words.resume, "resume")?;
    button(&actions, doc, &words.copy_report, "copy-report")?.set_class_name("secondary");
    if let Some(pin) = &words.pin {
        button(&actions, doc, pin, "pin-submitter")?.set_class_name("secondary");
    }
    Ok(li)
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
    render(ctx, &view)
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
