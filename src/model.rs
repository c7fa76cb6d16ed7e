//! Plain data shared by every layer: what the content script sends (`PageSnapshot`), what the
//! pure core computes (`Cell`, `Finding`) and what the content script paints (`RenderPlan`).
//! Invariant: no behaviour lives here beyond tiny constructors; every type is serde-plain so it
//! crosses the JS boundary and `chrome.storage` as ordinary JSON objects.

use serde::{Deserialize, Serialize};

/// Everything the content script saw on one page, raw: which controls are which field is decided
/// in Rust (`page::map`), never in JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageSnapshot {
    /// Full page URL (a hint only: pages are recognised by content).
    pub url: String,
    /// `document.title`.
    pub title: String,
    /// Visible headings (`h1`–`h6`, `[role=heading]`, `legend`) in document order.
    pub headings: Vec<Heading>,
    /// Visible buttons and button-like links.
    pub buttons: Vec<Button>,
    /// Form controls in document order.
    pub controls: Vec<Control>,
    /// Rows of tables / lists that look like an integrations list.
    pub rows: Vec<ListRow>,
    /// Short visible texts that carry state: status badges, progress labels, banners.
    pub texts: Vec<String>,
    /// The signed-in admin's username when the page shows it.
    pub user: Option<String>,
}

/// A heading on the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Heading {
    /// 1–6 for `h1`–`h6`, 0 for other heading-like elements.
    pub level: u8,
    /// Visible text, white space collapsed.
    pub text: String,
}

/// A button (or a link styled as one) the page shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Button {
    /// Handle the content script uses to find the element again.
    pub id: u32,
    /// Accessible name: text content, else `aria-label`, else `value`.
    pub text: String,
    /// `disabled` or `aria-disabled="true"`.
    pub disabled: bool,
}

/// Every way a control may be named on screen, raw; `page::labels` normalises and ranks them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelCandidates {
    /// Text of `label[for=id]` or of a wrapping `label` (minus the control's own text).
    pub label: String,
    /// `aria-label`.
    pub aria_label: String,
    /// Text of the elements named by `aria-labelledby`.
    pub labelled_by: String,
    /// Legend of the closest enclosing `fieldset` (or `[role=group]` name).
    pub legend: String,
    /// Closest preceding section heading (used for repeated rows).
    pub heading: String,
    /// `placeholder`.
    pub placeholder: String,
    /// `name` attribute.
    pub name: String,
    /// `id` attribute.
    pub dom_id: String,
    /// Okta's own test hook `data-se`, a hint only.
    pub data_se: String,
}

/// One form control as the page shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Control {
    /// Handle the content script uses to find the element again (markers, focus).
    pub id: u32,
    /// `input`, `textarea`, `select`, or `custom` for ARIA widgets (`role=textbox|combobox`).
    pub tag: String,
    /// `type` attribute for inputs (`text`, `url`, `email`, `password`, `checkbox`, `radio`, `file`…).
    pub kind: String,
    /// The ways this control is named.
    pub labels: LabelCandidates,
    /// Current value; for a `select` the selected option's text. Always empty for secrets.
    pub value: String,
    /// True for password-like controls: only `filled` is known, never the value.
    pub secret: bool,
    /// Whether the control holds anything (the only thing known of a secret).
    pub filled: bool,
    /// For checkboxes and radios.
    pub checked: Option<bool>,
    /// For checkboxes and radios: the option's own label (the group name is in `labels.legend`).
    pub option: String,
    /// Not rendered (`display:none`, `hidden`, zero size).
    pub hidden: bool,
    /// `disabled` or `readonly`.
    pub disabled: bool,
    /// Index of the repeated row this control sits in, counted per section (0-based), when the
    /// page lays controls out as rows (tenant variables, additional ACS URLs…).
    pub row: Option<u32>,
    /// For file inputs: the chosen file, when there is one.
    pub file: Option<FileMeta>,
    /// For file inputs: the preview image next to it, when the page shows one.
    pub preview: Option<ImageMeta>,
}

/// Metadata of a chosen file; read locally, never uploaded anywhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileMeta {
    /// File name as chosen.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type the browser reports.
    pub mime: String,
    /// The first bytes of the file (at most 64 KiB), enough to read image dimensions.
    pub head: Vec<u8>,
}

