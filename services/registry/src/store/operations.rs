//! `Store`: the registry's operations on whichever backend it runs on.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rectify_kit::clock::Clock;
use rectify_kit::dispatch;
use rectify_kit::idempotency::retrying_once;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Result};
use rectify_proto::registry::v1 as pb;

use super::commands::{EnterpriseFilter, FindingReporter, MoveAnswer, OfficeCommand};
use super::rows::{EnterpriseRow, FindingRow, PlanRow, PublicPlanRow};
use super::sql::{reads, writes};
use crate::domain::{Campaign, NewFinding};

/// The registry's storage; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
    campaign: Arc<Campaign>,
    clock: Clock,
}

impl Store {
    pub fn new(journal: Journal, campaign: Arc<Campaign>, clock: Clock) -> Self {
        Self {
            journal,
            campaign,
            clock,
        }
    }

    /// The campaign's "now" at the precision both databases keep (microseconds).
    fn now(&self) -> DateTime<Utc> {
        let now = self.clock.now();
        DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
    }

    pub fn campaign(&self) -> &Campaign {
        &self.campaign
    }

    pub async fn report_finding(
        &self,
        ctx: &CallContext,
        finding: &NewFinding,
    ) -> Result<pb::ReportFindingResponse> {
        let (journal, now) = (&self.journal, self.now());
        retrying_once(|| async {
            dispatch!(journal.db(), writes => report_finding(journal, ctx, finding, now))
        })
        .await
    }

    /// Stores every finding of a batch in one transaction, or none.
    pub async fn import_findings(
        &self,
        ctx: &CallContext,
        reporter: &FindingReporter,
        findings: &[NewFinding],
    ) -> Result<pb::ImportFindingsResponse> {
        let (journal, now) = (&self.journal, self.now());
        retrying_once(|| async {
            dispatch!(journal.db(), writes => import_findings(journal, ctx, reporter, findings, now))
        })
        .await
    }

    pub async fn office_move(
        &self,
        ctx: &CallContext,
        command: &OfficeCommand,
    ) -> Result<MoveAnswer> {
        let campaign = self.campaign.as_ref();
        let (journal, now) = (&self.journal, self.now());
        retrying_once(|| async {
            dispatch!(journal.db(), writes => office_move(journal, ctx, campaign, command, now))
        })
        .await
    }

    pub async fn enterprise(&self, id: &str) -> Result<Option<EnterpriseRow>> {
        dispatch!(self.journal.db(), reads => enterprise(id))
    }

    pub async fn enterprises(
        &self,
        filter: &EnterpriseFilter,
        page: &Page,
    ) -> Result<Vec<EnterpriseRow>> {
        dispatch!(self.journal.db(), reads => enterprises(filter, page))
    }

    pub async fn findings(&self, enterprise_id: &str, page: &Page) -> Result<Vec<FindingRow>> {
        dispatch!(self.journal.db(), reads => findings(enterprise_id, page))
    }

    pub async fn plan(&self, enterprise_id: &str) -> Result<Option<PlanRow>> {
        dispatch!(self.journal.db(), reads => plan(enterprise_id))
    }

    pub async fn public_plans(
        &self,
        jurisdiction: &str,
        category: &str,
        page: &Page,
    ) -> Result<Vec<PublicPlanRow>> {
        dispatch!(self.journal.db(), reads => public_plans(jurisdiction, category, page))
    }
}
