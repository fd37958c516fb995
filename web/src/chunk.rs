//! A table of functions behind a WebAssembly split point ([`crate::core_api`]'s,
//! [`crate::later`]'s and [`crate::import_api`]'s): its chunk fetched once, the
//! table then handed out synchronously. [`split_table!`] declares one.

#[cfg(feature = "split")]
use std::future::Future;
#[cfg(feature = "split")]
use std::sync::OnceLock;

/// Where a split point's table is kept once its chunk is loaded.
#[cfg(feature = "split")]
pub struct Loaded<T: 'static>(OnceLock<&'static T>);

#[cfg(feature = "split")]
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

#[cfg(feature = "split")]
impl<T: Sync + 'static> Default for Loaded<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Declares, in the module that calls it, the split point `NAME` for the
/// static table `TABLE` of type `T`: with the `split` feature, `table()` behind
/// `#[wasm_split(NAME)]`, the only path from the main module to what the table
/// reaches; `loaded()`, the table once `load()` finished (without `split`:
/// always), else `None`; and `load()`, which fetches and instantiates the
/// chunk once (without `split`: the table at once).
macro_rules! split_table {
    ($name:ident, $ty:ty, $table:expr) => {
        /// The table, behind its split point (see [`crate::chunk`]).
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = leptos::wasm_split)]
        fn table() -> &'static $ty {
            $table
        }

        #[cfg(feature = "split")]
        static LOADED: $crate::chunk::Loaded<$ty> = $crate::chunk::Loaded::new();

        /// The table once [`load`] finished (without `split`: always), else
        /// `None`.
        pub fn loaded() -> Option<&'static $ty> {
            #[cfg(feature = "split")]
            return LOADED.get();
            #[cfg(not(feature = "split"))]
            Some($table)
        }

        /// Loads the table (with `split`: fetches and instantiates its chunk,
        /// once) and keeps it.
        pub async fn load() -> &'static $ty {
            #[cfg(feature = "split")]
            return LOADED.load(table()).await;
            #[cfg(not(feature = "split"))]
            $table
        }
    };
}
pub(crate) use split_table;
