//! The stored answers' SQL, compiled for each backend.

use crate::context::CallContext;
use crate::error::{Error, Result};
use crate::text;

crate::per_backend!("sql_queries.rs");
