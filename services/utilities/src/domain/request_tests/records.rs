//! Clearings and well closures: every bad input refused, with the field named and the message a
//! person reads.

use rectify_proto::utilities::v1 as pb;

use super::support::*;
use crate::domain::*;

fn line(quantity: &str) -> pb::InventoryLine {
    pb::InventoryLine {
        item: "废旧塑料原料".into(),
        quantity: quantity.into(),
        unit: "吨".into(),
        disposal_method: pb::DisposalMethod::Sold.into(),
        disposal_note: String::new(),
    }
}

#[test]
fn clearings_refuse_each_bad_input() {
    let clearing = |lines: Vec<pb::InventoryLine>, executed: &str| pb::RecordClearingRequest {
        request_id: "k-1".into(),
        work_item: ITEM.into(),
        etag: String::new(),
        lines,
        executed_at: when(executed),
        evidence: bare_photo(PHOTO_SHA256),
    };
    check(
        |r| Clearing::parse(r, context()),
        vec![
            (
                "a good clearing",
                clearing(vec![line("3.5")], YESTERDAY),
                &[],
                "",
            ),
            (
                "no lines",
                clearing(vec![], YESTERDAY),
                &["lines"],
                "至少需要一行",
            ),
            (
                "a negative quantity",
                clearing(vec![line("-2")], YESTERDAY),
                &["lines[0].quantity"],
                "不能为负数",
            ),
            (
                "a zero quantity",
                clearing(vec![line("0")], YESTERDAY),
                &["lines[0].quantity"],
                "大于0",
            ),
            (
                "dated before the plan",
                clearing(vec![line("1")], BEFORE_PLAN),
                &["executed_at"],
                "早于整治方案发布日期",
            ),
        ],
    );
}

#[test]
fn well_closures_refuse_each_bad_input() {
    let closure =
        |wells: i32, method: pb::WellClosureMethod, note: &str| pb::RecordWellClosureRequest {
            request_id: "x-1".into(),
            work_item: ITEM.into(),
            etag: String::new(),
            wells_closed: wells,
            method: method.into(),
            method_note: note.into(),
            executed_at: when(YESTERDAY),
            evidence: bare_photo(PHOTO_SHA256),
        };
    use pb::WellClosureMethod as M;
    check(
        |r| WellClosure::parse(r, context()),
        vec![
            ("a good closure", closure(2, M::Backfilled, ""), &[], ""),
            (
                "no wells",
                closure(0, M::Backfilled, ""),
                &["wells_closed"],
                "至少为1",
            ),
            (
                "no method",
                closure(1, M::Unspecified, ""),
                &["method"],
                "请选择封井方式",
            ),
            (
                "other, undescribed",
                closure(1, M::Other, " "),
                &["method_note"],
                "须说明",
            ),
        ],
    );
}
