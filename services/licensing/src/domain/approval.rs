//! One approval of an enterprise and where it stands: the approval is one of the campaign's
//! seven ([`ApprovalKind`], each granted by one bureau), its standing what its bureau recorded.

use chrono::NaiveDate;
use rectify_campaign::ApprovalKind;
use rectify_proto::licensing::v1 as pb;

/// One of the seven approvals, as this service stores and shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Approval(pub ApprovalKind);

/// The prefix of the work-item kinds that obtain a missing approval: `approval.<code>`.
pub const ITEM_KIND_PREFIX: &str = "approval.";

impl Approval {
    /// The seven, in the plan's order.
    pub fn all() -> impl Iterator<Item = Approval> {
        ApprovalKind::ALL.into_iter().map(Approval)
    }

    /// Stable code, e.g. `environmental`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The approval of `code`.
    pub fn from_code(code: &str) -> Option<Approval> {
        ApprovalKind::from_code(code).map(Approval)
    }

    /// Party code of the bureau that grants it.
    pub fn bureau(&self) -> &'static str {
        self.0.owner_bureau()
    }

    /// The kind of the work item that obtains it, e.g. `approval.environmental`.
    pub fn item_kind(&self) -> String {
        format!("{ITEM_KIND_PREFIX}{}", self.code())
    }

    /// The approval an `approval.<code>` item kind obtains.
    pub fn of_item_kind(kind: &str) -> Option<Approval> {
        kind.strip_prefix(ITEM_KIND_PREFIX)
            .and_then(Approval::from_code)
    }

    /// The API's value; never UNSPECIFIED.
    pub fn to_proto(self) -> pb::ApprovalKind {
        use pb::ApprovalKind as K;
        match self.0 {
            ApprovalKind::MiitFiling => K::MiitFiling,
            ApprovalKind::NdrcProject => K::NdrcProject,
            ApprovalKind::LandUse => K::LandUse,
            ApprovalKind::Environmental => K::Environmental,
            ApprovalKind::BusinessLicence => K::BusinessLicence,
            ApprovalKind::Safety => K::Safety,
            ApprovalKind::WaterIntake => K::WaterIntake,
        }
    }

    /// The approval the API's value names; `None` for UNSPECIFIED.
    pub fn from_proto(kind: pb::ApprovalKind) -> Option<Approval> {
        use pb::ApprovalKind as K;
        let kind = match kind {
            K::Unspecified => return None,
            K::MiitFiling => ApprovalKind::MiitFiling,
            K::NdrcProject => ApprovalKind::NdrcProject,
            K::LandUse => ApprovalKind::LandUse,
            K::Environmental => ApprovalKind::Environmental,
            K::BusinessLicence => ApprovalKind::BusinessLicence,
            K::Safety => ApprovalKind::Safety,
            K::WaterIntake => ApprovalKind::WaterIntake,
        };
        Some(Approval(kind))
    }
}

/// A grant as its bureau recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// Not empty, at most 64 characters.
    pub permit_number: String,
    /// Not empty, at most 100 characters.
    pub issuer: String,
    /// Not after the day it was recorded.
    pub granted_on: NaiveDate,
}

/// A revocation as its bureau recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revoked {
    pub reason: String,
    /// Not after the day it was recorded.
    pub revoked_on: NaiveDate,
}

/// Where an approval stands, as recorded by its bureau.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    Missing,
    Applied,
    Granted(Grant),
    Refused { reason: String },
    Revoked(Revoked),
}

/// The status alone, as stored in its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Missing,
    Applied,
    Granted,
    Refused,
    Revoked,
}

rectify_campaign::text_column!(Status, |s| s.code(), Status::from_code);

impl Status {
    const ALL: [Status; 5] = [
        Status::Missing,
        Status::Applied,
        Status::Granted,
        Status::Refused,
        Status::Revoked,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Applied => "applied",
            Status::Granted => "granted",
            Status::Refused => "refused",
            Status::Revoked => "revoked",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the enterprise lacks the approval in this status.
    pub fn lacking(self) -> bool {
        self != Status::Granted
    }

    pub fn to_proto(self) -> pb::ApprovalStatus {
        match self {
            Status::Missing => pb::ApprovalStatus::Missing,
            Status::Applied => pb::ApprovalStatus::Applied,
            Status::Granted => pb::ApprovalStatus::Granted,
            Status::Refused => pb::ApprovalStatus::Refused,
            Status::Revoked => pb::ApprovalStatus::Revoked,
        }
    }
}

impl Standing {
    pub fn status(&self) -> Status {
        match self {
            Standing::Missing => Status::Missing,
            Standing::Applied => Status::Applied,
            Standing::Granted(_) => Status::Granted,
            Standing::Refused { .. } => Status::Refused,
            Standing::Revoked(_) => Status::Revoked,
        }
    }
}

/// The codes the `approval.<code>` kinds lacking in `status` are stored under, for SQL.
pub fn lacking_codes() -> Vec<&'static str> {
    Status::ALL
        .into_iter()
        .filter(|s| s.lacking())
        .map(|s| s.code())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_approval_round_trips_through_its_code_item_kind_and_proto() {
        for approval in Approval::all() {
            let code = approval.code();
            assert_eq!(Approval::from_code(code), Some(approval), "{code} by code");
            assert_eq!(
                Approval::of_item_kind(&approval.item_kind()),
                Some(approval),
                "{code} by item kind"
            );
            assert_eq!(
                Approval::from_proto(approval.to_proto()),
                Some(approval),
                "{code} by proto"
            );
        }
        assert_eq!(Approval::all().count(), 7, "seven approvals");
        assert_eq!(
            Approval::of_item_kind("water_cut"),
            None,
            "not an approval item"
        );
        assert_eq!(
            Approval::of_item_kind("approval.nuclear"),
            None,
            "unknown code"
        );
        assert_eq!(Approval::from_proto(pb::ApprovalKind::Unspecified), None);
    }

    #[test]
    fn every_status_round_trips_and_only_granted_is_held() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status), "{status:?}");
            assert_eq!(status.lacking(), status != Status::Granted, "{status:?}");
        }
        assert_eq!(Status::from_code("held"), None, "unknown code");
        assert_eq!(lacking_codes().len(), 4);
    }
}
