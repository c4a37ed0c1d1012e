//! The page where a user changes their password.

use askama::Template;

use crate::layout::Layout;

/// `/password`.
#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub layout: Layout,
    /// The password was set by an administrator and must be changed first.
    pub forced: bool,
    /// What was wrong with the last attempt, one line each.
    pub errors: Vec<String>,
    pub csrf_token: String,
}
