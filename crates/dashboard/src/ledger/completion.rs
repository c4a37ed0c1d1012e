//! 完成情况: where an enterprise stands, in the words of the ledger. Signed-off enterprises
//! from the registry's lifecycle; the rest from the coordinator's progress when there is one.

use rectify_proto::coordinator::v1 as coord;
use rectify_proto::registry::v1 as pb;

/// The completion text of an enterprise in `state` with `progress` (the coordinator's row).
pub fn completion(
    state: pb::LifecycleState,
    progress: Option<&coord::EnterpriseProgress>,
) -> String {
    use pb::LifecycleState as S;
    match state {
        S::SignedOff => return "已销号".to_owned(),
        S::UnderWatch => return "已销号（巡查中）".to_owned(),
        S::Rejected => return "不属于散乱污".to_owned(),
        S::Reported => return "待确认".to_owned(),
        S::Confirmed => return "待分类".to_owned(),
        S::Classified => return "方案待公布".to_owned(),
        S::Published | S::Unspecified => {}
    }
    let Some(p) = progress.filter(|p| p.measures > 0) else {
        return "整治中".to_owned();
    };
    if p.complete {
        "已完成待销号".to_owned()
    } else if p.overdue {
        format!("逾期（{}/{}）", p.measures_complete, p.measures)
    } else {
        format!("整治中 {}/{}", p.measures_complete, p.measures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(
        measures: i32,
        complete_count: i32,
        complete: bool,
        overdue: bool,
    ) -> coord::EnterpriseProgress {
        coord::EnterpriseProgress {
            measures,
            measures_complete: complete_count,
            complete,
            overdue,
            ..Default::default()
        }
    }

    #[test]
    fn each_stage_reads_as_the_ledger_says_it() {
        use pb::LifecycleState as S;
        let cases = [
            (S::SignedOff, Some(progress(3, 3, true, false)), "已销号"),
            (
                S::Published,
                Some(progress(3, 3, true, false)),
                "已完成待销号",
            ),
            (
                S::Published,
                Some(progress(4, 1, false, true)),
                "逾期（1/4）",
            ),
            (
                S::Published,
                Some(progress(4, 2, false, false)),
                "整治中 2/4",
            ),
            (S::Published, None, "整治中"),
            (S::Reported, None, "待确认"),
            (S::Classified, None, "方案待公布"),
        ];
        for (state, p, expected) in cases {
            assert_eq!(completion(state, p.as_ref()), expected, "{state:?} {p:?}");
        }
    }
}
