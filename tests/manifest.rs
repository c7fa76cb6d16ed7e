//! Least privilege, verified: the manifest asks for exactly what the README's "Permissions, and
//! why" table justifies, and nothing else. The allowlist is read from the README's markdown rows
//! (between the `## Permissions, and why` heading and the next heading), so the documentation and
//! the manifest cannot drift apart: a permission added to one but not the other fails here, in
//! both directions. The built manifests (`dist/chrome/` and `dist/firefox/`, when `make dist` has
//! run) are checked the same way as the source one.

// Test helpers: a missing file or a malformed manifest should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the README justifies.
#[derive(Debug, Default)]
struct Allowed {
    permissions: BTreeSet<String>,
    hosts: BTreeSet<String>,
    content_matches: BTreeSet<String>,
    web_accessible: BTreeSet<String>,
}

/// The backticked words of a table cell.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Reads the permission table: one row per permission (`storage`), host pattern
/// (`host https://…`), content-script match set (`content script on …`) or web-accessible
/// resource (`web_accessible_resources …`).
fn readme_allowlist(readme: &str) -> Allowed {
    let mut lines = readme.lines();
    lines
        .by_ref()
        .find(|l| l.trim() == "## Permissions, and why")
        .expect("README has a '## Permissions, and why' section");
    let rows: Vec<Vec<String>> = lines
        .take_while(|l| !l.starts_with('#'))
        .filter(|l| l.trim_start().starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        // Header and separator rows.
        .filter(|cells: &Vec<String>| {
            let first = cells.first().map(String::as_str).unwrap_or("");
            !first.starts_with("permission") && !first.starts_with("---")
        })
        .collect();
    assert!(!rows.is_empty(), "the permission table has no rows");
    let mut allowed = Allowed::default();
    let mut content_rows = Vec::new();
    for cells in &rows {
        let what = &cells[0];
        let why = cells.get(1).map(String::as_str).unwrap_or("");
        assert!(
            why.len() >= 10,
            "README row {what:?} gives no reason; every permission must say why"
        );
        let words = backticked(what);
        if what.starts_with("host ") {
            assert_eq!(words.len(), 1, "one host pattern per row: {what}");
            allowed.hosts.insert(words[0].clone());
        } else if what.starts_with("content script") {
            content_rows.push((what.clone(), words));
        } else if what.starts_with("web_accessible_resources") || what.starts_with("web-accessible")
        {
            allowed.web_accessible.extend(words);
        } else {
            assert_eq!(words.len(), 1, "one permission per row: {what}");
            allowed.permissions.insert(words[0].clone());
        }
    }
    for (what, words) in content_rows {
        if words.is_empty() {
            // "content script on the same three patterns": the host patterns above, and the count
            // the sentence states must match them.
            let counts = [
                ("one", 1),
                ("two", 2),
                ("three", 3),
                ("four", 4),
                ("five", 5),
            ];
            let stated = counts
                .iter()
                .find(|(word, _)| what.split_whitespace().any(|w| w == *word))
                .map(|(_, n)| *n);
            assert!(
                what.contains("same"),
                "content-script row must list its patterns or say 'the same … patterns': {what}"
            );
            assert_eq!(
                stated,
                Some(allowed.hosts.len()),
                "{what:?} does not match the {} host rows",
                allowed.hosts.len()
            );
            allowed
                .content_matches
                .extend(allowed.hosts.iter().cloned());
        } else {
            allowed.content_matches.extend(words);
        }
    }
    allowed
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().expect("manifest lists hold strings").to_string())
            .collect(),
        Some(other) => panic!("expected a list, found {other}"),
    }
}

