//! A table of functions behind a WebAssembly split point ([`crate::core_api`]'s
//! and [`crate::later`]'s): its chunk fetched once, the table then handed out
//! synchronously.

use std::future::Future;
use std::sync::OnceLock;

/// Where a split point's table is kept once its chunk is loaded.
pub struct Loaded<T: 'static>(OnceLock<&'static T>);

impl<T: Sync + 'static> Loaded<T> {
    /// Nothing loaded yet.
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// The table, once [`Loaded::load`] finished.
    pub fn get(&self) -> Option<&'static T> {
        self.0.get().copied()
    }

    /// The table: `fetch` (the split point's call, which fetches and
    /// instantiates the chunk) awaited unless it is already there.
    pub async fn load(&self, fetch: impl Future<Output = &'static T>) -> &'static T {
        if let Some(t) = self.get() {
            return t;
        }
        let t = fetch.await;
        let _ = self.0.set(t);
        t
    }
}

impl<T: Sync + 'static> Default for Loaded<T> {
    fn default() -> Self {
        Self::new()
    }
}
