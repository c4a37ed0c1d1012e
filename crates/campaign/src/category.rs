//! The plan's categories (plan §3(二)): how a 散乱污 workshop is dealt with, or that it is not one.

use serde::{Deserialize, Serialize};

/// How a 散乱污 workshop is dealt with, or that it is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// 升级改造: upgrade in place.
    Upgrade,
    /// 集聚搬迁: relocate into an industrial park.
    Relocate,
    /// 关停取缔: close down (两断三清).
    Close,
    /// Not a 散乱污 workshop.
    #[serde(rename = "none")]
    NotTarget,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 4] = [
        Category::Upgrade,
        Category::Relocate,
        Category::Close,
        Category::NotTarget,
    ];

    /// Stable code, the same as the serde name: `upgrade`, `relocate`, `close`, `none`.
    pub fn code(self) -> &'static str {
        match self {
            Category::Upgrade => "upgrade",
            Category::Relocate => "relocate",
            Category::Close => "close",
            Category::NotTarget => "none",
        }
    }

    /// The category for a code, the inverse of [`Category::code`].
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The plan's name for the category.
    pub fn title_zh(self) -> &'static str {
        match self {
            Category::Upgrade => "升级改造",
            Category::Relocate => "集聚搬迁",
            Category::Close => "关停取缔",
            Category::NotTarget => "不属于散乱污",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_have_stable_codes_serde_names_and_titles() {
        let cases = [
            (Category::Upgrade, "upgrade", "升级改造"),
            (Category::Relocate, "relocate", "集聚搬迁"),
            (Category::Close, "close", "关停取缔"),
            (Category::NotTarget, "none", "不属于散乱污"),
        ];
        for (category, code, title) in cases {
            assert_eq!(category.code(), code, "{category:?} code");
            assert_eq!(category.title_zh(), title, "{category:?} title");
            assert_eq!(
                Category::from_code(code),
                Some(category),
                "{code} round trip"
            );
            let json = serde_json::to_string(&category).expect("serialises");
            assert_eq!(json, format!("\"{code}\""), "{category:?} serde name");
        }
    }
}
