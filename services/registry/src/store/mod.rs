//! The registry's storage: one set of operations over PostgreSQL or SQLite.

pub mod commands;
mod merge;
mod operations;
pub mod rows;
mod sql;

pub use operations::Store;
