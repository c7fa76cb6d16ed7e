//! SCIM section rules (base URL and its expressions, authentication mode, OAuth 2 parts,
//! operations) and Universal Logout, data-driven.

mod rules_common;
use oin_helper::model::Cell;
use rules_common::{check, draft, rows, table};

const SCIM: &[&str] = &["scim"];

#[test]
fn base_url() {
    let key = "scim.base_url";
    table(SCIM, key, &[
        ("", &["error required: SCIM base URL is required."]),
        ("https://api.acme.com/scim/v2", &[]),
        ("https://api.acme.com/scim_v2", &[]),
        ("http://api.acme.com/scim/v2", &["error https: SCIM base URL must use https://, not http://."]),
        ("https://my_api.acme.com/scim/v2", &["error no_underscore: SCIM base URL host “my_api.acme.com” contains _, which Okta cannot reach; use - instead."]),
        ("'https://' + app.baseURL + '/scim/v2'", &[]),
        ("'https://' + app.tenant + '.acme.com/scim/v2'", &["error el_scim: SCIM base URL uses “app.tenant”, which is not defined; add a tenant variable named tenant or fix the name."]),
        ("'https://' + org.subdomain + '.acme.com/scim/v2'", &["error el_scim: SCIM base URL refers to “org.subdomain”; here variables start with app., as in 'https://' + app.name + '.example.com/scim/v2'."]),
        ("'https://' + app.baseURL + '/scim/v2", &["error el_scim: SCIM base URL has an unclosed brace or quote; write variables as 'https://' + app.name + '.example.com/scim/v2'."]),
        ("https://${app.baseURL}/scim/v2", &["error el_scim: SCIM base URL uses the wrong expression style; write variables as 'https://' + app.name + '.example.com/scim/v2'."]),
        ("'https://' + + '/scim'", &["error el_scim: SCIM base URL has “+” where a variable belongs; write variables as 'https://' + app.name + '.example.com/scim/v2'."]),
        ("'https://my_' + app.baseURL + '.acme.com/scim'", &["error no_underscore: SCIM base URL host “my_x.acme.com” contains _, which Okta cannot reach; use - instead."]),
    ]);
    let d = draft(
        SCIM,
        vec![
            (
                key,
                vec![Cell::text(
                    "",
                    0,
                    "'https://' + app.subdomain + '.acme.com/scim/v2'",
                )],
            ),
            (
                "tenant.variables",
                rows(&[&[("label", "Subdomain"), ("name", "subdomain")]]),
            ),
        ],
    );
    check(&d, key, &[]);
}

#[test]
fn auth_mode_as_radios_and_select() {
    let key = "scim.auth_mode";
    let radios = |pick: &str| {
        ["Header Auth", "Bearer Token", "OAuth 2", "Basic Auth"]
            .iter()
            .map(|o| Cell::choice(o, *o == pick))
            .collect::<Vec<_>>()
    };
    let cases: Vec<(Vec<Cell>, &[&str])> = vec![
        (radios(""), &["error required: Authentication mode is required."]),
        (radios("Header Auth"), &[]),
        (radios("OAuth 2"), &[]),
        (radios("Basic Auth"), &["error not_basic: Basic authentication is not accepted for SCIM in the OIN; choose Header, Bearer or OAuth 2."]),
        (vec![Cell::text("", 0, "Bearer")], &[]),
        (vec![Cell::text("", 0, "Select…")], &["error required: Authentication mode is required."]),
        (vec![Cell::text("", 0, "Basic")], &["error not_basic: Basic authentication is not accepted for SCIM in the OIN; choose Header, Bearer or OAuth 2."]),
        (vec![Cell::text("", 0, "API key")], &["error auth_mode: Authentication mode “API key” is not one the OIN accepts; choose Header, Bearer or OAuth 2."]),
    ];
    for (cells, expected) in cases {
        check(&draft(SCIM, vec![(key, cells)]), key, expected);
    }
}

fn secret(filled: bool) -> Cell {
    Cell {
        part: "secret".into(),
        filled,
        ..Cell::default()
    }
}

#[test]
fn oauth_parts_only_when_oauth() {
    let endpoints = "scim.oauth_endpoints";
    let client = "scim.oauth_client";
    let mode = |m: &str| ("scim.auth_mode", vec![Cell::text("", 0, m)]);
    let empty_endpoints = vec![Cell::text("authorize", 0, ""), Cell::text("token", 0, "")];
    let d = draft(
        SCIM,
        vec![
            mode("OAuth 2"),
            (endpoints, empty_endpoints.clone()),
            (client, vec![Cell::text("id", 0, ""), secret(false)]),
        ],
    );
    check(&d, endpoints, &[
        "error required@authorize#0: Authorize endpoint is required when Authentication mode is OAuth 2.",
        "error required@token#0: Token endpoint is required when Authentication mode is OAuth 2.",
    ]);
    check(&d, client, &[
        "error required@id#0: Client ID is required when Authentication mode is OAuth 2.",
        "error required@secret#0: Client secret is required when Authentication mode is OAuth 2.",
    ]);
    let d = draft(
        SCIM,
        vec![
            mode("Header Auth"),
            (endpoints, empty_endpoints),
            (client, vec![secret(false)]),
        ],
    );
    check(&d, endpoints, &[]);
    check(&d, client, &[]);
    let good = vec![
        Cell::text("authorize", 0, "https://acme.com/oauth/authorize"),
        Cell::text("token", 0, "http://acme.com/oauth/token"),
    ];
    let d = draft(
        SCIM,
        vec![
            mode("OAuth 2"),
            (endpoints, good),
            (client, vec![Cell::text("id", 0, "abc"), secret(true)]),
        ],
    );
    check(
        &d,
        endpoints,
        &["error https@token#0: Token endpoint must use https://, not http://."],
    );
    check(&d, client, &[]);
}

#[test]
fn operations() {
    let users = "scim.user_ops";
    let groups = "scim.group_ops";
    let ops = |ticked: &[&str]| {
        ["Create", "Read", "Update", "Deactivate"]
            .iter()
            .map(|o| Cell::choice(o, ticked.contains(o)))
            .collect::<Vec<_>>()
    };
    check(
        &draft(SCIM, vec![(users, ops(&["Create", "Read"]))]),
        users,
        &[],
    );
    check(
        &draft(SCIM, vec![(users, ops(&["Create"]))]),
        users,
        &["error required_choice: User operations: tick “Read”; Okta requires it."],
    );
    // Groups not managed: nothing ticked, nothing required.
    check(&draft(SCIM, vec![(groups, ops(&[]))]), groups, &[]);
    check(
        &draft(SCIM, vec![(groups, ops(&["Create"]))]),
        groups,
        &["error required_choice: Group operations: tick “Read”; Okta requires it."],
    );
    check(&draft(SCIM, vec![(groups, ops(&["Read"]))]), groups, &[]);
}

#[test]
fn universal_logout() {
    table(
        &["ul"],
        "ul.gtr_endpoint",
        &[
            (
                "",
                &["error required: Global token revocation endpoint is required."],
            ),
            ("https://acme.com/gtr", &[]),
            (
                "http://acme.com/gtr",
                &["error https: Global token revocation endpoint must use https://, not http://."],
            ),
        ],
    );
}
