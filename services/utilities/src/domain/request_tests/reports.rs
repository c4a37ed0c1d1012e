//! Meter readings and reconnection reports: every bad input refused, with the field named and the
//! message a person reads.

use rectify_proto::utilities::v1 as pb;

use super::support::*;
use crate::domain::*;

fn meter_reading(reading: &str) -> pb::SubmitMeterReadingRequest {
    pb::SubmitMeterReadingRequest {
        request_id: "r-1".into(),
        target: Some(pb::submit_meter_reading_request::Target::AccountNumber(
            "2308260012345".into(),
        )),
        reading: reading.into(),
        read_at: when(YESTERDAY),
        evidence: None,
    }
}

#[test]
fn meter_readings_refuse_each_bad_input() {
    let mut no_target = meter_reading("48215");
    no_target.target = None;
    let mut future = meter_reading("48215");
    future.read_at = when(TOMORROW);
    let mut bad_photo = meter_reading("48215");
    bad_photo.evidence = bare_photo("abc");
    check(
        |r| MeterReadingSubmission::parse(r, context()),
        vec![
            (
                "a good reading without evidence",
                meter_reading("48215"),
                &[],
                "",
            ),
            (
                "a negative reading",
                meter_reading("-5"),
                &["reading"],
                "不能为负数",
            ),
            (
                "a non-numeric reading",
                meter_reading("abc"),
                &["reading"],
                "不是有效的数字",
            ),
            ("no meter named", no_target, &["target"], "户号"),
            (
                "read in the future",
                future,
                &["read_at"],
                "不能是将来的时间",
            ),
            (
                "a bad optional photo",
                bad_photo,
                &["evidence.attachments[0].sha256"],
                "SHA-256",
            ),
        ],
    );
}

#[test]
fn reconnection_reports_refuse_each_bad_input() {
    let report = || pb::ReportReconnectionRequest {
        request_id: "c-1".into(),
        work_item: ITEM.into(),
        found_at: when(YESTERDAY),
        evidence: bare_photo(PHOTO_SHA256),
        note: "夜间发现电表运转".into(),
    };
    let mut future = report();
    future.found_at = when(TOMORROW);
    let mut bare = report();
    bare.evidence = None;
    check(
        |r| ReconnectionReport::parse(r, context()),
        vec![
            ("a good report", report(), &[], ""),
            (
                "found in the future",
                future,
                &["found_at"],
                "不能是将来的时间",
            ),
            ("no evidence", bare, &["evidence"], "需要提供证据材料"),
        ],
    );
}
