//! The `LicensingService` handlers.

use rectify_kit::auth::{Principal, territory};
use rectify_kit::dispatch;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::parse::{Violations, resource_id};
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::licensing::v1 as pb;
use rectify_proto::licensing::v1::licensing_service_server::LicensingService;
use rectify_workitems::Bureau;

use super::access;
use crate::domain::{Approval, ApprovalUpdate, ParseContext, RevocationRecord};
use crate::store::{self, Enterprise};

/// The handlers of `LicensingService`.
#[derive(Clone, Debug)]
pub struct LicensingApi {
    journal: Journal,
    bureau: Bureau,
}

impl LicensingApi {
    /// Serves the licensing tables and work items of `journal`'s database, checking requests
    /// against `campaign` and `clock`.
    pub fn new(journal: Journal, bureau: Bureau) -> Self {
        Self { journal, bureau }
    }

    /// A `Record*Revocation` call: parsed with `parse`, then recorded in one write envelope.
    async fn revoke<R: rectify_kit::context::Mutation>(
        &self,
        caller: Principal,
        body: R,
        method: &'static str,
        parse: fn(
            &R,
            ParseContext<'_>,
        ) -> Result<RevocationRecord, Vec<rectify_kit::FieldViolation>>,
    ) -> Result<pb::RecordRevocationResponse> {
        let now = self.bureau.now();
        let record =
            parse(&body, self.bureau.evidence_rules(now)).map_err(Error::InvalidArgument)?;
        let ctx = CallContext::new(caller, method, &body)?;
        let answer = dispatch_write!(self.journal, store::sql => record_revocation(&ctx, &record, method, now))?;
        tracing::debug!(item = %record.work_item.as_str(), "revocation recorded");
        Ok(answer)
    }

    /// The approval and jurisdiction filters of `request`, as `caller` may list them.
    fn list_filter(
        &self,
        caller: &Principal,
        request: &pb::ListEnterprisesByMissingApprovalRequest,
    ) -> Result<(Option<Approval>, String)> {
        let mut v = Violations::new();
        let kind = v.known_enum("kind", request.kind, pb::ApprovalKind::as_str_name);
        let jurisdiction =
            v.jurisdiction_filter("jurisdiction", &request.jurisdiction, &self.bureau.campaign);
        let (kind, jurisdiction) = v.finish(|| Some((kind?, jurisdiction?)))?;
        let scope = territory::list_scope(caller, &jurisdiction, access::APPROVALS)?;
        Ok((Approval::from_proto(kind), scope))
    }
}

rectify_kit::handlers! {
    impl LicensingService for LicensingApi;

    #[traced(enterprise)]
    fn set_approval(&self, caller, body: pb::SetApprovalRequest) -> pb::SetApprovalResponse {
        let now = self.bureau.now();
        let update = ApprovalUpdate::parse(&body, self.bureau.evidence_rules(now))
            .map_err(Error::InvalidArgument)?;
        access::may_set(&caller, update.approval)?;
        let matrix =
            access::matrix_for_write(&self.bureau.items, self.journal.db(), &update.enterprise_id)
                .await?;
        let enterprise = Enterprise {
            id: matrix.enterprise_id.clone(),
            display_name: matrix.enterprise_display_name.clone(),
            jurisdiction: matrix.jurisdiction.clone(),
        };
        let open_item = matrix.entry(update.approval).open_item();
        let ctx = CallContext::new(caller, "SetApproval", &body)?;
        let answer = dispatch_write!(
            self.journal,
            store::sql => set_approval(&ctx, &enterprise, &update, open_item, now)
        )?;
        tracing::debug!(
            approval = update.approval.code(),
            completed = answer.work_item.is_some(),
            "approval set"
        );
        Ok(answer)
    }

    #[traced(work_item)]
    fn record_licence_revocation(&self, caller, body: pb::RecordLicenceRevocationRequest)
        -> pb::RecordRevocationResponse
    {
        let parse = RevocationRecord::parse_licence;
        Ok(self.revoke(caller, body, "RecordLicenceRevocation", parse).await?)
    }

    #[traced(work_item)]
    fn record_water_permit_revocation(&self, caller, body: pb::RecordWaterPermitRevocationRequest)
        -> pb::RecordRevocationResponse
    {
        let parse = RevocationRecord::parse_water_permit;
        Ok(self.revoke(caller, body, "RecordWaterPermitRevocation", parse).await?)
    }

    #[traced(name)]
    fn get_approvals(&self, caller, body: pb::GetApprovalsRequest) -> pb::EnterpriseApprovals {
        let id = resource_id(body.name.trim(), "enterprises", "/approvals", "name")?;
        let matrix =
            access::readable_matrix(&self.bureau.items, self.journal.db(), &caller, &id).await?;
        Ok(matrix.to_proto())
    }

    #[traced()]
    fn list_enterprises_by_missing_approval(
        &self,
        caller,
        body: pb::ListEnterprisesByMissingApprovalRequest
    ) -> pb::ListEnterprisesByMissingApprovalResponse {
        let (approval, jurisdiction) = self.list_filter(&caller, &body)?;
        let fingerprint = format!(
            "{}|{jurisdiction}",
            approval.map(|a| a.code()).unwrap_or_default()
        );
        let page = Page::parse(body.page_size, &body.page_token, &fingerprint)?;
        let ids =
            dispatch!(self.journal.db(), store::sql => lacking(approval, &jurisdiction, &page))?;
        let mut enterprises = Vec::with_capacity(ids.len());
        for id in &ids {
            let matrix = access::matrix(&self.bureau.items, self.journal.db(), id).await?;
            enterprises.push(matrix.to_proto());
        }
        let next_page_token = page.next_token(ids.len(), ids.last().map(String::as_str));
        Ok(pb::ListEnterprisesByMissingApprovalResponse {
            enterprises,
            next_page_token,
        })
    }
}
