//! [`Store`]: the environment operations on whichever backend the service runs on.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::{CallContext, Result, dispatch, dispatch_write};
use rectify_proto::environment::v1 as pb;
use rectify_workitems::store::Item;

use super::sql;
use crate::domain::{Monitoring, OutletCheck, PatrolReport, PollutionControl};

/// The environment tables; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
}

/// Per enterprise: its latest patrol and its latest rebound suspicion.
#[derive(Clone, Debug, Default)]
pub struct PatrolHistory {
    pub last_patrol: HashMap<String, DateTime<Utc>>,
    pub last_suspicion: HashMap<String, DateTime<Utc>>,
}

fn latest(rows: Vec<(String, DateTime<Utc>)>) -> HashMap<String, DateTime<Utc>> {
    let mut out: HashMap<String, DateTime<Utc>> = HashMap::new();
    for (enterprise, at) in rows {
        let entry = out.entry(enterprise).or_insert(at);
        *entry = (*entry).max(at);
    }
    out
}

impl Store {
    pub fn new(journal: Journal) -> Self {
        Self { journal }
    }

    pub async fn record_monitoring(
        &self,
        ctx: &CallContext,
        item: &Item,
        m: &Monitoring,
        now: DateTime<Utc>,
    ) -> Result<pb::DischargeMonitoring> {
        dispatch_write!(self.journal, sql => record_monitoring(ctx, item, m, now))
    }

    pub async fn record_outlet_check(
        &self,
        ctx: &CallContext,
        item: &Item,
        check: &OutletCheck,
        now: DateTime<Utc>,
    ) -> Result<pb::SewageOutletCheck> {
        dispatch_write!(self.journal, sql => record_outlet_check(ctx, item, check, now))
    }

    pub async fn record_pollution_control(
        &self,
        ctx: &CallContext,
        pc: &PollutionControl,
        now: DateTime<Utc>,
    ) -> Result<pb::RecordPollutionControlResponse> {
        dispatch_write!(self.journal, sql => record_pollution_control(ctx, pc, now))
    }

    /// Records the patrol; `completes` says whether its caller completes the open item.
    pub async fn record_patrol(
        &self,
        ctx: &CallContext,
        report: &PatrolReport,
        completes: fn(&CallContext, &Item) -> bool,
        now: DateTime<Utc>,
    ) -> Result<pb::RecordReboundPatrolResponse> {
        dispatch_write!(self.journal, sql => record_patrol(ctx, report, completes, now))
    }

    /// Every enterprise's latest patrol and suspicion.
    pub async fn patrol_history(&self) -> Result<PatrolHistory> {
        let (patrols, suspicions) = dispatch!(self.journal.db(), sql => patrol_history())?;
        Ok(PatrolHistory {
            last_patrol: latest(patrols),
            last_suspicion: latest(suspicions),
        })
    }
}
