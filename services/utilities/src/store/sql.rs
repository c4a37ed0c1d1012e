//! The utilities SQL, compiled for each backend by `per_backend!`: the rows of its own tables
//! inside a transaction, the transaction scripts of the mutating `UtilitiesService` calls (which
//! complete work items through `rectify_workitems::store::ItemTx`), and the reads.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::utilities::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::store::{Item, ItemTx as _, item_name};

use super::columns::Lines;
use super::commands::{OrderFilter, OrderKey, Record};
use super::order::{Order, OrderRow, ReconnectionRow, StoredReconnection, Supply};
use crate::domain::{self, ReconnectionReport};
use crate::events;

rectify_kit::per_backend!("sql/queries.rs");
