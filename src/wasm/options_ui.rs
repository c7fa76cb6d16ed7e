//! The options page's UI, built with web-sys: turn rules off, change their severity, when a
//! draft is stale, sync on or off, export / import / clear data (with confirmation). Every
//! change is sent to the worker at once; the page only reads its own form back. Every word
//! comes from the catalogue (`i18n::t`).

use super::convert::from_js;
use super::dom::{append, button, field, on, send};
use super::files;
use crate::i18n::{t, Text};
use crate::model::{Request, Severity};
use crate::settings::Settings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

#[derive(Clone)]
struct Ctx {
    root: Element,
    doc: Document,
}

/// Loads the settings and renders the page.
pub async fn run(root: Element) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("options root has no document"))?;
    let ctx = Ctx { root, doc };
    let answer = send(&Request::Options, "options").await?;
    render(&ctx, &answer)
}

fn notice(ctx: &Ctx, text: &str) {
    if let Ok(Some(status)) = ctx.root.query_selector("[data-oin-notice]") {
        status.set_text_content(Some(text));
    }
}

fn spawn(ctx: &Ctx, work: impl std::future::Future<Output = Result<(), JsValue>> + 'static) {
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = work.await {
            notice(
                &ctx,
                &error.as_string().unwrap_or_else(|| t("action_failed", &[])),
            );
        }
    });
}

/// A severity's name in the options' menus.
fn severity_name(severity: Severity) -> Text {
    match severity {
        Severity::Error => Text("severity_error"),
        Severity::Warning => Text("severity_warning"),
        Severity::Info => Text("severity_info"),
    }
}

fn render(ctx: &Ctx, answer: &JsValue) -> Result<(), JsValue> {
    let settings: Settings =
        from_js(field(answer, "settings")?).map_err(|e| JsValue::from_str(&e))?;
    let rules: Vec<(String, String)> =
        from_js(field(answer, "rules")?).map_err(|e| JsValue::from_str(&e))?;
    let (root, doc) = (&ctx.root, &ctx.doc);
    root.set_text_content(None);
    let status = append(
        root,
        doc,
        "p",
        &field(answer, "notice")?.as_string().unwrap_or_default(),
    )?;
    status.set_attribute("data-oin-notice", "")?;
    status.set_attribute("role", "status")?;

    let checks = append(root, doc, "section", "")?;
    append(&checks, doc, "h2", &t("options_checks", &[]))?;
    let table = append(&checks, doc, "table", "")?;
    let head = append(&table, doc, "tr", "")?;
    for title in [
        Text("options_col_on"),
        Text("options_col_rule"),
        Text("options_col_what"),
        Text("options_col_severity"),
    ] {
        append(&head, doc, "th", &title.to_string())?.set_attribute("scope", "col")?;
    }
    for (id, what) in &rules {
        let row = append(&table, doc, "tr", "")?;
        row.set_attribute("data-rule", id)?;
        let cell = append(&row, doc, "td", "")?;
        let toggle = append(&cell, doc, "input", "")?;
        toggle.set_attribute("type", "checkbox")?;
        toggle.set_attribute("data-action", "toggle-rule")?;
        toggle.set_attribute("aria-label", &t("options_toggle_label", &[id]))?;
        if !settings.disabled.contains(id) {
            toggle.set_attribute("checked", "")?;
        }
        let name = append(&row, doc, "td", "")?;
        append(&name, doc, "code", id)?;
        append(&row, doc, "td", what)?;
        let cell = append(&row, doc, "td", "")?;
        let select = append(&cell, doc, "select", "")?;
        select.set_attribute("data-action", "severity")?;
        select.set_attribute("aria-label", &t("options_severity_label", &[id]))?;
        let current = settings.severity.get(id).map(|s| s.as_str()).unwrap_or("");
        // "Rule's own (Warning)": what choosing it means, without looking the rule up.
        let own = match crate::settings::default_severity(id) {
            Some(severity) => t(
                "options_severity_default_named",
                &[&severity_name(severity).to_string()],
            ),
            None => t("options_severity_default", &[]),
        };
        for (value, label) in [
            ("", own),
            ("error", severity_name(Severity::Error).to_string()),
            ("warning", severity_name(Severity::Warning).to_string()),
            ("info", severity_name(Severity::Info).to_string()),
        ] {
            let option = append(&select, doc, "option", &label)?;
            option.set_attribute("value", value)?;
            if value == current {
                option.set_attribute("selected", "")?;
            }
        }
    }

    let tracking = append(root, doc, "section", "")?;
    append(&tracking, doc, "h2", &t("options_tracking", &[]))?;
    // The spaces around label texts separate them from their control: layout, not words.
    let text = format!("{} ", t("options_stale_days", &[]));
    let label = append(&tracking, doc, "label", &text)?;
    let days = append(&label, doc, "input", "")?;
    days.set_attribute("type", "number")?;
    days.set_attribute("min", "1")?;
    days.set_attribute("max", "3650")?;
    days.set_attribute("value", &settings.stale_days.to_string())?;
    days.set_attribute("data-setting", "stale_days")?;
    let label = append(&tracking, doc, "label", "")?;
    let sync = append(&label, doc, "input", "")?;
    sync.set_attribute("type", "checkbox")?;
    sync.set_attribute("data-setting", "sync")?;
    if settings.sync {
        sync.set_attribute("checked", "")?;
    }
    label.append_child(&doc.create_text_node(&format!(" {}", t("options_sync", &[]))))?;

    data_section(ctx)?;
    // Any change of any control saves the whole form.
    let c = ctx.clone();
    on(root, "change", move || {
        let c2 = c.clone();
        spawn(&c, async move {
            let settings = read_form(&c2.root)?;
            let answer = send(&Request::SaveSettings { settings }, "options").await?;
            notice(
                &c2,
                &field(&answer, "notice")?.as_string().unwrap_or_default(),
            );
            Ok(())
        });
    })
}

