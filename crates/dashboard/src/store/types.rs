//! What the dashboard's tables hold, as Rust values.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

/// What a user may see and do on the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The leading-group office (领导小组办公室).
    Office,
    /// County government / supervision (县政府、督导).
    Government,
}

impl Role {
    /// The stored and typed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Office => "office",
            Role::Government => "government",
        }
    }

    /// The Chinese name shown on pages.
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Office => "领导小组办公室",
            Role::Government => "县政府（督导）",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Role, String> {
        match s {
            "office" => Ok(Role::Office),
            "government" => Ok(Role::Government),
            other => Err(format!(
                "角色须为 office 或 government (role must be office or government): {other}"
            )),
        }
    }
}

/// A user as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    /// What they type to log in.
    pub login: String,
    /// Their name as pages show it.
    pub display_name: String,
    pub role: Role,
    /// argon2id in PHC string format.
    pub password_hash: String,
    /// The password was set by an administrator: change it before anything else.
    pub must_change_password: bool,
    /// Failed logins since the last success or lockout.
    pub failed_count: i32,
    /// Logins are refused until then.
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
}

impl User {
    /// Whether the account is locked at `now`.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }
}

/// A user to add.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub must_change_password: bool,
}

/// A stored session with its user.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub user: User,
    /// The synchronizer token of this session's forms.
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

/// What happened at a login event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    Success,
    WrongPassword,
    UnknownUser,
    /// This failure locked the account.
    LockedOut,
    /// Refused because the account was locked already.
    RefusedLocked,
    Logout,
    PasswordChanged,
}

impl LoginOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LoginOutcome::Success => "success",
            LoginOutcome::WrongPassword => "wrong_password",
            LoginOutcome::UnknownUser => "unknown_user",
            LoginOutcome::LockedOut => "locked_out",
            LoginOutcome::RefusedLocked => "refused_locked",
            LoginOutcome::Logout => "logout",
            LoginOutcome::PasswordChanged => "password_changed",
        }
    }
}

impl FromStr for LoginOutcome {
    type Err = String;

    fn from_str(s: &str) -> Result<LoginOutcome, String> {
        [
            LoginOutcome::Success,
            LoginOutcome::WrongPassword,
            LoginOutcome::UnknownUser,
            LoginOutcome::LockedOut,
            LoginOutcome::RefusedLocked,
            LoginOutcome::Logout,
            LoginOutcome::PasswordChanged,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
        .ok_or_else(|| format!("unknown login outcome {s}"))
    }
}

/// One row of the login audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// The login name typed (recorded even when no such user exists).
    pub login: String,
    pub at: DateTime<Utc>,
    /// The client's address as the server saw it.
    pub address: String,
    pub outcome: LoginOutcome,
}
