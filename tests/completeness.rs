//! Completeness ("the 100%") as a user reads it: unknown vs missing, conditional requirements,
//! warnings never lowering the score, submission findings counted but not scored.

use oin_helper::catalogue::Section;
use oin_helper::completeness::score;
use oin_helper::draft::Draft;
use oin_helper::model::{Cell, FileMeta, Finding, ImageMeta, Severity};
use oin_helper::rules;

fn text(v: &str) -> Vec<Cell> {
    vec![Cell::text("", 0, v)]
}

/// Every always-required field of the always-applicable sections, filled well.
fn complete_base() -> Draft {
    let mut d = Draft::default();
    let mut put = |k: &str, cells: Vec<Cell>| {
        d.cells.insert(k.to_string(), cells);
    };
    put("catalog.display_name", text("Acme"));
    put(
        "catalog.description",
        text(&"Acme keeps your users in sync. ".repeat(5)),
    );
    put(
        "catalog.logo",
        vec![Cell {
            filled: true,
            file: Some(FileMeta {
                name: "a.png".into(),
                size: 10,
                mime: "image/png".into(),
                head: vec![],
            }),
            image: Some(ImageMeta {
                width: 200,
                height: 200,
                ..ImageMeta::default()
            }),
            ..Cell::default()
        }],
    );
    put("support.escalation_email", text("jane@acme.com"));
    put(
        "support.public_contact",
        vec![Cell::text("link", 0, "https://acme.com/help")],
    );
    put("test.account_url", text("https://acme.com"));
    put("test.username", text("isvtest@okta.com"));
    put(
        "test.password",
        vec![Cell {
            filled: true,
            ..Cell::default()
        }],
    );
    d
}

/// (complete, errors, warnings, unknown) overall.
fn totals(d: &Draft) -> (u8, u32, u32, u32) {
    let s = score(d, &rules::check(d));
    (s.complete, s.errors, s.warnings, s.unknown)
}

fn check(d: &Draft, expected: (u8, u32, u32, u32)) {
    assert_eq!(totals(d), expected, "{:?}", rules::check(d));
}

#[test]
fn empty_draft_is_unknown_not_missing() {
    // 8 required fields in catalog/support/test, none seen: 0%, no errors, 8 unknown.
    check(&Draft::default(), (0, 0, 0, 8));
}

#[test]
fn complete_draft_is_100() {
    check(&complete_base(), (100, 0, 0, 0));
    let s = score(&complete_base(), &[]);
    let keys: Vec<Section> = s.sections.iter().map(|x| x.section).collect();
    assert_eq!(
        keys,
        vec![
            Section::Catalog,
            Section::Tenant,
            Section::Support,
            Section::Test
        ]
    );
    assert!(s.sections.iter().all(|x| x.complete == 100));
}

#[test]
fn empty_display_name_is_an_error_that_lowers_the_score() {
    let mut d = complete_base();
    d.cells.insert("catalog.display_name".into(), text(""));
    // 7 of 8 units satisfied: floor(87.5) = 87.
    check(&d, (87, 1, 0, 0));
    let s = score(&d, &rules::check(&d));
    assert_eq!(s.sections[0].complete, 66);
    assert_eq!(s.sections[0].errors, 1);
}

#[test]
fn warnings_and_info_never_lower_it() {
    let mut d = complete_base();
    d.cells
        .insert("support.escalation_email".into(), text("support@acme.com"));
    d.cells.insert("test.username".into(), text("qa@acme.com"));
    check(&d, (100, 0, 1, 0));
}

#[test]
fn optional_field_with_an_error_becomes_a_unit() {
    let mut d = complete_base();
    d.cells
        .insert("test.instructions".into(), text(&"i".repeat(3000)));
    // 8 required + 1 erroneous optional field: floor(800/9) = 88.
    check(&d, (88, 1, 0, 0));
}

#[test]
fn selected_protocol_adds_unknown_fields_and_conditions() {
    let mut d = complete_base();
    d.capabilities.insert("scim".into());
    // SCIM: base_url, auth_mode, user_ops, config guide; test: 2 Runscope links; all unseen.
    check(&d, (57, 0, 0, 6));
    d.cells.insert("scim.auth_mode".into(), text("OAuth 2"));
    // OAuth 2 makes endpoints and client required (still unseen): 9 of 16 satisfied.
    check(&d, (56, 0, 0, 7));
}

#[test]
fn submission_findings_count_but_do_not_score() {
    let d = complete_base();
    let mut findings = rules::check(&d);
    findings.push(Finding::new(
        "submission.org",
        "org_mismatch",
        Severity::Error,
        "x".into(),
    ));
    findings.push(Finding::new(
        "submission.admin_email",
        "personal_email",
        Severity::Warning,
        "y".into(),
    ));
    let s = score(&d, &findings);
    assert_eq!((s.complete, s.errors, s.warnings), (100, 1, 1));
    assert!(s.sections.iter().all(|x| x.errors == 0 && x.warnings == 0));
}

/// The worker scores a draft once, on its field findings, and adds the submission findings
/// after (`Score::count_submission`): that must read exactly as scoring both at once, for
/// drafts with errors, warnings and unknown fields alike.
#[test]
fn submission_findings_added_after_scoring_read_as_scored_together() {
    let mut partial = complete_base();
    partial.cells.remove("catalog.description");
    partial
        .cells
        .insert("catalog.display_name".into(), text(""));
    partial.capabilities.insert("saml".into());
    let submission = [
        Finding::new(
            "submission.org",
            "org_mismatch",
            Severity::Error,
            "x".into(),
        ),
        Finding::new(
            "submission.admin_email",
            "personal_email",
            Severity::Warning,
            "y".into(),
        ),
        Finding::new(
            "submission.tests",
            "tests_stale",
            Severity::Warning,
            "z".into(),
        ),
        Finding::new(
            "submission.catalog_only",
            "catalog_only_update",
            Severity::Info,
            "w".into(),
        ),
    ];
    for d in [Draft::default(), complete_base(), partial] {
        let fields = rules::check(&d);
        for n in 0..=submission.len() {
            let mut together = submission[..n].to_vec();
            together.extend(fields.iter().cloned());
            let mut after = score(&d, &fields);
            after.count_submission(&submission[..n]);
            assert_eq!(after, score(&d, &together), "{n} submission findings");
        }
    }
}

#[test]
fn no_units_is_100() {
    let mut d = Draft::default();
    d.capabilities.insert("ul".into());
    let s = score(&d, &[]);
    let ul = s
        .sections
        .iter()
        .find(|x| x.section == Section::Ul)
        .map(|x| (x.complete, x.unknown));
    assert_eq!(ul, Some((0, 1)));
    let tenant = s
        .sections
        .iter()
        .find(|x| x.section == Section::Tenant)
        .map(|x| x.complete);
    assert_eq!(tenant, Some(100));
}
