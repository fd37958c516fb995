//! Tests of the diagnostic codes: the catalogue, its slugs and the module docs that list it.

use super::*;

#[test]
fn the_catalogue_follows_the_enum_and_every_code_is_unique() {
    assert_eq!(CATALOGUE.len(), Code::ALL.len());
    for (k, (e, &c)) in CATALOGUE.iter().zip(Code::ALL).enumerate() {
        assert_eq!(e.code, c);
        assert_eq!(c as usize, k);
        assert_eq!(Code::parse(c.as_str()), Some(c));
        assert!(!e.rule.is_empty(), "{c}");
        assert_eq!(
            e.kind.verdict() && !e.kind.diagnostic(),
            e.severities.is_empty(),
            "{c}"
        );
    }
    let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Code::ALL.len());
}

#[test]
fn the_module_docs_show_the_catalogue() {
    let docs: String = include_str!("../codes.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! |"))
        .map(|l| format!("|{l}\n"))
        .collect();
    let table = markdown_table();
    assert!(
        docs == table,
        "the table in the docs of codes.rs is not the catalogue; it should read:\n{}",
        table
            .lines()
            .map(|l| format!("//! {l}\n"))
            .collect::<String>()
    );
}

#[test]
fn codes_serialize_as_their_strings() {
    let v = serde_json::to_string(&Code::NoRouteToInternet).unwrap();
    assert_eq!(v, "\"no-route-to-internet\"");
    assert!(Code::NoRouteToInternet == "no-route-to-internet");
}
