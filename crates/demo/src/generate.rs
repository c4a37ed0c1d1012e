//! The Huachuan demo campaign as data: about 300 workshops over the jurisdictions, what each
//! reporter says about them, and what the office decides. Seeded, so every demo is the same.

use std::collections::HashSet;

use rectify_registry::domain::{Campaign, Category, Criteria, merge_key};

use super::criteria::truth;
use super::findings::{DemoFinding, findings};
use super::identity::{Territory, identity};
use super::industries::INDUSTRIES;
use super::people;
use super::rng::Rng;

/// The seed of the demo (the plan's date, 2021-06-25).
pub const SEED: u64 = 2021_0625;
/// How many workshops the demo has.
pub const ENTERPRISE_COUNT: usize = 300;

/// One workshop of the demo and everything that happens to it.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoEnterprise {
    /// Position in the demo, for request ids.
    pub index: usize,
    /// Party code of its jurisdiction.
    pub jurisdiction: String,
    /// Its industry, e.g. 稻米加工.
    pub industry: &'static str,
    /// The criteria as they really are; the reports together say exactly this.
    pub criteria: Criteria,
    /// The category the rules suggest for those criteria.
    pub suggested: Category,
    /// The office's decision when it differs from the suggestion.
    pub decision: Option<Override>,
    /// The office's edits to the 一企一策 plan.
    pub plan: PlanEdit,
    /// Its reports, the first one first.
    pub findings: Vec<DemoFinding>,
}

impl DemoEnterprise {
    /// The category the office classifies it in; `NotTarget` means it is rejected.
    pub fn category(&self) -> Category {
        self.decision
            .as_ref()
            .map_or(self.suggested, |d| d.category)
    }
}

/// The office overrides the suggestion, with a written reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The category chosen instead.
    pub category: Category,
    /// Why.
    pub reason: &'static str,
}

/// What the office fills into a plan after classifying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanEdit {
    /// The township cadre responsible (责任人).
    pub responsible_person: String,
    /// Their phone.
    pub responsible_phone: String,
    /// YYYY-MM-DD.
    pub deadline: &'static str,
    /// Whether the plan is published (向社会公布) in the demo.
    pub publish: bool,
}

/// How often a workshop is redrawn when its name, address or code is taken.
const MAX_ATTEMPTS: usize = 50;

/// Why the office rejects a workshop that turns out not to be 散乱污.
pub const REJECTION_REASON: &str =
    "经核查，该企业手续齐全、污染治理设施完备且能稳定达标排放，不属于“散乱污”企业";

/// Overrides, by the category suggested.
const OVERRIDES: &[(Category, u32, Category, &str)] = &[
    (
        Category::Upgrade,
        4,
        Category::Close,
        "位于松花江干流岸线管控范围内，经领导小组研究依法关停取缔",
    ),
    (
        Category::Relocate,
        10,
        Category::Upgrade,
        "工业园区暂无适合地块，经领导小组研究同意原址升级改造",
    ),
    (
        Category::Close,
        4,
        Category::Upgrade,
        "企业已自筹资金建设除尘设施并承诺限期达标，经研究给予升级改造机会",
    ),
];

/// The demo for `campaign`: `count` workshops spread over its jurisdictions by their size.
pub fn generate(campaign: &Campaign, seed: u64, count: usize) -> Vec<DemoEnterprise> {
    let mut rng = Rng::new(seed);
    let bounds = campaign.bounds();
    let territories: Vec<Territory> = campaign
        .jurisdictions()
        .map(|p| Territory::new(&mut rng, &p.code, &p.name, bounds))
        .collect();
    let weights: Vec<u32> = territories.iter().map(|t| t.place.weight).collect();
    let mut seen = Seen::default();
    let mut out = Vec::with_capacity(count);
    for (territory, share) in territories.iter().zip(shares(&weights, count)) {
        for _ in 0..share {
            out.push(enterprise(
                &mut rng,
                out.len(),
                territory,
                campaign,
                &mut seen,
            ));
        }
    }
    out
}

