//! The 界定标准 of each demo workshop: drawn so that the registry's classification rules
//! (桦政办规〔2021〕3号 §3(二), `rectify_registry::domain::suggest`) put it in the category it was
//! meant for, and the part of them each kind of reporter would see.

use rectify_registry::domain::{Approvals, Category, Criteria};

use super::industries::Industry;
use super::rng::Rng;

/// Criteria for a workshop meant to end in `target`. `licensed` says whether it holds a business
/// licence (and so a credit code).
pub fn truth(rng: &mut Rng, target: Category, industry: &Industry, licensed: bool) -> Criteria {
    match target {
        Category::Upgrade => upgrade(rng, licensed),
        Category::Relocate => relocate(rng, licensed),
        Category::Close => close(rng, industry, licensed),
        Category::NotTarget => compliant(),
    }
}

/// Some of the seven approvals missing; the business licence as `licensed` says.
fn approvals(rng: &mut Rng, licensed: bool, missing_percent: [u32; 6]) -> Approvals {
    let [miit, ndrc, land, environmental, safety, water] =
        missing_percent.map(|percent| Some(!rng.chance(percent)));
    Approvals {
        miit_filing: miit,
        ndrc_project: ndrc,
        land_use: land,
        environmental,
        business_licence: Some(licensed),
        safety,
        water_intake: water,
    }
}

/// Conforms to policy and layout; approvals or pollution control to fix.
fn upgrade(rng: &mut Rng, licensed: bool) -> Criteria {
    let in_park = rng.chance(35);
    let installed = rng.chance(65);
    let complete = installed && rng.chance(40);
    let mut c = Criteria {
        conforms_national_policy: Some(true),
        conforms_local_layout: Some(true),
        conforms_land_use_plan: Some(true),
        conforms_urban_rural_plan: Some(true),
        in_industrial_park: Some(in_park),
        below_designated_size: Some(rng.chance(90)),
        approvals: approvals(rng, licensed, [40, 30, 30, 70, 30, 25]),
        pollution_control_installed: Some(installed),
        pollution_control_complete: Some(complete),
        collects_effectively: Some(complete && rng.chance(70)),
        severe_fugitive_emissions: Some(!complete && rng.chance(50)),
        // Without any facility it cannot meet standards, but it is neither hopeless nor strongly
        // complained about, or the rules would close it.
        can_meet_discharge_standards: Some(installed),
        long_term_pollution: Some(rng.chance(15)),
        strong_public_complaints: Some(installed && rng.chance(15)),
        remediation_hopeless: Some(false),
        willing_to_relocate: if in_park { None } else { Some(false) },
    };
    if c.approvals.missing().is_empty() && complete {
        c.approvals.environmental = Some(false);
    }
    c
}

/// Conforms to national policy, in the wrong place, willing to move into a park.
fn relocate(rng: &mut Rng, licensed: bool) -> Criteria {
    let layout = !rng.chance(60);
    let land_use = !rng.chance(50);
    let urban_rural = !rng.chance(30);
    let installed = rng.chance(60);
    Criteria {
        conforms_national_policy: Some(true),
        conforms_local_layout: Some(layout),
        conforms_land_use_plan: Some(land_use),
        conforms_urban_rural_plan: Some(urban_rural),
        in_industrial_park: Some(false),
        below_designated_size: Some(true),
        approvals: approvals(rng, licensed, [40, 30, 60, 60, 30, 25]),
        pollution_control_installed: Some(installed),
        pollution_control_complete: Some(installed && rng.chance(50)),
        collects_effectively: Some(installed && rng.chance(50)),
        severe_fugitive_emissions: Some(rng.chance(40)),
        can_meet_discharge_standards: Some(installed),
        long_term_pollution: Some(rng.chance(40)),
        strong_public_complaints: Some(installed && rng.chance(30)),
        remediation_hopeless: Some(false),
        willing_to_relocate: Some(true),
    }
}

/// Backward capacity against national policy, or hopeless pollution.
fn close(rng: &mut Rng, industry: &Industry, licensed: bool) -> Criteria {
    let backward = industry.backward_capacity && rng.chance(75);
    let hopeless = rng.chance(55);
    Criteria {
        conforms_national_policy: Some(!backward),
        conforms_local_layout: Some(rng.chance(40)),
        conforms_land_use_plan: Some(rng.chance(40)),
        conforms_urban_rural_plan: Some(rng.chance(60)),
        in_industrial_park: Some(false),
        below_designated_size: Some(true),
        approvals: approvals(rng, licensed, [70, 60, 70, 90, 60, 50]),
        pollution_control_installed: Some(false),
        pollution_control_complete: Some(false),
        collects_effectively: Some(false),
        severe_fugitive_emissions: Some(true),
        can_meet_discharge_standards: Some(false),
        long_term_pollution: Some(rng.chance(80)),
        strong_public_complaints: Some(!hopeless || rng.chance(50)),
        remediation_hopeless: Some(hopeless),
        willing_to_relocate: Some(rng.chance(20)),
    }
}

