//! Evidence parsing: good evidence is kept normalised; every bad field is reported at once, each
//! under its own path.

use super::*;
use rectify_proto::common::v1 as common;

const PHOTO: &str = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

use rectify_kit::clock::instant as at;

fn now() -> DateTime<Utc> {
    at("2021-10-15T10:00:00+08:00")
}

fn huachuan() -> Bounds {
    let south_west = GeoPoint::new(46.6, 130.0).expect("valid corner");
    let north_east = GeoPoint::new(47.4, 131.3).expect("valid corner");
    Bounds::new(south_west, north_east).expect("valid bounds")
}

fn attachment(sha256: &str) -> pb::Attachment {
    pb::Attachment {
        sha256: sha256.into(),
        file_name: "IMG_0042.jpg".into(),
        media_type: "image/jpeg".into(),
    }
}

fn good() -> pb::Evidence {
    pb::Evidence {
        attachments: vec![attachment(PHOTO)],
        taken_at: Some(to_timestamp(at("2021-10-15T09:30:00+08:00"))),
        location: Some(common::GeoPoint {
            latitude: 46.98,
            longitude: 130.72,
        }),
        note: " 阀门已加封 ".into(),
        figures: vec![pb::Figure {
            name: "封条编号".into(),
            value: "桦水封-0012".into(),
            unit: String::new(),
        }],
        recorded_by: "forged/by-caller".into(),
        record_time: None,
    }
}

fn fields(violations: &[FieldViolation]) -> Vec<&str> {
    violations.iter().map(|v| v.field.as_str()).collect()
}

#[test]
fn good_evidence_is_kept_normalised() {
    let bounds = huachuan();
    let rules = EvidenceRules {
        now: now(),
        bounds: Some(&bounds),
    };
    let evidence = Evidence::parse_required(Some(&good()), "evidence", rules).expect("valid");
    assert_eq!(
        evidence.attachments[0].sha256.as_str(),
        PHOTO.to_lowercase(),
        "hash stored lower case"
    );
    assert_eq!(evidence.note.as_str(), "阀门已加封", "note trimmed");
    assert_eq!(evidence.figures[0].value, "桦水封-0012", "figure kept");
    let shown = evidence.to_proto("water/wang", now());
    assert_eq!(
        shown.recorded_by, "water/wang",
        "recorded_by is the caller, not what was sent"
    );
    assert_eq!(
        shown.attachments[0].sha256,
        PHOTO.to_lowercase(),
        "shown lower case"
    );
}

#[test]
fn every_bad_field_is_reported_at_once_with_its_path() {
    let mut bad = good();
    bad.attachments = vec![
        attachment("not-a-hash"),
        pb::Attachment {
            sha256: PHOTO.into(),
            file_name: " ".into(),
            media_type: "jpeg".into(),
        },
        attachment(&PHOTO.to_lowercase()),
    ];
    bad.taken_at = Some(to_timestamp(at("2021-10-16T10:00:00+08:00")));
    bad.location = Some(common::GeoPoint {
        latitude: 46.98,
        longitude: 190.0,
    });
    bad.note = "字".repeat(501);
    bad.figures = vec![
        pb::Figure {
            name: "电表读数".into(),
            value: "".into(),
            unit: "kWh".into(),
        },
        pb::Figure {
            name: "电表读数".into(),
            value: "1".into(),
            unit: "kWh".into(),
        },
        pb::Figure {
            name: "".into(),
            value: "1".into(),
            unit: "".into(),
        },
    ];
    let rules = EvidenceRules {
        now: now(),
        bounds: None,
    };
    let violations = Evidence::parse_required(Some(&bad), "evidence", rules).expect_err("bad");
    assert_eq!(
        fields(&violations),
        [
            "evidence.attachments[0].sha256",
            "evidence.attachments[1].file_name",
            "evidence.attachments[1].media_type",
            "evidence.attachments[2].sha256",
            "evidence.taken_at",
            "evidence.location.longitude",
            "evidence.note",
            "evidence.figures[0].value",
            "evidence.figures[1].name",
            "evidence.figures[2].name",
        ],
        "every bad field, in order"
    );
    let description = |field: &str| {
        violations
            .iter()
            .find(|v| v.field == field)
            .map(|v| v.description.to_string())
            .unwrap_or_default()
    };
    let cases = [
        (
            "evidence.attachments[0].sha256",
            "SHA-256应为64位十六进制字符",
        ),
        ("evidence.attachments[2].sha256", "与第2个附件重复"),
        ("evidence.taken_at", "不能是将来的时间"),
        ("evidence.location.longitude", "经度应在-180到180之间"),
        ("evidence.figures[1].name", "与第1项数据名称重复"),
    ];
    for (field, expected) in cases {
        assert!(
            description(field).contains(expected),
            "{field}: {}",
            description(field)
        );
    }
}

