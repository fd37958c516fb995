//! Where in a JSON text a parse error happened, as a JSON pointer.
//!
//! serde_json reports the line and column where it stopped; this module reads the
//! text up to that point and returns the path of the value being read there: the
//! keys of the objects and the indices of the arrays it is inside. One plain
//! function for every type that is parsed, where a path-tracking deserializer
//! would compile a second copy of every type's deserialization (the site's size).
//!
//! The path follows serde's reading order: inside an object, the last key read
//! (even when its value failed, or when the key itself was refused as unknown);
//! inside an array, the index of the element being read; a value already closed
//! (a struct missing a field is refused at its `}`) is located at its own path.
//!
//! ```
//! use eksnet::json_path::pointer_at;
//! let text = r#"{"vpc": {"subnets": [{"id": 1}, {"id": "x"}]}}"#;
//! // Read as a struct wanting a number there, serde_json stops after `"x"`
//! // (line 1, column 42).
//! assert_eq!(pointer_at(text, 1, 42), "/vpc/subnets/1/id");
//! ```
//!
//! Never panics: a position past the end reads the whole text, malformed JSON is
//! read as far as it goes.

/// One step of the path: an object's key or an array's index.
enum Frame {
    /// Inside an object: the last key read, and whether a key is awaited next.
    Object {
        key: Option<String>,
        awaiting_key: bool,
    },
    /// Inside an array: the index of the element being read.
    Array { index: usize },
}

