//! Browser tests: mount real components in headless Chrome and assert on the DOM.
//! Run with `cargo test -p eksnet-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
