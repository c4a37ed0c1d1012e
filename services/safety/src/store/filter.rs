//! What the lists select and where their pages continue. Inspections run most recently recorded
//! first (ids are UUIDv7); hazards by inspection the same way, then in the order found.

use rectify_kit::{Error, Result};

use crate::domain::HazardLevel;

/// Filters of `ListInspections`; empty strings match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InspectionFilter {
    /// The registry's id of the enterprise.
    pub enterprise_id: String,
    /// Party code of the enterprise's jurisdiction.
    pub jurisdiction: String,
}

impl InspectionFilter {
    /// Stable text for the page token's fingerprint.
    pub fn fingerprint(&self) -> String {
        format!("{}|{}", self.enterprise_id, self.jurisdiction)
    }
}

/// Filters of `ListHazards`; empty strings, `None` and `false` match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HazardFilter {
    pub open_only: bool,
    pub level: Option<HazardLevel>,
    pub enterprise_id: String,
    pub jurisdiction: String,
}

impl HazardFilter {
    /// Stable text for the page token's fingerprint.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.open_only,
            self.level.map(HazardLevel::code).unwrap_or_default(),
            self.enterprise_id,
            self.jurisdiction
        )
    }

    /// The stored level code, empty for any.
    pub fn level_code(&self) -> &'static str {
        self.level.map(HazardLevel::code).unwrap_or_default()
    }
}

/// Where a page of hazards continues: after hazard `position` of inspection `inspection_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardKey {
    pub inspection_id: String,
    pub position: i32,
}

impl HazardKey {
    /// The key as a page token carries it: `{inspection_id}/{position}`.
    pub fn encode(&self) -> String {
        format!("{}/{}", self.inspection_id, self.position)
    }

    /// The key a page token carried; `None` for the first page, INVALID_ARGUMENT for garbage.
    pub fn decode(after: &str) -> Result<Option<HazardKey>> {
        if after.is_empty() {
            return Ok(None);
        }
        after
            .rsplit_once('/')
            .and_then(|(id, position)| {
                Some(HazardKey {
                    inspection_id: id.to_owned(),
                    position: position.parse().ok()?,
                })
            })
            .map(Some)
            .ok_or_else(|| Error::invalid("page_token", "分页令牌无效 (page_token is invalid)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazard_keys_round_trip_and_garbage_is_refused() {
        let key = HazardKey {
            inspection_id: "0190f0a0-5b3c-7000-8000-00000000002a".into(),
            position: 3,
        };
        assert_eq!(HazardKey::decode(&key.encode()).ok(), Some(Some(key)));
        assert_eq!(HazardKey::decode("").ok(), Some(None), "the first page");
        for garbage in ["abc", "x/y"] {
            assert!(HazardKey::decode(garbage).is_err(), "{garbage:?}");
        }
    }
}
