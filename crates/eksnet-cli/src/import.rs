//! `eksnet import PATH...`: a snapshot of a real cluster (AWS CLI JSON, kubectl
//! JSON, an eksctl config in JSON or YAML) turned into a scenario.
//!
//! The scenario goes to stdout (or `-o FILE`), the report to stderr; with `--json`
//! stdout carries `{"scenario": ..., "report": ...}`. Exit 0 when a scenario was
//! made, 2 when the input is unusable (a recognised file that is malformed, named
//! with its JSON pointer; or nothing recognised).

use std::path::{Path, PathBuf};

use serde::Serialize;

use eksnet::import::{import, Report};
use eksnet::Scenario;

use crate::input::{print_json, print_text, EXIT_USAGE};

/// Arguments of `eksnet import`.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders of the snapshot (folders are read recursively; `-` is standard input).
    #[arg(required = true)]
    paths: Vec<String>,
    /// Write the scenario to FILE instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
    /// Print `{"scenario": ..., "report": ...}` on standard output.
    #[arg(long)]
    json: bool,
    /// Replace AWS ids, the cluster's and node groups' names, load balancer names and
    /// public IPs consistently (verdicts stay the same) before writing the scenario.
    #[arg(long)]
    anonymise: bool,
    /// Language of the report: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// What `eksnet import --json` prints.
#[derive(Serialize)]
struct Output<'a> {
    scenario: Option<&'a Scenario>,
    report: &'a Report,
}

/// Files under `path` (itself when it is a file), sorted.
fn walk(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            walk(&e, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// YAML (an eksctl config, `kubectl -o yaml`) as JSON text; other text unchanged.
fn yaml_to_json(name: &str, text: String) -> String {
    let looks_json = text.trim_start().starts_with('{') || text.trim_start().starts_with('[');
    let yaml_name = name.ends_with(".yaml") || name.ends_with(".yml");
    if looks_json && !yaml_name {
        return text;
    }
    match serde_yaml::from_str::<serde_json::Value>(&text) {
        Ok(v @ serde_json::Value::Object(_)) => v.to_string(),
        _ => text,
    }
}

fn read_inputs(paths: &[String]) -> Result<Vec<(String, String)>, u8> {
    let mut files = Vec::new();
    for p in paths {
        if p == "-" {
            let mut s = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
                eprintln!("eksnet: cannot read standard input: {e}");
                return Err(EXIT_USAGE);
            }
            files.push(("<stdin>".to_string(), yaml_to_json("", s)));
            continue;
        }
        let mut found = Vec::new();
        if let Err(e) = walk(Path::new(p), &mut found) {
            eprintln!("eksnet: cannot read {p}: {e}");
            return Err(EXIT_USAGE);
        }
        for f in found {
            let name = f.display().to_string();
            match std::fs::read(&f) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    files.push((name.clone(), yaml_to_json(&name, text)));
                }
                Err(e) => {
                    eprintln!("eksnet: cannot read {name}: {e}");
                    return Err(EXIT_USAGE);
                }
            }
        }
    }
    Ok(files)
}

/// Runs the command; returns the exit code.
pub fn run(a: Args) -> u8 {
    let lang = match crate::input::lang(&a.lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let files = match read_inputs(&a.paths) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let mut out = import(&files);
    if a.anonymise {
        out.scenario = out
            .scenario
            .as_ref()
            .map(eksnet::import::anonymise::anonymise);
    }
    if a.json {
        print_json(&Output {
            scenario: out.scenario.as_ref(),
            report: &out.report,
        });
    } else {
        eprint!("{}", out.report.render(lang));
    }
    let Some(s) = out.scenario else {
        return EXIT_USAGE;
    };
    let text = format!("{}\n", s.to_json());
    match &a.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                eprintln!("eksnet: cannot write {path}: {e}");
                return EXIT_USAGE;
            }
        }
        None if !a.json => print_text(&text),
        None => {}
    }
    0
}
