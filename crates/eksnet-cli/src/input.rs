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