/// Every way a manifest can ask for power, and the README's answer to each.
fn check_manifest(path: &Path, allowed: &Allowed) -> Vec<String> {
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut problems = Vec::new();
    let expect = |problems: &mut Vec<String>,
                  what: &str,
                  found: BTreeSet<String>,
                  allowed: &BTreeSet<String>| {
        for extra in found.difference(allowed) {
            problems.push(format!(
                "{}: {what} {extra:?} is not in the README permission table",
                path.display()
            ));
        }
        for unused in allowed.difference(&found) {
            problems.push(format!(
                "{}: README justifies {what} {unused:?}, which the manifest does not use",
                path.display()
            ));
        }
    };
    expect(
        &mut problems,
        "permission",
        strings(manifest.get("permissions")).into_iter().collect(),
        &allowed.permissions,
    );
    expect(
        &mut problems,
        "host pattern",
        strings(manifest.get("host_permissions"))
            .into_iter()
            .collect(),
        &allowed.hosts,
    );
    let mut matches = BTreeSet::new();
    let mut excluded = BTreeSet::new();
    for script in manifest
        .get("content_scripts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        matches.extend(strings(script.get("matches")));
        excluded.extend(strings(script.get("exclude_matches")));
        if script.get("all_frames") == Some(&Value::Bool(true))
            || script.get("match_about_blank") == Some(&Value::Bool(true))
            || script.get("match_origin_as_fallback") == Some(&Value::Bool(true))
            || script.get("world").and_then(Value::as_str) == Some("MAIN")
        {
            problems.push(format!(
                "{}: a content script widens where or how it runs (all_frames, about:blank, origin fallback or the MAIN world)",
                path.display()
            ));
        }
    }
    let _ = excluded; // exclusions only narrow: any are fine
    expect(
        &mut problems,
        "content-script match",
        matches,
        &allowed.content_matches,
    );
    let mut resources = BTreeSet::new();
    for entry in manifest
        .get("web_accessible_resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        resources.extend(strings(entry.get("resources")));
        for m in strings(entry.get("matches")) {
            if !allowed.content_matches.contains(&m) {
                problems.push(format!(
                    "{}: web-accessible resources exposed to {m:?}",
                    path.display()
                ));
            }
        }
    }
    expect(
        &mut problems,
        "web-accessible resource",
        resources,
        &allowed.web_accessible,
    );
    // Optional permissions are permissions too.
    for key in ["optional_permissions", "optional_host_permissions"] {
        for p in strings(manifest.get(key)) {
            problems.push(format!(
                "{}: {key} {p:?} is not in the README permission table",
                path.display()
            ));
        }
    }
    // Keys that grant capabilities outside the table (messaging from web pages, network rules,
    // overrides, OAuth…) are not allowed at all; only these descriptive or structural keys are.
    let known: BTreeSet<&str> = [
        "manifest_version",
        "name",
        "short_name",
        "version",
        "version_name",
        "description",
        "icons",
        "action",
        "background",
        "content_scripts",
        "host_permissions",
        "permissions",
        "content_security_policy",
        "minimum_chrome_version",
        "default_locale",
        "author",
        "homepage_url",
        "key",
        "web_accessible_resources",
        "options_ui",
        "options_page",
        "browser_specific_settings",
    ]
    .into_iter()
    .collect();
    for key in manifest.as_object().unwrap().keys() {
        if !known.contains(key.as_str()) {
            problems.push(format!(
                "{}: manifest key {key:?} is not accounted for by the README permission table",
                path.display()
            ));
        }
    }
    // No remote code: extension pages load script only from the package (and may compile it
    // to WebAssembly).
    let csp = manifest
        .pointer("/content_security_policy/extension_pages")
        .and_then(Value::as_str)
        .unwrap_or("");
    for directive in csp.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut parts = directive.split_whitespace();
        let name = parts.next().unwrap_or("");
        if matches!(
            name,
            "script-src" | "default-src" | "worker-src" | "object-src"
        ) {
            for source in parts {
                if !matches!(source, "'self'" | "'wasm-unsafe-eval'" | "'none'") {
                    problems.push(format!(
                        "{}: extension CSP allows {source} in {name} (remote or eval'd code)",
                        path.display()
                    ));
                }
            }
        }
    }
    // Firefox: the add-on declares that it collects nothing (README: it sends nothing anywhere).
    if let Some(gecko) = manifest.pointer("/browser_specific_settings/gecko") {
        let collects = gecko.pointer("/data_collection_permissions/required");
        if collects != Some(&serde_json::json!(["none"])) {
            problems.push(format!(
                "{}: gecko data_collection_permissions must be {{\"required\": [\"none\"]}}, found {collects:?}",
                path.display()
            ));
        }
        if gecko
            .get("data_collection_permissions")
            .and_then(|d| d.get("optional"))
            .is_some()
        {
            problems.push(format!("{}: optional data collection", path.display()));
        }
    }
    if manifest.get("manifest_version") != Some(&Value::from(3)) {
        problems.push(format!("{}: not a Manifest V3 extension", path.display()));
    }
    problems
}

