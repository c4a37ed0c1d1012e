//! The `EnvironmentService` handlers.

use rectify_kit::auth::territory;
use rectify_kit::clock::date_cst;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error};
use rectify_proto::environment::v1 as pb;
use rectify_proto::environment::v1::environment_service_server::EnvironmentService;
use rectify_workitems::Bureau;

use super::{access, due};
use crate::domain::{MONITORED_KINDS, Monitoring, OutletCheck, PatrolReport, PollutionControl};
use crate::store::{self, PatrolHistory};
use rectify_kit::peer::Peer;

/// What territory refusals of the due list name.
const DUE_PATROLS: (&str, &str) = ("待巡查企业", "due patrols");

/// The handlers of `EnvironmentService`.
#[derive(Clone, Debug)]
pub struct EnvironmentApi {
    journal: Journal,
    bureau: Bureau,
    registry: Peer,
}

impl EnvironmentApi {
    /// Serves the tables and work items of `journal`'s database, checking requests against
    /// `campaign` and `clock`; rebounds are reopened in `registry`.
    pub fn new(journal: Journal, bureau: Bureau, registry: Peer) -> Self {
        Self {
            journal,
            bureau,
            registry,
        }
    }
}

rectify_kit::handlers! {
    impl EnvironmentService for EnvironmentApi;

    #[traced(work_item)]
    fn record_pollution_control(&self, caller, body: pb::RecordPollutionControlRequest)
        -> pb::RecordPollutionControlResponse
    {
        access::may_record(&caller, "RecordPollutionControl")?;
        let now = self.bureau.now();
        let pc = PollutionControl::parse(&body, self.bureau.evidence_rules(now))
            .map_err(Error::InvalidArgument)?;
        let ctx = CallContext::new(caller, "RecordPollutionControl", &body)?;
        let answer =
            dispatch_write!(self.journal, store::sql => record_pollution_control(&ctx, &pc, now))?;
        tracing::debug!(completed = answer.completed, "pollution control recorded");
        Ok(answer)
    }

    #[traced(work_item)]
    fn record_discharge_monitoring(&self, caller, body: pb::RecordDischargeMonitoringRequest)
        -> pb::DischargeMonitoring
    {
        access::may_record(&caller, "RecordDischargeMonitoring")?;
        let now = self.bureau.now();
        let m = Monitoring::parse(&body, self.bureau.evidence_rules(now))
            .map_err(Error::InvalidArgument)?;
        let item = self.bureau.items.existing(m.work_item.id()).await?;
        item.check_kind(MONITORED_KINDS, "RecordDischargeMonitoring")?;
        let ctx = CallContext::new(caller, "RecordDischargeMonitoring", &body)?;
        let answer =
            dispatch_write!(self.journal, store::sql => record_monitoring(&ctx, &item, &m, now))?;
        tracing::debug!(compliant = answer.compliant, "discharge monitoring recorded");
        Ok(answer)
    }

    #[traced(work_item)]
    fn record_sewage_outlet_check(&self, caller, body: pb::RecordSewageOutletCheckRequest)
        -> pb::SewageOutletCheck
    {
        access::may_record(&caller, "RecordSewageOutletCheck")?;
        let now = self.bureau.now();
        let check = OutletCheck::parse(&body, self.bureau.evidence_rules(now))
            .map_err(Error::InvalidArgument)?;
        let item = self.bureau.items.existing(check.work_item.id()).await?;
        item.check_kind(MONITORED_KINDS, "RecordSewageOutletCheck")?;
        let ctx = CallContext::new(caller, "RecordSewageOutletCheck", &body)?;
        let answer = dispatch_write!(
            self.journal,
            store::sql => record_outlet_check(&ctx, &item, &check, now)
        )?;
        Ok(answer)
    }

    #[traced(work_item)]
    fn record_rebound_patrol(&self, caller, body: pb::RecordReboundPatrolRequest)
        -> pb::RecordReboundPatrolResponse
    {
        let now = self.bureau.now();
        let report = PatrolReport::parse(&body, self.bureau.evidence_rules(now))
            .map_err(Error::InvalidArgument)?;
        let item = self.bureau.items.existing(report.work_item.id()).await?;
        access::may_patrol(&caller, &item)?;
        let ctx = CallContext::new(caller, "RecordReboundPatrol", &body)?;
        let mut answer = dispatch_write!(
            self.journal,
            store::sql => record_patrol(&ctx, &report, access::patrol_completes, now)
        )?;
        // After the commit, also on a replayed answer: the registry's request_id makes the
        // reopening happen once however often the patrol's request is retried.
        super::reopen::reopen(&self.registry, &mut answer).await;
        Ok(answer)
    }

    fn list_due_patrols(&self, caller, body: pb::ListDuePatrolsRequest)
        -> pb::ListDuePatrolsResponse
    {
        let jurisdiction = body.jurisdiction.trim();
        if !jurisdiction.is_empty() && !self.bureau.campaign.is_jurisdiction(jurisdiction) {
            return Err(Error::invalid(
                "jurisdiction",
                format!("未知的属地 {jurisdiction} (unknown jurisdiction {jurisdiction})"),
            )
            .into());
        }
        let jurisdiction = territory::list_scope(&caller, jurisdiction, DUE_PATROLS)?;
        let page = Page::parse(body.page_size, &body.page_token, &jurisdiction)?;
        let items = due::patrol_items(&self.bureau.items, &jurisdiction).await?;
        let history = PatrolHistory::read(self.journal.db()).await?;
        let today = date_cst(self.bureau.now());
        let interval = self.bureau.campaign.rebound_patrol_interval_days();
        let size = usize::try_from(page.size).unwrap_or(usize::MAX);
        let listed: Vec<_> = due::due(&items, &history, interval, today)
            .into_iter()
            .filter(|(id, _)| page.after.is_empty() || id.as_str() > page.after.as_str())
            .take(size)
            .collect();
        let next_page_token =
            page.next_token(listed.len(), listed.last().map(|(id, _)| id.as_str()));
        Ok(pb::ListDuePatrolsResponse {
            due_patrols: listed.into_iter().map(|(_, due)| due).collect(),
            next_page_token,
        })
    }
}
