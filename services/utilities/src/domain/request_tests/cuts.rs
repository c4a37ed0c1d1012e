//! Recorded cuts: every bad input refused, with the field named and the message a person reads.
//! Each case starts from a good request and breaks one thing.

use rectify_proto::utilities::v1 as pb;
use rectify_proto::workitems::v1 as wpb;

use super::support::*;
use crate::domain::*;

fn water_cut() -> pb::RecordWaterCutRequest {
    pb::RecordWaterCutRequest {
        request_id: "w-1".into(),
        work_item: ITEM.into(),
        etag: String::new(),
        meter_number: "0231-8877".into(),
        seal_number: "桦水封-0012".into(),
        executed_at: when(YESTERDAY),
        evidence: bare_photo(PHOTO_SHA256),
    }
}

#[test]
fn water_cuts_refuse_each_bad_input() {
    let with = |change: fn(&mut pb::RecordWaterCutRequest)| {
        let mut request = water_cut();
        change(&mut request);
        request
    };
    check(
        |r| WaterCut::parse(r, context()),
        vec![
            ("a good cut", water_cut(), &[], ""),
            (
                "dated in the future",
                with(|r| r.executed_at = when(TOMORROW)),
                &["executed_at"],
                "不能是将来的时间",
            ),
            (
                "dated before the plan",
                with(|r| r.executed_at = when(BEFORE_PLAN)),
                &["executed_at"],
                "早于整治方案发布日期2021-07-25",
            ),
            (
                "undated",
                with(|r| r.executed_at = None),
                &["executed_at"],
                "时间不能为空",
            ),
            (
                "a hash of 63 characters",
                with(|r| r.evidence = bare_photo(&PHOTO_SHA256[1..])),
                &["evidence.attachments[0].sha256"],
                "实际为63位",
            ),
            (
                "a hash that is not hex",
                with(|r| r.evidence = bare_photo(&PHOTO_SHA256.replace('f', "x"))),
                &["evidence.attachments[0].sha256"],
                "不是十六进制字符",
            ),
            (
                "no evidence",
                with(|r| r.evidence = None),
                &["evidence"],
                "需要提供证据材料",
            ),
            (
                "evidence without a file",
                with(|r| r.evidence = Some(wpb::Evidence::default())),
                &["evidence.attachments"],
                "至少需要一个附件",
            ),
            (
                "no meter number",
                with(|r| r.meter_number = " ".into()),
                &["meter_number"],
                "表号不能为空",
            ),
            (
                "an invisible seal number",
                with(|r| r.seal_number = "\u{200B}".into()),
                &["seal_number"],
                "封条编号不能为空",
            ),
            (
                "not a work item",
                with(|r| r.work_item = "enterprises/1".into()),
                &["work_item"],
                "workItems/{编号}",
            ),
        ],
    );
}

#[test]
fn a_request_wrong_everywhere_reports_every_field_at_once() {
    let request = pb::RecordWaterCutRequest::default();
    let (fields, _) = outcome(WaterCut::parse(&request, context()));
    assert_eq!(
        fields,
        [
            "work_item",
            "meter_number",
            "seal_number",
            "executed_at",
            "evidence"
        ]
    );
}

fn power_cut() -> pb::RecordPowerCutRequest {
    pb::RecordPowerCutRequest {
        request_id: "p-1".into(),
        work_item: ITEM.into(),
        etag: String::new(),
        account_number: "2308260012345".into(),
        meter_number: "DB-88231".into(),
        meter_reading_at_cut: "48211.3".into(),
        executed_at: when(YESTERDAY),
        evidence: bare_photo(PHOTO_SHA256),
    }
}

#[test]
fn power_cuts_refuse_each_bad_input() {
    let reading = |text: &'static str| {
        let mut request = power_cut();
        request.meter_reading_at_cut = text.into();
        request
    };
    let mut future = power_cut();
    future.executed_at = when(TOMORROW);
    let mut no_account = power_cut();
    no_account.account_number = String::new();
    check(
        |r| PowerCut::parse(r, context()),
        vec![
            ("a good cut", power_cut(), &[], ""),
            (
                "a negative reading",
                reading("-1"),
                &["meter_reading_at_cut"],
                "不能为负数",
            ),
            (
                "a non-numeric reading",
                reading("abc"),
                &["meter_reading_at_cut"],
                "不是有效的数字",
            ),
            (
                "an exponent",
                reading("1e5"),
                &["meter_reading_at_cut"],
                "科学计数法",
            ),
            (
                "an empty reading",
                reading(""),
                &["meter_reading_at_cut"],
                "数值不能为空",
            ),
            (
                "four decimals",
                reading("48211.3001"),
                &["meter_reading_at_cut"],
                "最多保留3位小数",
            ),
            (
                "dated in the future",
                future,
                &["executed_at"],
                "不能是将来的时间",
            ),
            (
                "no account",
                no_account,
                &["account_number"],
                "户号不能为空",
            ),
        ],
    );
}