/// Everything in order: not 散乱污 after all.
fn compliant() -> Criteria {
    let yes = Some(true);
    let no = Some(false);
    Criteria {
        conforms_national_policy: yes,
        conforms_local_layout: yes,
        conforms_land_use_plan: yes,
        conforms_urban_rural_plan: yes,
        in_industrial_park: yes,
        below_designated_size: yes,
        approvals: Approvals {
            miit_filing: yes,
            ndrc_project: yes,
            land_use: yes,
            environmental: yes,
            business_licence: yes,
            safety: yes,
            water_intake: yes,
        },
        pollution_control_installed: yes,
        pollution_control_complete: yes,
        collects_effectively: yes,
        severe_fugitive_emissions: no,
        can_meet_discharge_standards: yes,
        long_term_pollution: no,
        strong_public_complaints: no,
        remediation_hopeless: no,
        willing_to_relocate: None,
    }
}

/// What a later reporter assesses: only its own part of `truth`.
pub fn seen_by(reporter: &str, truth: &Criteria) -> Criteria {
    let t = truth;
    let a = &t.approvals;
    match reporter {
        // The eco bureau: pollution control, complaints, and its own permit.
        "eco" => Criteria {
            pollution_control_installed: t.pollution_control_installed,
            pollution_control_complete: t.pollution_control_complete,
            collects_effectively: t.collects_effectively,
            severe_fugitive_emissions: t.severe_fugitive_emissions,
            can_meet_discharge_standards: t.can_meet_discharge_standards,
            long_term_pollution: t.long_term_pollution,
            strong_public_complaints: t.strong_public_complaints,
            approvals: Approvals {
                environmental: a.environmental,
                ..Approvals::default()
            },
            ..Criteria::default()
        },
        "miit" => Criteria {
            conforms_national_policy: t.conforms_national_policy,
            conforms_local_layout: t.conforms_local_layout,
            in_industrial_park: t.in_industrial_park,
            below_designated_size: t.below_designated_size,
            approvals: Approvals {
                miit_filing: a.miit_filing,
                ..Approvals::default()
            },
            ..Criteria::default()
        },
        "land" => Criteria {
            conforms_land_use_plan: t.conforms_land_use_plan,
            conforms_urban_rural_plan: t.conforms_urban_rural_plan,
            approvals: Approvals {
                land_use: a.land_use,
                ..Approvals::default()
            },
            ..Criteria::default()
        },
        "market" => only_approvals(Approvals {
            business_licence: a.business_licence,
            ..Approvals::default()
        }),
        "safety" => only_approvals(Approvals {
            safety: a.safety,
            ..Approvals::default()
        }),
        "water" => only_approvals(Approvals {
            water_intake: a.water_intake,
            ..Approvals::default()
        }),
        // A township surveys everything.
        _ => truth.clone(),
    }
}

fn only_approvals(approvals: Approvals) -> Criteria {
    Criteria {
        approvals,
        ..Criteria::default()
    }
}

#[cfg(test)]
mod tests {
    use rectify_registry::domain::suggest;

    use super::*;
    use crate::industries::INDUSTRIES;

    #[test]
    fn the_rules_suggest_the_category_each_workshop_was_drawn_for() {
        let mut rng = Rng::new(11);
        let targets = [
            Category::Upgrade,
            Category::Relocate,
            Category::Close,
            Category::NotTarget,
        ];
        for industry in INDUSTRIES {
            for target in targets {
                for licensed in [true, false] {
                    for _ in 0..40 {
                        let criteria = truth(&mut rng, target, industry, licensed);
                        assert_eq!(
                            suggest(&criteria).category,
                            target,
                            "{} drawn for {target:?}: {criteria:?}",
                            industry.label
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_later_reporter_never_contradicts_the_truth() {
        let mut rng = Rng::new(5);
        let truth = truth(&mut rng, Category::Close, &INDUSTRIES[1], false);
        for reporter in ["eco", "miit", "land", "market", "safety", "water", "yuelai"] {
            let merged = truth.merged_with(&seen_by(reporter, &truth));
            assert_eq!(merged, truth, "{reporter} only repeats what is true");
        }
    }
}
