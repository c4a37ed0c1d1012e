//! The instants and evidence tests write in their requests: one photo, taken in the county.

use chrono::{DateTime, Utc};
use rectify_kit::parse::timestamp;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::workitems::v1 as workitems;

/// The instant `rfc3339` (e.g. `2021-10-15T10:00:00+08:00`).
pub use rectify_kit::clock::instant as at;

/// SHA-256 of the photo every evidence carries.
pub const PHOTO_SHA256: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// The instant `rfc3339` as a request's timestamp.
pub fn when(rfc3339: &str) -> Option<prost_types::Timestamp> {
    Some(timestamp(at(rfc3339)))
}

/// One photo with the SHA-256 `sha256` and nothing more (no time, no place): the least a
/// request's evidence may be, as the parses' unit tests give it.
pub fn bare_photo(sha256: &str) -> Option<workitems::Evidence> {
    Some(workitems::Evidence {
        attachments: vec![workitems::Attachment {
            sha256: sha256.into(),
            file_name: "IMG_0042.jpg".into(),
            media_type: "image/jpeg".into(),
        }],
        ..Default::default()
    })
}

/// One photo with the SHA-256 `sha256`, taken at `at` in the county.
pub fn photo_hashed(sha256: &str, at: DateTime<Utc>) -> Option<workitems::Evidence> {
    bare_photo(sha256).map(|photo| workitems::Evidence {
        taken_at: Some(timestamp(at)),
        location: Some(GeoPoint {
            latitude: 46.98,
            longitude: 130.72,
        }),
        ..photo
    })
}

/// One photo taken at `at` in the county.
pub fn evidence(at: DateTime<Utc>) -> Option<workitems::Evidence> {
    photo_hashed(PHOTO_SHA256, at)
}
