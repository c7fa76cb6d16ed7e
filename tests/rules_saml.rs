//! SAML section rules (ACS URL, additional ACS rows, entity ID, attribute statements, guide),
//! data-driven, including `${org.x}` expressions and undefined variables.

mod rules_common;
use oin_helper::model::Cell;
use rules_common::{check, draft, rows, table};

const SAML: &[&str] = &["saml"];

fn with_vars(key: &str, cells: Vec<Cell>) -> oin_helper::draft::Draft {
    draft(
        SAML,
        vec![
            (key, cells),
            (
                "tenant.variables",
                rows(&[
                    &[("label", "Subdomain"), ("name", "subdomain")],
                    &[("label", "Region"), ("name", "region")],
                ]),
            ),
        ],
    )
}

#[test]
fn acs_url() {
    let key = "saml.acs_url";
    let long = format!("https://acme.com/{}", "a".repeat(1010));
    table(SAML, key, &[
        ("", &["error required: Default ACS URL is required."]),
        ("https://acme.com/saml/acs", &[]),
        ("https://acme.com:8443/saml/acs?x=1", &[]),
        ("http://acme.com/saml/acs", &["error https: Default ACS URL must use https://, not http://."]),
        ("acme.com/acs", &["error https: Default ACS URL “acme.com/acs” is not a full https:// address; enter one such as https://example.com/path."]),
        ("https://acme .com/acs", &["error https: Default ACS URL “https://acme .com/acs” is not a full https:// address; enter one such as https://example.com/path."]),
        ("https://okta.com@evil.com/acs", &["error https: Default ACS URL “https://okta.com@evil.com/acs” is not a full https:// address; enter one such as https://example.com/path."]),
        (&long, &["error max_len: Default ACS URL is 1,027 characters; Okta accepts at most 1,024."]),
        // Global variables need no tenant variable.
        ("https://${org.subdomain}.acme.com/acs", &[]),
        ("${org.baseUrl}/acs", &[]),
        ("https://${org.tenant}.acme.com/acs", &["error el_saml: Default ACS URL uses “${org.tenant}”, which is not defined; add a tenant variable named tenant or fix the name."]),
        ("https://${app.subdomain}.acme.com/acs", &["error el_saml: Default ACS URL refers to “${app.subdomain}”; here variables start with org., as in ${org.name}."]),
        ("https://{org.subdomain}.acme.com/acs", &["error el_saml: Default ACS URL uses the wrong expression style; write variables as ${org.name}."]),
        ("https://${org.subdomain.acme.com/acs", &["error el_saml: Default ACS URL has an unclosed brace or quote; write variables as ${org.name}."]),
        ("https://${org.sub-domain}.acme.com", &["error el_saml: Default ACS URL has “${org.sub-domain}” where a variable belongs; write variables as ${org.name}."]),
    ]);
    check(
        &with_vars(
            key,
            vec![Cell::text(
                "",
                0,
                "https://${org.region}.acme.com/${org.subdomain}",
            )],
        ),
        key,
        &[],
    );
}

