//! The registry's storage: one set of operations over PostgreSQL or SQLite.

pub mod commands;
mod merge;
pub mod rows;
mod sql;
mod store;

pub use store::Store;
