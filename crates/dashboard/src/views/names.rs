//! How the coordinator's codes read on the pages: lifecycle and item states, categories,
//! measure kinds, parties, times and shares, in Chinese.

use prost_types::Timestamp;
use rectify_campaign::{ApprovalKind, Campaign};
use rectify_proto::registry::v1::{Category, LifecycleState};
use rectify_proto::workitems::v1::State;

use crate::views::public::category_names;

/// Every lifecycle state, with its filter value and Chinese name, in lifecycle order.
pub const STATES: [(LifecycleState, &str, &str); 7] = [
    (LifecycleState::Reported, "reported", "已上报"),
    (LifecycleState::Confirmed, "confirmed", "已确认"),
    (LifecycleState::Rejected, "rejected", "不属于散乱污"),
    (LifecycleState::Classified, "classified", "已分类"),
    (LifecycleState::Published, "published", "整治中"),
    (LifecycleState::SignedOff, "signed_off", "已销号"),
    (LifecycleState::UnderWatch, "under_watch", "销号后巡查"),
];

/// The Chinese name of a lifecycle state.
pub fn state_zh(state: i32) -> &'static str {
    STATES
        .iter()
        .find(|(s, _, _)| *s as i32 == state)
        .map(|(_, _, zh)| *zh)
        .unwrap_or("未知")
}

/// The Chinese name of a work item's state.
pub fn item_state_zh(state: i32) -> &'static str {
    match State::try_from(state).unwrap_or(State::Unspecified) {
        State::Unspecified => "未知",
        State::Pending => "未开始",
        State::InProgress => "办理中",
        State::Done => "已完成",
        State::Verified => "已核验",
        State::Blocked => "受阻",
        State::Waived => "已豁免",
        State::Cancelled => "已取消",
    }
}

/// The Chinese name of a category (`未分类` for none yet).
pub fn category_zh(category: i32) -> &'static str {
    category_names(Category::try_from(category).unwrap_or(Category::Unspecified)).0
}

/// The Chinese name of a summary's category key (`upgrade`, …, `none`, `unspecified`).
pub fn category_key_zh(key: &str) -> &'static str {
    match key {
        "upgrade" => "升级改造",
        "relocate" => "集聚搬迁",
        "close" => "关停取缔",
        "none" => "不属于散乱污",
        _ => "未分类",
    }
}

/// The title of a measure kind from the campaign's catalog (`approval.land_use` is the
/// supplementary approval of that kind), or the kind itself.
pub fn measure_title(campaign: &Campaign, kind: &str) -> String {
    if let Some(entry) = campaign.catalog().iter().find(|e| e.kind == kind) {
        return entry.title.clone();
    }
    if let Some((prefix, code)) = kind.split_once('.')
        && let Some(approval) = ApprovalKind::from_code(code)
        && campaign.catalog().iter().any(|e| e.kind == prefix)
    {
        return format!("补办{}", approval.title_zh());
    }
    kind.to_owned()
}

/// `when` in China Standard Time to the minute; empty when unset.
pub fn time_cst(when: Option<&Timestamp>) -> String {
    when.and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
        .map(|t| {
            t.with_timezone(&rectify_kit::clock::cst())
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// A share 0..1 as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The id part of `enterprises/{id}`.
pub fn enterprise_id(name: &str) -> &str {
    name.strip_prefix("enterprises/").unwrap_or(name)
}
