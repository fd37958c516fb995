//! Pretty JSON from compact JSON text, exactly as `serde_json::to_string_pretty`
//! writes it (two spaces an indent level, `"key": value`, `{}` and `[]` for empty
//! ones).
//!
//! Serialising a type through serde_json's pretty formatter compiles a second copy
//! of every `Serialize` impl it reaches next to the compact one (the share link's):
//! for the scenario that is tens of kilobytes of the site's WebAssembly. Writing the
//! compact text once and indenting it here keeps one copy.
//!
//! ```
//! use eksnet::json_pretty::pretty;
//! assert_eq!(pretty(r#"{"a":[1,{}],"b":"x:{"}"#), "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x:{\"\n}");
//! ```
//!
//! Never panics: text that is not compact JSON is indented as far as its brackets
//! go (the result is then unspecified, but every byte of the input is kept).

/// `compact` (serde_json's compact output: no whitespace outside strings),
/// indented as serde_json's pretty formatter would write the same value.
pub fn pretty(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', 2 * depth));
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'{' | b'[' => {
                out.push(b);
                let close = if b == b'{' { b'}' } else { b']' };
                if bytes.get(i) == Some(&close) {
                    out.push(close);
                    i += 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
    // Only ASCII was inserted, between whole characters of valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::pretty;
    use proptest::prelude::*;
    use serde_json::Value;

    fn same_as_serde(v: &Value) {
        let compact = serde_json::to_string(v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn empty_and_nested_containers() {
        for text in [
            "{}",
            "[]",
            "[[]]",
            "[{}]",
            r#"{"a":{}}"#,
            r#"{"a":[],"b":[[1,2],[]],"c":{"d":null}}"#,
            "3",
            r#""x""#,
        ] {
            same_as_serde(&serde_json::from_str(text).unwrap());
        }
    }

    #[test]
    fn brackets_colons_and_escapes_inside_strings_are_kept() {
        same_as_serde(&serde_json::json!({
            "k:{[,": "a \"quoted\" {value}, [list]: \\",
            "tail\\": ["\\\"", "]", "}"],
            "한국어": "값: {}",
        }));
    }

    #[test]
    fn the_example_scenario_reads_as_serde_writes_it() {
        let s = crate::scenario::Scenario::example();
        let compact = serde_json::to_string(&s).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(&s).unwrap());
        assert_eq!(s.to_json(), serde_json::to_string_pretty(&s).unwrap());
    }

    #[test]
    fn malformed_text_keeps_every_byte() {
        for text in ["}}]]", "{\"a", "[1,", "\"\\", ":::"] {
            let out = pretty(text);
            let kept: String = out.chars().filter(|c| !c.is_whitespace()).collect();
            let given: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(kept, given);
        }
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z{}\\[\\]:,\"\\\\ 가]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-z{}:,\"\\\\]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_reads_as_serde_writes_it(v in value()) {
            let compact = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(pretty(&compact), serde_json::to_string_pretty(&v).unwrap());
        }
    }
}