/// A preview image the page shows for a logo field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageMeta {
    /// `naturalWidth`.
    pub width: u32,
    /// `naturalHeight`.
    pub height: u32,
    /// The image `src` (used only to recognise Okta's placeholder logo).
    pub src: String,
    /// `alt` text.
    pub alt: String,
}

/// One row of an integrations list (table row or list item).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListRow {
    /// Handle the content script uses to find the row again.
    pub id: u32,
    /// Cell texts in order.
    pub cells: Vec<String>,
    /// Button / link texts in the row.
    pub actions: Vec<String>,
    /// `href`s of links in the row (for the edit page URL and the submission id).
    pub links: Vec<String>,
}

/// How bad a finding is. Ordering: `Error` is the most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Okta will refuse it or send it back.
    Error,
    /// Likely to be sent back, or to hurt customers.
    Warning,
    /// Advice.
    Info,
}

impl Severity {
    /// The word used in hooks (`data-severity`) and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One value the page showed for a catalogue field: a text box, one cell of a repeated row, one
/// option of a choice, a secret's presence, or a chosen file. Kept across wizard steps (without
/// secrets' values, which are never read).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cell {
    /// The control it came from on the current page (absent for values remembered from another step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<u32>,
    /// Which part of the field: `""` for a plain field, else e.g. `label`/`name` (tenant variables),
    /// `url`/`index` (additional ACS), `link`/`email`/`phone`, `authorize`/`token`, `id`/`secret`,
    /// or the option text of a choice.
    pub part: String,
    /// Row index for repeated rows (0 for single fields).
    pub row: u32,
    /// Text value (empty for secrets).
    pub text: String,
    /// Whether the control holds anything.
    pub filled: bool,
    /// For choice options: whether it is ticked / selected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    /// For the logo: the chosen file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileMeta>,
    /// For the logo: the preview image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageMeta>,
}

impl Cell {
    /// A plain text cell (tests and fixtures).
    pub fn text(part: &str, row: u32, text: &str) -> Cell {
        Cell {
            part: part.to_string(),
            row,
            text: text.to_string(),
            filled: !text.trim().is_empty(),
            ..Cell::default()
        }
    }

    /// A choice option cell (tests and fixtures).
    pub fn choice(option: &str, checked: bool) -> Cell {
        Cell {
            part: option.to_string(),
            checked: Some(checked),
            filled: checked,
            ..Cell::default()
        }
    }
}

/// Something wrong (or worth knowing) about a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Catalogue field key (`catalog.display_name`, `submission.org`…).
    pub field: String,
    /// Rule id (`required`, `max_len`…); stable, part of the public contract.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// One sentence: what is wrong and how to fix it.
    pub message: String,
    /// Row of a repeated field the finding is about, when it is about one row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// Part of the field it is about, when it is about one part.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub part: String,
}

impl Finding {
    /// Builds a finding about a whole field.
    pub fn new(field: &str, rule: &str, severity: Severity, message: String) -> Finding {
        // The options page shows each rule's own severity from `settings::RULES`: a rule that
        // grades otherwise must change the table too (debug builds, so every test checks it).
        debug_assert!(
            crate::settings::default_severity(rule).is_none_or(|own| own == severity),
            "{rule} found a {severity:?}, settings::RULES says otherwise"
        );
        Finding {
            field: field.to_string(),
            rule: rule.to_string(),
            severity,
            message,
            row: None,
            part: String::new(),
        }
    }

    /// The same finding, pinned to one row and part of a repeated field.
    pub fn at(mut self, part: &str, row: u32) -> Finding {
        self.part = part.to_string();
        self.row = Some(row);
        self
    }
}

