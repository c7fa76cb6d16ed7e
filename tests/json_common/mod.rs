//! JSON-tree comparisons shared by the property and corruption tests: equality up to the
//! last bits of fractional numbers, and "holds this value verbatim somewhere".

use serde_json::Value;

/// Equality of two JSON trees, with numbers equal when they differ only in the last bits.
/// serde_json (without its `float_roundtrip` feature, which the wasm size budget leaves out) may
/// read a fractional number back one unit in the last place off; whole numbers, which every
/// timestamp the extension writes is, read back exactly.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x == y => true,
            (Some(x), Some(y)) => (x - y).abs() <= 1e-14 * x.abs().max(y.abs()),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Whether `tree` holds `part` verbatim somewhere (up to the last bits of fractional numbers).
pub fn holds(tree: &Value, part: &Value) -> bool {
    same_json(tree, part)
        || match tree {
            Value::Array(items) => items.iter().any(|v| holds(v, part)),
            Value::Object(items) => items.values().any(|v| holds(v, part)),
            _ => false,
        }
}
