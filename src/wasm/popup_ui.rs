//! The popup's UI, built with web-sys. Text only (`set_text_content`); decisions (which tab,
//! what to list, where Resume goes) come from the pure core, through the worker (the single
//! writer of the registry).

use super::chrome;
use super::convert::{from_js, to_js};
use crate::model::{DraftView, PopupView, Request};
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
    let active = tabs(&Query {
        active: Some(true),
        current_window: Some(true),
    })
    .await?;
    let mut all = tabs(&Query {
        active: None,
        current_window: None,
    })
    .await?;
    for t in &mut all {
        t.active = active.iter().any(|a| a.id == t.id);
    }
    Ok(popup::choose_tab(&all, &chrome::runtime_url("")))
}

/// Sends a request to the worker and returns the popup view it answers.
async fn ask(request: &Request) -> Result<PopupView, JsValue> {
    let answer = chrome::runtime_send(&to_js(request)?).await?;
    // Read `kind` first and then the one shape expected: deserialising the whole `Response`
    // enum would pull every answer's code into the wasm.
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name));
    let kind = field("kind")?.as_string().unwrap_or_default();
    match kind.as_str() {
        "popup" => from_js::<PopupView>(answer).map_err(|e| JsValue::from_str(&e)),
        "error" => Err(JsValue::from_str(
            &field("message")?.as_string().unwrap_or_default(),
        )),
        _ => Err(JsValue::from_str(
            "the worker answered something the popup cannot show",
        )),
    }
}

/// Renders the popup.
pub async fn run(root: Element, _now: f64) -> Result<(), JsValue> {
    let tab = current_tab().await?;
    let url = tab
        .as_ref()
        .map(|t| t.url.clone())
        .filter(|u| !u.is_empty());
    let view = ask(&Request::Popup { url }).await?;
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

fn on_click(element: &Element, action: impl FnMut() + 'static) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut()>::new(action);
    element.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())?;
    // The popup lives as long as its page: leaking the listener is the intended lifetime.
    closure.forget();
    Ok(())
}

fn render(root: &Element, view: &PopupView, tab: Option<TabInfo>) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("popup root has no document"))?;
    root.set_text_content(None);
    let org = append(root, &doc, "p", &view.current_org)?;
    org.set_attribute("data-oin-current-org", &view.org_host)?;
    org.set_attribute("data-org-id", &view.org_id)?;
    append(root, &doc, "h2", "In-progress versions")?;
    if view.drafts.is_empty() {
        append(root, &doc, "p", &view.empty_note)?.set_class_name("empty");
        return Ok(());
    }
    let list = append(root, &doc, "ul", "")?;
    list.set_class_name("drafts");
    for d in &view.drafts {
        let item = draft_item(root, &doc, d, view, tab.clone())?;
        list.append_child(&item)?;
    }
    Ok(())
}

fn draft_item(
    root: &Element,
    doc: &Document,
    d: &DraftView,
    view: &PopupView,
    tab: Option<TabInfo>,
) -> Result<Element, JsValue> {
    let li = el(doc, "li", "")?;
    li.set_attribute("data-oin-draft", "")?;
    li.set_attribute("data-integration", &d.integration)?;
    li.set_attribute("data-org", &d.org)?;
    li.set_attribute("data-status", &d.status)?;
    li.set_attribute("data-complete", &d.complete.to_string())?;
    li.set_attribute("data-stale", if d.stale { "true" } else { "false" })?;
    li.set_attribute("data-submitter", &d.submitter)?;
    let title = if d.name.is_empty() {
        &d.integration
    } else {
        &d.name
    };
    append(&li, doc, "strong", title)?;
    let facts = format!(
        "{} · {} · {}% · {} errors · seen {}",
        d.org, d.status, d.complete, d.errors, d.last_seen_text
    );
    append(&li, doc, "span", &facts)?;
    if d.conflict {
        let note = format!(
            "Submitter conflict: claimed by {}. Pin the right org.",
            d.claims.join(" and ")
        );
        let warn = append(&li, doc, "span", &note)?;
        warn.set_attribute("data-oin-conflict", "")?;
    } else if !d.submitter.is_empty() {
        append(&li, doc, "span", &format!("Submitter org: {}", d.submitter))?;
    }
    let resume = append(&li, doc, "button", "Resume")?;
    resume.set_attribute("data-action", "resume")?;
    let target = d.resume_url.clone();
    let resume_tab = tab.clone();
    on_click(&resume, move || {
        let action = popup::resume(&target, resume_tab.as_ref());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = open(action).await;
        });
    })?;
    if !view.org_host.is_empty() {
        let pin = append(
            &li,
            doc,
            "button",
            &format!("Pin {} as submitter", view.org_host),
        )?;
        pin.set_attribute("data-action", "pin-submitter")?;
        pin.set_class_name("secondary");
        let integration = d.integration.clone();
        let root = root.clone();
        on_click(&pin, move || {
            let url = tab.as_ref().map(|t| t.url.clone()).unwrap_or_default();
            let request = Request::PinSubmitter {
                integration: integration.clone(),
                url,
            };
            let (root, tab) = (root.clone(), tab.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(view) = ask(&request).await {
                    let _ = render(&root, &view, tab);
                }
            });
        })?;
    }
    Ok(li)
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
        Resume::Refuse => Ok(()),
    }
}
