//! The seven approvals (审批手续) a workshop may lack (plan §1(二)), each granted by one bureau.

use serde::{Deserialize, Serialize};

/// One of the seven approvals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKind {
    /// 工信 备案.
    MiitFiling,
    /// 发改 立项.
    NdrcProject,
    /// 自然资源 用地.
    LandUse,
    /// 生态环境 环评/排污许可.
    Environmental,
    /// 市监 营业执照.
    BusinessLicence,
    /// 应急 安全.
    Safety,
    /// 水务 取水许可.
    WaterIntake,
}

impl ApprovalKind {
    /// Every approval, in the plan's order.
    pub const ALL: [ApprovalKind; 7] = [
        ApprovalKind::MiitFiling,
        ApprovalKind::NdrcProject,
        ApprovalKind::LandUse,
        ApprovalKind::Environmental,
        ApprovalKind::BusinessLicence,
        ApprovalKind::Safety,
        ApprovalKind::WaterIntake,
    ];

    /// Code of the bureau that grants this approval.
    pub fn owner_bureau(self) -> &'static str {
        match self {
            ApprovalKind::MiitFiling => "miit",
            ApprovalKind::NdrcProject => "ndrc",
            ApprovalKind::LandUse => "land",
            ApprovalKind::Environmental => "eco",
            ApprovalKind::BusinessLicence => "market",
            ApprovalKind::Safety => "safety",
            ApprovalKind::WaterIntake => "water",
        }
    }

    /// Stable code, also the approval's field name in the criteria (e.g. `"miit_filing"`).
    pub fn code(self) -> &'static str {
        match self {
            ApprovalKind::MiitFiling => "miit_filing",
            ApprovalKind::NdrcProject => "ndrc_project",
            ApprovalKind::LandUse => "land_use",
            ApprovalKind::Environmental => "environmental",
            ApprovalKind::BusinessLicence => "business_licence",
            ApprovalKind::Safety => "safety",
            ApprovalKind::WaterIntake => "water_intake",
        }
    }

    /// The approval for a code, the inverse of [`ApprovalKind::code`].
    pub fn from_code(code: &str) -> Option<ApprovalKind> {
        ApprovalKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    /// Title of the measure that obtains this approval after the fact.
    pub fn title_zh(self) -> &'static str {
        match self {
            ApprovalKind::MiitFiling => "补办工信备案手续",
            ApprovalKind::NdrcProject => "补办发改立项手续",
            ApprovalKind::LandUse => "补办用地审批手续",
            ApprovalKind::Environmental => "补办环评/排污许可手续",
            ApprovalKind::BusinessLicence => "办理营业执照",
            ApprovalKind::Safety => "补办安全生产手续",
            ApprovalKind::WaterIntake => "办理取水许可",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_approval_has_its_bureau_code_and_title() {
        let cases = [
            (
                ApprovalKind::MiitFiling,
                "miit",
                "miit_filing",
                "补办工信备案手续",
            ),
            (
                ApprovalKind::NdrcProject,
                "ndrc",
                "ndrc_project",
                "补办发改立项手续",
            ),
            (
                ApprovalKind::LandUse,
                "land",
                "land_use",
                "补办用地审批手续",
            ),
            (
                ApprovalKind::Environmental,
                "eco",
                "environmental",
                "补办环评/排污许可手续",
            ),
            (
                ApprovalKind::BusinessLicence,
                "market",
                "business_licence",
                "办理营业执照",
            ),
            (ApprovalKind::Safety, "safety", "safety", "补办安全生产手续"),
            (
                ApprovalKind::WaterIntake,
                "water",
                "water_intake",
                "办理取水许可",
            ),
        ];
        assert_eq!(cases.len(), ApprovalKind::ALL.len(), "table covers ALL");
        for (kind, bureau, code, title) in cases {
            assert_eq!(kind.owner_bureau(), bureau, "{kind:?} bureau");
            assert_eq!(kind.code(), code, "{kind:?} code");
            assert_eq!(kind.title_zh(), title, "{kind:?} title");
            assert_eq!(
                ApprovalKind::from_code(code),
                Some(kind),
                "{code} round trip"
            );
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(
                json,
                format!("\"{code}\""),
                "{kind:?} serde name is its code"
            );
        }
    }
}
