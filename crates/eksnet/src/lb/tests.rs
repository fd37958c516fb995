//! Load balancer derivation against the consoles of source 004.

use crate::analyze;
use crate::scenario::*;

#[test]
fn dump_default() {
    let a = analyze(&Scenario::example());
    println!("{}", serde_json::to_string_pretty(&a.lbs).unwrap());
    for d in &a.diagnostics {
        println!("{:?} {} {} {}", d.severity, d.code, d.path, d.message.en);
    }
}