/// What the content script asks of the worker, and what the popup asks. On the wire it is one
/// object with a `kind`; it is read through [`WireRequest`] because serde's internally tagged
/// enums buffer every nested value, which tripled the wasm's deserialisation code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", try_from = "WireRequest")]
pub enum Request {
    /// A page changed: check it and say what to paint.
    Check {
        /// What the page shows.
        snapshot: PageSnapshot,
    },
    /// The worker fetched an org's `/.well-known/okta-organization` (see `Effect::FetchOrgId`).
    OrgLookup {
        /// Org host asked.
        host: String,
        /// HTTP status (0 when the request failed or timed out).
        #[serde(default)]
        status: u16,
        /// Response body (empty on failure).
        #[serde(default)]
        body: String,
        /// `Retry-After` in seconds, when the answer carried one.
        #[serde(default)]
        retry_after: Option<f64>,
    },
    /// A page of the submissions API, fetched by the worker (see `Effect::FetchSubmissions`).
    Submissions {
        /// Org host whose admin host was asked.
        host: String,
        /// HTTP status (0 when the request failed).
        #[serde(default)]
        status: u16,
        /// Response body.
        #[serde(default)]
        body: String,
        /// The `Link` response header.
        #[serde(default)]
        link: String,
        /// Page number, from 0.
        #[serde(default)]
        page: u32,
    },
    /// The popup's Resume on a draft without a known edit page: highlight its row on the list.
    Highlight {
        /// Integration id.
        integration: String,
        /// Org host.
        host: String,
    },
    /// The popup's Import: a teammate's export, merged without losing local entries.
    Import {
        /// The file's text.
        text: String,
        /// URL of the tab the popup is about.
        #[serde(default)]
        url: Option<String>,
    },
    /// The popup's Export: the registry and reports, without secrets.
    Export,
    /// The popup's Copy report on one draft: its Markdown report (answered as an `Export`).
    Report {
        /// Integration id.
        integration: String,
        /// Org host of the draft.
        host: String,
    },
    /// The popup's Copy summary on one draft: its "What changed" in Markdown (answered as an
    /// `Export`).
    Summary {
        /// Integration id.
        integration: String,
        /// Org host of the draft.
        host: String,
    },
    /// The options page opened: what the settings are.
    Options,
    /// The options page changed a setting.
    SaveSettings {
        /// The new settings.
        settings: crate::settings::Settings,
    },
    /// The options page's "Clear all data", after the user confirmed it.
    ClearData,
    /// The popup's "this org is the submitter" for an integration.
    PinSubmitter {
        /// Integration id.
        integration: String,
        /// URL of the tab whose org is pinned.
        url: String,
    },
    /// The popup opened: describe the active tab's org and the tracked drafts.
    Popup {
        /// URL of the tab the popup is about (absent when it is not an Okta page we may read).
        #[serde(default)]
        url: Option<String>,
    },
}

/// A message as the worker reads it from a page or the popup: a request, or a page's edit.
/// On the wire both are one flat object with a `kind` (see [`WireRequest`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "WireRequest")]
pub enum Message {
    /// A request; a page's full check also says where it stands on its connection
    /// (`base`, `seq` on the wire), so the worker keeps its snapshot for the edits after it.
    Request {
        /// The request.
        request: Request,
        /// The page connection's base token and this check's number on it (a page's check).
        sequence: Option<Sequence>,
    },
    /// A page's check sent as what changed since its connection's last check (`kind: "edit"`).
    Edit(Edit),
}

/// Where a page's check stands on its connection (one `check` port of one content script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    /// The connection's base token, chosen by the content script when it opened the port.
    pub base: String,
    /// The check's number on the connection; each message on it counts one more.
    pub seq: u32,
}

/// A keystroke's check as the changes to the snapshot the worker holds for the connection
/// `base`: the state of the controls and buttons that changed since the check numbered
/// `seq - 1`, re-read by the content script through the handles of that snapshot (labels,
/// headings, rows and texts are the base's: an edit is sent only while the page's tree is as
/// it was then). The worker answers [`Response::Resend`] when it cannot apply it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit {
    /// The connection's base token.
    pub base: String,
    /// This message's number on the connection: one more than the last one the base saw.
    pub seq: u32,
    /// Controls whose state changed, each with its whole state.
    pub controls: Vec<ControlState>,
    /// Buttons whose state changed.
    pub buttons: Vec<ButtonState>,
}

