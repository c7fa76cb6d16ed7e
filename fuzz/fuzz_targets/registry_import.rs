//! Fuzz target: reading a stored (or imported) registry from any text. Invariant checked: no
//! panic, and what was read saves and loads back unchanged (nothing is lost on the next save),
//! up to the last bits of fractional numbers: serde_json without its `float_roundtrip` feature
//! may read such a number back one unit in the last place off (whole numbers, which are all the
//! extension itself writes, read back exactly).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oin_helper::registry::Registry;
use serde_json::Value;

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x == y => true,
            (Some(x), Some(y)) => (x - y).abs() <= 1e-14 * x.abs().max(y.abs()),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let value = serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text.to_string()));
    let registry = Registry::from_stored(value, 1.8e12);
    let saved = serde_json::to_value(&registry).expect("a registry always serialises");
    let again = Registry::from_stored(saved.clone(), 1.8e12);
    let again = serde_json::to_value(&again).expect("a registry always serialises");
    assert!(same(&again, &saved), "{saved}\n!=\n{again}");
    // The worker's own path keeps the same things (its reasons may be worded differently).
    let without_reasons = |r: &Registry| {
        let mut v = serde_json::to_value(r).expect("serialises");
        for q in v["quarantine"].as_array_mut().into_iter().flatten() {
            q["reason"] = Value::Null;
        }
        v
    };
    let worker = without_reasons(&Registry::from_json(&text, 1.8e12));
    let direct = without_reasons(&registry);
    assert!(same(&worker, &direct), "{direct}\n!=\n{worker}");
});
