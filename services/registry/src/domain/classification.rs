//! Classification (plan §3(二)): the suggested category for a workshop's criteria, and the
//! clauses that led to it. The office (eco + miit) decides; this is only the suggestion.

use rectify_campaign::Category;
use serde::Serialize;

use super::criteria::Criteria;

/// A condition of the plan that held for a workshop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// Stable code, `<category>.<condition>`.
    pub code: &'static str,
    /// The condition in the plan's words.
    pub text: &'static str,
}

/// The suggested category and the clauses that fired, in the order checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The suggested category.
    pub category: Category,
    /// Why: never empty.
    pub clauses: Vec<Clause>,
}

/// Does not conform to national industrial policy.
pub const CLOSE_NATIONAL_POLICY: Clause = Clause {
    code: "close.national_policy",
    text: "不符合国家产业政策",
};
/// No pollution control, cannot meet standards, and hopeless or strongly complained about.
pub const CLOSE_HOPELESS_POLLUTION: Clause = Clause {
    code: "close.hopeless_pollution",
    text: "无污染防治设施、不能稳定达标排放，且治理无望或群众反映强烈",
};
/// Fails layout or is outside a park, cannot or will not relocate, and has nothing to upgrade.
pub const CLOSE_LAYOUT_UNWILLING: Clause = Clause {
    code: "close.layout_unwilling",
    text: "不符合布局规划且无搬迁意愿",
};
/// Fails the local layout, land-use or urban-rural plan.
pub const RELOCATE_LAYOUT: Clause = Clause {
    code: "relocate.layout",
    text: "不符合当地产业布局规划、土地利用规划或城乡总体规划",
};
/// Not in an industrial park.
pub const RELOCATE_OUTSIDE_PARK: Clause = Clause {
    code: "relocate.outside_park",
    text: "未进驻工业园区",
};
/// Willing to relocate.
pub const RELOCATE_WILLING: Clause = Clause {
    code: "relocate.willing",
    text: "经过集聚可以达到相关管理要求，且有搬迁意愿",
};
/// Some approval is missing.
pub const UPGRADE_MISSING_APPROVALS: Clause = Clause {
    code: "upgrade.missing_approvals",
    text: "应办而未办理相关审批手续",
};
/// Pollution control missing, incomplete or not up to standard.
pub const UPGRADE_POLLUTION_CONTROL: Clause = Clause {
    code: "upgrade.pollution_control",
    text: "未安装污染治理设施或设施不完备、不能有效收集、无组织排放严重、不能稳定达标排放",
};
/// Meets every criterion.
pub const NONE_MEETS_ALL: Clause = Clause {
    code: "none.meets_all",
    text: "符合各项界定标准，不属于散乱污",
};

/// Suggests a category for the criteria, checking close, then relocate, then upgrade.
///
/// Unknown criteria (`None`) never fire a clause. A workshop that fails the layout or is outside a
/// park but will not relocate (or could not meet requirements even if clustered) is still 散乱污,
/// although the plan names no category for it: we suggest upgrade when it has approvals or
/// pollution control to fix, and otherwise close (`close.layout_unwilling`), since the plan
/// leaves it no place where it is. The office may override either with a reason.
pub fn suggest(c: &Criteria) -> Suggestion {
    let fails_national_policy = c.conforms_national_policy == Some(false);
    let hopeless_pollution = c.pollution_control_installed == Some(false)
        && c.can_meet_discharge_standards == Some(false)
        && (c.remediation_hopeless == Some(true) || c.strong_public_complaints == Some(true));
    if fails_national_policy || hopeless_pollution {
        let clauses = [
            (fails_national_policy, CLOSE_NATIONAL_POLICY),
            (hopeless_pollution, CLOSE_HOPELESS_POLLUTION),
        ];
        return fired(Category::Close, &clauses);
    }

    let fails_layout = [
        c.conforms_local_layout,
        c.conforms_land_use_plan,
        c.conforms_urban_rural_plan,
    ]
    .contains(&Some(false));
    let outside_park = c.in_industrial_park == Some(false);
    let misplaced = fails_layout || outside_park;
    let clusterable =
        !(c.can_meet_discharge_standards == Some(false) && c.remediation_hopeless == Some(true));
    if misplaced && c.willing_to_relocate == Some(true) && clusterable {
        let clauses = [
            (fails_layout, RELOCATE_LAYOUT),
            (outside_park, RELOCATE_OUTSIDE_PARK),
            (true, RELOCATE_WILLING),
        ];
        return fired(Category::Relocate, &clauses);
    }

    let missing_approvals = !c.approvals.missing().is_empty();
    let pollution_gap = [
        c.pollution_control_installed,
        c.pollution_control_complete,
        c.collects_effectively,
        c.can_meet_discharge_standards,
    ]
    .contains(&Some(false))
        || c.severe_fugitive_emissions == Some(true);
    if missing_approvals || pollution_gap {
        let clauses = [
            (missing_approvals, UPGRADE_MISSING_APPROVALS),
            (pollution_gap, UPGRADE_POLLUTION_CONTROL),
        ];
        return fired(Category::Upgrade, &clauses);
    }

    if misplaced {
        return fired(Category::Close, &[(true, CLOSE_LAYOUT_UNWILLING)]);
    }
    fired(Category::NotTarget, &[(true, NONE_MEETS_ALL)])
}

