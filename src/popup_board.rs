//! The popup's board as a tree of elements (pure): one section per org, one row per
//! in-progress version with its facts, its submitter or conflict note, "What changed" and its
//! buttons. `wasm/popup_ui.rs` hands the tree to the page in one call (see `view_tree`).

use crate::i18n::{t, Text};
use crate::messages;
use crate::model::{DraftView, PopupView};
use crate::strings;
use crate::view_tree::Node;

/// The board: rows in the view's order (grouped by org), each with `data-index` = its place
/// in `view.drafts`, which the popup's click and search handlers read back.
pub fn board(view: &PopupView) -> Node {
    let words = RowWords::new(view);
    let mut board = Node::new("div").attr("class", "board");
    let mut group: Option<Node> = None;
    for (index, d) in view.drafts.iter().enumerate() {
        if group.as_ref().and_then(|g| g.get("data-oin-org-group")) != Some(d.org.as_str()) {
            board.children.extend(group.take());
            group = Some(
                Node::new("section")
                    .attr("data-oin-org-group", &d.org)
                    .child(Node::text("h3", messages::org_name(&d.org, &d.org_id)))
                    .child(Node::new("ul").attr("class", "drafts")),
            );
        }
        if let Some(list) = group.as_mut().and_then(|g| g.children.last_mut()) {
            list.push(row(d, index, &words));
        }
    }
    board.children.extend(group);
    board
}

/// What an opened "What changed" shows: its lines and Copy summary (see `row`).
pub fn changes_body(d: &DraftView) -> Node {
    let mut lines = Node::new("ul");
    for line in &d.changes {
        lines.push(Node::text("li", line));
    }
    Node::new("div")
        .attr("data-oin-changes-body", "")
        .child(lines)
        .child(button(&t("popup_copy_summary", &[]), "copy-summary"))
}

/// The words every row shows, looked up once per board rather than once per row.
struct RowWords {
    resume: String,
    copy_report: String,
    /// "This org is the submitter" when the active tab is on an org.
    pin: Option<String>,
    /// The active tab's org host (empty when it is on none).
    org_host: String,
    what_changed: String,
}

impl RowWords {
    fn new(view: &PopupView) -> RowWords {
        RowWords {
            resume: t("popup_resume", &[]),
            copy_report: t("popup_copy_report", &[]),
            pin: (!view.org_host.is_empty()).then(|| t("popup_pin", &[&view.org_host])),
            org_host: view.org_host.clone(),
            what_changed: t("popup_what_changed", &[]),
        }
    }
}

fn button(label: &str, action: &'static str) -> Node {
    Node::text("button", label)
        .attr("type", "button")
        .attr("data-action", action)
}

