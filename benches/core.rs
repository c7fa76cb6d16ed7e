//! `cargo bench --bench core`: the native benchmark of the pure core (issue 6, figure 8): page
//! mapping, rule evaluation, completeness, `handler::handle` and the worker's whole path for a
//! keystroke (JSON in → handle → the keys to save → JSON out), on real page snapshots the content script sent on the replica console
//! (`benches/fixtures/forms.json`, re-captured by `node e2e/bench/run.mjs --fixtures`), plus
//! synthetic stress pages of 100 to 5,000 controls shaped like the replica's `/replica/stress`.
//!
//! No framework: `std::time::Instant` and `black_box`. Every benchmark is calibrated to batches
//! of at least 2 ms, then all of them run round-robin for `ROUNDS` rounds (each round starting at
//! a different one, after warm-up rounds), and each figure is the median (and p95) of its
//! per-round time per call. Inputs a call consumes are prepared outside the timed batch.
//! Prints a table and writes `target/bench/native.json` for `e2e/bench/run.mjs`.

// A benchmark stops loudly on a broken fixture; nothing here runs in the product.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oin_helper::model::{
    Control, Heading, LabelCandidates, Message, PageSnapshot, Request, Response,
};
use oin_helper::registry::Registry;
use oin_helper::{completeness, delta, handler, layout, page, rules};
use serde::Deserialize;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const WARMUP_ROUNDS: usize = 3;
const ROUNDS: usize = 25;
const MIN_BATCH: Duration = Duration::from_millis(5);
const STRESS_SIZES: [usize; 4] = [100, 500, 2000, 5000];

#[derive(Deserialize)]
struct Fixture {
    forms: Vec<Form>,
    walks: Vec<Walk>,
}

#[derive(Deserialize)]
struct Form {
    name: String,
    snapshot: PageSnapshot,
}

#[derive(Deserialize)]
struct Walk {
    name: String,
    steps: Vec<PageSnapshot>,
}

/// One benchmark: `batch(n)` runs the measured work `n` times and returns the time it took
/// (inputs are prepared before the clock starts, outputs dropped after it stops).
struct Bench {
    name: String,
    batch: Box<dyn FnMut(usize) -> Duration>,
    iters: usize,
    samples: Vec<f64>,
}

impl Bench {
    fn new(name: impl Into<String>, batch: impl FnMut(usize) -> Duration + 'static) -> Bench {
        Bench {
            name: name.into(),
            batch: Box::new(batch),
            iters: 1,
            samples: Vec::new(),
        }
    }
}

/// A benchmark of `work` on inputs made by `setup` (cloned per call, outside the clock).
fn batched<I: 'static, O: 'static>(
    name: impl Into<String>,
    mut setup: impl FnMut() -> I + 'static,
    work: impl Fn(I) -> O + 'static,
) -> Bench {
    Bench::new(name, move |n| {
        let inputs: Vec<I> = (0..n).map(|_| setup()).collect();
        let mut outputs = Vec::with_capacity(n);
        let start = Instant::now();
        for input in inputs {
            outputs.push(black_box(work(black_box(input))));
        }
        let took = start.elapsed();
        drop(outputs);
        took
    })
}

