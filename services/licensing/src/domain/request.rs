//! `SetApprovalRequest` and the revocation requests parsed into domain values: every bad field
//! reported at once, dates not in the future of the one clock, evidence checked by the
//! work-item machinery's rules.

use chrono::NaiveDate;
use rectify_kit::parse::{MAX_REASON, Violations, resource_id};
use rectify_kit::{Error, FieldViolation, text};
use rectify_proto::licensing::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::domain::{Evidence, EvidenceRules, WorkItemName};

use super::approval::{Approval, Grant, Revoked, Standing};

/// Longest permit or decision number.
pub const MAX_NUMBER: usize = 64;
/// Longest issuer.
pub const MAX_ISSUER: usize = 100;

/// What a request is parsed against: the clock's instant and the campaign's county, as the
/// work items' evidence is.
pub type ParseContext<'a> = EvidenceRules<'a>;

/// A parsed `SetApprovalRequest`.
#[derive(Clone, Debug, PartialEq)]
pub struct ApprovalUpdate {
    /// The registry's id of the enterprise.
    pub enterprise_id: String,
    pub approval: Approval,
    /// The approval's etag as the caller read it; empty for any version.
    pub etag: String,
    pub standing: Standing,
    /// Required for a grant.
    pub evidence: Option<Evidence>,
}

impl ApprovalUpdate {
    pub fn parse(
        request: &pb::SetApprovalRequest,
        ctx: ParseContext<'_>,
    ) -> Result<ApprovalUpdate, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let enterprise_id =
            match resource_id(request.enterprise.trim(), "enterprises", "", "enterprise") {
                Ok(id) => Some(id),
                Err(Error::InvalidArgument(violations)) => {
                    v.extend(violations);
                    None
                }
                Err(other) => {
                    v.add("enterprise", other.to_string());
                    None
                }
            };
        let approval = v
            .required_enum("kind", request.kind, pb::ApprovalKind::as_str_name)
            .and_then(Approval::from_proto);
        let standing = standing(&mut v, request, &ctx);
        let granting = matches!(standing, Some(Standing::Granted(_)))
            || request.status == pb::ApprovalStatus::Granted as i32;
        let evidence = if granting {
            v.nested(Evidence::parse_required(
                request.evidence.as_ref(),
                "evidence",
                ctx,
            ))
            .map(Some)
        } else {
            v.nested(Evidence::parse_optional(
                request.evidence.as_ref(),
                "evidence",
                ctx,
            ))
        };
        let parsed = (|| {
            Some(ApprovalUpdate {
                enterprise_id: enterprise_id?,
                approval: approval?,
                etag: request.etag.trim().to_owned(),
                standing: standing?,
                evidence: evidence?,
            })
        })();
        v.collect(parsed)
    }
}

/// The standing `request` records, its fields checked for its status.
fn standing(
    v: &mut Violations,
    request: &pb::SetApprovalRequest,
    ctx: &ParseContext<'_>,
) -> Option<Standing> {
    use pb::ApprovalStatus as S;
    let status = v.required_enum("status", request.status, pb::ApprovalStatus::as_str_name)?;
    match status {
        S::Unspecified => None,
        S::Unknown => {
            v.add(
                "status",
                text!(
                    "不能设为 UNKNOWN：只能记录已知的状态",
                    "UNKNOWN cannot be set: record what is known"
                ),
            );
            None
        }
        S::ReportedHeld => {
            v.add(
                "status",
                text!(
                    "不能设为 REPORTED_HELD：该状态来自排查上报，审批部门应记录 GRANTED 及许可证号",
                    "REPORTED_HELD cannot be set: it comes from the findings; the bureau records GRANTED with the permit number"
                ),
            );
            None
        }
        S::Missing => Some(Standing::Missing),
        S::Applied => Some(Standing::Applied),
        S::Granted => {
            let permit_number =
                v.required_text("permit_number", &request.permit_number, MAX_NUMBER);
            let issuer = v.required_text("issuer", &request.issuer, MAX_ISSUER);
            let granted_on = ctx.past_date(v, "granted_on", &request.granted_on);
            (!permit_number.is_empty() && !issuer.is_empty()).then_some(())?;
            Some(Standing::Granted(Grant {
                permit_number,
                issuer,
                granted_on: granted_on?,
            }))
        }
        S::Refused => {
            let reason = v.required_text("reason", &request.reason, MAX_REASON);
            (!reason.is_empty()).then_some(Standing::Refused { reason })
        }
        S::Revoked => {
            let reason = v.required_text("reason", &request.reason, MAX_REASON);
            let revoked_on = ctx.past_date(v, "revoked_on", &request.revoked_on);
            (!reason.is_empty()).then_some(())?;
            Some(Standing::Revoked(Revoked {
                reason,
                revoked_on: revoked_on?,
            }))
        }
    }
}

