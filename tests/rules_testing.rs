//! Testing-information rules (account URL, username, password presence, flows, JIT, SP and
//! Runscope links), data-driven, with their conditions.

mod rules_common;
use oin_helper::model::Cell;
use rules_common::{check, draft, table};

#[test]
fn account_and_username() {
    table(&[], "test.account_url", &[
        ("", &["error required: Test account URL is required."]),
        ("https://app.acme.com/login", &[]),
        ("http://app.acme.com/login", &[]),
        ("app.acme.com", &["error url: Test account URL “app.acme.com” is not a valid web address; enter a full URL such as https://example.com/path."]),
        (&format!("https://acme.com/{}", "p".repeat(500)), &["error max_len: Test account URL is 517 characters; Okta accepts at most 512."]),
    ]);
    let advice = "info isvtest_username: Okta reviewers expect the test account username isvtest@okta.com; use it unless your app cannot, and say why in the testing instructions.";
    table(
        &[],
        "test.username",
        &[
            ("", &["error required: Test account username is required."]),
            ("isvtest@okta.com", &[]),
            ("ISVTest@Okta.com", &[]),
            ("reviewer@acme.com", &[advice]),
        ],
    );
    table(&[], "test.instructions", &[
        ("", &[]),
        (&"i".repeat(2049), &["error max_len: Testing instructions is 2,049 characters; Okta accepts at most 2,048."]),
    ]);
}

#[test]
fn password_presence_only() {
    let key = "test.password";
    let cell = |filled: bool| Cell {
        filled,
        ..Cell::default()
    };
    check(
        &draft(&[], vec![(key, vec![cell(false)])]),
        key,
        &["error required: Test account password is required."],
    );
    check(&draft(&[], vec![(key, vec![cell(true)])]), key, &[]);
}

#[test]
fn flows_jit_and_sp_fields() {
    let flows = |idp: bool, sp: bool| {
        (
            "test.sso_flows",
            vec![
                Cell::choice("IdP-initiated", idp),
                Cell::choice("SP-initiated", sp),
            ],
        )
    };
    let d = draft(
        &["saml"],
        vec![
            flows(false, false),
            (
                "test.jit",
                vec![Cell::choice("Yes", false), Cell::choice("No", false)],
            ),
        ],
    );
    check(
        &d,
        "test.sso_flows",
        &["error required_choice: Supported sign-in flows: choose at least one option."],
    );
    check(
        &d,
        "test.jit",
        &["error required_choice: Just-In-Time provisioning: choose at least one option."],
    );
    // Without SSO neither is required.
    let d = draft(
        &[],
        vec![
            flows(false, false),
            ("test.jit", vec![Cell::choice("Yes", false)]),
        ],
    );
    check(&d, "test.sso_flows", &[]);
    check(&d, "test.jit", &[]);
    // SP fields follow the SP flow.
    let sp = |ticked: bool| {
        draft(
            &["saml"],
            vec![
                flows(true, ticked),
                ("test.sp_initiate_url", vec![Cell::text("", 0, "")]),
                ("test.sp_initiate_description", vec![Cell::text("", 0, "")]),
            ],
        )
    };
    check(&sp(false), "test.sp_initiate_url", &[]);
    check(&sp(true), "test.sp_initiate_url", &["error required: SP Initiate URL is required when the SP-initiated sign-in flow is ticked."]);
    check(&sp(true), "test.sp_initiate_description", &["error required: SP Initiate flow description is required when the SP-initiated sign-in flow is ticked."]);
}

#[test]
fn runscope_links_when_scim() {
    for key in ["test.runscope_spec", "test.runscope_crud"] {
        table(&[], key, &[("", &[])]);
        table(
            &["scim"],
            key,
            &[("https://www.runscope.com/radar/abc/results", &[])],
        );
    }
    table(
        &["scim"],
        "test.runscope_spec",
        &[(
            "",
            &["error required: Runscope spec test results is required."],
        )],
    );
    table(&["scim"], "test.runscope_crud", &[("runscope", &["error url: Runscope CRUD test results “runscope” is not a valid web address; enter a full URL such as https://example.com/path."])]);
}