/// A benchmark of `work` on a borrowed input (nothing to prepare).
fn by_ref<T: 'static, O>(
    name: impl Into<String>,
    input: T,
    work: impl Fn(&T) -> O + 'static,
) -> Bench {
    Bench::new(name, move |n| {
        let start = Instant::now();
        for _ in 0..n {
            black_box(work(black_box(&input)));
        }
        start.elapsed()
    })
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn median(sorted: &[f64]) -> f64 {
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The registry after the worker handled `steps` in order, as a user walking them would leave it.
fn walked<'a>(
    registry: Registry,
    steps: impl IntoIterator<Item = &'a PageSnapshot>,
    now: f64,
) -> Registry {
    steps.into_iter().fold(registry, |registry, snapshot| {
        handler::handle(
            registry,
            Request::Check {
                snapshot: snapshot.clone(),
            },
            now,
        )
        .registry
    })
}

/// The first in-progress draft of a registry (a walk touches one integration on one org).
fn first_draft(registry: &Registry) -> oin_helper::draft::Draft {
    registry
        .integrations
        .values()
        .flat_map(|i| i.drafts.values())
        .next()
        .map(|v| v.draft.clone())
        .expect("the walk left an in-progress draft")
}

/// A snapshot shaped like the content script's for `/replica/stress?n=N`: N text controls in
/// groups of 50 under "Group k" headings, labelled in turn by `label[for]`, a wrapping label,
/// `aria-labelledby` and `aria-label`; every third one required; every seventh a textarea.
fn stress_snapshot(n: usize) -> PageSnapshot {
    let mut headings = vec![Heading {
        level: 1,
        text: format!("Stress page: {n} controls"),
    }];
    let mut controls = Vec::with_capacity(n);
    for i in 0..n {
        let group = format!("Group {}", i / 50 + 1);
        if i % 50 == 0 {
            headings.push(Heading {
                level: 2,
                text: group.clone(),
            });
        }
        let text = format!("Field {}{}", i + 1, if i % 3 == 0 { " *" } else { "" });
        let mut labels = LabelCandidates {
            heading: group,
            ..LabelCandidates::default()
        };
        match i % 4 {
            0 => {
                labels.label = text;
                labels.dom_id = format!(":r{i:x}:");
            }
            1 => labels.label = text,
            2 => labels.labelled_by = text,
            _ => labels.aria_label = text.trim_end_matches(" *").to_string(),
        }
        let textarea = i % 7 == 6;
        controls.push(Control {
            id: i as u32 + 1,
            tag: if textarea { "textarea" } else { "input" }.into(),
            kind: if textarea { "" } else { "text" }.into(),
            labels,
            row: Some(0),
            ..Control::default()
        });
    }
    PageSnapshot {
        url: format!("https://integrator-1000001-admin.okta.com/replica/stress?n={n}"),
        title: "Okta".into(),
        headings,
        controls,
        ..PageSnapshot::default()
    }
}

fn main() {
    let text = std::fs::read_to_string(root().join("benches/fixtures/forms.json"))
        .expect("benches/fixtures/forms.json (re-capture: node e2e/bench/run.mjs --fixtures)");
    let fixture: Fixture = serde_json::from_str(&text).expect("benches/fixtures/forms.json parses");
    let now = now_ms();

    // The registry the replayed checks meet: every walk and every form already seen once
    // (the same state the browser benchmark's replay runs in).
    let mut registry = Registry::default();
    for walk in &fixture.walks {
        registry = walked(registry, &walk.steps, now);
    }
    registry = walked(registry, fixture.forms.iter().map(|f| &f.snapshot), now);

    let mut benches = Vec::new();
    for walk in &fixture.walks {
        let draft = first_draft(&walked(Registry::default(), &walk.steps, now));
        let findings = rules::check(&draft);
        benches.push(by_ref(
            format!("rules/{}", walk.name),
            draft.clone(),
            rules::check,
        ));
        benches.push(by_ref(
            format!("completeness/{}", walk.name),
            (draft, findings),
            |(d, f)| completeness::score(d, f),
        ));
    }
    for form in &fixture.forms {
        benches.push(by_ref(
            format!("map/{}", form.name),
            form.snapshot.clone(),
            page::analyse,
        ));
    }
    for form in &fixture.forms {
        let (reg, snap) = (registry.clone(), form.snapshot.clone());
        benches.push(batched(
            format!("handle/{}", form.name),
            move || (reg.clone(), snap.clone()),
            // A first check of the page: nothing kept from the one before (`page::memo`; the
            // snapshot it kept, dropped here, is what `handle` dropped itself before it kept one).
            move |(r, s)| {
                oin_helper::page::memo::forget();
                handler::handle(r, Request::Check { snapshot: s }, now)
            },
        ));
    }
    for form in &fixture.forms {
        // The worker's path for one keystroke, as `processMessage` runs it with its parse cache
        // warm: the message from JSON, handle, the keys to write (`layout::writes`: the touched
        // record compared, and written with the core when it changed), the answer to JSON. The
        // calls alternate between the form as captured and the same form with one more
        // character in its first text field, so every call has a change to save.
        let typed = {
            let mut s = form.snapshot.clone();
            if let Some(c) = s
                .controls
                .iter_mut()
                .find(|c| !c.secret && c.checked.is_none() && !c.value.is_empty())
            {
                c.value.push('x');
            }
            s
        };
        let messages = [&form.snapshot, &typed]
            .map(|s| serde_json::json!({ "kind": "check", "snapshot": s }).to_string());
        let mut warm = registry.clone();
        let mut saved = layout::Saved::default();
        layout::writes(&mut warm, &mut saved, "bench");
        let state = std::cell::RefCell::new((Some(warm), saved, 0usize));
        benches.push(by_ref(
            format!("worker_path/{}", form.name),
            (state, messages),
            move |(state, messages)| {
                let mut state = state.borrow_mut();
                let (registry, saved, turn) = &mut *state;
                *turn += 1;
                let request: Request =
                    serde_json::from_str(&messages[*turn % 2]).unwrap_or(Request::Options);
                let taken = registry.take().unwrap_or_default();
                let mut outcome = handler::handle(taken, request, now);
                let writes = layout::writes(&mut outcome.registry, saved, "bench");
                let answer = serde_json::to_string(&outcome.response).unwrap_or_default();
                *registry = Some(outcome.registry);
                writes.set.len() + answer.len()
            },
        ));
    }
    for form in &fixture.forms {
        // The same keystrokes sent as edits (session 6): the worker holds the form's snapshot
        // for the port (`delta::Bases`), each message carries the typed control's state only,
        // numbered on the port, and is applied to the held snapshot before `handle`.
        let Some(at) = form
            .snapshot
            .controls
            .iter()
            .position(|c| !c.secret && c.checked.is_none() && !c.value.is_empty())
        else {
            continue;
        };
        let control = &form.snapshot.controls[at];
        let states = [control.value.clone(), format!("{}x", control.value)].map(|value| {
            serde_json::json!({ "id": control.id, "value": value, "filled": true, "hidden": control.hidden, "disabled": control.disabled })
                .to_string()
        });
        let mut bases = delta::Bases::default();
        bases.keep("bench".into(), 0, form.snapshot.clone());
        let mut warm = registry.clone();
        let mut saved = layout::Saved::default();
        layout::writes(&mut warm, &mut saved, "bench");
        let state = std::cell::RefCell::new((Some(warm), saved, 0u32, bases));
        benches.push(by_ref(
            format!("worker_path_edit/{}", form.name),
            (state, states),
            move |(state, states)| {
                let mut state = state.borrow_mut();
                let (registry, saved, turn, bases) = &mut *state;
                *turn += 1;
                let text = format!(
                    r#"{{"kind":"edit","controls":[{}],"buttons":[],"base":"bench","seq":{}}}"#,
                    states[*turn as usize % 2],
                    turn
                );
                let Ok(message) = serde_json::from_str::<Message>(&text) else {
                    return 0;
                };
                let taken = registry.take().unwrap_or_default();
                let mut outcome = bases.handle(taken, message, now);
                assert!(
                    matches!(outcome.response, Response::Plan(_)),
                    "an edit is checked"
                );
                let writes = layout::writes(&mut outcome.registry, saved, "bench");
                let answer = serde_json::to_string(&outcome.response).unwrap_or_default();
                *registry = Some(outcome.registry);
                writes.set.len() + answer.len()
            },
        ));
    }
    {
        // A worker's first event: every stored key read back (`layout::read_keys`).
        let mut all = registry.clone();
        let keys = layout::writes(&mut all, &mut layout::Saved::default(), "bench").set;
        let records = keys
            .iter()
            .filter(|(k, _)| k.starts_with(layout::RECORD_PREFIX))
            .count();
        benches.push(batched(
            format!("cold_load/{records} records"),
            move || keys.clone(),
            move |keys| layout::read_keys(keys, now).0.integrations.len(),
        ));
    }
    for form in &fixture.forms {
        // The wasm edge's two conversions of a check, alone: the message from its JSON text
        // (what `JSON.stringify` hands over) and the answer back to JSON text.
        let message =
            serde_json::json!({ "kind": "check", "snapshot": &form.snapshot }).to_string();
        benches.push(by_ref(format!("message_in/{}", form.name), message, |m| {
            serde_json::from_str::<Request>(m).map(|_| ()).is_ok()
        }));
        let outcome = handler::handle(
            registry.clone(),
            Request::Check {
                snapshot: form.snapshot.clone(),
            },
            now,
        );
        benches.push(by_ref(
            format!("answer_out/{}", form.name),
            outcome.response,
            |r| serde_json::to_string(r).map(|t| t.len()).unwrap_or(0),
        ));
    }
    for n in STRESS_SIZES {
        benches.push(by_ref(
            format!("stress_map/{n}"),
            stress_snapshot(n),
            page::analyse,
        ));
    }

    // `cargo bench --bench core -- WORD` runs only the benchmarks whose name contains WORD.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if let Some(word) = &filter {
        benches.retain(|b| b.name.contains(word.as_str()));
    }

    // Calibrate each to batches of at least MIN_BATCH.
    for bench in &mut benches {
        loop {
            if (bench.batch)(bench.iters) >= MIN_BATCH || bench.iters >= 1 << 20 {
                break;
            }
            bench.iters *= 2;
        }
    }
    let count = benches.len();
    for round in 0..WARMUP_ROUNDS + ROUNDS {
        for k in 0..count {
            let bench = &mut benches[(k + round) % count];
            let took = (bench.batch)(bench.iters);
            if round >= WARMUP_ROUNDS {
                bench
                    .samples
                    .push(took.as_secs_f64() * 1e6 / bench.iters as f64);
            }
        }
    }

    let mut rows = Vec::new();
    println!(
        "{:<48} {:>12} {:>12} {:>8}",
        "benchmark", "median", "p95", "iters"
    );
    for bench in &mut benches {
        bench.samples.sort_by(f64::total_cmp);
        let (med, p95) = (median(&bench.samples), quantile(&bench.samples, 0.95));
        println!(
            "{:<48} {:>9.1} µs {:>9.1} µs {:>8}",
            bench.name, med, p95, bench.iters
        );
        rows.push(serde_json::json!({
            "name": bench.name,
            "median_us": med,
            "p95_us": p95,
            "iters_per_batch": bench.iters,
            "rounds": bench.samples.len(),
        }));
    }
    let stress_median = |n: usize| {
        let name = format!("stress_map/{n}");
        benches
            .iter()
            .find(|b| b.name == name)
            .map(|b| median(&b.samples))
    };
    let ratios: Vec<String> = STRESS_SIZES
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (stress_median(w[0])?, stress_median(w[1])?);
            let growth = (b / a) / (w[1] as f64 / w[0] as f64);
            Some(format!("{}→{}: {growth:.2}", w[0], w[1]))
        })
        .collect();
    if !ratios.is_empty() {
        println!(
            "stress mapping growth, (time ratio)/(size ratio): {}",
            ratios.join(", ")
        );
    }
    if filter.is_some() {
        // A partial run does not replace the full figures.
        return;
    }

    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    let report = serde_json::json!({
        "generated_at_ms": now,
        "registry_bytes": serde_json::to_string(&registry).map(|t| t.len()).unwrap_or(0),
        "rounds": ROUNDS,
        "benches": rows,
    });
    std::fs::write(out.join("native.json"), format!("{report:#}\n")).expect("native.json");
    println!("wrote target/bench/native.json");
}