/// Everything of a [`Control`] a keystroke or a page script can change without changing the
/// page's tree; absent fields are the defaults, as in a snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ControlState {
    /// The control's handle in the base snapshot.
    pub id: u32,
    /// See [`Control::value`].
    pub value: String,
    /// See [`Control::filled`].
    pub filled: bool,
    /// See [`Control::checked`].
    pub checked: Option<bool>,
    /// See [`Control::hidden`].
    pub hidden: bool,
    /// See [`Control::disabled`].
    pub disabled: bool,
    /// See [`Control::file`].
    pub file: Option<FileMeta>,
    /// See [`Control::preview`].
    pub preview: Option<ImageMeta>,
}

/// The state of a [`Button`] an edit can change (a button that was shown or hidden makes the
/// content script send a full check instead).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ButtonState {
    /// The button's handle in the base snapshot.
    pub id: u32,
    /// See [`Button::disabled`].
    pub disabled: bool,
}

impl TryFrom<WireRequest> for Message {
    type Error = String;

    fn try_from(mut wire: WireRequest) -> Result<Message, String> {
        let base = std::mem::take(&mut wire.base);
        if wire.kind == "edit" {
            return Ok(Message::Edit(Edit {
                base,
                seq: wire.seq,
                controls: std::mem::take(&mut wire.controls),
                buttons: std::mem::take(&mut wire.buttons),
            }));
        }
        let sequence = (!base.is_empty()).then_some(Sequence {
            base,
            seq: wire.seq,
        });
        Ok(Message::Request {
            request: Request::try_from(wire)?,
            sequence,
        })
    }
}

/// The flat wire shape of a [`Request`] or [`Message`]: every field of every kind, optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WireRequest {
    kind: String,
    snapshot: Option<PageSnapshot>,
    base: String,
    seq: u32,
    controls: Vec<ControlState>,
    buttons: Vec<ButtonState>,
    host: String,
    status: u16,
    body: String,
    retry_after: Option<f64>,
    integration: String,
    url: Option<String>,
    link: String,
    page: u32,
    text: String,
    settings: Option<crate::settings::Settings>,
}

impl TryFrom<WireRequest> for Request {
    type Error = String;

    fn try_from(wire: WireRequest) -> Result<Request, String> {
        match wire.kind.as_str() {
            "check" => match wire.snapshot {
                Some(snapshot) => Ok(Request::Check { snapshot }),
                None => Err("a check request without a snapshot".into()),
            },
            "org-lookup" => Ok(Request::OrgLookup {
                host: wire.host,
                status: wire.status,
                body: wire.body,
                retry_after: wire.retry_after,
            }),
            "pin-submitter" => Ok(Request::PinSubmitter {
                integration: wire.integration,
                url: wire.url.unwrap_or_default(),
            }),
            "popup" => Ok(Request::Popup { url: wire.url }),
            "submissions" => Ok(Request::Submissions {
                host: wire.host,
                status: wire.status,
                body: wire.body,
                link: wire.link,
                page: wire.page,
            }),
            "highlight" => Ok(Request::Highlight {
                integration: wire.integration,
                host: wire.host,
            }),
            "import" => Ok(Request::Import {
                text: wire.text,
                url: wire.url,
            }),
            "export" => Ok(Request::Export),
            "report" => Ok(Request::Report {
                integration: wire.integration,
                host: wire.host,
            }),
            "summary" => Ok(Request::Summary {
                integration: wire.integration,
                host: wire.host,
            }),
            "options" => Ok(Request::Options),
            "save-settings" => match wire.settings {
                Some(settings) => Ok(Request::SaveSettings { settings }),
                None => Err("save-settings without settings".into()),
            },
            "clear-data" => Ok(Request::ClearData),
            other => Err(format!("unknown request kind {other:?}")),
        }
    }
}

