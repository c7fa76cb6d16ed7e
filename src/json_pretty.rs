//! Pretty JSON text from compact JSON text, laid out exactly as `serde_json::to_string_pretty`
//! lays it out (two-space indent, `": "` after keys, one member or element a line, `{}` and `[]`
//! for empty ones). Why: `to_string_pretty` of a value compiles a second serializer for every
//! type the value holds (the export's whole registry: ~15 KB of wasm); re-indenting the compact
//! text that `serde_json::to_string` already knows how to write costs a few hundred bytes
//! (issue 6, size). Invariant: `pretty(&serde_json::to_string(v)?) == to_string_pretty(v)?`
//! for every value (the tests check it against serde_json itself).

/// `compact` (the output of `serde_json::to_string`: no whitespace outside strings) laid out as
/// `serde_json::to_string_pretty` would have written the same value.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut bytes = compact.bytes().enumerate().peekable();
    // The text between layout points (string contents above all) is copied whole.
    let mut copied = 0;
    while let Some((at, byte)) = bytes.next() {
        let layout = match byte {
            b'"' => {
                // Skip to the closing quote; `\` escapes the byte after it.
                while let Some((_, inner)) = bytes.next() {
                    match inner {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' => break,
                        _ => {}
                    }
                }
                continue;
            }
            b'{' | b'[' => {
                if matches!(bytes.peek(), Some((_, b'}' | b']'))) {
                    // Empty: `{}` / `[]` on one line.
                    bytes.next();
                    continue;
                }
                depth += 1;
                Layout::Open
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                Layout::Close
            }
            b',' => Layout::Comma,
            b':' => Layout::Colon,
            _ => continue,
        };
        match layout {
            Layout::Open | Layout::Comma => {
                out.push_str(&compact[copied..=at]);
                newline(&mut out, depth);
            }
            Layout::Close => {
                out.push_str(&compact[copied..at]);
                newline(&mut out, depth);
                out.push(char::from(byte));
            }
            Layout::Colon => {
                out.push_str(&compact[copied..=at]);
                out.push(' ');
            }
        }
        copied = at + 1;
    }
    out.push_str(&compact[copied..]);
    out
}

/// Where whitespace goes around a structural byte.
enum Layout {
    /// `{` or `[` with members: a new line after it, one level deeper.
    Open,
    /// `}` or `]` after members: a new line before it, one level up.
    Close,
    /// `,` between members: a new line after it.
    Comma,
    /// `:` after a key: one space after it.
    Colon,
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn same_as_serde(value: &Value) {
        let compact = serde_json::to_string(value).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(value).unwrap(),
            "{compact}"
        );
    }

    #[test]
    fn lays_out_like_serde_json() {
        for value in [
            json!(null),
            json!(1.5),
            json!("text"),
            json!({}),
            json!([]),
            json!({"a": {}, "b": [], "c": [{}], "d": [[]]}),
            json!([1, [2, [3, {"x": null}]], {"y": {"z": [true, false]}}]),
            json!({"quote \" {[,:]} \\": "\\\"", "\\": ["\\\\", "a\"b", "\n\t\u{1}é⟦"]}),
            json!({"nested": {"deeper": {"deepest": {"k": "v", "n": -1e300, "m": 0}}}}),
        ] {
            same_as_serde(&value);
        }
    }
}
