//! The stored answers' SQL, compiled for each backend.

use crate::context::CallContext;
use crate::error::{Error, Result};

crate::per_backend!("sql_queries.rs");
