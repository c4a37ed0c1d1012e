//! `rectify.registry.v1.RegistryService`.

use rectify_kit::caller::principal;
use rectify_kit::page::Page;
use rectify_kit::telemetry::current_trace_id;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::common::v1 as common;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_server::RegistryService;
use tonic::{Request, Response, Status};

use super::{mask, parse, policy};
use crate::convert;
use crate::domain::{Category, PartyKind, suggest};
use crate::store::Store;
use crate::store::commands::{EnterpriseFilter, MoveAnswer, OfficeAction, OfficeCommand};

/// The registry's handlers.
#[derive(Clone, Debug)]
pub struct RegistryApi {
    store: Store,
}

impl RegistryApi {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    async fn readable_enterprise(
        &self,
        caller: &rectify_kit::auth::Principal,
        id: &str,
    ) -> Result<crate::store::rows::EnterpriseRow> {
        let row = self
            .store
            .enterprise(id)
            .await?
            .ok_or_else(|| Error::not_found("企业", &convert::enterprise_name(id)))?;
        policy::may_read(caller, &row.jurisdiction)?;
        Ok(row)
    }

    /// Authorises and runs an office move.
    async fn office<T>(
        &self,
        request: &Request<T>,
        method: &'static str,
        request_id: &str,
        command: OfficeCommand,
        (what, what_en): (&str, &str),
    ) -> Result<MoveAnswer> {
        let caller = principal(request)?;
        policy::may_manage(&caller, what, what_en)?;
        let ctx = CallContext::new(caller, method, request_id, current_trace_id())?;
        self.store.office_move(&ctx, &command).await
    }

    async fn enterprise_move<T>(
        &self,
        request: &Request<T>,
        method: &'static str,
        request_id: &str,
        command: OfficeCommand,
        what: (&str, &str),
    ) -> Result<Response<pb::Enterprise>, Status> {
        let caller = principal(request)?;
        match self
            .office(request, method, request_id, command, what)
            .await?
        {
            MoveAnswer::Enterprise(mut e) => {
                if !policy::sees_personal_data(&caller) {
                    mask::enterprise(&mut e);
                }
                Ok(Response::new(e))
            }
            MoveAnswer::Plan(_) => Err(Status::internal("unexpected answer")),
        }
    }

    async fn plan_move<T>(
        &self,
        request: &Request<T>,
        method: &'static str,
        request_id: &str,
        command: OfficeCommand,
        what: (&str, &str),
    ) -> Result<Response<pb::Plan>, Status> {
        let caller = principal(request)?;
        match self
            .office(request, method, request_id, command, what)
            .await?
        {
            MoveAnswer::Plan(mut p) => {
                if !policy::sees_personal_data(&caller) {
                    mask::plan(&mut p);
                }
                Ok(Response::new(p))
            }
            MoveAnswer::Enterprise(_) => Err(Status::internal("unexpected answer")),
        }
    }
}

fn party_kind(kind: PartyKind) -> common::PartyKind {
    match kind {
        PartyKind::Bureau => common::PartyKind::Bureau,
        PartyKind::Jurisdiction => common::PartyKind::Jurisdiction,
        PartyKind::Office => common::PartyKind::Office,
        PartyKind::Supervision => common::PartyKind::Supervision,
    }
}

#[tonic::async_trait]
impl RegistryService for RegistryApi {
    async fn get_campaign(
        &self,
        request: Request<pb::GetCampaignRequest>,
    ) -> Result<Response<pb::Campaign>, Status> {
        principal(&request)?;
        let c = self.store.campaign();
        let m = c.milestones();
        Ok(Response::new(pb::Campaign {
            code: c.code().into(),
            title: c.title().into(),
            document_number: c.document_number().into(),
            division_code: c.division_code().into(),
            milestones: Some(pb::Milestones {
                survey_due: m.survey_due.to_string(),
                list_published: m.list_published.to_string(),
                rectification_start: m.rectification_start.to_string(),
                complete_by: m.complete_by.to_string(),
            }),
            rebound_patrol_interval_days: c.rebound_patrol_interval_days() as i32,
            parties: c
                .parties()
                .iter()
                .map(|p| common::Party {
                    code: p.code.clone(),
                    name: p.name.clone(),
                    kind: party_kind(p.kind) as i32,
                })
                .collect(),
            catalog: c
                .catalog()
                .iter()
                .map(|e| pb::CatalogMeasure {
                    category: convert::category_to_pb(e.category.code()) as i32,
                    kind: e.kind.clone(),
                    title: e.title.clone(),
                    owner: e.owner.clone(),
                    cooperating: e.cooperating.clone(),
                    needs_verification: e.needs_verification,
                    verifier: e.verifier.clone().unwrap_or_default(),
                })
                .collect(),
        }))
    }

