//! The 界定标准 (plan §1(二)): what a finding says about a workshop.
//!
//! Every criterion is three-valued: `Some(true)`, `Some(false)`, or `None` when the reporter did not
//! look. Findings from several reporters are combined with [`Criteria::merged_with`].

use rectify_campaign::ApprovalKind;
use serde::{Deserialize, Serialize};

/// The criteria found for one workshop. Field names are the wire and storage names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// Conforms to national industrial policy (国家产业政策).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conforms_national_policy: Option<bool>,
    /// Conforms to the local industrial layout plan (当地产业布局规划).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conforms_local_layout: Option<bool>,
    /// Conforms to the land-use master plan (土地利用总体规划).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conforms_land_use_plan: Option<bool>,
    /// Conforms to the urban-rural master plan (城乡总体规划).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conforms_urban_rural_plan: Option<bool>,
    /// Located in an industrial park (进驻工业园区).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_industrial_park: Option<bool>,
    /// Below designated size (规模以下).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below_designated_size: Option<bool>,
    /// The seven approvals, each held or missing.
    #[serde(default, skip_serializing_if = "Approvals::is_empty")]
    pub approvals: Approvals,
    /// Pollution control facilities installed where the law requires them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pollution_control_installed: Option<bool>,
    /// Pollution control facilities complete (完备).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pollution_control_complete: Option<bool>,
    /// Pollutants are collected effectively (有效收集).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collects_effectively: Option<bool>,
    /// Severe fugitive emissions (无组织排放严重).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severe_fugitive_emissions: Option<bool>,
    /// Pollution control can meet discharge standards (具备达标排放能力).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_meet_discharge_standards: Option<bool>,
    /// Has polluted its surroundings for a long time (长期污染环境).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_term_pollution: Option<bool>,
    /// Strong public complaints (群众反映强烈).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strong_public_complaints: Option<bool>,
    /// Remediation is hopeless (治理无望).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remediation_hopeless: Option<bool>,
    /// The operator is willing to relocate (有搬迁意愿).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub willing_to_relocate: Option<bool>,
}

/// Whether each of the seven approvals (审批手续) is held: `Some(false)` means missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approvals {
    /// 工信 备案: industrial project filing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub miit_filing: Option<bool>,
    /// 发改 立项: project approval or filing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ndrc_project: Option<bool>,
    /// 自然资源 用地: land-use approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_use: Option<bool>,
    /// 生态环境 环评/排污许可: environmental impact assessment or discharge permit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environmental: Option<bool>,
    /// 市监 营业执照: business licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_licence: Option<bool>,
    /// 应急 安全: production safety approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<bool>,
    /// 水务 取水许可: water-intake permit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water_intake: Option<bool>,
}

impl Approvals {
    /// What is known about one approval.
    pub fn get(&self, kind: ApprovalKind) -> Option<bool> {
        match kind {
            ApprovalKind::MiitFiling => self.miit_filing,
            ApprovalKind::NdrcProject => self.ndrc_project,
            ApprovalKind::LandUse => self.land_use,
            ApprovalKind::Environmental => self.environmental,
            ApprovalKind::BusinessLicence => self.business_licence,
            ApprovalKind::Safety => self.safety,
            ApprovalKind::WaterIntake => self.water_intake,
        }
    }

    /// The approvals found missing (`Some(false)`), in [`ApprovalKind::ALL`] order.
    pub fn missing(&self) -> Vec<ApprovalKind> {
        ApprovalKind::ALL
            .into_iter()
            .filter(|&kind| self.get(kind) == Some(false))
            .collect()
    }

    /// Whether nothing is known about any approval.
    pub fn is_empty(&self) -> bool {
        ApprovalKind::ALL
            .into_iter()
            .all(|kind| self.get(kind).is_none())
    }

    /// These approvals updated by a newer finding: what `newer` sets wins.
    pub fn merged_with(&self, newer: &Approvals) -> Approvals {
        Approvals {
            miit_filing: newer.miit_filing.or(self.miit_filing),
            ndrc_project: newer.ndrc_project.or(self.ndrc_project),
            land_use: newer.land_use.or(self.land_use),
            environmental: newer.environmental.or(self.environmental),
            business_licence: newer.business_licence.or(self.business_licence),
            safety: newer.safety.or(self.safety),
            water_intake: newer.water_intake.or(self.water_intake),
        }
    }
}

