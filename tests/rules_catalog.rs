//! Catalog section rules (display name, description, logo, use cases), data-driven: each table
//! row is a value and the exact findings a user sees for it.

mod rules_common;
use oin_helper::model::{Cell, FileMeta, ImageMeta};
use rules_common::{check, draft, table};

const NAME: &str = "catalog.display_name";
const DESC: &str = "catalog.description";
const LOGO: &str = "catalog.logo";

#[test]
fn display_name_required_and_max_len() {
    let long = "x".repeat(65);
    let sixty_four = "é".repeat(64);
    table(
        &[],
        NAME,
        &[
            ("", &["error required: Display name is required."]),
            ("   ", &["error required: Display name is required."]),
            ("Acme", &[]),
            (&sixty_four, &[]),
            (
                &long,
                &["error max_len: Display name is 65 characters; Okta accepts at most 64."],
            ),
        ],
    );
}

#[test]
fn description_limits_and_advice() {
    let ok = "d".repeat(1023);
    let too_long = "d".repeat(1043);
    let at_limit = "d".repeat(1024);
    let short = "Syncs users.";
    table(&[], DESC, &[
        ("", &["error required: Description is required."]),
        (&ok, &[]),
        (&"d".repeat(100), &[]),
        (&too_long, &["error max_len: Description is 1,043 characters; the OIN catalog accepts under 1,024."]),
        (&at_limit, &["error max_len: Description is 1,024 characters; the OIN catalog accepts under 1,024."]),
        (short, &["info short_description: Description is only 12 characters; say what the integration does for customers (aim for 100 or more)."]),
    ]);
}

#[test]
fn huge_and_unicode_values_do_not_panic() {
    let huge = "ש\u{0301}".repeat(50_000);
    table(&[], DESC, &[(
        &huge,
        &["error max_len: Description is 100,000 characters; the OIN catalog accepts under 1,024."],
    )]);
}

fn file(name: &str, mime: &str, size: u64, head: Vec<u8>) -> FileMeta {
    FileMeta {
        name: name.into(),
        size,
        mime: mime.into(),
        head,
    }
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    b.extend(b"IHDR");
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b
}

fn logo_cell(file: Option<FileMeta>, image: Option<ImageMeta>) -> Vec<Cell> {
    let filled = file.is_some();
    vec![Cell {
        file,
        image,
        filled,
        ..Cell::default()
    }]
}

fn image(w: u32, h: u32, src: &str) -> ImageMeta {
    ImageMeta {
        width: w,
        height: h,
        src: src.into(),
        alt: String::new(),
    }
}

#[test]
fn logo_table() {
    let cases: Vec<(Vec<Cell>, &[&str])> = vec![
        (logo_cell(None, None), &["error required: Logo is required."]),
        (
            logo_cell(None, Some(image(200, 200, "https://ok12static.oktacdn.com/assets/img/logos/default-app.png"))),
            &["error required: Logo is still the default placeholder; upload your own logo (PNG, JPG or GIF)."],
        ),
        (
            logo_cell(None, Some(image(100, 100, "/img/PlaceHolder.svg"))),
            &["error required: Logo is still the default placeholder; upload your own logo (PNG, JPG or GIF)."],
        ),
        (logo_cell(Some(file("acme.png", "image/png", 20_000, png(244, 244))), None), &[]),
        (logo_cell(Some(file("acme.png", "image/png", 20_000, vec![])), Some(image(244, 156, "blob:x"))), &[]),
        (logo_cell(None, Some(image(156, 244, "https://cdn.example.com/acme.png"))), &[]),
        (
            logo_cell(Some(file("acme.png", "image/png", 20_000, png(300, 300))), None),
            &["error logo_dims: Logo is 300×300 pixels; the OIN catalog accepts exactly 244×244, 200×200, 244×156 or 156×244."],
        ),
        (
            logo_cell(Some(file("acme.svg", "image/svg+xml", 2_000, vec![])), None),
            &["error logo_format: Logo “acme.svg” is not a PNG, JPG or GIF file; save it in one of those formats."],
        ),
        (logo_cell(Some(file("acme.JPG", "", 2_000, vec![])), None), &[]),
        (
            logo_cell(Some(file("acme.png", "image/png", 2_000, b"<svg xmlns".to_vec())), None),
            &["error logo_format: Logo “acme.png” does not contain PNG, JPG or GIF image data; export it again in one of those formats."],
        ),
        (logo_cell(Some(file("acme.png", "image/png", 1_048_575, png(200, 200))), None), &[]),
        (
            logo_cell(Some(file("acme.png", "image/png", 1_048_576, png(200, 200))), None),
            &["error logo_size: Logo file is 1,024 KB; the OIN catalog accepts files under 1 MB (1,024 KB), so compress or resize it."],
        ),
        (
            logo_cell(Some(file("big.gif", "image/gif", 3_000_000, b"GIF89a\x10\x00\x10\x00".to_vec())), None),
            &[
                "error logo_size: Logo file is 2,930 KB; the OIN catalog accepts files under 1 MB (1,024 KB), so compress or resize it.",
                "error logo_dims: Logo is 16×16 pixels; the OIN catalog accepts exactly 244×244, 200×200, 244×156 or 156×244.",
            ],
        ),
    ];
    for (cells, expected) in cases {
        check(&draft(&[], vec![(LOGO, cells)]), LOGO, expected);
    }
}

