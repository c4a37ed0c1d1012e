//! [`PatrolHistory`]: when each enterprise was last patrolled and last suspected of a rebound,
//! what the patrol schedule is computed from.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rectify_kit::db::Db;
use rectify_kit::{Result, dispatch};

use super::sql;

/// Per enterprise: its latest patrol and its latest rebound suspicion.
#[derive(Clone, Debug, Default)]
pub struct PatrolHistory {
    pub last_patrol: HashMap<String, DateTime<Utc>>,
    pub last_suspicion: HashMap<String, DateTime<Utc>>,
}

impl PatrolHistory {
    /// The history as `db` holds it.
    pub async fn read(db: &Db) -> Result<PatrolHistory> {
        let (patrols, suspicions) = dispatch!(db, sql => patrol_history())?;
        Ok(PatrolHistory {
            last_patrol: latest(patrols),
            last_suspicion: latest(suspicions),
        })
    }
}

fn latest(rows: Vec<(String, DateTime<Utc>)>) -> HashMap<String, DateTime<Utc>> {
    let mut out: HashMap<String, DateTime<Utc>> = HashMap::new();
    for (enterprise, at) in rows {
        let entry = out.entry(enterprise).or_insert(at);
        *entry = (*entry).max(at);
    }
    out
}
