//! Tests of the `Value` deserializer: it reads what serde_json reads and refuses what it refuses, at the same path.

use super::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Outer {
    #[serde(default)]
    name: String,
    items: Vec<Inner>,
    #[serde(default)]
    mode: Option<Mode>,
    #[serde(default)]
    by_port: BTreeMap<u16, String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Inner {
    id: u32,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
enum Mode {
    Public,
    Private,
    Cidrs(Vec<String>),
}

fn read(text: &str) -> Result<Outer, Located> {
    let v: Value = serde_json::from_str(text).unwrap();
    from_value(&v)
}

/// serde_json's message for the same text, without its position.
fn serde_message(text: &str) -> String {
    let e = serde_json::from_str::<Outer>(text).unwrap_err();
    crate::json_path::message_of(&e)
}

#[test]
fn reads_what_serde_json_reads() {
    let text = r#"{"name": "a", "items": [{"id": 1, "tags": ["x"]}, {"id": 2}],
        "mode": {"cidrs": ["10.0.0.0/8"]}, "byPort": {"443": "https"}}"#;
    let want: Outer = serde_json::from_str(text).unwrap();
    assert_eq!(read(text).unwrap(), want);
    let text = r#"{"items": [], "mode": "private"}"#;
    assert_eq!(read(text).unwrap().mode, Some(Mode::Private));
    let text = r#"{"items": [], "mode": null}"#;
    assert_eq!(read(text).unwrap().mode, None);
}

#[test]
fn errors_are_located_and_worded_as_serde_json_words_them() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"items": [{"id": 1}, {"id": "x"}]}"#,
            &["items", "1", "id"],
        ),
        (
            r#"{"items": [{"id": 1}, {"id": -1}]}"#,
            &["items", "1", "id"],
        ),
        (r#"{"items": [{"id": 1.5}]}"#, &["items", "0", "id"]),
        (r#"{"items": [{"id": null}]}"#, &["items", "0", "id"]),
        (
            r#"{"items": [{"id": 1, "tag": []}]}"#,
            &["items", "0", "tag"],
        ),
        (r#"{"items": [{"tags": []}]}"#, &["items", "0"]),
        (r#"{"nmae": "a", "items": []}"#, &["nmae"]),
        (r#"{"name": "a"}"#, &[]),
        (r#"{"items": [], "mode": "hybrid"}"#, &["mode"]),
        (r#"{"items": [], "mode": 3}"#, &["mode"]),
        (r#"{"items": [], "byPort": {"443": 1}}"#, &["byPort", "443"]),
        (r#"{"items": {"id": 1}}"#, &["items"]),
    ];
    for (text, path) in cases {
        let e = read(text).unwrap_err();
        assert_eq!(e.path, *path, "{text}");
        if !text.contains("\"mode\": 3") {
            assert_eq!(e.message, serde_message(text), "{text}");
        }
    }
}

#[test]
fn pointers_escape_when_asked() {
    let e = Located {
        path: vec!["a/b".into(), "c~d".into(), "0".into()],
        message: String::new(),
    };
    assert_eq!(e.pointer(true), "/a~1b/c~0d/0");
    assert_eq!(e.pointer(false), "/a/b/c~d/0");
}

#[test]
fn borrows_strings_from_the_value() {
    #[derive(Deserialize)]
    struct B<'b> {
        #[serde(borrow)]
        s: &'b str,
    }
    let v: Value = serde_json::from_str(r#"{"s": "kept"}"#).unwrap();
    let b: B = from_value(&v).unwrap();
    assert_eq!(b.s, "kept");
}
