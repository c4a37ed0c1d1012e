//! The environment SQL, compiled for each backend by `per_backend!`.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::parse::timestamp;
use rectify_kit::{CallContext, Result};
use rectify_proto::environment::v1 as pb;
use rectify_workitems::domain::State;
use rectify_workitems::store::{Item, ItemTx as _, enterprise_name};

use crate::domain::{self, Monitoring, OutletCheck, PatrolReport, PollutionControl};
use crate::events;

rectify_kit::per_backend!("sql/queries.rs");
