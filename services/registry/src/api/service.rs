//! `rectify.registry.v1.RegistryService`.

use rectify_kit::auth::PartyKind;
use rectify_kit::caller::principal;
use rectify_kit::page::Page;
use rectify_kit::scope::jurisdiction_or_own;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::common::v1 as common;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_server::RegistryService;
use tonic::{Request, Response, Status};

use super::office::{self, OfficeCall};
use super::{import, mask, parse, policy};
use crate::convert;
use crate::domain::suggest;
use crate::store::Store;
use crate::store::commands::{OfficeAction, OfficeCommand};

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
        let row = self.store.enterprise(id).await?.ok_or_else(|| {
            Error::not_found(("企业", "enterprise"), &convert::enterprise_name(id))
        })?;
        policy::may_read(caller, &row.jurisdiction)?;
        Ok(row)
    }
}

fn party_kind(kind: PartyKind) -> common::PartyKind {
    match kind {
        PartyKind::Bureau => common::PartyKind::Bureau,
        PartyKind::Jurisdiction => common::PartyKind::Jurisdiction,
        PartyKind::Office => common::PartyKind::Office,
        PartyKind::Service => common::PartyKind::Service,
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
                    category: convert::category_to_pb(e.category) as i32,
                    kind: e.kind.clone(),
                    title: e.title.clone(),
                    owner: e.owner.clone(),
                    cooperating: e.cooperating.clone(),
                    needs_verification: e.needs_verification,
                    verifier: e.verifier.clone().unwrap_or_default(),
                    service: e.service.as_str().to_owned(),
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
        let mut input = body.finding.clone().unwrap_or_default();
        input.jurisdiction = jurisdiction_or_own(&input.jurisdiction, &caller);
        let finding = parse::finding(input, self.store.campaign())?;
        policy::may_report(&caller, &finding.jurisdiction)?;
        let ctx = CallContext::new(caller.clone(), "ReportFinding", &body)?;
        let mut answer = self.store.report_finding(&ctx, &finding).await?;
        if !policy::sees_personal_data(&caller) {
            answer.enterprise.as_mut().map(mask::enterprise);
            answer.finding.as_mut().map(mask::finding);
        }
        tracing::debug!(merged = answer.merged, "finding reported");
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all, fields(request_id = %request.get_ref().request_id, rows = request.get_ref().findings.len()))]
    async fn import_findings(
        &self,
        request: Request<pb::ImportFindingsRequest>,
    ) -> Result<Response<pb::ImportFindingsResponse>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let batch = import::batch(&body, &caller, self.store.campaign())?;
        let ctx = CallContext::new(caller.clone(), "ImportFindings", &body)?;
        let mut answer = self
            .store
            .import_findings(&ctx, &batch.reporter, &batch.findings)
            .await?;
        if !policy::sees_personal_data(&caller) {
            answer.findings.iter_mut().for_each(mask::finding);
        }
        tracing::debug!(merged = answer.merged, "survey imported");
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
        let mut filter = parse::enterprise_filter(r, self.store.campaign())?;
        policy::may_filter_reporter(&caller, &filter.reported_by)?;
        filter.jurisdiction = policy::list_scope(&caller, &filter.jurisdiction)?;
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
        office::enterprise(
            &self.store,
            OfficeCall {
                request: &request,
                method: "ConfirmEnterprise",
                may: policy::may_manage,
                what: ("确认企业", "confirm enterprises"),
                action: |_| Ok(OfficeAction::Confirm),
            },
        )
        .await
    }

    async fn reject_enterprise(
        &self,
        request: Request<pb::RejectEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        office::enterprise(
            &self.store,
            OfficeCall {
                request: &request,
                method: "RejectEnterprise",
                may: policy::may_manage,
                what: ("退回企业", "reject enterprises"),
                action: |r| {
                    Ok(OfficeAction::Reject {
                        reason: parse::required_reason(&r.reason, "reason")?,
                    })
                },
            },
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
        let suggestion = suggest(&row.criteria);
        Ok(Response::new(pb::ClassificationSuggestion {
            category: convert::category_to_pb(suggestion.category) as i32,
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
        office::enterprise(
            &self.store,
            OfficeCall {
                request: &request,
                method: "ClassifyEnterprise",
                may: policy::may_manage,
                what: ("分类", "classify enterprises"),
                action: |r| {
                    Ok(OfficeAction::Classify {
                        category: parse::target_category(r.category)?,
                        reason: parse::optional_text(&r.reason, "reason")?,
                    })
                },
            },
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
            .ok_or_else(|| Error::not_found(("整治方案", "plan"), &convert::plan_name(&id)))?;
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
        let caller = principal(&request)?;
        policy::may_manage(&caller, "修改整治方案", "edit plans")?;
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
        let ctx = CallContext::new(caller.clone(), "UpdatePlan", r)?;
        let answer = self.store.office_move(&ctx, &command).await?;
        office::masked_plan(&caller, answer)
    }

    async fn publish_plan(
        &self,
        request: Request<pb::PublishPlanRequest>,
    ) -> Result<Response<pb::Plan>, Status> {
        office::plan(
            &self.store,
            OfficeCall {
                request: &request,
                method: "PublishPlan",
                may: policy::may_manage,
                what: ("公布整治方案", "publish plans"),
                action: |_| Ok(OfficeAction::Publish),
            },
        )
        .await
    }

    async fn sign_off_enterprise(
        &self,
        request: Request<pb::SignOffEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        office::enterprise(
            &self.store,
            OfficeCall {
                request: &request,
                method: "SignOffEnterprise",
                may: policy::may_sign_off,
                what: ("销号", "sign enterprises off"),
                action: |r| {
                    Ok(OfficeAction::SignOff {
                        note: parse::optional_text(&r.note, "note")?,
                    })
                },
            },
        )
        .await
    }

    async fn reopen_enterprise(
        &self,
        request: Request<pb::ReopenEnterpriseRequest>,
    ) -> Result<Response<pb::Enterprise>, Status> {
        office::enterprise(
            &self.store,
            OfficeCall {
                request: &request,
                method: "ReopenEnterprise",
                may: policy::may_reopen,
                what: ("重新整治", "reopen enterprises"),
                action: |r| {
                    Ok(OfficeAction::Reopen {
                        reason: parse::required_reason(&r.reason, "reason")?,
                    })
                },
            },
        )
        .await
    }

    async fn list_public_plans(
        &self,
        request: Request<pb::ListPublicPlansRequest>,
    ) -> Result<Response<pb::ListPublicPlansResponse>, Status> {
        let r = request.get_ref();
        let (jurisdiction, category) = parse::public_plan_filter(r, self.store.campaign())?;
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
