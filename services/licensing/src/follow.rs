//! Following the registry's feed for what its findings reported of each approval: a
//! `rectify.registry.v1.FindingReported` whose criteria say an approval is held or not is
//! stored (`reported_approvals`) in the transaction that moves this follower's cursor, so the
//! approvals matrix starts from the survey before any bureau records its part. Other events are
//! passed over (the work items' own follower turns plans into items).

use prost::Name as _;
use rectify_campaign::ApprovalKind;
use rectify_kit::follower::follow_when_ready;
use rectify_kit::host::Host;
use rectify_kit::parse::resource_id;
use rectify_kit::service::ServiceArgs;
use rectify_kit::{Error, Result};
use rectify_proto::feed::v1::Change;
use rectify_proto::registry::v1::{Approvals, FindingReported};

use crate::domain::Approval;
use crate::store::{Enterprise, pg_sql, sqlite_sql};

/// The name this follower's cursor on the registry's feed is stored under (the work items'
/// follower keeps its own, `registry`).
pub const REGISTRY_FINDINGS: &str = "registry.findings";

/// The effect of the registry's changes: reported approvals.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReportedApprovals;

/// Each approval a finding assessed, and whether it is held.
pub type Assessed = Vec<(Approval, bool)>;

/// The approvals the findings assessed, held or not; unassessed ones are left out.
pub fn assessed(approvals: &Approvals) -> Assessed {
    use ApprovalKind as K;
    [
        (K::MiitFiling, approvals.miit_filing),
        (K::NdrcProject, approvals.ndrc_project),
        (K::LandUse, approvals.land_use),
        (K::Environmental, approvals.environmental),
        (K::BusinessLicence, approvals.business_licence),
        (K::Safety, approvals.safety),
        (K::WaterIntake, approvals.water_intake),
    ]
    .into_iter()
    .filter_map(|(kind, held)| held.map(|held| (Approval(kind), held)))
    .collect()
}

/// The enterprise and its assessed approvals, for a finding that assessed any; `None` for any
/// other change.
fn report(change: &Change) -> Result<Option<(Enterprise, Assessed)>> {
    let Some(any) = change.event.as_ref() else {
        return Ok(None);
    };
    if any.type_url != FindingReported::type_url() {
        return Ok(None);
    }
    let seq = change.seq.to_string();
    let event: FindingReported = any
        .to_msg()
        .map_err(|e| Error::corrupt("FindingReported", &seq, e))?;
    let enterprise = event
        .enterprise
        .ok_or_else(|| Error::corrupt("FindingReported", &seq, "no enterprise"))?;
    let approvals = enterprise
        .criteria
        .as_ref()
        .and_then(|c| c.approvals.as_ref())
        .map(assessed)
        .unwrap_or_default();
    if approvals.is_empty() {
        return Ok(None);
    }
    let enterprise = Enterprise {
        id: resource_id(&enterprise.name, "enterprises", "", "enterprise")?,
        display_name: enterprise.display_name,
        jurisdiction: enterprise.jurisdiction,
    };
    Ok(Some((enterprise, approvals)))
}

rectify_kit::apply_change!(ReportedApprovals, (pg_sql, sqlite_sql) => |_this, tx, change, sql| {
    match report(change)? {
        Some((enterprise, approvals)) => {
            sql::record_reported(tx, &enterprise, &approvals, change.seq).await
        }
        None => Ok(()),
    }
});

/// Follows the registry's feed for reported approvals into `host`'s database, beside the work
/// items' follower, with the same registry endpoint and service token.
pub fn follow_findings(host: &Host, args: &ServiceArgs) -> anyhow::Result<()> {
    let (url, outbound) = args.registry_feed()?;
    follow_when_ready(host, REGISTRY_FINDINGS, &url, &outbound, ReportedApprovals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_assessed_approvals_are_reported() {
        let approvals = Approvals {
            business_licence: Some(true),
            environmental: Some(false),
            ..Approvals::default()
        };
        assert_eq!(
            assessed(&approvals),
            [
                (Approval(ApprovalKind::Environmental), false),
                (Approval(ApprovalKind::BusinessLicence), true),
            ]
        );
        assert!(assessed(&Approvals::default()).is_empty());
    }
}
