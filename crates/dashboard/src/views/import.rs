//! The import and export page (导入导出).

use askama::Template;

use crate::layout::Layout;
use crate::session::Session;
use crate::state::AppState;
use crate::store::Role;
use crate::views::public::CATEGORIES;

/// A choice of a select.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What the last upload came to.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The whole file was refused: why.
    Refused { message: String },
    /// Rows were bad: each problem, `第 N 行：字段：问题`; nothing was imported.
    Rows { lines: Vec<String> },
    Imported {
        township: String,
        count: usize,
        merged: usize,
    },
}

impl Outcome {
    pub fn refused(message: String) -> Outcome {
        Outcome::Refused { message }
    }

    pub fn rows(errors: Vec<crate::import::report::RowError>) -> Outcome {
        Outcome::Rows {
            lines: errors.iter().map(|e| e.text()).collect(),
        }
    }
}

/// `/import`.
#[derive(Template)]
#[template(path = "import.html")]
pub struct ImportPage {
    pub layout: Layout,
    pub csrf_token: String,
    /// Only the office uploads.
    pub can_import: bool,
    pub jurisdictions: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub outcome: Option<Outcome>,
}

impl ImportPage {
    /// The page for `session`, `selected` the township last chosen.
    pub fn new(
        state: &AppState,
        session: &Session,
        selected: &str,
        outcome: Option<Outcome>,
    ) -> ImportPage {
        ImportPage {
            layout: Layout::signed_in("导入导出", "/import", session),
            csrf_token: session.csrf_token.clone(),
            can_import: session.user.role == Role::Office,
            jurisdictions: state
                .config
                .campaign
                .jurisdictions()
                .map(|j| Choice {
                    value: j.code.clone(),
                    label: j.name.clone(),
                    selected: j.code == selected,
                })
                .collect(),
            categories: CATEGORIES
                .iter()
                .map(|(_, value, label)| Choice {
                    value: (*value).to_owned(),
                    label: (*label).to_owned(),
                    selected: false,
                })
                .collect(),
            outcome,
        }
    }
}
