//! Checking a login: the password, the lockout after repeated failures, and the audit of every
//! attempt (MLPS level 3: lockout and audited logins).

use chrono::{DateTime, Duration, Utc};

use crate::password;
use crate::store::{AuditEntry, LoginOutcome, Store, User};

/// Failed logins in a row that lock an account.
pub const MAX_FAILURES: i32 = 5;
/// How long a locked account stays locked.
pub const LOCKOUT: Duration = Duration::minutes(15);

/// Why a login was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Wrong password or unknown login name (the two are not told apart).
    Wrong,
    /// This failure locked the account, until then.
    LockedNow { until: DateTime<Utc> },
    /// The account was locked already, until then.
    Locked { until: DateTime<Utc> },
}

impl Refusal {
    /// What the login page says, in Chinese with English beside it. Times are China Standard Time.
    pub fn message(&self) -> String {
        match self {
            Refusal::Wrong => format!(
                "登录名或密码错误；连续 {MAX_FAILURES} 次错误将锁定账户 {} 分钟 \
                 (wrong login name or password; {MAX_FAILURES} failures in a row lock the account for {} minutes)",
                LOCKOUT.num_minutes(),
                LOCKOUT.num_minutes()
            ),
            Refusal::LockedNow { until } => format!(
                "密码连续错误 {MAX_FAILURES} 次，账户已锁定 {} 分钟，至 {} 解锁 \
                 (wrong password {MAX_FAILURES} times: the account is locked for {} minutes, until {})",
                LOCKOUT.num_minutes(),
                cst(*until),
                LOCKOUT.num_minutes(),
                cst(*until)
            ),
            Refusal::Locked { until } => format!(
                "账户已锁定，至 {} 解锁；如需提前解锁请联系管理员 \
                 (the account is locked until {}; an administrator can unlock it sooner)",
                cst(*until),
                cst(*until)
            ),
        }
    }
}

/// `at` as a wall-clock time in China Standard Time, to the minute.
fn cst(at: DateTime<Utc>) -> String {
    at.with_timezone(&rectify_kit::clock::cst())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Checks `login` / `password` from `address` at `now`, counts failures, locks after
/// [`MAX_FAILURES`], and records the attempt in the login audit.
pub async fn authenticate(
    store: &Store,
    login: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<User, Refusal>> {
    let user = store.user_by_login(login).await?;
    let (outcome, answer) = match user {
        None => {
            let password = password.to_owned();
            tokio::task::spawn_blocking(move || password::verify_nobody(&password)).await?;
            (LoginOutcome::UnknownUser, Err(Refusal::Wrong))
        }
        Some(user) => match user.locked_at(now) {
            Some(until) => (LoginOutcome::RefusedLocked, Err(Refusal::Locked { until })),
            None => {
                let (password, hash) = (password.to_owned(), user.password_hash.clone());
                let matches =
                    tokio::task::spawn_blocking(move || password::verify(&password, &hash)).await?;
                if matches {
                    store.record_success(user.id).await?;
                    (LoginOutcome::Success, Ok(user))
                } else {
                    let state = store
                        .record_failure(user.id, MAX_FAILURES, now + LOCKOUT)
                        .await?;
                    match state.locked_until.filter(|until| *until > now) {
                        Some(until) => (LoginOutcome::LockedOut, Err(Refusal::LockedNow { until })),
                        None => (LoginOutcome::WrongPassword, Err(Refusal::Wrong)),
                    }
                }
            }
        },
    };
    store
        .audit(&AuditEntry {
            login: login.to_owned(),
            at: now,
            address: address.to_owned(),
            outcome,
        })
        .await?;
    match &answer {
        Ok(_) => tracing::info!(login, address, "dashboard login"),
        Err(refusal) => tracing::warn!(login, address, ?refusal, "dashboard login refused"),
    }
    Ok(answer)
}