/// Work the worker does after answering, outside the pure core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Effect {
    /// `GET url` (an org's well-known endpoint, no credentials), then report the answer as a
    /// `Request::OrgLookup`. Never awaited by a page.
    FetchOrgId {
        /// Org host.
        host: String,
        /// `https://ORG_HOST/.well-known/okta-organization`.
        url: String,
    },
    /// `GET url` with the admin's session (the org's own submissions API), then report the
    /// answer as a `Request::Submissions`.
    FetchSubmissions {
        /// Org host.
        host: String,
        /// A page of `https://ADMIN_HOST/integrations/api/v1/submissions`.
        url: String,
        /// Page number, from 0.
        page: u32,
    },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Response {
    /// What to paint on the page (boxed: it is much larger than the other answers).
    Plan(Box<RenderPlan>),
    /// What the popup shows.
    Popup(PopupView),
    /// The export file's text (JSON, no secrets).
    Export {
        /// File name to save as.
        file: String,
        /// File contents.
        text: String,
    },
    /// The options page's view: the settings and the rules they apply to.
    Options {
        /// Current settings.
        settings: crate::settings::Settings,
        /// (rule id, what it checks) for every rule.
        rules: Vec<(String, String)>,
        /// A one-line outcome of the last action.
        notice: String,
    },
    /// An edit the worker cannot apply (it holds no snapshot for its base, or one out of step
    /// with it): the page sends a full check at once; nothing was checked.
    Resend,
    /// The request could not be read; the page is left as it was.
    Error {
        /// Explanation for the console log.
        message: String,
    },
}

impl Response {
    /// The toolbar badge text of a plan (`None` for every other answer): the worker sets the
    /// badge from it without reading the rest of the answer.
    pub fn badge(&self) -> Option<&str> {
        match self {
            Response::Plan(plan) => Some(&plan.badge),
            _ => None,
        }
    }
}

/// Everything the content script paints, decided in Rust. All strings are shown as text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenderPlan {
    /// `form`, `list`, `published` or `other` (nothing painted).
    pub page: String,
    /// `wizard`, `manager`, or empty.
    pub tool: String,
    /// Integration id this page is about (empty when unknown).
    pub integration: String,
    /// Inline markers, one per finding that has a control on this page.
    pub markers: Vec<Marker>,
    /// The summary panel (form pages).
    pub summary: Option<SummaryView>,
    /// The org banner.
    pub banner: Option<BannerView>,
    /// Buttons whose click is held back, and the dialog to show then.
    pub guard: Option<GuardView>,
    /// Marks for recognised list rows.
    pub rows: Vec<RowMark>,
    /// What was and was not matched on this page.
    pub diagnostics: Option<DiagnosticsView>,
    /// Toolbar badge text for this tab (error count, or empty).
    pub badge: String,
    /// The summary dock's own words.
    pub dock: DockWords,
}

/// The words of the summary dock's frame. They come with the plan because a content script's
/// first `chrome.i18n.getMessage` is a synchronous call to the browser (the message bundle),
/// which would block the page's main thread in the middle of the first paint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DockWords {
    /// The dock's title when there is no summary (the extension's name).
    pub title: String,
    /// The toggle's label while the dock is collapsed.
    pub show: String,
    /// The toggle's label while the dock is open.
    pub hide: String,
}

/// An inline marker next to a control.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Marker {
    /// Control handle from the snapshot.
    pub control: u32,
    /// Field key.
    pub field: String,
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The message.
    pub message: String,
}

/// One line of the summary or the submit guard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryItem {
    /// Field key.
    pub field: String,
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The message.
    pub message: String,
    /// Control to scroll to and focus, when the field is on this page.
    pub control: Option<u32>,
}

/// The summary panel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryView {
    /// Panel title.
    pub title: String,
    /// Overall completeness, 0–100.
    pub complete: u8,
    /// Error count.
    pub errors: u32,
    /// Warning count.
    pub warnings: u32,
    /// Applicable fields not seen yet.
    pub unknown: u32,
    /// One-line headline ("78% complete · 2 errors · 1 warning · 3 not checked yet").
    pub headline: String,
    /// Findings grouped by section.
    pub sections: Vec<SectionView>,
}

/// One section of the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SectionView {
    /// Section key (`catalog`, `saml`…).
    pub key: String,
    /// Section title as shown.
    pub title: String,
    /// Section completeness, 0–100.
    pub complete: u8,
    /// One-line counts for the section.
    pub counts: String,
    /// Findings of the section.
    pub items: Vec<SummaryItem>,
}

