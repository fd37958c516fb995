//! With the `split` feature, the WebAssembly binary keeps its relocations
//! (`--emit-relocs`): the splitter (wasm-split-cli) reads them to move the
//! core's code into a chunk of its own (see src/core_api.rs).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|f| f == "wasm");
    if split && wasm {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
