//! Checks sent as edits (`oin_helper::delta`): an edit's states applied to the base the worker
//! holds for its connection, and every way an edit can be stale (a missing base, a wrong `seq`,
//! a control or button the base does not hold) answered `resend`, never checked.

use oin_helper::delta::{apply, Bases, Stale, MAX_BASES};
use oin_helper::model::{
    Button, ButtonState, Control, ControlState, Edit, FileMeta, ImageMeta, Message, PageSnapshot,
    Request, Response,
};
use oin_helper::registry::Registry;
use serde_json::Value;
use std::path::PathBuf;

const NOW: f64 = 1.8e12;

fn control(id: u32, value: &str) -> Control {
    Control {
        id,
        tag: "input".into(),
        kind: "text".into(),
        value: value.into(),
        filled: !value.is_empty(),
        row: Some(0),
        ..Control::default()
    }
}

fn snapshot() -> PageSnapshot {
    PageSnapshot {
        url: "https://integrator-1000001-admin.okta.com/admin/oin/integrations/x/edit/details"
            .into(),
        controls: vec![control(1, "a"), control(2, ""), control(4, "c")],
        buttons: vec![Button {
            id: 3,
            text: "Next".into(),
            disabled: false,
        }],
        ..PageSnapshot::default()
    }
}

fn edit(base: &str, seq: u32, controls: Vec<ControlState>, buttons: Vec<ButtonState>) -> Edit {
    Edit {
        base: base.into(),
        seq,
        controls,
        buttons,
    }
}

fn typed(id: u32, value: &str) -> ControlState {
    ControlState {
        id,
        value: value.into(),
        filled: !value.is_empty(),
        ..ControlState::default()
    }
}

#[test]
fn an_edit_sets_the_whole_state_of_the_controls_and_buttons_it_names() {
    let mut page = snapshot();
    let file = FileMeta {
        name: "logo.png".into(),
        size: 3,
        mime: "image/png".into(),
        head: vec![1, 2, 3],
    };
    let preview = ImageMeta {
        width: 10,
        height: 20,
        src: "x.png".into(),
        alt: String::new(),
    };
    let states = vec![
        typed(2, "typed"),
        ControlState {
            id: 4,
            checked: Some(true),
            filled: true,
            hidden: true,
            disabled: true,
            file: Some(file.clone()),
            preview: Some(preview.clone()),
            ..ControlState::default()
        },
    ];
    let buttons = vec![ButtonState {
        id: 3,
        disabled: true,
    }];
    apply(&mut page, states, buttons).unwrap();
    let mut expected = snapshot();
    expected.controls[1].value = "typed".into();
    expected.controls[1].filled = true;
    let fourth = &mut expected.controls[2];
    fourth.value = String::new(); // absent in the state: the default, as in a snapshot
    fourth.checked = Some(true);
    fourth.hidden = true;
    fourth.disabled = true;
    fourth.file = Some(file);
    fourth.preview = Some(preview);
    expected.buttons[0].disabled = true;
    assert_eq!(page, expected);
}

#[test]
fn an_edit_naming_an_unknown_control_or_button_changes_nothing() {
    let mut page = snapshot();
    let unknown = apply(&mut page, vec![typed(1, "new"), typed(3, "x")], Vec::new());
    assert_eq!(
        unknown,
        Err(Stale::UnknownControl(3)),
        "3 is a button, not a control"
    );
    assert_eq!(page, snapshot(), "the known control was not changed either");
    let unknown = apply(
        &mut page,
        vec![typed(1, "new")],
        vec![ButtonState {
            id: 1,
            disabled: true,
        }],
    );
    assert_eq!(unknown, Err(Stale::UnknownButton(1)));
    assert_eq!(page, snapshot());

    let mut bases = Bases::default();
    bases.keep("tab".into(), 1, snapshot());
    let stale = bases.patched(edit("tab", 2, vec![typed(9, "x")], Vec::new()));
    assert_eq!(stale.unwrap_err(), Stale::UnknownControl(9));
    // The base is dropped: the page's full check replaces it.
    let next = bases.patched(edit("tab", 3, vec![typed(1, "x")], Vec::new()));
    assert_eq!(next.unwrap_err(), Stale::Missing);
}

#[test]
fn edits_follow_each_other_on_their_base_and_a_wrong_seq_is_stale() {
    let mut bases = Bases::default();
    bases.keep("tab".into(), 5, snapshot());
    let first = bases
        .patched(edit("tab", 6, vec![typed(2, "x")], Vec::new()))
        .unwrap();
    assert_eq!(first.controls[1].value, "x");
    let second = bases
        .patched(edit("tab", 7, vec![typed(1, "")], Vec::new()))
        .unwrap();
    assert_eq!(second.controls[1].value, "x", "the first edit is kept");
    assert_eq!(second.controls[0].value, "");
    assert!(!second.controls[0].filled);

    // The same number again (a repeated message), one skipped, one from before: all stale.
    for seq in [7, 9, 6] {
        let mut bases = Bases::default();
        bases.keep("tab".into(), 7, snapshot());
        let stale = bases.patched(edit("tab", seq, vec![typed(2, "y")], Vec::new()));
        assert_eq!(stale.unwrap_err(), Stale::OutOfStep { held: 7, got: seq });
        assert!(bases.is_empty(), "a base out of step is dropped");
    }
}

