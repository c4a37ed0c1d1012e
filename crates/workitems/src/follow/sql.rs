//! The follower's effects, compiled for each backend.

use chrono::{DateTime, Utc};
use rectify_kit::Result;
use rectify_kit::journal::{NewChange, Origin};
use rectify_proto::feed::v1::Change;

use super::plan::{PlanChange, decode, describe};
use super::{PlanFollower, REGISTRY};
use crate::domain::{Action, Effect, ExistingItem, ItemKey, Round, State, sync};
use crate::events;
use crate::store::{ActionCode, Item, ItemTx as _, PLAN_ACTOR, StateCode, Step, Transition};

rectify_kit::per_backend!("sql_queries.rs");
