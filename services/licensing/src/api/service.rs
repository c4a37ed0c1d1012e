//! The `LicensingService` handlers.

use rectify_kit::auth::territory;
use rectify_kit::caller::principal;
use rectify_kit::dispatch;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::parse::{Violations, resource_id};
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::licensing::v1 as pb;
use rectify_proto::licensing::v1::licensing_service_server::LicensingService;
use rectify_workitems::Bureau;
use tonic::{Request, Response, Status};

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
        request: Request<R>,
        method: &'static str,
        parse: fn(
            &R,
            ParseContext<'_>,
        ) -> Result<RevocationRecord, Vec<rectify_kit::FieldViolation>>,
    ) -> Result<Response<pb::RecordRevocationResponse>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let now = self.bureau.now();
        let record =
            parse(&body, self.bureau.evidence_rules(now)).map_err(Error::InvalidArgument)?;
        let ctx = CallContext::new(caller, method, &body)?;
        let answer = dispatch_write!(self.journal, store::sql => record_revocation(&ctx, &record, method, now))?;
        tracing::debug!(item = %record.work_item.as_str(), "revocation recorded");
        Ok(Response::new(answer))
    }

    /// The approval and jurisdiction filters of `request`, as `caller` may list them.
    fn list_filter(
        &self,
        caller: &rectify_kit::auth::Principal,
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

#[tonic::async_trait]
impl LicensingService for LicensingApi {
    #[tracing::instrument(skip_all, fields(enterprise = %request.get_ref().enterprise))]
    async fn set_approval(
        &self,
        request: Request<pb::SetApprovalRequest>,
    ) -> Result<Response<pb::SetApprovalResponse>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
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
        let answer = dispatch_write!(self.journal, store::sql => set_approval(&ctx, &enterprise, &update, open_item, now))?;
        tracing::debug!(
            approval = update.approval.code(),
            completed = answer.work_item.is_some(),
            "approval set"
        );
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_licence_revocation(
        &self,
        request: Request<pb::RecordLicenceRevocationRequest>,
    ) -> Result<Response<pb::RecordRevocationResponse>, Status> {
        self.revoke(
            request,
            "RecordLicenceRevocation",
            RevocationRecord::parse_licence,
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_water_permit_revocation(
        &self,
        request: Request<pb::RecordWaterPermitRevocationRequest>,
    ) -> Result<Response<pb::RecordRevocationResponse>, Status> {
        self.revoke(
            request,
            "RecordWaterPermitRevocation",
            RevocationRecord::parse_water_permit,
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn get_approvals(
        &self,
        request: Request<pb::GetApprovalsRequest>,
    ) -> Result<Response<pb::EnterpriseApprovals>, Status> {
        let caller = principal(&request)?;
        let id = resource_id(
            request.get_ref().name.trim(),
            "enterprises",
            "/approvals",
            "name",
        )?;
        let matrix =
            access::readable_matrix(&self.bureau.items, self.journal.db(), &caller, &id).await?;
        Ok(Response::new(matrix.to_proto()))
    }

    #[tracing::instrument(skip_all)]
    async fn list_enterprises_by_missing_approval(
        &self,
        request: Request<pb::ListEnterprisesByMissingApprovalRequest>,
    ) -> Result<Response<pb::ListEnterprisesByMissingApprovalResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let (approval, jurisdiction) = self.list_filter(&caller, r)?;
        let fingerprint = format!(
            "{}|{jurisdiction}",
            approval.map(|a| a.code()).unwrap_or_default()
        );
        let page = Page::parse(r.page_size, &r.page_token, &fingerprint)?;
        let ids =
            dispatch!(self.journal.db(), store::sql => lacking(approval, &jurisdiction, &page))?;
        let mut enterprises = Vec::with_capacity(ids.len());
        for id in &ids {
            let matrix = access::matrix(&self.bureau.items, self.journal.db(), id).await?;
            enterprises.push(matrix.to_proto());
        }
        let next_page_token = page.next_token(ids.len(), ids.last().map(String::as_str));
        Ok(Response::new(
            pb::ListEnterprisesByMissingApprovalResponse {
                enterprises,
                next_page_token,
            },
        ))
    }
}