/// What a revocation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The market bureau revoked the business licence.
    LicenceRevoked,
    /// The market bureau changed the registration.
    RegistrationChanged,
    /// The water bureau revoked the water intake permit.
    WaterPermitRevoked,
}

rectify_campaign::text_column!(Outcome, |o| o.code(), Outcome::from_code);

impl Outcome {
    const ALL: [Outcome; 3] = [
        Outcome::LicenceRevoked,
        Outcome::RegistrationChanged,
        Outcome::WaterPermitRevoked,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Outcome::LicenceRevoked => "licence_revoked",
            Outcome::RegistrationChanged => "registration_changed",
            Outcome::WaterPermitRevoked => "water_permit_revoked",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The work-item kind the revocation completes.
    pub fn item_kind(self) -> &'static str {
        match self {
            Outcome::LicenceRevoked | Outcome::RegistrationChanged => "licence_revocation",
            Outcome::WaterPermitRevoked => "water_permit_revocation",
        }
    }

    /// The approval it revokes, if any (a changed registration revokes none).
    pub fn revokes(self) -> Option<Approval> {
        use rectify_campaign::ApprovalKind as K;
        match self {
            Outcome::LicenceRevoked => Some(Approval(K::BusinessLicence)),
            Outcome::RegistrationChanged => None,
            Outcome::WaterPermitRevoked => Some(Approval(K::WaterIntake)),
        }
    }
}

/// A parsed `RecordLicenceRevocationRequest` or `RecordWaterPermitRevocationRequest`.
#[derive(Clone, Debug, PartialEq)]
pub struct RevocationRecord {
    pub work_item: WorkItemName,
    pub etag: String,
    pub outcome: Outcome,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub evidence: Evidence,
}

/// The fields both revocation requests share.
struct RevocationFields<'r> {
    work_item: &'r str,
    etag: &'r str,
    decision_number: &'r str,
    decided_on: &'r str,
    evidence: Option<&'r wpb::Evidence>,
}

impl RevocationRecord {
    pub fn parse_licence(
        request: &pb::RecordLicenceRevocationRequest,
        ctx: ParseContext<'_>,
    ) -> Result<RevocationRecord, Vec<FieldViolation>> {
        use pb::LicenceOutcome as O;
        let mut v = Violations::new();
        let outcome = v
            .required_enum("outcome", request.outcome, pb::LicenceOutcome::as_str_name)
            .and_then(|outcome| match outcome {
                O::Unspecified => None,
                O::Revoked => Some(Outcome::LicenceRevoked),
                O::RegistrationChanged => Some(Outcome::RegistrationChanged),
            });
        let fields = RevocationFields {
            work_item: &request.work_item,
            etag: &request.etag,
            decision_number: &request.decision_number,
            decided_on: &request.decided_on,
            evidence: request.evidence.as_ref(),
        };
        parse_revocation(v, outcome, fields, ctx)
    }

    pub fn parse_water_permit(
        request: &pb::RecordWaterPermitRevocationRequest,
        ctx: ParseContext<'_>,
    ) -> Result<RevocationRecord, Vec<FieldViolation>> {
        let fields = RevocationFields {
            work_item: &request.work_item,
            etag: &request.etag,
            decision_number: &request.decision_number,
            decided_on: &request.decided_on,
            evidence: request.evidence.as_ref(),
        };
        parse_revocation(
            Violations::new(),
            Some(Outcome::WaterPermitRevoked),
            fields,
            ctx,
        )
    }
}

fn parse_revocation(
    mut v: Violations,
    outcome: Option<Outcome>,
    fields: RevocationFields<'_>,
    ctx: ParseContext<'_>,
) -> Result<RevocationRecord, Vec<FieldViolation>> {
    let work_item = v.check("work_item", WorkItemName::parse(fields.work_item));
    let decision_number = v.required_text("decision_number", fields.decision_number, MAX_NUMBER);
    let decided_on = ctx.past_date(&mut v, "decided_on", fields.decided_on);
    let evidence = v.nested(Evidence::parse_required(fields.evidence, "evidence", ctx));
    let parsed = (|| {
        Some(RevocationRecord {
            work_item: work_item?,
            etag: fields.etag.trim().to_owned(),
            outcome: outcome?,
            decision_number,
            decided_on: decided_on?,
            evidence: evidence?,
        })
    })();
    v.collect(parsed)
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