#[test]
fn additional_acs_rows() {
    let key = "saml.additional_acs";
    let cases: Vec<(Vec<Cell>, &[&str])> = vec![
        (rows(&[&[("url", "https://acme.com/acs/2"), ("index", "1")]]), &[]),
        (rows(&[&[("url", ""), ("index", "")]]), &[]),
        (rows(&[&[("url", "https://acme.com/a"), ("index", "0")], &[("url", "https://acme.com/b"), ("index", "65535")]]), &[]),
        (rows(&[&[("url", "https://acme.com/acs"), ("index", "")]]), &["error required@index#0: ACS index in row 1 is required."]),
        (rows(&[&[("url", ""), ("index", "2")]]), &["error required@url#0: Additional ACS URL in row 1 is required."]),
        (rows(&[&[("url", "http://acme.com/acs"), ("index", "1")]]), &["error https@url#0: Additional ACS URL in row 1 must use https://, not http://."]),
        (rows(&[&[("url", "https://acme.com/a"), ("index", "65536")]]), &["error index_range@index#0: ACS index in row 1 “65536” must be a whole number from 0 to 65,535."]),
        (rows(&[&[("url", "https://acme.com/a"), ("index", "-1")]]), &["error index_range@index#0: ACS index in row 1 “-1” must be a whole number from 0 to 65,535."]),
        (rows(&[&[("url", "https://acme.com/a"), ("index", "1.5")]]), &["error index_range@index#0: ACS index in row 1 “1.5” must be a whole number from 0 to 65,535."]),
        (
            rows(&[&[("url", "https://acme.com/a"), ("index", "3")], &[("url", "https://acme.com/b"), ("index", "3")]]),
            &["error unique@index#1: ACS index “3” is used more than once; give each additional ACS URL its own index."],
        ),
        (
            rows(&[&[("url", "https://${org.nope}.acme.com/a"), ("index", "1")]]),
            &["error el_saml@url#0: Additional ACS URL in row 1 uses “${org.nope}”, which is not defined; add a tenant variable named nope or fix the name."],
        ),
    ];
    for (cells, expected) in cases {
        check(&draft(SAML, vec![(key, cells)]), key, expected);
    }
}

#[test]
fn entity_id_and_guide() {
    table(
        SAML,
        "saml.entity_id",
        &[
            ("", &["error required: Entity ID is required."]),
            ("urn:acme:sp", &[]),
            (
                &"e".repeat(1025),
                &["error max_len: Entity ID is 1,025 characters; Okta accepts at most 1,024."],
            ),
        ],
    );
    table(SAML, "saml.config_guide_url", &[
        ("", &["error required: Configuration guide URL is required."]),
        ("https://docs.acme.com/okta-saml", &[]),
        ("http://docs.acme.com/okta-saml", &["error https: Configuration guide URL must use https://, not http://."]),
        ("docs", &["error url: Configuration guide URL “docs” is not a valid web address; enter a full URL such as https://example.com/path."]),
        ("ftp://docs.acme.com/guide", &["error url: Configuration guide URL “ftp://docs.acme.com/guide” is not a valid web address; enter a full URL such as https://example.com/path."]),
    ]);
}

#[test]
fn attribute_statements() {
    let key = "saml.attribute_statements";
    let one = |name: &str, values: &str| rows(&[&[("name", name), ("values", values)]]);
    let cases: Vec<(Vec<Cell>, &[&str])> = vec![
        (one("email", "user.email"), &[]),
        (one("firstName", "appuser.firstName"), &[]),
        (one("login", "${user.userName}"), &[]),
        (one("name", "String.toLowerCase(user.firstName) + ' ' + user.lastName"), &[]),
        (one("dept", "'R.and.D'"), &[]),
        (one("email", ""), &["error required@values#0: Attribute values in row 1 is required."]),
        (one("", "user.email"), &["error required@name#0: Attribute name in row 1 is required."]),
        (one("org", "org.name"), &["error el_attr@values#0: Attribute values in row 1 uses “org.name”; attribute values may use only user.x, appuser.x or ${user.userName} references."]),
        (one("x", "${idpuser.email} + session.id"), &[
            "error el_attr@values#0: Attribute values in row 1 uses “idpuser.email”; attribute values may use only user.x, appuser.x or ${user.userName} references.",
            "error el_attr@values#0: Attribute values in row 1 uses “session.id”; attribute values may use only user.x, appuser.x or ${user.userName} references.",
        ]),
        (one("x", "${user.userName"), &["error el_attr@values#0: Attribute values in row 1 has an unclosed brace or quote; write references as user.email or ${user.userName}."]),
    ];
    for (cells, expected) in cases {
        check(&draft(SAML, vec![(key, cells)]), key, expected);
    }
}
