//! The journal's SQL, compiled for each backend.

use super::entry::{Entry, EntryFields, chain_hash};

crate::per_backend!("sql_queries.rs");
