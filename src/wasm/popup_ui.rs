//! The popup's UI, built with web-sys. Text only (`set_text_content`); decisions (which tab,
//! what to list, where Resume goes) come from `crate::handler` and `crate::popup`.

use super::chrome;
use super::convert::{from_js, to_js};
use super::store;
use crate::handler;
use crate::model::{PopupView, Request, Response};
use crate::popup::{self, Resume, TabInfo};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

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

/// Finds the tab the popup is about.
async fn current_tab() -> Result<Option<TabInfo>, JsValue> {
    let active = tabs(&Query { active: Some(true), current_window: Some(true) }).await?;
    let mut all = tabs(&Query { active: None, current_window: None }).await?;
    for t in &mut all {
        t.active = active.iter().any(|a| a.id == t.id);
    }
    Ok(popup::choose_tab(&all, &chrome::runtime_url("")))
}

/// Loads the state and renders the popup.
pub async fn run(root: Element, now: f64) -> Result<(), JsValue> {
    let tab = current_tab().await?;
    let registry = store::load(now).await?;
    let url = tab.as_ref().map(|t| t.url.clone()).filter(|u| !u.is_empty());
    let view = match handler::handle(registry, Request::Popup { url }, now).response {
        Response::Popup(view) => view,
        _ => PopupView::default(),
    };
    render(&root, &view, tab)
}

fn el(doc: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

fn append(parent: &Element, doc: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let child = el(doc, tag, text)?;
    parent.append_child(&child)?;
    Ok(child)
}

fn render(root: &Element, view: &PopupView, tab: Option<TabInfo>) -> Result<(), JsValue> {
    let doc = root.owner_document().ok_or_else(|| JsValue::from_str("popup root has no document"))?;
    root.set_text_content(None);
    let org = el(&doc, "p", &view.current_org)?;
    org.set_attribute("data-oin-current-org", &view.org_host)?;
    org.set_attribute("data-org-id", &view.org_id)?;
    root.append_child(&org)?;
    append(root, &doc, "h2", "In-progress versions")?;
    if view.drafts.is_empty() {
        let note = el(&doc, "p", &view.empty_note)?;
        note.set_class_name("empty");
        root.append_child(&note)?;
        return Ok(());
    }
    let list = el(&doc, "ul", "")?;
    list.set_class_name("drafts");
    for d in &view.drafts {
        let li = el(&doc, "li", "")?;
        li.set_attribute("data-oin-draft", "")?;
        li.set_attribute("data-integration", &d.integration)?;
        li.set_attribute("data-org", &d.org)?;
        li.set_attribute("data-status", &d.status)?;
        li.set_attribute("data-complete", &d.complete.to_string())?;
        li.set_attribute("data-stale", if d.stale { "true" } else { "false" })?;
        let title = if d.name.is_empty() { &d.integration } else { &d.name };
        append(&li, &doc, "strong", title)?;
        let facts = format!("{} · {} · {}% · {} errors · seen {}", d.org, d.status, d.complete, d.errors, d.last_seen_text);
        append(&li, &doc, "span", &facts)?;
        let button = el(&doc, "button", "Resume")?;
        button.set_attribute("data-action", "resume")?;
        let target = d.resume_url.clone();
        let tab = tab.clone();
        let on_click = Closure::<dyn FnMut()>::new(move || {
            let action = popup::resume(&target, tab.as_ref());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = open(action).await;
            });
        });
        button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        // The popup lives as long as its page: leaking the listener is the intended lifetime.
        on_click.forget();
        li.append_child(&button)?;
        list.append_child(&li)?;
    }
    root.append_child(&list)?;
    Ok(())
}

#[derive(Serialize)]
struct Open {
    url: String,
}

async fn open(action: Resume) -> Result<(), JsValue> {
    match action {
        Resume::Update { tab, url } => chrome::tabs_update(tab, &to_js(&Open { url })?).await.map(|_| ()),
        Resume::Create { url } => chrome::tabs_create(&to_js(&Open { url })?).await.map(|_| ()),
        Resume::Refuse => Ok(()),
    }
}