/// Splits `count` in proportion to `weights` (largest remainder), so the total is exact.
fn shares(weights: &[u32], count: usize) -> Vec<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum::<u64>().max(1);
    let exact: Vec<u64> = weights
        .iter()
        .map(|&w| u64::from(w) * count as u64)
        .collect();
    let mut shares: Vec<usize> = exact.iter().map(|e| (e / total) as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i] % total));
    let missing = count.saturating_sub(shares.iter().sum());
    for &i in order.iter().cycle().take(missing) {
        shares[i] += 1;
    }
    shares
}

/// Names, merge keys and codes already given out, so no two workshops are merged by accident.
#[derive(Default)]
struct Seen {
    names: HashSet<String>,
    keys: HashSet<String>,
    codes: HashSet<String>,
}

fn enterprise(
    rng: &mut Rng,
    index: usize,
    territory: &Territory,
    campaign: &Campaign,
    seen: &mut Seen,
) -> DemoEnterprise {
    let weights: Vec<u32> = INDUSTRIES.iter().map(|i| i.weight).collect();
    let industry = &INDUSTRIES[rng.weighted(&weights)];
    let categories = [
        Category::Upgrade,
        Category::Relocate,
        Category::Close,
        Category::NotTarget,
    ];
    let suggested = categories[rng.weighted(&industry.mix)];
    let licensed = suggested == Category::NotTarget || rng.chance(47);
    let company = licensed && rng.chance(20);
    let division = campaign.division_code();
    let mut attempts = 0;
    let who = loop {
        let who = identity(
            rng,
            territory,
            industry,
            licensed,
            company,
            division,
            campaign.bounds(),
        );
        let key = merge_key(&who.name, &who.address);
        let code = who.credit_code.as_ref().map(|c| c.as_str().to_owned());
        let fresh = !seen.names.contains(&who.name)
            && !seen.keys.contains(&key)
            && code.as_ref().is_none_or(|c| !seen.codes.contains(c));
        attempts += 1;
        // A crowded territory may run out of fresh names; then a repeat simply merges.
        if fresh || attempts > MAX_ATTEMPTS {
            seen.names.insert(who.name.clone());
            seen.keys.insert(key);
            seen.codes.extend(code);
            break who;
        }
    };
    let criteria = truth(rng, suggested, industry, licensed);
    // Backward capacity is closed whatever the operator promises.
    let negotiable = criteria.conforms_national_policy != Some(false);
    let decision = OVERRIDES
        .iter()
        .find(|(from, ..)| *from == suggested)
        .filter(|(_, percent, ..)| rng.chance(*percent) && negotiable)
        .map(|&(_, _, category, reason)| Override { category, reason });
    let category = decision.as_ref().map_or(suggested, |d| d.category);
    let (surname, given) = people::person(rng);
    let plan = PlanEdit {
        responsible_person: format!("{surname}{given}"),
        responsible_phone: if rng.chance(50) {
            people::landline(rng)
        } else {
            people::mobile(rng)
        },
        deadline: match category {
            Category::Close => "2021-10-31",
            Category::Upgrade => "2021-11-30",
            _ => "2021-12-31",
        },
        // Every close plan is published: 两断三清 is what the demo shows in motion.
        publish: rng.chance(50) || category == Category::Close,
    };
    let findings = findings(rng, &who, territory, industry, &criteria);
    DemoEnterprise {
        index,
        jurisdiction: territory.code.clone(),
        industry: industry.label,
        criteria,
        suggested,
        decision,
        plan,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use rectify_campaign::HUACHUAN_2021;
    use rectify_registry::domain::{CreditCode, GeoPoint, suggest};

    use super::*;

    fn demo() -> (Campaign, Vec<DemoEnterprise>) {
        let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
        let demo = generate(&campaign, SEED, ENTERPRISE_COUNT);
        (campaign, demo)
    }

    #[test]
    fn the_demo_is_the_same_every_time() {
        let (campaign, first) = demo();
        let second = generate(&campaign, SEED, ENTERPRISE_COUNT);
        assert_eq!(first, second, "seeded generation repeats");
        assert_ne!(
            first,
            generate(&campaign, SEED + 1, ENTERPRISE_COUNT),
            "seed matters"
        );
    }

    #[test]
    fn shares_add_up_and_follow_the_weights() {
        assert_eq!(
            shares(&[1, 1, 1], 10),
            vec![4, 3, 3],
            "remainder to the first"
        );
        assert_eq!(shares(&[3, 1], 8), vec![6, 2], "proportional");
        assert_eq!(
            shares(&[40, 12], 300).iter().sum::<usize>(),
            300,
            "exact total"
        );
    }

    #[test]
    fn every_jurisdiction_has_workshops_inside_the_county() {
        let (campaign, demo) = demo();
        assert_eq!(demo.len(), ENTERPRISE_COUNT, "count");
        for party in campaign.jurisdictions() {
            let here = demo.iter().filter(|e| e.jurisdiction == party.code).count();
            assert!(here >= 5, "{} has {here} workshops", party.code);
        }
        for finding in demo.iter().flat_map(|e| &e.findings) {
            if let Some((lat, lon)) = finding.location {
                let point = GeoPoint::new(lat, lon).expect("valid point");
                assert!(
                    campaign.bounds().contains(&point),
                    "{}",
                    finding.enterprise_name
                );
            }
        }
    }

    #[test]
    fn the_reports_together_say_the_truth_and_the_rules_agree() {
        let (_, demo) = demo();
        for e in &demo {
            let merged = e
                .findings
                .iter()
                .fold(Criteria::default(), |sum, f| sum.merged_with(&f.criteria));
            assert_eq!(merged, e.criteria, "#{} reports add up", e.index);
            assert_eq!(
                suggest(&merged).category,
                e.suggested,
                "#{} suggestion",
                e.index
            );
        }
    }

    #[test]
    fn every_later_report_merges_onto_its_own_workshop_only() {
        let (_, demo) = demo();
        let mut keys = HashSet::new();
        for e in &demo {
            let first = &e.findings[0];
            let key = merge_key(&first.enterprise_name, &first.address);
            assert!(
                keys.insert(key.clone()),
                "#{} first report is unique",
                e.index
            );
            let code = e.findings.iter().find_map(|f| f.credit_code.clone());
            for later in &e.findings[1..] {
                let same_key = merge_key(&later.enterprise_name, &later.address) == key;
                let same_code =
                    later.credit_code.is_some() && later.credit_code == first.credit_code;
                assert!(same_key || same_code, "#{} {later:?}", e.index);
                assert!(
                    later.credit_code.is_none() || later.credit_code == code,
                    "one code"
                );
            }
        }
    }

    #[test]
    fn the_mix_looks_like_a_county() {
        let (_, demo) = demo();
        let count = |c: Category| demo.iter().filter(|e| e.category() == c).count();
        let (upgrade, relocate, close, rejected) = (
            count(Category::Upgrade),
            count(Category::Relocate),
            count(Category::Close),
            count(Category::NotTarget),
        );
        assert!(
            upgrade > relocate && upgrade > close,
            "most upgrade: {upgrade}"
        );
        assert!(relocate >= 20, "some relocate: {relocate}");
        assert!(close >= 45, "a fair share close: {close}");
        assert!((3..=30).contains(&rejected), "a few rejected: {rejected}");
        let overridden = demo.iter().filter(|e| e.decision.is_some()).count();
        assert!(
            (3..=25).contains(&overridden),
            "a few overrides: {overridden}"
        );
        let licensed = demo
            .iter()
            .filter(|e| e.findings.iter().any(|f| f.credit_code.is_some()))
            .count();
        assert!(
            (120..=180).contains(&licensed),
            "about half licensed: {licensed}"
        );
        let repeated = demo.iter().filter(|e| e.findings.len() >= 2).count();
        assert!(repeated >= 50, "duplicates: {repeated}");
        for code in demo
            .iter()
            .flat_map(|e| &e.findings)
            .filter_map(|f| f.credit_code.as_ref())
        {
            assert!(CreditCode::parse(code).is_ok(), "{code} is a valid code");
        }
    }
}