fn inputs(root: &Element, selector: &str) -> Result<Vec<Element>, JsValue> {
    let list = root.query_selector_all(selector)?;
    Ok((0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect())
}

fn read_form(root: &Element) -> Result<Settings, JsValue> {
    let mut settings = Settings::default();
    for row in inputs(root, "tr[data-rule]")? {
        let id = row.get_attribute("data-rule").unwrap_or_default();
        if let Some(toggle) = row.query_selector("[data-action=toggle-rule]")? {
            if !toggle.dyn_into::<HtmlInputElement>()?.checked() {
                settings.disabled.insert(id.clone());
            }
        }
        if let Some(select) = row.query_selector("[data-action=severity]")? {
            let value = select.dyn_into::<web_sys::HtmlSelectElement>()?.value();
            let severity = match value.as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "info" => Some(Severity::Info),
                _ => None,
            };
            if let Some(s) = severity {
                settings.severity.insert(id, s);
            }
        }
    }
    if let Some(days) = root.query_selector("[data-setting=stale_days]")? {
        settings.stale_days = days
            .dyn_into::<HtmlInputElement>()?
            .value()
            .parse()
            .unwrap_or(settings.stale_days);
    }
    if let Some(sync) = root.query_selector("[data-setting=sync]")? {
        settings.sync = sync.dyn_into::<HtmlInputElement>()?.checked();
    }
    Ok(settings)
}

fn data_section(ctx: &Ctx) -> Result<(), JsValue> {
    let (root, doc) = (&ctx.root, &ctx.doc);
    let data = append(root, doc, "section", "")?;
    append(&data, doc, "h2", &t("options_data", &[]))?;
    let export = button(&data, doc, &t("action_export", &[]), "export")?;
    let c = ctx.clone();
    on(&export, "click", move || {
        let c2 = c.clone();
        spawn(&c, async move {
            let name = files::download_export(&c2.doc).await?;
            notice(&c2, &t("options_exported", &[&name]));
            Ok(())
        });
    })?;
    let picker = append(&data, doc, "input", "")?;
    picker.set_attribute("type", "file")?;
    picker.set_attribute("accept", "application/json,.json")?;
    picker.set_attribute("aria-label", &t("options_import_label", &[]))?;
    picker.set_attribute("data-oin-import-file", "")?;
    let input: HtmlInputElement = picker.clone().dyn_into()?;
    let c = ctx.clone();
    on(&picker, "change", move || {
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let c2 = c.clone();
        spawn(&c, async move {
            let text = files::read_import(file).await?;
            let answer = send(&Request::Import { text, url: None }, "popup").await?;
            notice(
                &c2,
                &field(&answer, "notice")?.as_string().unwrap_or_default(),
            );
            Ok(())
        });
    })?;
    // Clearing is two steps: the button only reveals the confirmation.
    let clear = button(&data, doc, &t("options_clear", &[]), "clear")?;
    let confirm = append(&data, doc, "div", "")?;
    confirm.set_attribute("hidden", "")?;
    confirm.set_attribute("role", "alertdialog")?;
    confirm.set_attribute("aria-label", &t("options_clear_confirm_label", &[]))?;
    append(&confirm, doc, "p", &t("options_clear_text", &[]))?;
    let yes = button(&confirm, doc, &t("options_clear_yes", &[]), "confirm-clear")?;
    let no = button(&confirm, doc, &t("options_cancel", &[]), "cancel-clear")?;
    let shown = confirm.clone();
    on(&clear, "click", move || {
        let _ = shown.remove_attribute("hidden");
    })?;
    let hidden = confirm.clone();
    on(&no, "click", move || {
        let _ = hidden.set_attribute("hidden", "");
    })?;
    let c = ctx.clone();
    on(&yes, "click", move || {
        let c2 = c.clone();
        spawn(&c, async move {
            let answer = send(&Request::ClearData, "options").await?;
            render(&c2, &answer)
        });
    })
}
