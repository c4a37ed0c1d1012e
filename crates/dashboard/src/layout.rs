//! The frame every page shares: its title, the navigation (总览, 企业台账, 督导, 反弹巡查, 公示)
//! and who is logged in, as a view model the base template reads.

use crate::session::Session;

/// One entry of the navigation.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
    /// Pages fed by the coordinator's projections are listed before they exist, greyed out.
    pub available: bool,
    pub active: bool,
}

/// The navigation: label, address, and whether the page exists yet; 导入导出 holds the ledger's
/// export and the survey import.
const NAV: [(&str, &str, bool); 6] = [
    ("总览", "/", true),
    ("企业台账", "/enterprises", true),
    ("督导", "/supervision", true),
    ("反弹巡查", "/rebounds", true),
    ("公示", "/public", true),
    ("导入导出", "/import", true),
];

/// Who is logged in, as the header shows it.
#[derive(Clone, Debug)]
pub struct UserBadge {
    pub display_name: String,
    pub role_zh: &'static str,
}

/// What the base template needs from every page.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The page's title (after "桦川县散乱污整治 · " in the window title).
    pub title: String,
    pub nav: Vec<NavItem>,
    /// `None` on pages seen without logging in.
    pub user: Option<UserBadge>,
    /// The session's CSRF token, for the logout form; empty without a session.
    pub csrf_token: String,
}

impl Layout {
    /// A page of a logged-in user, `active` being its entry's address.
    pub fn signed_in(title: &str, active: &str, session: &Session) -> Layout {
        Layout {
            title: title.to_owned(),
            nav: nav(active, |_| true),
            user: Some(UserBadge {
                display_name: session.user.display_name.clone(),
                role_zh: session.user.role.name_zh(),
            }),
            csrf_token: session.csrf_token.clone(),
        }
    }

    /// A page anyone may see: the navigation shows only the public list.
    pub fn public(title: &str, active: &str) -> Layout {
        Layout {
            title: title.to_owned(),
            nav: nav(active, |href| href == "/public"),
            user: None,
            csrf_token: String::new(),
        }
    }

    /// Whether the page listens for live updates (only logged-in pages may).
    pub fn live(&self) -> bool {
        self.user.is_some()
    }
}

fn nav(active: &str, shown: impl Fn(&str) -> bool) -> Vec<NavItem> {
    NAV.iter()
        .filter(|(_, href, _)| shown(href))
        .map(|&(label, href, available)| NavItem {
            label,
            href,
            available,
            active: href == active,
        })
        .collect()
}
