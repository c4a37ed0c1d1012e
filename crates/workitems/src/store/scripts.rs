//! The transaction scripts of the mutating `WorkItemService` calls, compiled for each backend.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::{CallContext, Error, Reason, Result};
use rectify_proto::workitems::v1 as pb;

use super::item::{Transition, item_name};
use super::tx::ItemTx as _;
use crate::domain::{Action, Command};

rectify_kit::per_backend!("sql/scripts.rs");
