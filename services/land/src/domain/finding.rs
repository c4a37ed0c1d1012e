//! The land bureau's planning finding (规划符合性): does the enterprise's site conform to the
//! land-use plan (土地利用总体规划) and the urban-rural plan (城乡规划), and on what document.

use rectify_kit::FieldViolation;
use rectify_kit::parse::{Violations, resource_id};
use rectify_proto::land::v1 as pb;
use rectify_workitems::domain::TEXT_MAX_CHARS;

use super::REFERENCE_MAX_CHARS;

/// Whether a site conforms to a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conformity {
    /// 符合
    Conforms,
    /// 不符合
    DoesNotConform,
}

impl Conformity {
    /// The conformity a request gives, `None` when unspecified or unknown.
    pub fn from_proto(value: i32) -> Option<Conformity> {
        match pb::Conformity::try_from(value).ok()? {
            pb::Conformity::Unspecified => None,
            pb::Conformity::Conforms => Some(Conformity::Conforms),
            pb::Conformity::DoesNotConform => Some(Conformity::DoesNotConform),
        }
    }

    /// As the API shows it.
    pub fn to_proto(self) -> pb::Conformity {
        match self {
            Conformity::Conforms => pb::Conformity::Conforms,
            Conformity::DoesNotConform => pb::Conformity::DoesNotConform,
        }
    }

    /// Its stored code.
    pub fn code(self) -> &'static str {
        self.to_proto().as_str_name()
    }

    /// The conformity of a stored code.
    pub fn of_code(code: &str) -> Option<Conformity> {
        pb::Conformity::from_str_name(code).and_then(|c| Conformity::from_proto(c.into()))
    }
}

/// A planning finding as the land bureau records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanningFinding {
    /// The registry's id of the enterprise.
    pub enterprise_id: String,
    pub land_use_plan: Conformity,
    pub urban_rural_plan: Conformity,
    /// The document the finding rests on.
    pub reference: String,
    pub note: String,
}

impl PlanningFinding {
    /// Parses a `RecordPlanningFinding` request.
    pub fn parse(
        request: &pb::RecordPlanningFindingRequest,
    ) -> Result<PlanningFinding, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let enterprise_id =
            match resource_id(request.enterprise.trim(), "enterprises", "", "enterprise") {
                Ok(id) => Some(id),
                Err(rectify_kit::Error::InvalidArgument(violations)) => {
                    v.extend(violations);
                    None
                }
                Err(_) => None,
            };
        let Some(finding) = request.finding.as_ref() else {
            v.add("finding", "必须填写 (is required)");
            return v.collect(None);
        };
        let required = "请选择符合或不符合 (choose CONFORMS or DOES_NOT_CONFORM)";
        let land_use_plan = Conformity::from_proto(finding.land_use_plan);
        if land_use_plan.is_none() {
            v.add("finding.land_use_plan", required);
        }
        let urban_rural_plan = Conformity::from_proto(finding.urban_rural_plan);
        if urban_rural_plan.is_none() {
            v.add("finding.urban_rural_plan", required);
        }
        let reference =
            v.required_text("finding.reference", &finding.reference, REFERENCE_MAX_CHARS);
        let note = v.text("finding.note", &finding.note, TEXT_MAX_CHARS);
        let parsed = (|| {
            Some(PlanningFinding {
                enterprise_id: enterprise_id?,
                land_use_plan: land_use_plan?,
                urban_rural_plan: urban_rural_plan?,
                reference,
                note,
            })
        })();
        v.collect(parsed)
    }

    /// Whether the site fails either plan.
    pub fn nonconforming(&self) -> bool {
        self.land_use_plan == Conformity::DoesNotConform
            || self.urban_rural_plan == Conformity::DoesNotConform
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> pb::RecordPlanningFindingRequest {
        pb::RecordPlanningFindingRequest {
            request_id: "f1".into(),
            enterprise: "enterprises/0190f0a0-5b3c-7000-8000-00000000002a".into(),
            finding: Some(pb::PlanningFinding {
                land_use_plan: pb::Conformity::DoesNotConform as i32,
                urban_rural_plan: pb::Conformity::Conforms as i32,
                reference: "桦自然资函〔2021〕17号".into(),
                ..Default::default()
            }),
        }
    }

    fn fields(request: &pb::RecordPlanningFindingRequest) -> Vec<String> {
        match PlanningFinding::parse(request) {
            Ok(_) => Vec::new(),
            Err(violations) => violations.into_iter().map(|v| v.field).collect(),
        }
    }

    #[test]
    fn a_good_finding_parses_and_knows_it_does_not_conform() {
        let finding = PlanningFinding::parse(&request()).expect("good finding");
        assert!(finding.nonconforming(), "fails the land-use plan");
        assert_eq!(finding.reference, "桦自然资函〔2021〕17号");
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut bad = request();
        bad.enterprise = "firms/1".into();
        let finding = bad.finding.as_mut().expect("finding");
        finding.land_use_plan = 0;
        finding.urban_rural_plan = 9;
        finding.reference = "  ".into();
        finding.note = "很".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(
            fields(&bad),
            [
                "enterprise",
                "finding.land_use_plan",
                "finding.urban_rural_plan",
                "finding.reference",
                "finding.note"
            ]
        );
        let missing = pb::RecordPlanningFindingRequest {
            finding: None,
            ..request()
        };
        assert_eq!(fields(&missing), ["finding"], "no finding");
    }

    #[test]
    fn conformity_codes_round_trip() {
        for c in [Conformity::Conforms, Conformity::DoesNotConform] {
            assert_eq!(Conformity::of_code(c.code()), Some(c), "{c:?}");
        }
        assert_eq!(Conformity::of_code("CONFORMITY_UNSPECIFIED"), None);
    }
}
