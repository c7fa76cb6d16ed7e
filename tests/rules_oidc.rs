//! OIDC section rules (redirect URIs as a list, initiate login URI, post-logout URIs, guide),
//! data-driven, including `{app.x}` expressions.

mod rules_common;
use oin_helper::model::Cell;
use rules_common::{check, draft, rows, table};

const OIDC: &[&str] = &["oidc"];
const REDIRECT: &str = "oidc.redirect_uris";

#[test]
fn redirect_uris_single_values() {
    table(OIDC, REDIRECT, &[
        ("", &["error required: Redirect URIs is required; add at least one."]),
        ("https://acme.com/callback", &[]),
        ("https://{app.baseURL}/callback", &[]),
        ("http://acme.com/cb", &["error https@#0: Redirect URIs entry “http://acme.com/cb” must use https://, not http://."]),
        ("https://${app.baseURL}/cb", &["error el_oidc@#0: Redirect URIs entry “https://${app.baseURL}/cb” uses the wrong expression style; write variables as {app.name}."]),
        ("https://{org.subdomain}.acme.com/cb", &["error el_oidc@#0: Redirect URIs entry “https://{org.subdomain}.acme.com/cb” refers to “{org.subdomain}”; here variables start with app., as in {app.name}."]),
        ("https://{app.subdomain}.acme.com/cb", &["error el_oidc@#0: Redirect URIs entry “https://{app.subdomain}.acme.com/cb” uses “{app.subdomain}”, which is not defined; add a tenant variable named subdomain or fix the name."]),
        ("https://{app.baseURL/cb", &["error el_oidc@#0: Redirect URIs entry “https://{app.baseURL/cb” has an unclosed brace or quote; write variables as {app.name}."]),
        ("https://{appName}.acme.com/cb", &["error el_oidc@#0: Redirect URIs entry “https://{appName}.acme.com/cb” has “{appName}” where a variable belongs; write variables as {app.name}."]),
        ("ftp://acme.com/cb", &["error https@#0: Redirect URIs entry “ftp://acme.com/cb” is not a full https:// address; enter one such as https://example.com/path."]),
    ]);
}

#[test]
fn redirect_uris_lists_split_and_unique() {
    let textarea = "https://a.acme.com/cb\nhttp://b.acme.com/cb, https://a.acme.com/cb";
    check(&draft(OIDC, vec![(REDIRECT, vec![Cell::text("", 0, textarea)])]), REDIRECT, &[
        "error https@#0: Redirect URIs entry “http://b.acme.com/cb” must use https://, not http://.",
        "error unique@#0: Redirect URIs lists “https://a.acme.com/cb” more than once; remove the duplicate.",
    ]);
    let inputs = vec![
        Cell::text("", 0, "https://a.acme.com/cb"),
        Cell::text("", 1, ""),
    ];
    check(&draft(OIDC, vec![(REDIRECT, inputs)]), REDIRECT, &[]);
    // A tenant variable makes app.subdomain defined.
    let d = draft(
        OIDC,
        vec![
            (
                REDIRECT,
                vec![Cell::text("", 0, "https://{app.subdomain}.acme.com/cb")],
            ),
            (
                "tenant.variables",
                rows(&[&[("label", "Subdomain"), ("name", "subdomain")]]),
            ),
        ],
    );
    check(&d, REDIRECT, &[]);
}

#[test]
fn optional_uris() {
    table(OIDC, "oidc.initiate_login_uri", &[
        ("", &[]),
        ("https://acme.com/login", &[]),
        ("http://acme.com/login", &["error https: Initiate login URI must use https://, not http://."]),
        (&format!("https://acme.com/{}", "l".repeat(1008)), &["error max_len: Initiate login URI is 1,025 characters; Okta accepts at most 1,024."]),
    ]);
    table(OIDC, "oidc.post_logout_uris", &[
        ("", &[]),
        ("https://acme.com/bye https://acme.com/bye2", &[]),
        ("http://acme.com/bye", &["error https@#0: Post-logout URIs entry “http://acme.com/bye” must use https://, not http://."]),
    ]);
    table(
        OIDC,
        "oidc.config_guide_url",
        &[
            (
                "",
                &["error required: Configuration guide URL is required."],
            ),
            ("https://acme.com/docs/okta", &[]),
        ],
    );
}
