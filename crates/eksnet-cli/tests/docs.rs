//! `docs/cli-json.md` shows real output: each `<!-- example: ARGS -->` block must be
//! exactly what `eksnet ARGS` prints today (JSON compared as values).

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
    assert_eq!(checked, 5);
}
