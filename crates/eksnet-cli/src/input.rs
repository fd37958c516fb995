//! Reading the scenario argument shared by every command.

use std::io::Read;

use eksnet::{Lang, Scenario};

/// Exit code for unusable input.
pub const EXIT_USAGE: u8 = 2;

/// The `--lang` argument; on an unknown language prints why and returns
/// `Err(EXIT_USAGE)`.
pub fn lang(arg: &str) -> Result<Lang, u8> {
    Lang::parse(arg).ok_or_else(|| {
        eprintln!("eksnet: unknown language `{arg}`; use en or ko");
        EXIT_USAGE
    })
}

/// The `--lang` argument and the scenario argument of a command that analyses one
/// scenario (see [`lang`] and [`load`]); on failure, what they printed and
/// `Err(EXIT_USAGE)`.
pub fn lang_and_scenario(lang_arg: &str, file: Option<&str>) -> Result<(Lang, Scenario), u8> {
    Ok((lang(lang_arg)?, load(file)?))
}

/// Says that there is no `what` named `key`, with the names of `candidates`
/// that come close to `key` (see [`said_no_such`]); returns `EXIT_USAGE`.
pub fn no_such<'a>(
    what: &str,
    key: &str,
    none: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> u8 {
    said_no_such(what, key, none, &eksnet::did_you_mean(key, candidates))
}

/// Says that there is no `what` named `key`: "did you mean" the `near` names,
/// or, when none comes close, the sentence ends with `none` (e.g. " with a
/// usable CIDR"); returns `EXIT_USAGE`.
pub fn said_no_such<S: std::fmt::Display>(what: &str, key: &str, none: &str, near: &[S]) -> u8 {
    if near.is_empty() {
        eprintln!("eksnet: there is no {what} `{key}`{none}");
    } else {
        let near: Vec<String> = near.iter().map(ToString::to_string).collect();
        eprintln!(
            "eksnet: there is no {what} `{key}`; did you mean {}?",
            near.join(", ")
        );
    }
    EXIT_USAGE
}

/// Reads `FILE`, `-` (standard input) or, with no argument, the default scenario.
/// On failure prints a located message to stderr and returns `Err(EXIT_USAGE)`.
pub fn load(file: Option<&str>) -> Result<Scenario, u8> {
    let (name, text) = match file {
        None => return Ok(Scenario::example()),
        Some("-") => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("eksnet: cannot read standard input: {e}");
                return Err(EXIT_USAGE);
            }
            ("<stdin>".to_string(), s)
        }
        Some(path) => match std::fs::read_to_string(path) {
            Ok(s) => (path.to_string(), s),
            Err(e) => {
                eprintln!("eksnet: cannot read {path}: {e}");
                return Err(EXIT_USAGE);
            }
        },
    };
    Scenario::from_json(&text).map_err(|e| {
        eprintln!("eksnet: {name}: {e}");
        EXIT_USAGE
    })
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => print_text(&format!("{s}\n")),
        Err(e) => eprintln!("eksnet: cannot serialise output: {e}"),
    }
}

/// Writes `text` to stdout. A closed pipe (`eksnet check | head`) is not an error.
pub fn print_text(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
