//! The cursor's SQL, compiled for each backend.

use rectify_proto::feed::v1::Change;

use super::ApplyChange;
use crate::error::{Error, Result};

crate::per_backend!("sql_queries.rs");