impl Criteria {
    /// These criteria updated by a newer finding: every criterion `newer` sets wins, the ones it
    /// leaves unset keep this value.
    pub fn merged_with(&self, newer: &Criteria) -> Criteria {
        Criteria {
            conforms_national_policy: newer
                .conforms_national_policy
                .or(self.conforms_national_policy),
            conforms_local_layout: newer.conforms_local_layout.or(self.conforms_local_layout),
            conforms_land_use_plan: newer.conforms_land_use_plan.or(self.conforms_land_use_plan),
            conforms_urban_rural_plan: newer
                .conforms_urban_rural_plan
                .or(self.conforms_urban_rural_plan),
            in_industrial_park: newer.in_industrial_park.or(self.in_industrial_park),
            below_designated_size: newer.below_designated_size.or(self.below_designated_size),
            approvals: self.approvals.merged_with(&newer.approvals),
            pollution_control_installed: newer
                .pollution_control_installed
                .or(self.pollution_control_installed),
            pollution_control_complete: newer
                .pollution_control_complete
                .or(self.pollution_control_complete),
            collects_effectively: newer.collects_effectively.or(self.collects_effectively),
            severe_fugitive_emissions: newer
                .severe_fugitive_emissions
                .or(self.severe_fugitive_emissions),
            can_meet_discharge_standards: newer
                .can_meet_discharge_standards
                .or(self.can_meet_discharge_standards),
            long_term_pollution: newer.long_term_pollution.or(self.long_term_pollution),
            strong_public_complaints: newer
                .strong_public_complaints
                .or(self.strong_public_complaints),
            remediation_hopeless: newer.remediation_hopeless.or(self.remediation_hopeless),
            willing_to_relocate: newer.willing_to_relocate.or(self.willing_to_relocate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_findings_win_and_unset_criteria_keep_the_older_value() {
        let older = Criteria {
            conforms_national_policy: Some(true),
            in_industrial_park: Some(false),
            willing_to_relocate: Some(false),
            approvals: Approvals {
                land_use: Some(false),
                safety: Some(true),
                ..Approvals::default()
            },
            ..Criteria::default()
        };
        let newer = Criteria {
            willing_to_relocate: Some(true),
            strong_public_complaints: Some(true),
            approvals: Approvals {
                safety: Some(false),
                ..Approvals::default()
            },
            ..Criteria::default()
        };
        let merged = older.merged_with(&newer);
        let cases = [
            (
                merged.conforms_national_policy,
                Some(true),
                "kept: newer is silent",
            ),
            (
                merged.in_industrial_park,
                Some(false),
                "kept: newer is silent",
            ),
            (
                merged.willing_to_relocate,
                Some(true),
                "newer overrides older",
            ),
            (merged.strong_public_complaints, Some(true), "newer adds"),
            (merged.remediation_hopeless, None, "neither knows"),
            (merged.approvals.land_use, Some(false), "approval kept"),
            (merged.approvals.safety, Some(false), "approval overridden"),
            (merged.approvals.water_intake, None, "approval unknown"),
        ];
        for (actual, expected, why) in cases {
            assert_eq!(actual, expected, "{why}");
        }
    }

    #[test]
    fn merging_with_an_empty_finding_changes_nothing_either_way() {
        let full = Criteria {
            conforms_local_layout: Some(false),
            can_meet_discharge_standards: Some(true),
            approvals: Approvals {
                business_licence: Some(false),
                ..Approvals::default()
            },
            ..Criteria::default()
        };
        let empty = Criteria::default();
        assert_eq!(full.merged_with(&empty), full, "empty newer keeps older");
        assert_eq!(empty.merged_with(&full), full, "empty older takes newer");
    }

    #[test]
    fn missing_lists_only_approvals_found_missing_in_order() {
        let approvals = Approvals {
            water_intake: Some(false),
            miit_filing: Some(false),
            land_use: Some(true),
            environmental: None,
            ..Approvals::default()
        };
        assert_eq!(
            approvals.missing(),
            vec![ApprovalKind::MiitFiling, ApprovalKind::WaterIntake],
            "unknown and held approvals are not missing"
        );
        assert!(Approvals::default().missing().is_empty(), "nothing known");
    }

    #[test]
    fn criteria_serialise_only_what_is_known_and_refuse_unknown_fields() {
        let criteria = Criteria {
            in_industrial_park: Some(false),
            approvals: Approvals {
                environmental: Some(false),
                ..Approvals::default()
            },
            ..Criteria::default()
        };
        let json = serde_json::to_string(&criteria).expect("serialises");
        assert_eq!(
            json, r#"{"in_industrial_park":false,"approvals":{"environmental":false}}"#,
            "unknown criteria are left out"
        );
        let back: Criteria = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, criteria, "round trip");
        assert_eq!(
            serde_json::to_string(&Criteria::default()).expect("serialises"),
            "{}",
            "nothing known serialises empty"
        );
        let typo = serde_json::from_str::<Criteria>(r#"{"conforms_national_polcy":false}"#);
        assert!(
            typo.is_err(),
            "a misspelt criterion is refused, not ignored"
        );
    }
}