#[test]
fn an_edit_without_its_base_is_answered_resend_and_checks_nothing() {
    let mut bases = Bases::default();
    bases.keep("other-tab".into(), 1, snapshot());
    let message = Message::Edit(edit("tab", 2, vec![typed(2, "x")], Vec::new()));
    let outcome = bases.handle(Registry::default(), message, NOW);
    assert_eq!(outcome.response, Response::Resend);
    assert!(!outcome.changed);
    assert!(outcome.effects.is_empty());
    assert_eq!(outcome.registry, Registry::default());
    assert_eq!(bases.len(), 1, "another connection's base is kept");
    // On the wire: `{"kind":"resend"}`.
    assert_eq!(
        serde_json::to_string(&Response::Resend).unwrap(),
        r#"{"kind":"resend"}"#
    );
}

#[test]
fn the_least_recently_used_base_goes_first() {
    let mut bases = Bases::default();
    for tab in 0..MAX_BASES {
        bases.keep(format!("tab{tab}"), 1, snapshot());
    }
    // tab0 is used again, so tab1 is the oldest when one more comes.
    bases
        .patched(edit("tab0", 2, vec![typed(2, "x")], Vec::new()))
        .unwrap();
    bases.keep("new".into(), 1, snapshot());
    assert_eq!(bases.len(), MAX_BASES);
    let evicted = bases.patched(edit("tab1", 2, Vec::new(), Vec::new()));
    assert_eq!(evicted.unwrap_err(), Stale::Missing);
    for tab in ["tab0", "tab2", "new"] {
        let seq = if tab == "tab0" { 3 } else { 2 };
        assert!(
            bases
                .patched(edit(tab, seq, Vec::new(), Vec::new()))
                .is_ok(),
            "{tab}"
        );
    }
    // A connection's new full check replaces its base, wherever it stood.
    bases.keep("tab2".into(), 10, snapshot());
    assert_eq!(bases.len(), MAX_BASES, "replaced, not added");
    assert!(bases
        .patched(edit("tab2", 11, Vec::new(), Vec::new()))
        .is_ok());
}

#[test]
fn the_wire_shapes_of_a_check_with_its_base_and_of_an_edit() {
    let check: Message = serde_json::from_str(
        r#"{"kind":"check","base":"t1","seq":4,"snapshot":{"url":"https://x.okta.com/"}}"#,
    )
    .unwrap();
    let Message::Request { request, sequence } = check else {
        panic!("a check is a request");
    };
    assert!(matches!(request, Request::Check { .. }));
    let sequence = sequence.unwrap();
    assert_eq!((sequence.base.as_str(), sequence.seq), ("t1", 4));

    let plain: Message = serde_json::from_str(r#"{"kind":"popup","url":null}"#).unwrap();
    assert!(matches!(plain, Message::Request { sequence: None, .. }));

    let message: Message = serde_json::from_str(
        r#"{"kind":"edit","base":"t1","seq":5,"controls":[{"id":2,"value":"ab","filled":true}],"buttons":[{"id":3,"disabled":true}]}"#,
    )
    .unwrap();
    assert_eq!(
        message,
        Message::Edit(edit(
            "t1",
            5,
            vec![typed(2, "ab")],
            vec![ButtonState {
                id: 3,
                disabled: true
            }]
        ))
    );
    let unknown = serde_json::from_str::<Message>(r#"{"kind":"nonsense"}"#);
    assert!(unknown.is_err());
}

/// The real snapshots the content script sent on the replica (the native bench's fixtures).
fn forms() -> Vec<PageSnapshot> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/fixtures/forms.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| serde_json::from_value(f["snapshot"].clone()).unwrap())
        .collect()
}

#[test]
fn an_edit_is_answered_as_the_full_check_of_the_same_page_would_be() {
    for page in forms() {
        let Some(at) = page
            .controls
            .iter()
            .position(|c| c.checked.is_none() && !c.secret && !c.disabled)
        else {
            continue;
        };
        for value in ["", "x", "http://example.com/ and more"] {
            let mut typed_page = page.clone();
            let control = &mut typed_page.controls[at];
            control.value = value.into();
            control.filled = !value.trim().is_empty();
            let full = oin_helper::handler::handle(
                Registry::default(),
                Request::Check {
                    snapshot: typed_page.clone(),
                },
                NOW,
            );

            let mut bases = Bases::default();
            let base = Message::Request {
                request: Request::Check {
                    snapshot: page.clone(),
                },
                sequence: Some(oin_helper::model::Sequence {
                    base: "tab".into(),
                    seq: 1,
                }),
            };
            let first = bases.handle(Registry::default(), base, NOW);
            let state = ControlState {
                id: typed_page.controls[at].id,
                value: value.into(),
                filled: !value.trim().is_empty(),
                hidden: typed_page.controls[at].hidden,
                ..ControlState::default()
            };
            let message = Message::Edit(edit("tab", 2, vec![state], Vec::new()));
            let edited = bases.handle(first.registry, message, NOW);
            assert_eq!(edited.response, full.response, "{} = {value:?}", page.url);
        }
    }
}