#[test]
fn required_evidence_needs_an_attachment() {
    let rules = EvidenceRules {
        now: now(),
        bounds: None,
    };
    let missing = Evidence::parse_required(None, "evidence", rules).expect_err("missing");
    assert_eq!(fields(&missing), ["evidence"], "missing evidence");
    let mut bare = good();
    bare.attachments.clear();
    let bare = Evidence::parse_required(Some(&bare), "evidence", rules).expect_err("no files");
    assert_eq!(fields(&bare), ["evidence.attachments"], "no attachment");
    assert!(
        bare[0]
            .description
            .to_string()
            .contains("(at least one attachment"),
        "{}",
        bare[0].description
    );
}

#[test]
fn optional_evidence_may_be_absent_or_empty_but_not_bad() {
    let rules = EvidenceRules {
        now: now(),
        bounds: None,
    };
    let cases = [
        (None, Ok(false), "absent"),
        (Some(pb::Evidence::default()), Ok(false), "empty message"),
        (
            Some(pb::Evidence {
                note: "电表照片另附".into(),
                ..Default::default()
            }),
            Ok(true),
            "a note alone",
        ),
        (
            Some(pb::Evidence {
                attachments: vec![attachment("abc")],
                ..Default::default()
            }),
            Err(vec!["reading_evidence.attachments[0].sha256"]),
            "a bad hash",
        ),
    ];
    for (evidence, expected, why) in cases {
        let parsed = Evidence::parse_optional(evidence.as_ref(), "reading_evidence", rules);
        match expected {
            Ok(present) => assert_eq!(parsed.map(|e| e.is_some()), Ok(present), "{why}"),
            Err(paths) => assert_eq!(fields(&parsed.expect_err(why)), paths, "{why}"),
        }
    }
}

#[test]
fn locations_outside_the_campaign_are_refused_when_its_bounds_are_known() {
    let bounds = huachuan();
    let mut beijing = good();
    beijing.location = Some(common::GeoPoint {
        latitude: 39.9,
        longitude: 116.4,
    });
    let with_bounds = EvidenceRules {
        now: now(),
        bounds: Some(&bounds),
    };
    let refused = Evidence::parse_required(Some(&beijing), "evidence", with_bounds)
        .expect_err("outside Huachuan");
    assert_eq!(fields(&refused), ["evidence.location"]);
    let without_bounds = EvidenceRules {
        now: now(),
        bounds: None,
    };
    assert!(
        Evidence::parse_required(Some(&beijing), "evidence", without_bounds).is_ok(),
        "no bounds, no area check"
    );
}

#[test]
fn media_types_must_look_like_type_slash_subtype() {
    let cases = [
        ("image/jpeg", Ok("image/jpeg")),
        ("Application/PDF", Ok("application/pdf")),
        ("image/svg+xml", Ok("image/svg+xml")),
        ("jpeg", Err(EvidenceError::MediaType)),
        ("image/", Err(EvidenceError::MediaType)),
        ("image/jpeg; q=1", Err(EvidenceError::MediaType)),
        ("", Err(EvidenceError::Empty)),
    ];
    for (input, expected) in cases {
        let expected = expected.map(str::to_owned);
        assert_eq!(media_type(input), expected, "{input:?}");
    }
}
