//! The built-in campaign: Huachuan County's 2021 plan (桦政办规〔2021〕3号), the default of every
//! service and the launcher's demo. The file is `campaigns/huachuan-2021.toml`.

use crate::campaign::Campaign;

/// The Huachuan 2021 campaign file, built in as the default.
pub const HUACHUAN_2021: &str = include_str!("../../../campaigns/huachuan-2021.toml");

impl Campaign {
    /// The built-in Huachuan 2021 campaign, [`HUACHUAN_2021`] parsed and checked.
    pub fn huachuan_2021() -> Campaign {
        // The file is compiled in and this crate's tests load it, so it cannot fail at run time.
        Campaign::from_toml_str(HUACHUAN_2021)
            .expect("the built-in Huachuan campaign is checked by this crate's tests")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approval::ApprovalKind;
    use crate::category::Category;
    use crate::service_name::ServiceName;

    #[test]
    fn the_built_in_file_loads_with_the_plans_facts() {
        let c = Campaign::from_toml_str(HUACHUAN_2021).expect("the built-in campaign loads");
        assert_eq!(c, Campaign::huachuan_2021(), "huachuan_2021() is the file");
        let identity = (c.code(), c.document_number(), c.division_code());
        assert_eq!(
            identity,
            ("huachuan-2021", "桦政办规〔2021〕3号", "230826"),
            "identity"
        );
        let m = c.milestones();
        let dates = [
            m.survey_due,
            m.list_published,
            m.rectification_start,
            m.complete_by,
        ];
        let expected = ["2021-07-15", "2021-07-25", "2021-07-25", "2021-12-31"];
        assert_eq!(
            dates.map(|d| d.to_string()),
            expected,
            "milestones in order"
        );
        assert_eq!(c.rebound_patrol_interval_days(), 30, "rebound interval");
        let counts = (c.parties().len(), c.jurisdictions().count());
        assert_eq!(
            counts,
            (25, 12),
            "13 bureaus and offices plus 12 jurisdictions"
        );
    }

    #[test]
    fn every_huachuan_measure_is_executed_by_its_service() {
        use Category::{Close, Relocate, Upgrade};
        use ServiceName::{Environment, Land, Licensing, Safety, Utilities};
        let cases = [
            (Upgrade, "approval", Licensing),
            (Upgrade, "pollution_upgrade", Environment),
            (Upgrade, "safety_check", Safety),
            (Upgrade, "daily_supervision", Environment),
            (Relocate, "relocation_plot", Land),
            (Relocate, "interim_compliance", Environment),
            (Relocate, "new_site_approvals", Licensing),
            (Relocate, "demolition", Land),
            (Relocate, "site_remediation", Land),
            (Close, "water_cut", Utilities),
            (Close, "power_cut", Utilities),
            (Close, "clear_materials", Utilities),
            (Close, "clear_products", Utilities),
            (Close, "clear_equipment", Utilities),
            (Close, "well_closure", Utilities),
            (Close, "licence_revocation", Licensing),
            (Close, "water_permit_revocation", Licensing),
            (Close, "site_remediation", Land),
            (Close, "rebound_patrol", Environment),
        ];
        let c = Campaign::huachuan_2021();
        assert_eq!(
            cases.len(),
            c.catalog().len(),
            "the table covers the catalog"
        );
        for (category, kind, service) in cases {
            let entry = c
                .catalog_for(category)
                .find(|e| e.kind == kind)
                .unwrap_or_else(|| panic!("{category:?} has {kind}"));
            assert_eq!(entry.service, service, "{category:?} {kind} in the file");
            if !entry.per_missing_approval {
                assert_eq!(c.service_for_kind(kind), Some(service), "{kind} lookup");
            }
        }
    }

    #[test]
    fn every_missing_approval_measure_is_executed_by_licensing() {
        let c = Campaign::huachuan_2021();
        for approval in ApprovalKind::ALL {
            let kind = format!("approval.{}", approval.code());
            assert_eq!(
                c.service_for_kind(&kind),
                Some(ServiceName::Licensing),
                "{kind}"
            );
        }
    }

    #[test]
    fn each_service_owns_its_concrete_kinds_approvals_expanded() {
        let c = Campaign::huachuan_2021();
        let cases = [
            (
                ServiceName::Licensing,
                vec![
                    "approval.miit_filing",
                    "approval.ndrc_project",
                    "approval.land_use",
                    "approval.environmental",
                    "approval.business_licence",
                    "approval.safety",
                    "approval.water_intake",
                    "new_site_approvals",
                    "licence_revocation",
                    "water_permit_revocation",
                ],
            ),
            (
                ServiceName::Utilities,
                vec![
                    "water_cut",
                    "power_cut",
                    "clear_materials",
                    "clear_products",
                    "clear_equipment",
                    "well_closure",
                ],
            ),
            (
                ServiceName::Land,
                vec!["relocation_plot", "demolition", "site_remediation"],
            ),
            (ServiceName::Safety, vec!["safety_check"]),
            (
                ServiceName::Environment,
                vec![
                    "pollution_upgrade",
                    "daily_supervision",
                    "interim_compliance",
                    "rebound_patrol",
                ],
            ),
            (ServiceName::Registry, vec![]),
            (ServiceName::Coordinator, vec![]),
        ];
        assert_eq!(cases.len(), ServiceName::ALL.len(), "table covers ALL");
        for (service, kinds) in cases {
            assert_eq!(c.kinds_owned_by(service), kinds, "{service}");
        }
    }
}