/// The submit guard: which buttons it holds and what its dialog says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuardView {
    /// Button handles to hold back (only while `blocking` is not empty).
    pub buttons: Vec<u32>,
    /// Dialog title.
    pub title: String,
    /// Dialog introduction.
    pub intro: String,
    /// Findings that block.
    pub blocking: Vec<SummaryItem>,
    /// Label of the "submit anyway" action.
    pub submit_anyway: String,
    /// Label of the "go back" action.
    pub go_back: String,
}

/// A banner across the top of the helper's UI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BannerView {
    /// Hook value (`org-mismatch`).
    pub kind: String,
    /// Paragraphs of text.
    pub paragraphs: Vec<String>,
    /// Label of the action link.
    pub action_label: String,
    /// Where the action goes (always an Okta admin host; checked in Rust).
    pub action_url: String,
}

/// A recognised row of the integrations list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowMark {
    /// Row handle from the snapshot.
    pub row: u32,
    /// Integration id.
    pub integration: String,
    /// `published` or `in-progress`.
    pub version: String,
    /// Normalised status.
    pub status: String,
    /// The org banner for this row, when its submitter org differs from the signed-in org.
    pub banner: Option<BannerView>,
    /// The popup's Resume asked to point this row out.
    pub highlight: bool,
}

/// Which catalogue fields were found on this page and which expected ones were not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiagnosticsView {
    /// Panel title.
    pub title: String,
    /// Field keys found, with the label that matched.
    pub found: Vec<String>,
    /// Field keys expected on this page but not found.
    pub missing: Vec<String>,
    /// Controls that matched no field (their best label), so a user can report a console change.
    pub unmatched: Vec<String>,
    /// Headings of the three lists: found, expected but not found, not matched.
    pub headings: [String; 3],
}

/// What the popup shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PopupView {
    /// The active tab's org, or a note that it is not an Okta admin page.
    pub current_org: String,
    /// Org host of the active tab, when it is one.
    pub org_host: String,
    /// Org id, when known.
    pub org_id: String,
    /// Tracked in-progress versions.
    pub drafts: Vec<DraftView>,
    /// Text shown when there are no drafts.
    pub empty_note: String,
    /// A one-line outcome of the last action (import, pin…), shown as a status.
    pub notice: String,
    /// Values that could not be read and were kept aside (count), with an export offered.
    pub quarantined: u32,
}

/// One tracked in-progress version in the popup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftView {
    /// Integration id.
    pub integration: String,
    /// Display name, when known.
    pub name: String,
    /// Org host the draft lives on.
    pub org: String,
    /// Normalised status.
    pub status: String,
    /// Completeness 0–100.
    pub complete: u8,
    /// Error count.
    pub errors: u32,
    /// When it was last seen (ms since the epoch).
    pub last_seen: f64,
    /// Human text for `last_seen`.
    pub last_seen_text: String,
    /// Not seen for 14 days.
    pub stale: bool,
    /// Page the Resume button opens (always on the draft's own org admin host).
    pub resume_url: String,
    /// No edit page is known: Resume opens the org's list page and asks for the row to be
    /// pointed out.
    pub resume_highlight: bool,
    /// The recorded submitter org (host), when known.
    pub submitter: String,
    /// More than one org is claimed as the submitter and the user has not chosen.
    pub conflict: bool,
    /// Orgs claimed as the submitter (hosts), for the user to choose from.
    pub claims: Vec<String>,
    /// The recorded submitter is the user's own pin, not only a claim seen on a page.
    pub pinned: bool,
    /// Org id of the draft's org, when known.
    pub org_id: String,
    /// "What changed" lines (published vs in-progress), when the published version is known.
    /// (Its Markdown for Copy summary is built when asked for: it was ~45% of the index.)
    pub changes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plan_has_a_badge_even_an_empty_one() {
        let plan = RenderPlan {
            badge: "3".into(),
            ..RenderPlan::default()
        };
        assert_eq!(Response::Plan(Box::new(plan)).badge(), Some("3"));
        // An empty badge clears the tab's count; an answer without one leaves it alone.
        assert_eq!(Response::Plan(Box::default()).badge(), Some(""));
        let error = Response::Error {
            message: "x".into(),
        };
        assert_eq!(error.badge(), None);
    }
}