fn row(d: &DraftView, index: usize, words: &RowWords) -> Node {
    let complete = d.complete.to_string();
    let mut li = Node::new("li")
        .attr("data-integration", &d.integration)
        .attr("data-org", &d.org)
        .attr("data-status", &d.status)
        .attr("data-submitter", &d.submitter)
        .attr("data-stale", if d.stale { "true" } else { "false" })
        .attr("data-oin-draft", "")
        .attr("data-complete", &complete)
        .attr("data-index", index.to_string())
        .child(Node::text("strong", &d.name));
    let errors = strings::plural(
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
    li.push(Node::text("span", facts));
    if d.conflict {
        let claims = d
            .claims
            .iter()
            .cloned()
            .reduce(|a, b| t("popup_conflict_join", &[&a, &b]))
            .unwrap_or_default();
        li.push(Node::text("span", t("popup_conflict", &[&claims])).attr("data-oin-conflict", ""));
    } else if !d.submitter.is_empty() {
        li.push(Node::text("span", t("popup_submitter", &[&d.submitter])));
    }
    if !d.changes.is_empty() {
        // Closed until asked: its lines and Copy summary are built when it is first opened
        // (`changes_body`), a third of a board's elements that the first render does not show.
        li.push(
            Node::new("details").attr("data-oin-changes", "").child(
                Node::text("summary", &words.what_changed).attr("data-action", "what-changed"),
            ),
        );
    }
    let mut actions = Node::new("div")
        .attr("class", "actions")
        .child(button(&words.resume, "resume"))
        .child(button(&words.copy_report, "copy-report").attr("class", "secondary"));
    // Pinning the org that is already the pinned, unchallenged submitter would change nothing:
    // the button is offered only where it settles or changes something (a claim seen on a
    // page becomes the user's choice, a conflict is resolved, another org is replaced).
    let settled = d.pinned && !d.conflict && d.submitter == words.org_host;
    if let Some(pin) = words.pin.as_ref().filter(|_| !settled) {
        actions.push(button(pin, "pin-submitter").attr("class", "secondary"));
    }
    li.push(actions);
    li
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(integration: &str, org: &str) -> DraftView {
        DraftView {
            integration: integration.into(),
            name: format!("<img src=x onerror=alert(1)> {integration}"),
            org: org.into(),
            status: "draft".into(),
            complete: 40,
            errors: 1,
            ..DraftView::default()
        }
    }

    fn rows(tree: &Node) -> Vec<&Node> {
        tree.walk()
            .into_iter()
            .filter(|n| n.get("data-oin-draft").is_some())
            .collect()
    }

    #[test]
    fn rows_are_grouped_by_org_in_the_views_order_and_carry_their_index() {
        let view = PopupView {
            drafts: vec![
                draft("a", "one.okta.com"),
                draft("b", "one.okta.com"),
                draft("c", "two.okta.com"),
            ],
            ..PopupView::default()
        };
        let tree = board(&view);
        let groups: Vec<_> = tree
            .children
            .iter()
            .map(|g| g.get("data-oin-org-group").unwrap_or_default())
            .collect();
        assert_eq!(groups, ["one.okta.com", "two.okta.com"]);
        let ids: Vec<_> = rows(&tree)
            .iter()
            .map(|r| (r.get("data-integration"), r.get("data-index")))
            .collect();
        assert_eq!(
            ids,
            [
                (Some("a"), Some("0")),
                (Some("b"), Some("1")),
                (Some("c"), Some("2"))
            ]
        );
    }

    #[test]
    fn a_row_says_its_facts_and_offers_pin_only_on_an_org_tab() {
        let mut stale = draft("a", "one.okta.com");
        stale.stale = true;
        stale.conflict = true;
        stale.claims = vec!["one.okta.com".into(), "two.okta.com".into()];
        stale.changes = vec!["Logo: changed".into()];
        let mut view = PopupView {
            drafts: vec![stale],
            ..PopupView::default()
        };
        let without_org = board(&view);
        let row = rows(&without_org)[0];
        assert_eq!(row.get("data-stale"), Some("true"));
        assert_eq!(row.get("data-complete"), Some("40"));
        // Page text stays text: the name is the text of an element, not markup.
        assert_eq!(row.children[0].text, "<img src=x onerror=alert(1)> a");
        let actions = |tree: &Node| -> Vec<String> {
            tree.walk()
                .iter()
                .filter_map(|n| n.get("data-action").map(str::to_string))
                .collect()
        };
        assert_eq!(
            actions(&without_org),
            ["what-changed", "resume", "copy-report"]
        );
        let all = without_org.walk();
        assert!(all.iter().any(|n| n.get("data-oin-conflict").is_some()));
        // "What changed" is built when opened: its lines and Copy summary.
        assert!(!all.iter().any(|n| n.text == "Logo: changed"));
        let body = changes_body(&view.drafts[0]);
        let opened = body.walk();
        assert!(opened
            .iter()
            .any(|n| n.tag == "li" && n.text == "Logo: changed"));
        assert_eq!(actions(&body), ["copy-summary"]);
        view.org_host = "one.okta.com".into();
        assert_eq!(
            actions(&board(&view)),
            ["what-changed", "resume", "copy-report", "pin-submitter"]
        );
    }

    #[test]
    fn pin_is_not_offered_for_the_org_already_pinned() {
        let mut pinned = draft("a", "one.okta.com");
        pinned.submitter = "one.okta.com".into();
        pinned.pinned = true;
        let mut view = PopupView {
            drafts: vec![pinned],
            org_host: "one.okta.com".into(),
            ..PopupView::default()
        };
        let offers_pin = |view: &PopupView| {
            board(view)
                .walk()
                .iter()
                .any(|n| n.get("data-action") == Some("pin-submitter"))
        };
        assert!(!offers_pin(&view), "already the pinned submitter");
        // On another org's tab it replaces the pin; a claim seen on a page can still be pinned;
        // a conflict always asks.
        view.org_host = "two.okta.com".into();
        assert!(offers_pin(&view));
        view.org_host = "one.okta.com".into();
        view.drafts[0].pinned = false;
        assert!(offers_pin(&view), "a claim, not yet the user's choice");
        view.drafts[0].pinned = true;
        view.drafts[0].conflict = true;
        assert!(offers_pin(&view));
    }

    /// popup.js builds only the tags it lists (`TAGS`) and `class`, `type` and `data-*`
    /// attributes: a board must use no other.
    #[test]
    fn the_page_builder_accepts_every_tag_of_a_board() {
        let script = include_str!("../extension/popup/popup.js");
        let listed = script
            .lines()
            .find(|l| l.starts_with("const TAGS = new Set(["))
            .unwrap_or_default();
        let mut d = draft("a", "one.okta.com");
        d.conflict = true;
        d.changes = vec!["Logo: changed".into()];
        let mut other = draft("b", "one.okta.com");
        other.submitter = "one.okta.com".into();
        let view = PopupView {
            org_host: "one.okta.com".into(),
            drafts: vec![d, other],
            ..PopupView::default()
        };
        let body = changes_body(&view.drafts[0]);
        for node in board(&view).walk().into_iter().chain(body.walk()) {
            let quoted = format!("'{}'", node.tag);
            assert!(listed.contains(&quoted), "popup.js TAGS lacks {quoted}");
            // The only attributes popup.js sets.
            for (name, _) in &node.attrs {
                assert!(
                    ["class", "type"].contains(name) || name.starts_with("data-"),
                    "popup.js refuses the attribute {name}"
                );
            }
        }
    }
}
