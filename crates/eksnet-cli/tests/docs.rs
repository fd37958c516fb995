//! `docs/cli-json.md` shows real output: each `<!-- example: ARGS -->` block must be
//! exactly what `eksnet ARGS` prints today (JSON compared as values). `index.html`
//! carries the first diagram the page shows before its WebAssembly loads: the block
//! after `<!-- prerender: ARGS -->` must be what `eksnet ARGS` prints (with
//! `EKSNET_BLESS=1` the test writes it instead).

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_documented_examples_are_current() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let page = std::fs::read_to_string(root.join("docs/cli-json.md")).expect("docs/cli-json.md");
    let mut checked = 0;
    let mut rest = page.as_str();
    while let Some(i) = rest.find("<!-- example: ") {
        rest = &rest[i + "<!-- example: ".len()..];
        let end = rest.find(" -->").expect("marker end");
        let args: Vec<&str> = rest[..end].split_whitespace().collect();
        let open = rest.find("```").expect("code block");
        let body_start = rest[open..].find('\n').expect("fence line") + open + 1;
        let close = rest[body_start..].find("\n```").expect("closing fence") + body_start;
        let shown = &rest[body_start..close];
        let out = Command::new(env!("CARGO_BIN_EXE_eksnet"))
            .args(&args)
            .current_dir(&root)
            .output()
            .expect("run eksnet");
        let actual = String::from_utf8_lossy(&out.stdout);
        if args.contains(&"--json") {
            let a: serde_json::Value = serde_json::from_str(&actual).expect("json output");
            let b: serde_json::Value = serde_json::from_str(shown).expect("json in docs");
            assert_eq!(a, b, "eksnet {args:?}");
        } else {
            assert_eq!(actual.trim_end(), shown.trim_end(), "eksnet {args:?}");
        }
        checked += 1;
        rest = &rest[close..];
    }
    assert_eq!(checked, 8);
}

#[test]
fn the_prerendered_first_diagram_is_current() {
    const OPEN: &str = "<!-- prerender: ";
    const CLOSE: &str = "<!-- /prerender -->";
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("index.html");
    let page = std::fs::read_to_string(&path).expect("index.html");
    let start = page.find(OPEN).expect("prerender marker in index.html");
    let args_end = start + page[start..].find(" -->").expect("marker end");
    let args: Vec<&str> = page[start + OPEN.len()..args_end]
        .split_whitespace()
        .collect();
    let body_start = args_end + " -->".len();
    let end = body_start + page[body_start..].find(CLOSE).expect("closing marker");
    let out = Command::new(env!("CARGO_BIN_EXE_eksnet"))
        .args(&args)
        .current_dir(&root)
        .output()
        .expect("run eksnet");
    assert!(out.status.success(), "eksnet {args:?}");
    let svg = String::from_utf8(out.stdout).expect("utf-8");
    let svg = svg.trim_end();
    assert!(
        svg.starts_with("<svg") && svg.contains("data-id=\"node:"),
        "{svg:.200}"
    );
    let want = format!("\n{svg}\n    ");
    if std::env::var_os("EKSNET_BLESS").is_some() {
        let fresh = format!("{}{want}{}", &page[..body_start], &page[end..]);
        std::fs::write(&path, fresh).expect("write index.html");
    } else {
        assert!(
            page[body_start..end] == want,
            "index.html's prerendered diagram is not what `eksnet {}` draws today; \
             run `EKSNET_BLESS=1 cargo test -p eksnet-cli --test docs` to update it",
            args.join(" ")
        );
    }
}