#[test]
fn the_readme_table_is_read() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let allowed = readme_allowlist(&readme);
    assert!(allowed.permissions.contains("storage"), "{allowed:?}");
    assert!(
        allowed.hosts.contains("https://*.okta.com/*"),
        "{allowed:?}"
    );
    assert_eq!(allowed.content_matches, allowed.hosts);
}

#[test]
fn the_manifest_asks_for_exactly_what_the_readme_justifies() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let allowed = readme_allowlist(&readme);
    let mut problems = check_manifest(&root().join("extension/manifest.json"), &allowed);
    for built in ["dist/chrome/manifest.json", "dist/firefox/manifest.json"] {
        let built = root().join(built);
        if built.exists() {
            problems.extend(check_manifest(&built, &allowed));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_check_catches_what_it_should() {
    // The checker itself, on manifests that ask for too much: a test that can never fail proves
    // nothing.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let allowed = readme_allowlist(&readme);
    let source: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("extension/manifest.json")).unwrap(),
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("oin-manifest-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "tabs permission",
            Box::new(|m| m["permissions"].as_array_mut().unwrap().push("tabs".into())),
        ),
        (
            "gov cloud host",
            Box::new(|m| {
                m["host_permissions"]
                    .as_array_mut()
                    .unwrap()
                    .push("https://*.okta-gov.com/*".into())
            }),
        ),
        (
            "all urls",
            Box::new(|m| {
                m["content_scripts"][0]["matches"]
                    .as_array_mut()
                    .unwrap()
                    .push("<all_urls>".into())
            }),
        ),
        (
            "war",
            Box::new(
                |m| m["web_accessible_resources"] = serde_json::json!([{"resources": ["pkg/oin_helper_bg.wasm"], "matches": ["https://*.okta.com/*"]}]),
            ),
        ),
        (
            "optional",
            Box::new(|m| m["optional_permissions"] = serde_json::json!(["scripting"])),
        ),
        (
            "externally connectable",
            Box::new(|m| {
                m["externally_connectable"] =
                    serde_json::json!({"matches": ["https://*.okta.com/*"]})
            }),
        ),
        (
            "remote script",
            Box::new(|m| {
                m["content_security_policy"]["extension_pages"] =
                    "script-src 'self' https://cdn.example; object-src 'self'".into()
            }),
        ),
        (
            "all frames",
            Box::new(|m| m["content_scripts"][0]["all_frames"] = true.into()),
        ),
        (
            "data collection",
            Box::new(
                |m| m["browser_specific_settings"] = serde_json::json!({"gecko": {"id": "x@y", "data_collection_permissions": {"required": ["websiteContent"]}}}),
            ),
        ),
        (
            "storage removed",
            Box::new(|m| m["permissions"] = serde_json::json!([])),
        ),
    ];
    for (name, change) in cases {
        let mut m = source.clone();
        change(&mut m);
        let path = dir.join("manifest.json");
        std::fs::write(&path, serde_json::to_string(&m).unwrap()).unwrap();
        assert!(
            !check_manifest(&path, &allowed).is_empty(),
            "the check let through: {name}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
