//! 存在问题: the problems a workshop was found with, in the campaign's words, from the criteria
//! its findings assessed (界定标准, plan §1(二)). A criterion not assessed says nothing.

use rectify_proto::registry::v1 as pb;

/// The problems `criteria` show, in the plan's order.
pub fn problems(criteria: &pb::Criteria) -> Vec<&'static str> {
    let c = criteria;
    let a = c.approvals.unwrap_or_default();
    // (value, the value that is a problem, how the ledger says it)
    let checks: [(Option<bool>, bool, &str); 22] = [
        (c.conforms_national_policy, false, "不符合国家产业政策"),
        (c.conforms_local_layout, false, "不符合地方产业布局"),
        (c.conforms_land_use_plan, false, "不符合土地利用规划"),
        (c.conforms_urban_rural_plan, false, "不符合城乡规划"),
        (c.in_industrial_park, false, "未入园区"),
        (a.miit_filing, false, "无工信备案"),
        (a.ndrc_project, false, "无发改立项"),
        (a.land_use, false, "无用地审批"),
        (a.environmental, false, "无环评/排污许可"),
        (a.business_licence, false, "无营业执照"),
        (a.safety, false, "无安全生产手续"),
        (a.water_intake, false, "无取水许可"),
        (c.pollution_control_installed, false, "无污染治理设施"),
        (c.pollution_control_complete, false, "污染治理设施不完善"),
        (c.collects_effectively, false, "污染物收集效果差"),
        (c.severe_fugitive_emissions, true, "无组织排放严重"),
        (c.can_meet_discharge_standards, false, "不能达标排放"),
        (c.long_term_pollution, true, "长期污染环境"),
        (c.strong_public_complaints, true, "群众反映强烈"),
        (c.remediation_hopeless, true, "无整治价值"),
        (c.below_designated_size, true, "规模以下"),
        (c.willing_to_relocate, false, "不愿搬迁"),
    ];
    checks
        .into_iter()
        .filter(|(value, bad, _)| *value == Some(*bad))
        .map(|(_, _, text)| text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_assessed_criteria_that_fail_are_problems() {
        let criteria = pb::Criteria {
            conforms_national_policy: Some(true),
            in_industrial_park: Some(false),
            strong_public_complaints: Some(true),
            approvals: Some(pb::Approvals {
                environmental: Some(false),
                business_licence: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            problems(&criteria),
            ["未入园区", "无环评/排污许可", "群众反映强烈"],
            "conforming policy, a held licence and unassessed criteria say nothing"
        );
        assert!(
            problems(&pb::Criteria::default()).is_empty(),
            "nothing assessed"
        );
    }
}
