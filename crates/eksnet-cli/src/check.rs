//! `eksnet check`: every rule the scenario breaks, as diagnostics.

use serde::Serialize;

use eksnet::{analyze, Diagnostic, Lang, Severity};

use crate::input::{print_json, print_text};

/// Arguments of `eksnet check`.
#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// Print the diagnostics as JSON (both languages) instead of text.
    #[arg(long)]
    json: bool,
    /// Language of the text output: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// The JSON document `eksnet check --json` prints.
#[derive(Serialize)]
pub struct Report<'a> {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of notes.
    pub infos: usize,
    /// The diagnostics, errors first, then by path.
    pub diagnostics: &'a [Diagnostic],
}

/// Runs the command; returns the exit code (0 no errors, 1 errors, 2 bad input).
pub fn run(a: Args) -> u8 {
    let (lang, scenario) = match crate::input::lang_and_scenario(&a.lang, a.file.as_deref()) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let analysis = analyze(&scenario);
    let d = &analysis.diagnostics;
    let count = |s: Severity| d.iter().filter(|x| x.severity == s).count();
    let report = Report {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        diagnostics: d,
    };
    if a.json {
        print_json(&report);
    } else {
        print_text(&render(&report, lang));
    }
    if report.errors > 0 {
        1
    } else {
        0
    }
}

/// The diagnostics as text, one block each, and a summary line.
pub fn render(r: &Report<'_>, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for d in r.diagnostics {
        let sev = match (d.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
            (Severity::Error, Lang::Ko) => "오류",
            (Severity::Warning, Lang::Ko) => "경고",
            (Severity::Info, Lang::Ko) => "참고",
        };
        match d.aws_code {
            // AWS's own code for the same problem, beside eksnet's.
            Some(aws) => writeln!(out, "{sev}[{}] (AWS: {aws}) {}", d.code, d.path),
            None => writeln!(out, "{sev}[{}] {}", d.code, d.path),
        }
        .ok();
        let _ = writeln!(out, "  {}", d.message.get(lang));
        if let Some(f) = &d.fix {
            let label = if lang == Lang::Ko {
                "고치는 법"
            } else {
                "fix"
            };
            let _ = writeln!(out, "  {label}: {}", f.get(lang));
        }
        let _ = writeln!(out, "  [{}]", d.cite.display());
    }
    let _ = if lang == Lang::Ko {
        writeln!(
            out,
            "오류 {}개, 경고 {}개, 참고 {}개",
            r.errors, r.warnings, r.infos
        )
    } else {
        let count = eksnet::text::count;
        writeln!(
            out,
            "{}, {}, {}",
            count(r.errors, "error", "errors"),
            count(r.warnings, "warning", "warnings"),
            count(r.infos, "note", "notes")
        )
    };
    out
}