    #[tracing::instrument(skip_all, fields(request_id = %request.get_ref().request_id))]
    async fn report_finding(
        &self,
        request: Request<pb::ReportFindingRequest>,
    ) -> Result<Response<pb::ReportFindingResponse>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let finding = parse::finding(body.finding.unwrap_or_default(), self.store.campaign())?;
        policy::may_report(&caller, &finding.jurisdiction)?;
        let ctx = CallContext::new(
            caller.clone(),
            "ReportFinding",
            &body.request_id,
            current_trace_id(),
        )?;
        let mut answer = self.store.report_finding(&ctx, &finding).await?;
        if !policy::sees_personal_data(&caller) {
            answer.enterprise.as_mut().map(mask::enterprise);
            answer.finding.as_mut().map(mask::finding);
        }
        tracing::info!(merged = answer.merged, "finding reported");
        Ok(Response::new(answer))
    }

    async fn get_enterprise(
        &self,
        request: Request<pb::GetEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        let caller = principal(&request)?;
        let id = parse::enterprise_id(&request.get_ref().name, "name")?;
        let mut e = convert::enterprise(&self.readable_enterprise(&caller, &id).await?);
        if !policy::sees_personal_data(&caller) {
            mask::enterprise(&mut e);
        }
        Ok(Response::new(e))
    }

    async fn list_enterprises(
        &self,
        request: Request<pb::ListEnterprisesRequest>,
    ) -> Result<Response<pb::ListEnterprisesResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let filter = EnterpriseFilter {
            jurisdiction: policy::list_scope(&caller, r.jurisdiction.trim())?,
            category: match r.category() {
                pb::Category::Unspecified => String::new(),
                c => convert::category_from_pb(c)
                    .map(|c| c.code().to_owned())
                    .unwrap_or_default(),
            },
            state: convert::state_from_pb(r.state())
                .map(|s| s.code().to_owned())
                .unwrap_or_default(),
            query: parse::optional_text(&r.query, "query")?,
        };
        let page = Page::parse(r.page_size, &r.page_token, &filter.fingerprint())?;
        let rows = self.store.enterprises(&filter, &page).await?;
        let next_page_token = page.next_token(rows.len(), rows.last().map(|r| r.id.as_str()));
        let pii = policy::sees_personal_data(&caller);
        let enterprises = rows
            .iter()
            .map(|row| {
                let mut e = convert::enterprise(row);
                if !pii {
                    mask::enterprise(&mut e);
                }
                e
            })
            .collect();
        Ok(Response::new(pb::ListEnterprisesResponse {
            enterprises,
            next_page_token,
        }))
    }

    async fn list_findings(
        &self,
        request: Request<pb::ListFindingsRequest>,
    ) -> Result<Response<pb::ListFindingsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let id = parse::enterprise_id(&r.parent, "parent")?;
        self.readable_enterprise(&caller, &id).await?;
        let page = Page::parse(r.page_size, &r.page_token, &id)?;
        let rows = self.store.findings(&id, &page).await?;
        let next_page_token = page.next_token(rows.len(), rows.last().map(|r| r.id.as_str()));
        let pii = policy::sees_personal_data(&caller);
        let findings = rows
            .iter()
            .map(|row| {
                let mut f = convert::finding(row);
                if !pii {
                    mask::finding(&mut f);
                }
                f
            })
            .collect();
        Ok(Response::new(pb::ListFindingsResponse {
            findings,
            next_page_token,
        }))
    }

    async fn confirm_enterprise(
        &self,
        request: Request<pb::ConfirmEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        let r = request.get_ref();
        let command = OfficeCommand {
            enterprise_id: parse::enterprise_id(&r.name, "name")?,
            etag: parse::etag(&r.etag),
            action: OfficeAction::Confirm,
        };
        let request_id = r.request_id.clone();
        self.enterprise_move(
            &request,
            "ConfirmEnterprise",
            &request_id,
            command,
            ("确认企业", "confirm enterprises"),
        )
        .await
    }

    async fn reject_enterprise(
        &self,
        request: Request<pb::RejectEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        let r = request.get_ref();
        let command = OfficeCommand {
            enterprise_id: parse::enterprise_id(&r.name, "name")?,
            etag: parse::etag(&r.etag),
            action: OfficeAction::Reject {
                reason: parse::required_reason(&r.reason, "reason")?,
            },
        };
        let request_id = r.request_id.clone();
        self.enterprise_move(
            &request,
            "RejectEnterprise",
            &request_id,
            command,
            ("退回企业", "reject enterprises"),
        )
        .await
    }

    async fn suggest_classification(
        &self,
        request: Request<pb::SuggestClassificationRequest>,
    ) -> Result<Response<pb::ClassificationSuggestion>, Status> {
        let caller = principal(&request)?;
        let id = parse::enterprise_id(&request.get_ref().name, "name")?;
        let row = self.readable_enterprise(&caller, &id).await?;
        let suggestion = suggest(&convert::stored_criteria(&row.criteria));
        Ok(Response::new(pb::ClassificationSuggestion {
            category: convert::category_to_pb(suggestion.category.code()) as i32,
            clauses: suggestion
                .clauses
                .iter()
                .map(|c| pb::Clause {
                    code: c.code.into(),
                    text: c.text.into(),
                })
                .collect(),
        }))
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn classify_enterprise(
        &self,
        request: Request<pb::ClassifyEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        let r = request.get_ref();
        let category = match convert::category_from_pb(r.category()) {
            Some(c @ (Category::Upgrade | Category::Relocate | Category::Close)) => c,
            _ => {
                return Err(Error::invalid(
                    "category",
                    "分类须为升级改造、集聚搬迁或关停取缔；不属于散乱污的请用退回 (category must be upgrade, relocate or close; use RejectEnterprise for not 散乱污)",
                )
                .into());
            }
        };
        let command = OfficeCommand {
            enterprise_id: parse::enterprise_id(&r.name, "name")?,
            etag: parse::etag(&r.etag),
            action: OfficeAction::Classify {
                category,
                reason: parse::optional_text(&r.reason, "reason")?,
            },
        };
        let request_id = r.request_id.clone();
        self.enterprise_move(
            &request,
            "ClassifyEnterprise",
            &request_id,
            command,
            ("分类", "classify enterprises"),
        )
        .await
    }

    async fn get_plan(
        &self,
        request: Request<pb::GetPlanRequest>,
    ) -> Result<Response<pb::Plan>, Status> {
        let caller = principal(&request)?;
        let id = parse::plan_enterprise_id(&request.get_ref().name, "name")?;
        self.readable_enterprise(&caller, &id).await?;
        let row = self
            .store
            .plan(&id)
            .await?
            .ok_or_else(|| Error::not_found("整治方案", &convert::plan_name(&id)))?;
        let mut plan = convert::plan(&row);
        if !policy::sees_personal_data(&caller) {
            mask::plan(&mut plan);
        }
        Ok(Response::new(plan))
    }

    async fn update_plan(
        &self,
        request: Request<pb::UpdatePlanRequest>,
    ) -> Result<Response<pb::Plan>, Status> {
        let r = request.get_ref();
        let plan = r.plan.clone().unwrap_or_default();
        let mask_paths = r
            .update_mask
            .as_ref()
            .map(|m| m.paths.clone())
            .unwrap_or_default();
        let command = OfficeCommand {
            enterprise_id: parse::plan_enterprise_id(&plan.name, "plan.name")?,
            etag: parse::etag(&plan.etag),
            action: OfficeAction::UpdatePlan(parse::plan_edit(
                &plan,
                &mask_paths,
                self.store.campaign(),
            )?),
        };
        let request_id = r.request_id.clone();
        self.plan_move(
            &request,
            "UpdatePlan",
            &request_id,
            command,
            ("修改整治方案", "edit plans"),
        )
        .await
    }

    async fn publish_plan(
        &self,
        request: Request<pb::PublishPlanRequest>,
    ) -> Result<Response<pb::Plan>, Status> {
        let r = request.get_ref();
        let command = OfficeCommand {
            enterprise_id: parse::plan_enterprise_id(&r.name, "name")?,
            etag: parse::etag(&r.etag),
            action: OfficeAction::Publish,
        };
        let request_id = r.request_id.clone();
        self.plan_move(
            &request,
            "PublishPlan",
            &request_id,
            command,
            ("公布整治方案", "publish plans"),
        )
        .await
    }

    async fn sign_off_enterprise(
        &self,
        request: Request<pb::SignOffEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        let r = request.get_ref();
        let command = OfficeCommand {
            enterprise_id: parse::enterprise_id(&r.name, "name")?,
            etag: parse::etag(&r.etag),
            action: OfficeAction::SignOff {
                note: parse::optional_text(&r.note, "note")?,
            },
        };
        let request_id = r.request_id.clone();
        self.enterprise_move(
            &request,
            "SignOffEnterprise",
            &request_id,
            command,
            ("销号", "sign enterprises off"),
        )
        .await
    }

    async fn reopen_enterprise(
        &self,
        request: Request<pb::ReopenEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        let r = request.get_ref();
        let command = OfficeCommand {
            enterprise_id: parse::enterprise_id(&r.name, "name")?,
            etag: parse::etag(&r.etag),
            action: OfficeAction::Reopen {
                reason: parse::required_reason(&r.reason, "reason")?,
            },
        };
        let request_id = r.request_id.clone();
        self.enterprise_move(
            &request,
            "ReopenEnterprise",
            &request_id,
            command,
            ("重新整治", "reopen enterprises"),
        )
        .await
    }

    async fn list_public_plans(
        &self,
        request: Request<pb::ListPublicPlansRequest>,
    ) -> Result<Response<pb::ListPublicPlansResponse>, Status> {
        let r = request.get_ref();
        let category = convert::category_from_pb(r.category())
            .map(|c| c.code().to_owned())
            .unwrap_or_default();
        let jurisdiction = r.jurisdiction.trim().to_owned();
        let page = Page::parse(
            r.page_size,
            &r.page_token,
            &format!("{jurisdiction}|{category}"),
        )?;
        let rows = self
            .store
            .public_plans(&jurisdiction, &category, &page)
            .await?;
        let next_page_token =
            page.next_token(rows.len(), rows.last().map(|r| r.enterprise_id.as_str()));
        Ok(Response::new(pb::ListPublicPlansResponse {
            plans: rows.iter().map(convert::public_plan).collect(),
            next_page_token,
        }))
    }
}
