//! The demo's approvals and revocations (审批手续): each approving bureau takes applications for
//! the approvals upgrades lack and grants most of them, some are still being decided and a few
//! are refused (the item then blocked); at relocations' new sites the land, eco and safety
//! bureaus grant theirs and miit closes the measure; for closures the market bureau revokes
//! licences or changes registrations and the water bureau revokes intake permits.

use chrono::{DateTime, Utc};
use rectify_proto::licensing::v1 as pb;
use rectify_proto::licensing::v1::licensing_service_client::LicensingServiceClient;
use rectify_proto::workitems::v1 as wpb;
use tonic::transport::Channel;

use crate::progress::{
    BureauSummary, Figure, Items, Labelled, Planned, Step, date, day, evidence, later, send,
};
use crate::rng::Rng;

/// What the demo did to licensing's items.
pub type LicensingSummary = BureauSummary<LicensingFigures>;

/// Licensing's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LicensingFigures {
    /// Approvals granted (upgrades' and new sites').
    pub granted: usize,
    /// Applied for and still being decided.
    pub applied: usize,
    /// Refused.
    pub refused: usize,
    /// Licences revoked or registrations changed, and water permits revoked.
    pub revocations: usize,
}

impl Labelled for LicensingFigures {
    const TITLE: (&'static str, &'static str) = ("审批手续", "licensing");

    fn labelled(&self) -> Vec<Figure> {
        vec![
            ("已批准", "granted", self.granted),
            ("审批中", "applied", self.applied),
            ("不予许可", "refused", self.refused),
            ("吊销", "revocations", self.revocations),
        ]
    }
}

/// The approvals a new site needs first, and who grants them.
const NEW_SITE: [(pb::ApprovalKind, &str); 3] = [
    (pb::ApprovalKind::LandUse, "land"),
    (pb::ApprovalKind::Environmental, "eco"),
    (pb::ApprovalKind::Safety, "safety"),
];

/// Decides, with the seeded generator, what each bureau does with licensing's items.
pub fn plan(channel: &Channel, items: &[wpb::WorkItem]) -> Planned<LicensingFigures> {
    let mut rng = Rng::new(crate::SEED + 61);
    let bureau = Bureau {
        client: LicensingServiceClient::new(channel.clone()),
        items: Items(channel.clone()),
    };
    let mut steps = Vec::new();
    let mut figures = LicensingFigures::default();
    for item in items {
        let on = day(rng.between(8, 75), rng.between(9, 16));
        let roll = rng.below(100);
        if let Some(code) = item.kind.strip_prefix("approval.") {
            let kind = approval_kind(code);
            let applied = bureau.set(on, item, kind, &item.executor, Decision::Applied, &mut rng);
            match roll {
                0..55 => {
                    figures.granted += 1;
                    let granted = later(on, rng.between(10, 35));
                    steps.push(bureau.set(
                        granted,
                        item,
                        kind,
                        &item.executor,
                        Decision::Granted,
                        &mut rng,
                    ));
                }
                55..75 => figures.applied += 1,
                75..81 => {
                    figures.refused += 1;
                    let refused = later(on, 15);
                    steps.push(bureau.set(
                        refused,
                        item,
                        kind,
                        &item.executor,
                        Decision::Refused,
                        &mut rng,
                    ));
                    steps.push(bureau.items.block(
                        later(refused, 1),
                        item,
                        "审批部门不予许可，企业须先完成整改后重新申请",
                    ));
                }
                _ => continue,
            }
            steps.push(applied);
        } else if item.kind == "new_site_approvals" {
            match roll {
                0..40 => {
                    for (i, (kind, by)) in (0u32..).zip(NEW_SITE) {
                        figures.granted += 1;
                        let granted = later(on, 3 * i);
                        steps.push(bureau.set(
                            granted,
                            item,
                            kind,
                            by,
                            Decision::Granted,
                            &mut rng,
                        ));
                    }
                    let done = later(on, 10);
                    steps.push(bureau.items.complete(
                        done,
                        item,
                        &mut rng,
                        "新址用地、环评、安全手续均已取得",
                    ));
                }
                40..65 => {
                    figures.applied += 1;
                    let kind = pb::ApprovalKind::Environmental;
                    steps.push(bureau.set(on, item, kind, "eco", Decision::Applied, &mut rng));
                }
                _ => {}
            }
        } else if item.kind == "licence_revocation" && roll < 70 {
            figures.revocations += 1;
            steps.push(bureau.licence(on, item, roll < 42, &mut rng));
        } else if item.kind == "water_permit_revocation" {
            if roll < 60 {
                figures.revocations += 1;
                steps.push(bureau.water_permit(on, item, &mut rng));
            } else if roll < 75 {
                steps.push(bureau.items.waive(
                    on,
                    item,
                    "经水务局核查，该企业未办理取水许可，无需吊销",
                ));
            }
        }
    }
    Planned { steps, figures }
}