#[test]
fn use_cases_at_most_three() {
    let opts = [
        "Automation",
        "Centralized logging",
        "Directory and HR sync",
        "Identity governance",
        "Lifecycle management",
    ];
    let cells = |n: usize| {
        opts.iter()
            .enumerate()
            .map(|(i, o)| Cell::choice(o, i < n))
            .collect::<Vec<_>>()
    };
    check(
        &draft(&[], vec![("catalog.use_cases", cells(0))]),
        "catalog.use_cases",
        &[],
    );
    check(
        &draft(&[], vec![("catalog.use_cases", cells(3))]),
        "catalog.use_cases",
        &[],
    );
    check(
        &draft(&[], vec![("catalog.use_cases", cells(5))]),
        "catalog.use_cases",
        &["error max_count: 5 use cases are selected; the OIN catalog allows at most 3, so untick 2."],
    );
}

#[test]
fn fields_never_seen_give_no_finding() {
    let d = draft(&[], vec![]);
    assert!(oin_helper::rules::check(&d).is_empty());
}

#[test]
fn fields_of_unselected_protocols_are_not_checked() {
    let d = draft(&[], vec![("saml.acs_url", vec![Cell::text("", 0, "")])]);
    assert!(oin_helper::rules::check(&d).is_empty());
}

#[test]
fn hostile_values_in_every_field_stay_fast() {
    let values = [
        "x".repeat(100_000),
        "{".repeat(100_000),
        "${org.a".repeat(10_000),
        format!("${{org.v{}", "${org.b}".repeat(12_000)),
        "'a' + ".repeat(15_000),
        "a.b c.d ".repeat(12_000),
        "https://x.com/cb ".repeat(5_000),
        "\u{202E}مرحبا\u{0301}\u{200D}".repeat(10_000),
        "@".repeat(100_000),
    ];
    let parts = [
        "",
        "label",
        "name",
        "url",
        "index",
        "values",
        "link",
        "email",
        "phone",
        "authorize",
        "token",
        "id",
    ];
    for v in &values {
        let mut d = draft(&["saml", "oidc", "scim", "ul"], vec![]);
        for f in oin_helper::catalogue::FIELDS {
            let cells = parts.iter().map(|p| Cell::text(p, 0, v)).collect();
            d.cells.insert(f.key.to_string(), cells);
        }
        let findings = oin_helper::rules::check(&d);
        assert!(!findings.is_empty());
        for f in &findings {
            assert!(f.message.chars().count() < 400, "{}", f.message);
        }
        let _ = oin_helper::completeness::score(&d, &findings);
    }
}