/// The byte offset of serde_json's position (1-based `line`, `column` bytes into it).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// Reads the JSON string whose opening quote is at `bytes[i - 1]`, up to `end`;
/// returns its decoded value and the index after its closing quote, or `None` when
/// it does not close before `end`.
fn string(bytes: &[u8], mut i: usize, end: usize) -> Option<(String, usize)> {
    let mut out: Vec<u8> = Vec::new();
    let mut units: Vec<u16> = Vec::new();
    while i < end {
        let b = bytes[i];
        if b != b'\\' || i + 1 >= end {
            flush_utf16(&mut units, &mut out);
        }
        match b {
            b'"' => return Some((String::from_utf8_lossy(&out).into_owned(), i + 1)),
            b'\\' if i + 1 < end => {
                let e = bytes[i + 1];
                i += 2;
                let c = match e {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'u' => {
                        let hex = bytes.get(i..(i + 4).min(end)).unwrap_or_default();
                        let unit = std::str::from_utf8(hex)
                            .ok()
                            .and_then(|h| u16::from_str_radix(h, 16).ok());
                        i += hex.len();
                        if let Some(u) = unit {
                            units.push(u);
                        }
                        continue;
                    }
                    other => other,
                };
                flush_utf16(&mut units, &mut out);
                out.push(c);
                continue;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    None
}

/// Appends pending `\u` escapes (UTF-16 units, pairs joined) to `out`.
fn flush_utf16(units: &mut Vec<u16>, out: &mut Vec<u8>) {
    if units.is_empty() {
        return;
    }
    let s: String = char::decode_utf16(units.drain(..))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    out.extend_from_slice(s.as_bytes());
}

/// The path of the value being read at byte `end` of `text`, as steps.
pub fn path_at_offset(text: &str, end: usize) -> Vec<String> {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, awaiting_key }) => {
                    *key = None;
                    *awaiting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let Some((s, next)) = string(bytes, i + 1, end) else {
                    break;
                };
                if let Some(Frame::Object { key, awaiting_key }) = stack.last_mut() {
                    if *awaiting_key {
                        *key = Some(s);
                        *awaiting_key = false;
                    }
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    stack
        .into_iter()
        .filter_map(|f| match f {
            Frame::Object { key, .. } => key,
            Frame::Array { index } => Some(index.to_string()),
        })
        .collect()
}

/// The path of the value being read where serde_json stopped (1-based `line`,
/// `column` as its errors report them), as steps (keys unescaped).
pub fn path_at(text: &str, line: usize, column: usize) -> Vec<String> {
    path_at_offset(text, offset(text, line, column))
}

/// [`path_at`] as a JSON pointer (`/vpc/subnets/1/id`; keys as they are, not
/// `~`-escaped; empty for the document itself).
pub fn pointer_at(text: &str, line: usize, column: usize) -> String {
    path_at(text, line, column)
        .iter()
        .map(|s| format!("/{s}"))
        .collect()
}

/// Where the value at `path` (keys unescaped, indices as numbers) starts in
/// `text`, as a 1-based line and column; `(0, 0)` when the text has no such value.
/// Locates an error found in the parsed value ([`crate::json_value`]) in the text.
pub fn position_of(text: &str, path: &[String]) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_value = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if expect_value && !b.is_ascii_whitespace() && b != b']' && b != b'}' {
            if same_path(&stack, path) {
                let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                return (1 + text[..i].matches('\n').count(), 1 + i - line_start);
            }
            expect_value = false;
        }
        match b {
            b'{' => stack.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expect_value = true;
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => expect_value = true,
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, awaiting_key }) => {
                    *key = None;
                    *awaiting_key = true;
                }
                Some(Frame::Array { index }) => {
                    *index += 1;
                    expect_value = true;
                }
                None => {}
            },
            b'"' => {
                let Some((s, next)) = string(bytes, i + 1, bytes.len()) else {
                    break;
                };
                if let Some(Frame::Object { key, awaiting_key }) = stack.last_mut() {
                    if *awaiting_key {
                        *key = Some(s);
                        *awaiting_key = false;
                    }
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (0, 0)
}

/// Whether the frames' keys and indices are `path`.
fn same_path(stack: &[Frame], path: &[String]) -> bool {
    let mut steps = stack.iter().filter_map(|f| match f {
        Frame::Object { key, .. } => key.clone(),
        Frame::Array { index } => Some(index.to_string()),
    });
    path.iter().all(|p| steps.next().as_ref() == Some(p)) && steps.next().is_none()
}

/// serde_json's message without its " at line L column C" suffix.
pub fn message_of(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&suffix) {
        Some(m) => m.to_string(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Inner {
        id: u32,
        #[serde(default)]
        tags: Vec<u8>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        A,
        B,
    }

    #[test]
    fn finds_where_a_value_starts() {
        let text =
            "{\"vpc\": {\"subnets\": [\n  {\"id\": 1},\n  {\"id\": \"x\", \"a/b\": [2, {}]}\n]}}";
        let at =
            |p: &[&str]| position_of(text, &p.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(at(&[]), (1, 1));
        assert_eq!(at(&["vpc"]), (1, 9));
        assert_eq!(at(&["vpc", "subnets", "0"]), (2, 3));
        assert_eq!(at(&["vpc", "subnets", "1", "id"]), (3, 10));
        assert_eq!(at(&["vpc", "subnets", "1", "a/b", "1"]), (3, 26));
        assert_eq!(at(&["vpc", "subnets", "2"]), (0, 0));
        assert_eq!(at(&["id"]), (0, 0));
    }

    /// The pointer of serde_json's error for `text` read as `Outer`.
    fn located(text: &str) -> String {
        let e = serde_json::from_str::<Outer>(text).unwrap_err();
        pointer_at(text, e.line(), e.column())
    }

    #[test]
    fn locates_type_errors_in_nested_values() {
        assert_eq!(
            located(r#"{"items": [{"id": 1}, {"id": "x"}]}"#),
            "/items/1/id"
        );
        assert_eq!(
            located(r#"{"items": [{"id": 1, "tags": [1, 2, "x"]}]}"#),
            "/items/0/tags/2"
        );
        assert_eq!(located(r#"{"items": [{"id": {"a": 1}}]}"#), "/items/0/id");
        assert_eq!(located(r#"{"items": [{"id": [1]}]}"#), "/items/0/id");
        assert_eq!(located(r#"{"items": [{"id": 1}, 7]}"#), "/items/1");
    }

    #[test]
    fn locates_unknown_and_missing_fields_and_variants() {
        // An unknown key is located at itself, a missing one at its object.
        assert_eq!(
            located(r#"{"items": [{"id": 1, "idd": 2}]}"#),
            "/items/0/idd"
        );
        assert_eq!(located(r#"{"items": [{"id": 1}, {}]}"#), "/items/1");
        assert_eq!(
            located(r#"{"items": []}"#.replace("items", "itemz").as_str()),
            "/itemz"
        );
        assert_eq!(located(r#"{"kind": "c", "items": []}"#), "/kind");
        assert_eq!(located(r#"{"kind": "a"}"#), "");
    }

    #[test]
    fn reads_escaped_keys_and_lines() {
        let text = "{\n  \"items\": [\n    {\"id\": 1},\n    {\"i\\u0064\": true}\n  ]\n}";
        assert_eq!(located(text), "/items/1/id");
        let text = "{\"items\": [{\"id\": 1, \"tags\": [], \"a\\\"b\\u00e9\\ud83d\\ude00\": 0}]}";
        assert_eq!(located(text), "/items/0/a\"bé😀");
    }

    #[test]
    fn the_message_loses_only_its_position() {
        let e = serde_json::from_str::<Outer>("{\"items\": 3}").unwrap_err();
        assert_eq!(
            message_of(&e),
            "invalid type: integer `3`, expected a sequence"
        );
    }

    #[test]
    fn never_panics_on_any_text_and_position() {
        let texts = [
            "",
            "\"",
            "\"\\",
            "\"\\u12",
            "{\"a\": [1, {\"b\\",
            "]]}}{[",
            "{\"é\": \"ü\"}",
        ];
        for t in texts {
            for line in 0..3 {
                for column in 0..t.len() + 3 {
                    let _ = path_at(t, line, column);
                }
            }
        }
    }
}
