//! Managing users from outside the pages: `rectifyctl dashboard-user` and the launcher's first
//! administrator. A password set here was chosen by someone else than its user, so the user
//! must change it at the next login.

use chrono::{DateTime, Utc};

use crate::password::{self, PolicyViolation};
use crate::store::{AddUserError, NewUser, Role, Store, User};

/// The login name of the first administrator `rectify up` makes.
pub const INITIAL_ADMIN: &str = "admin";

/// Why a user could not be added or given a password.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("{}", policy_message(.0))]
    Policy(Vec<PolicyViolation>),
    #[error(
        "登录名不能为空，且只能包含字母、数字和 . _ - (the login name must be letters, digits, '.', '_' or '-')"
    )]
    BadLogin,
    #[error("姓名不能为空 (the display name must not be empty)")]
    NoName,
    #[error("没有登录名为 {0} 的用户 (no user with login name {0})")]
    NoSuchUser(String),
    #[error(transparent)]
    Add(#[from] AddUserError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

fn policy_message(broken: &[PolicyViolation]) -> String {
    let lines: Vec<&str> = broken.iter().map(|v| v.message()).collect();
    format!(
        "密码不符合要求 (the password does not meet the policy): {}",
        lines.join("；")
    )
}

impl From<sqlx::Error> for UserError {
    fn from(error: sqlx::Error) -> UserError {
        UserError::Other(error.into())
    }
}

/// A login name people can type: ASCII letters, digits, `.`, `_`, `-`, at most 64.
fn valid_login(login: &str) -> bool {
    !login.is_empty()
        && login.len() <= 64
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Adds `login` with `password`, which must meet the policy; the user changes it at the first
/// login.
pub async fn add(
    store: &Store,
    login: &str,
    display_name: &str,
    role: Role,
    password: &str,
    now: DateTime<Utc>,
) -> Result<User, UserError> {
    if !valid_login(login) {
        return Err(UserError::BadLogin);
    }
    if display_name.trim().is_empty() {
        return Err(UserError::NoName);
    }
    let broken = password::check_policy(login, password);
    if !broken.is_empty() {
        return Err(UserError::Policy(broken));
    }
    let user = NewUser {
        login: login.to_owned(),
        display_name: display_name.trim().to_owned(),
        role,
        password_hash: password::hash(password)?,
        must_change_password: true,
    };
    Ok(store.add_user(&user, now).await?)
}

/// Gives `login` the new `password` (to be changed at the next login), lifts any lockout and
/// ends the user's sessions.
pub async fn reset_password(
    store: &Store,
    login: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    let user = store
        .user_by_login(login)
        .await?
        .ok_or_else(|| UserError::NoSuchUser(login.to_owned()))?;
    let broken = password::check_policy(login, password);
    if !broken.is_empty() {
        return Err(UserError::Policy(broken));
    }
    let hash = password::hash(password)?;
    store.set_password(user.id, &hash, true, now).await?;
    Ok(())
}

/// Lifts a lockout of `login`.
pub async fn unlock(store: &Store, login: &str) -> Result<(), UserError> {
    match store.unlock(login).await? {
        true => Ok(()),
        false => Err(UserError::NoSuchUser(login.to_owned())),
    }
}

/// When there is no user at all, makes the office administrator [`INITIAL_ADMIN`] with a
/// generated one-time password and returns that password (to be shown once; the first login
/// must change it). With users present, does nothing.
pub async fn ensure_initial_admin(
    store: &Store,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    if store.count_users().await? > 0 {
        return Ok(None);
    }
    let password = password::generate()?;
    add(
        store,
        INITIAL_ADMIN,
        "系统管理员",
        Role::Office,
        &password,
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("cannot make the first dashboard user: {e}"))?;
    Ok(Some(password))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_what_people_can_type() {
        let cases = [
            ("li.si", true),
            ("wang_fang-2", true),
            ("", false),
            ("li si", false),
            ("李四", false),
            ("a'; drop", false),
        ];
        for (login, valid) in cases {
            assert_eq!(valid_login(login), valid, "{login:?}");
        }
    }
}