/// The approval of code `code` (`approval.<code>` items).
fn approval_kind(code: &str) -> pb::ApprovalKind {
    pb::ApprovalKind::from_str_name(&format!("APPROVAL_KIND_{}", code.to_uppercase()))
        .unwrap_or(pb::ApprovalKind::Unspecified)
}

/// What a bureau decided on an approval.
#[derive(Clone, Copy)]
enum Decision {
    Applied,
    Granted,
    Refused,
}

/// The calls licensing's bureaus make.
struct Bureau {
    client: LicensingServiceClient<Channel>,
    items: Items,
}

impl Bureau {
    /// `by` records where the approval `kind` of `item`'s enterprise stands.
    fn set(
        &self,
        at: DateTime<Utc>,
        item: &wpb::WorkItem,
        kind: pb::ApprovalKind,
        by: &str,
        decision: Decision,
        rng: &mut Rng,
    ) -> Step {
        let (status, tag) = match decision {
            Decision::Applied => (pb::ApprovalStatus::Applied, "applied"),
            Decision::Granted => (pb::ApprovalStatus::Granted, "granted"),
            Decision::Refused => (pb::ApprovalStatus::Refused, "refused"),
        };
        let mut request = pb::SetApprovalRequest {
            request_id: format!("demo-{tag}-{}-{}", kind.as_str_name(), item.name),
            enterprise: item.enterprise.clone(),
            kind: kind as i32,
            status: status as i32,
            ..Default::default()
        };
        match decision {
            Decision::Applied => {}
            Decision::Granted => {
                request.permit_number =
                    format!("桦{}〔2021〕{}号", issuer_short(by), rng.between(10, 480));
                request.issuer = issuer(by).to_owned();
                request.granted_on = date(at);
                request.evidence = evidence(rng, at, "许可证扫描件");
            }
            Decision::Refused => {
                request.reason = "选址不符合相关规划，且污染防治措施不足，不予许可".into();
            }
        }
        let mut client = self.client.clone();
        let what = format!(
            "SetApproval {} {} {tag}",
            item.enterprise,
            kind.as_str_name()
        );
        Step::call(at, by, what, request, move |r| async move {
            client.set_approval(r).await
        })
    }

    /// The market bureau revokes the licence, or changes the registration.
    fn licence(
        &self,
        at: DateTime<Utc>,
        item: &wpb::WorkItem,
        revoke: bool,
        rng: &mut Rng,
    ) -> Step {
        let outcome = match revoke {
            true => pb::LicenceOutcome::Revoked,
            false => pb::LicenceOutcome::RegistrationChanged,
        };
        let request = pb::RecordLicenceRevocationRequest {
            request_id: format!("demo-licence-{}", item.name),
            work_item: item.name.clone(),
            etag: String::new(),
            outcome: outcome as i32,
            decision_number: format!("桦市监处字〔2021〕{}号", rng.between(20, 320)),
            decided_on: date(at),
            evidence: evidence(rng, at, "吊销决定书已送达"),
        };
        send!(
            at,
            &item.executor,
            self.client.clone(),
            record_licence_revocation,
            request,
            item.name
        )
    }

    /// The water bureau revokes the water intake permit.
    fn water_permit(&self, at: DateTime<Utc>, item: &wpb::WorkItem, rng: &mut Rng) -> Step {
        let request = pb::RecordWaterPermitRevocationRequest {
            request_id: format!("demo-water-permit-{}", item.name),
            work_item: item.name.clone(),
            etag: String::new(),
            decision_number: format!("桦水许撤〔2021〕{}号", rng.between(5, 90)),
            decided_on: date(at),
            evidence: evidence(rng, at, "取水许可证已收回注销"),
        };
        send!(
            at,
            &item.executor,
            self.client.clone(),
            record_water_permit_revocation,
            request,
            item.name
        )
    }
}

/// The issuing authority as written on a permit of bureau `party`.
fn issuer(party: &str) -> &'static str {
    match party {
        "miit" => "桦川县工业和信息化局",
        "ndrc" => "桦川县发展和改革局",
        "land" => "桦川县自然资源局",
        "eco" => "佳木斯市生态环境局桦川分局",
        "market" => "桦川县市场监督管理局",
        "safety" => "桦川县应急管理局",
        "water" => "桦川县水务局",
        _ => "桦川县人民政府",
    }
}

/// The short name in a permit's number.
fn issuer_short(party: &str) -> &'static str {
    match party {
        "miit" => "工信备",
        "ndrc" => "发改备",
        "land" => "自然资规",
        "eco" => "环审",
        "market" => "市监",
        "safety" => "应急",
        "water" => "水许",
        _ => "政",
    }
}
