//! The envelope's transaction, compiled for each backend.

use super::{Begun, Replay};
use crate::context::CallContext;
use crate::error::{Error, Result};
use crate::journal::{Journal, NewChange, Origin};

crate::per_backend!("sql_queries.rs");
