//! The core's importer and anonymiser, in one place: the page calls them
//! through [`load`], a table of the two functions, as it calls the rest of the
//! core through [`crate::core_api`].
//!
//! With the `split` feature, the table sits behind a WebAssembly split point of
//! its own (`import`): the importers' code (the AWS CLI's, kubectl's and
//! eksctl's documents read and assembled into a scenario) is a chunk fetched
//! when a visitor first imports, not on every visit (docs/size.md, "Code
//! splitting, second round"). Without the feature (the tests) it is there at
//! once.

use eksnet::import::Imported;
use eksnet::Scenario;

/// The importer's functions (see the module docs).
pub struct Import {
    /// [`eksnet::import::import`].
    pub import: fn(&[(String, String)]) -> Imported,
    /// [`eksnet::import::anonymise::anonymise`].
    pub anonymise: fn(&Scenario) -> Scenario,
}

static TABLE: Import = Import {
    import: eksnet::import::import,
    anonymise: eksnet::import::anonymise::anonymise,
};

crate::chunk::split_table!(import, Import, &TABLE);