/// A suggestion with the clauses whose condition held.
fn fired(category: Category, clauses: &[(bool, Clause)]) -> Suggestion {
    Suggestion {
        category,
        clauses: clauses
            .iter()
            .filter(|(held, _)| *held)
            .map(|(_, clause)| *clause)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::Approvals;

    fn codes(suggestion: &Suggestion) -> Vec<&'static str> {
        suggestion.clauses.iter().map(|c| c.code).collect()
    }

    #[test]
    fn every_branch_suggests_its_category_with_the_clauses_that_fired() {
        let no = Some(false);
        let yes = Some(true);
        let missing_licence = Approvals {
            business_licence: no,
            ..Approvals::default()
        };
        let cases: Vec<(&str, Criteria, Category, Vec<&str>)> = vec![
            (
                "fails national policy",
                Criteria {
                    conforms_national_policy: no,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.national_policy"],
            ),
            (
                "national policy wins over a willing relocation",
                Criteria {
                    conforms_national_policy: no,
                    in_industrial_park: no,
                    willing_to_relocate: yes,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.national_policy"],
            ),
            (
                "no pollution control, cannot meet standards, hopeless",
                Criteria {
                    pollution_control_installed: no,
                    can_meet_discharge_standards: no,
                    remediation_hopeless: yes,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.hopeless_pollution"],
            ),
            (
                "no pollution control, cannot meet standards, strong complaints",
                Criteria {
                    pollution_control_installed: no,
                    can_meet_discharge_standards: no,
                    strong_public_complaints: yes,
                    in_industrial_park: no,
                    willing_to_relocate: yes,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.hopeless_pollution"],
            ),
            (
                "both close clauses fire together",
                Criteria {
                    conforms_national_policy: no,
                    pollution_control_installed: no,
                    can_meet_discharge_standards: no,
                    remediation_hopeless: yes,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.national_policy", "close.hopeless_pollution"],
            ),
            (
                "no pollution control and cannot meet standards, but neither hopeless nor complained about",
                Criteria {
                    pollution_control_installed: no,
                    can_meet_discharge_standards: no,
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.pollution_control"],
            ),
            (
                "outside a park and willing",
                Criteria {
                    conforms_national_policy: yes,
                    in_industrial_park: no,
                    willing_to_relocate: yes,
                    ..Criteria::default()
                },
                Category::Relocate,
                vec!["relocate.outside_park", "relocate.willing"],
            ),
            (
                "fails the land-use plan, outside a park, willing, approvals missing",
                Criteria {
                    conforms_land_use_plan: no,
                    in_industrial_park: no,
                    willing_to_relocate: yes,
                    approvals: missing_licence.clone(),
                    ..Criteria::default()
                },
                Category::Relocate,
                vec![
                    "relocate.layout",
                    "relocate.outside_park",
                    "relocate.willing",
                ],
            ),
            (
                "fails the urban-rural plan and willing",
                Criteria {
                    conforms_urban_rural_plan: no,
                    willing_to_relocate: yes,
                    ..Criteria::default()
                },
                Category::Relocate,
                vec!["relocate.layout", "relocate.willing"],
            ),
            (
                "fails the local layout, willing, but hopeless even if clustered",
                Criteria {
                    conforms_local_layout: no,
                    willing_to_relocate: yes,
                    pollution_control_installed: yes,
                    can_meet_discharge_standards: no,
                    remediation_hopeless: yes,
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.pollution_control"],
            ),
            (
                "outside a park, unwilling, approvals missing",
                Criteria {
                    in_industrial_park: no,
                    willing_to_relocate: no,
                    approvals: missing_licence.clone(),
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.missing_approvals"],
            ),
            (
                "outside a park, willingness unknown, nothing else wrong",
                Criteria {
                    in_industrial_park: no,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.layout_unwilling"],
            ),
            (
                "fails the local layout, unwilling, nothing else wrong",
                Criteria {
                    conforms_local_layout: no,
                    willing_to_relocate: no,
                    pollution_control_installed: yes,
                    ..Criteria::default()
                },
                Category::Close,
                vec!["close.layout_unwilling"],
            ),
            (
                "in a park, approvals missing and pollution control incomplete",
                Criteria {
                    conforms_national_policy: yes,
                    in_industrial_park: yes,
                    approvals: missing_licence,
                    pollution_control_complete: no,
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.missing_approvals", "upgrade.pollution_control"],
            ),
            (
                "collects ineffectively",
                Criteria {
                    collects_effectively: no,
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.pollution_control"],
            ),
            (
                "severe fugitive emissions",
                Criteria {
                    severe_fugitive_emissions: yes,
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.pollution_control"],
            ),
            (
                "no pollution control installed only",
                Criteria {
                    pollution_control_installed: no,
                    ..Criteria::default()
                },
                Category::Upgrade,
                vec!["upgrade.pollution_control"],
            ),
            (
                "meets every criterion",
                Criteria {
                    conforms_national_policy: yes,
                    conforms_local_layout: yes,
                    in_industrial_park: yes,
                    willing_to_relocate: no,
                    pollution_control_installed: yes,
                    can_meet_discharge_standards: yes,
                    severe_fugitive_emissions: no,
                    approvals: Approvals {
                        environmental: yes,
                        ..Approvals::default()
                    },
                    ..Criteria::default()
                },
                Category::NotTarget,
                vec!["none.meets_all"],
            ),
            (
                "nothing known",
                Criteria::default(),
                Category::NotTarget,
                vec!["none.meets_all"],
            ),
            (
                "complaints and long-term pollution alone fire nothing",
                Criteria {
                    strong_public_complaints: yes,
                    long_term_pollution: yes,
                    below_designated_size: yes,
                    ..Criteria::default()
                },
                Category::NotTarget,
                vec!["none.meets_all"],
            ),
        ];
        for (why, criteria, category, clause_codes) in cases {
            let suggestion = suggest(&criteria);
            assert_eq!(suggestion.category, category, "{why}");
            assert_eq!(codes(&suggestion), clause_codes, "{why}");
        }
    }

    #[test]
    fn clause_codes_are_prefixed_by_their_category_and_unique() {
        let all = [
            CLOSE_NATIONAL_POLICY,
            CLOSE_HOPELESS_POLLUTION,
            CLOSE_LAYOUT_UNWILLING,
            RELOCATE_LAYOUT,
            RELOCATE_OUTSIDE_PARK,
            RELOCATE_WILLING,
            UPGRADE_MISSING_APPROVALS,
            UPGRADE_POLLUTION_CONTROL,
            NONE_MEETS_ALL,
        ];
        for clause in all {
            let prefix = clause.code.split('.').next().unwrap_or_default();
            assert!(Category::from_code(prefix).is_some(), "{}", clause.code);
            let same = all.iter().filter(|c| c.code == clause.code).count();
            assert_eq!(same, 1, "{} is unique", clause.code);
        }
    }
}
