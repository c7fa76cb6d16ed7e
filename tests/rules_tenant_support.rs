//! Tenant variables and support contact rules, data-driven: each row is what the user typed and
//! the exact findings they see.

mod rules_common;
use oin_helper::model::Cell;
use rules_common::{check, draft, rows, table};

const VARS: &str = "tenant.variables";

fn vars(r: &[&[(&str, &str)]]) -> oin_helper::draft::Draft {
    draft(&[], vec![(VARS, rows(r))])
}

/// Rows of (part, text) and the lines expected for them.
type Case<'a> = (Vec<&'a [(&'a str, &'a str)]>, Vec<&'a str>);

#[test]
fn variable_rows() {
    let long = format!("a{}", "b".repeat(1024));
    let long_row = [("label", "Long"), ("name", long.as_str())];
    let long_msg =
        "error var_name@name#0: Variable name is 1,025 characters; Okta accepts at most 1,024.";
    let cases: Vec<Case> = vec![
        (vec![], vec![]),
        (vec![&[("label", ""), ("name", "")]], vec![]),
        (vec![&[("label", "Subdomain"), ("name", "subdomain")]], vec![]),
        (vec![&[("label", "Region"), ("name", "region_2")]], vec![]),
        (
            vec![&[("label", "Subdomain"), ("name", "")]],
            vec!["error required@name#0: Variable name in row 1 is required."],
        ),
        (
            vec![&[("label", "A"), ("name", "a")], &[("label", ""), ("name", "b")]],
            vec!["error required@label#1: Variable label in row 2 is required."],
        ),
        (
            vec![&[("label", "Sub"), ("name", "Sub Domain")]],
            vec!["error var_name@name#0: Variable name “Sub Domain” must start with a lower-case letter and use only a–z, 0–9 and _; for example sub_domain."],
        ),
        (
            vec![&[("label", "Sub"), ("name", "_")]],
            vec!["error var_name@name#0: Variable name “_” must start with a lower-case letter and use only a–z, 0–9 and _."],
        ),
        (
            vec![&[("label", "Sub"), ("name", "1abc")]],
            vec!["error var_name@name#0: Variable name “1abc” must start with a lower-case letter and use only a–z, 0–9 and _; for example abc."],
        ),
        (vec![&long_row], vec![long_msg]),
        (
            vec![&[("label", "A"), ("name", "a")], &[("label", "B"), ("name", "a")], &[("label", "C"), ("name", "a")]],
            vec!["error unique@name#1: Variable name “a” is used more than once; give each tenant variable its own name."],
        ),
    ];
    for (r, expected) in cases {
        check(&vars(&r), VARS, &expected);
    }
}

#[test]
fn at_most_eight_variables() {
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let cells = |n: usize| {
        (0..n)
            .flat_map(|i| {
                [
                    Cell::text("label", i as u32, "L"),
                    Cell::text("name", i as u32, names[i]),
                ]
            })
            .collect::<Vec<_>>()
    };
    check(&draft(&[], vec![(VARS, cells(8))]), VARS, &[]);
    check(
        &draft(&[], vec![(VARS, cells(9))]),
        VARS,
        &["error max_count: There are 9 tenant variables; Okta allows at most 8, so remove 1."],
    );
}

#[test]
fn renamed_published_variable_warns() {
    let mut d = vars(&[&[("label", "Sub"), ("name", "sub_domain")]]);
    d.published_variables = vec!["subdomain".into(), "sub_domain".into()];
    check(&d, VARS, &["warning variable_removed: Tenant variable “subdomain” is in the published version but missing here; renaming or removing it deletes its value for existing customers, so keep the original name."]);
    d.published_variables = vec!["sub_domain".into()];
    check(&d, VARS, &[]);
}

#[test]
fn escalation_email() {
    let key = "support.escalation_email";
    table(&[], key, &[
        ("", &["error required: Escalation support contact is required."]),
        ("jane.doe@acme.com", &[]),
        ("jane+oin@acme.co.uk", &[]),
        ("jane@acme", &["error email: Escalation support contact “jane@acme” is not a valid email address; enter one like jane.doe@example.com."]),
        ("jane doe@acme.com", &["error email: Escalation support contact “jane doe@acme.com” is not a valid email address; enter one like jane.doe@example.com."]),
        ("@acme.com", &["error email: Escalation support contact “@acme.com” is not a valid email address; enter one like jane.doe@example.com."]),
        ("jane..doe@acme.com", &["error email: Escalation support contact “jane..doe@acme.com” is not a valid email address; enter one like jane.doe@example.com."]),
        ("support@acme.com", &["warning generic_mailbox: “support@acme.com” looks like a shared mailbox; Okta asks for a named person who can act on escalations."]),
        ("No-Reply@acme.com", &["warning generic_mailbox: “No-Reply@acme.com” looks like a shared mailbox; Okta asks for a named person who can act on escalations."]),
        ("help+oin@acme.com", &["warning generic_mailbox: “help+oin@acme.com” looks like a shared mailbox; Okta asks for a named person who can act on escalations."]),
        ("supportive.sam@acme.com", &[]),
    ]);
}

#[test]
fn public_contact() {
    let key = "support.public_contact";
    let parts = |link: &str, email: &str, phone: &str| {
        vec![
            Cell::text("link", 0, link),
            Cell::text("email", 0, email),
            Cell::text("phone", 0, phone),
        ]
    };
    let cases: Vec<(Vec<Cell>, &[&str])> = vec![
        (parts("", "", ""), &["error one_of: Public support contact needs at least one of Support link, Support email or Support phone."]),
        (vec![], &["error one_of: Public support contact needs at least one of Support link, Support email or Support phone."]),
        (parts("https://acme.com/support", "", ""), &[]),
        (parts("", "help@acme.com", ""), &[]),
        (parts("", "", "+1 (555) 010-0199"), &[]),
        (parts("", "", "555.0101"), &[]),
        (parts("http://acme.com/support", "", ""), &["error https@link#0: Support link must use https://, not http://."]),
        (parts("acme.com/support", "", ""), &["error url@link#0: Support link “acme.com/support” is not a valid web address; enter a full URL such as https://example.com/path."]),
        (parts("", "help@", ""), &["error email@email#0: Support email “help@” is not a valid email address; enter one like jane.doe@example.com."]),
        (parts("", "", "12345"), &["error phone@phone#0: Support phone “12345” is not a valid phone number; use 7 to 20 digits, with only spaces, +, (, ), - or . between them."]),
        (parts("", "", "call 5550100199"), &["error phone@phone#0: Support phone “call 5550100199” is not a valid phone number; use 7 to 20 digits, with only spaces, +, (, ), - or . between them."]),
        (parts("", "", "123456789012345678901"), &["error phone@phone#0: Support phone “123456789012345678901” is not a valid phone number; use 7 to 20 digits, with only spaces, +, (, ), - or . between them."]),
    ];
    for (cells, expected) in cases {
        check(&draft(&[], vec![(key, cells)]), key, expected);
    }
}
