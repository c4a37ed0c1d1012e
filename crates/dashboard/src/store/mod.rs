//! The dashboard's own tables: users, sessions and the login audit, on PostgreSQL or SQLite.
//!
//! The SQL is written once in `queries.rs` and compiled for each backend by
//! [`rectify_kit::per_backend!`]; [`Store`] picks the backend of its pool.

mod types;

/// The queries, per backend.
mod queries {
    use chrono::{DateTime, Utc};

    use super::FailureState;
    use super::types::{AuditEntry, NewUser, SessionRecord, User};

    rectify_kit::per_backend!("sql_queries.rs");
}

use chrono::{DateTime, Utc};
use rectify_kit::db::Db;
use rectify_kit::dispatch;
use sqlx::migrate::Migrator;

pub use types::{AuditEntry, LoginOutcome, NewUser, Role, SessionRecord, User};

/// The dashboard's migrations on PostgreSQL, numbered from 2001 so that a host (the
/// coordinator) can run them beside its own in one database.
pub static MIGRATIONS_POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
/// The dashboard's migrations on SQLite.
pub static MIGRATIONS_SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// Why a user could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    #[error("登录名 {0} 已存在 (login name {0} is taken)")]
    LoginTaken(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The state of a user's failed logins after one more failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailureState {
    /// Failures since the last success or lockout.
    pub failed_count: i32,
    /// Set when this failure locked the account (or it was locked already).
    pub locked_until: Option<DateTime<Utc>>,
}

/// The dashboard's tables on one database.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

impl Store {
    /// The tables on `db`, which must already be migrated ([`Store::migrate`]).
    pub fn new(db: Db) -> Store {
        Store { db }
    }

    /// Opens `url` (`postgres://…` or `sqlite:…`) and runs the dashboard's migrations.
    pub async fn open(url: &str) -> anyhow::Result<Store> {
        let store = Store::new(Db::open(url, 8).await?);
        store.migrate().await?;
        Ok(store)
    }

    /// Runs the dashboard's migrations only. Migrations of other owners already applied to the
    /// same database (a host's own) are left alone.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        use anyhow::Context as _;
        match &self.db {
            Db::Postgres(pool) => own(&MIGRATIONS_POSTGRES)
                .run(pool)
                .await
                .context("dashboard PostgreSQL migrations failed")?,
            Db::Sqlite(pool) => own(&MIGRATIONS_SQLITE)
                .run(pool)
                .await
                .context("dashboard SQLite migrations failed")?,
        }
        Ok(())
    }

    /// The pool underneath.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Adds a user; the login name must be new.
    pub async fn add_user(&self, user: &NewUser, now: DateTime<Utc>) -> Result<User, AddUserError> {
        let added: sqlx::Result<User> = dispatch!(&self.db, queries => add_user(user, now));
        added.map_err(|error| match error.as_database_error() {
            Some(db) if db.is_unique_violation() => AddUserError::LoginTaken(user.login.clone()),
            _ => AddUserError::Database(error),
        })
    }

    /// The user who logs in as `login`.
    pub async fn user_by_login(&self, login: &str) -> sqlx::Result<Option<User>> {
        dispatch!(&self.db, queries => user_by_login(login))
    }

    /// Every user, by login name.
    pub async fn users(&self) -> sqlx::Result<Vec<User>> {
        dispatch!(&self.db, queries => users())
    }

    /// How many users there are.
    pub async fn count_users(&self) -> sqlx::Result<i64> {
        dispatch!(&self.db, queries => count_users())
    }

    /// Replaces `user_id`'s password hash; `must_change` makes the next login change it again.
    /// Every session of the user ends, so a stolen session does not outlive a password change.
    pub async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        must_change: bool,
        now: DateTime<Utc>,
    ) -> sqlx::Result<()> {
        dispatch!(&self.db, queries => set_password(user_id, password_hash, must_change, now))
    }

    /// Lifts a lockout and forgets failed attempts; false when there is no such user.
    pub async fn unlock(&self, login: &str) -> sqlx::Result<bool> {
        dispatch!(&self.db, queries => unlock(login))
    }

    /// Counts one more failed login of `user_id`; the `threshold`-th failure in a row locks the
    /// account until `lock_until` and starts the count afresh.
    pub async fn record_failure(
        &self,
        user_id: i64,
        threshold: i32,
        lock_until: DateTime<Utc>,
    ) -> sqlx::Result<FailureState> {
        dispatch!(&self.db, queries => record_failure(user_id, threshold, lock_until))
    }

    /// A successful login: the failure count starts again from zero.
    pub async fn record_success(&self, user_id: i64) -> sqlx::Result<()> {
        dispatch!(&self.db, queries => record_success(user_id))
    }

    /// Stores a new session (the SHA-256 of its id, never the id).
    pub async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        csrf_token: &str,
        now: DateTime<Utc>,
    ) -> sqlx::Result<()> {
        dispatch!(&self.db, queries => create_session(id_hash, user_id, csrf_token, now))
    }

    /// The session whose id hashes to `id_hash`, with its user.
    pub async fn session(&self, id_hash: &str) -> sqlx::Result<Option<SessionRecord>> {
        dispatch!(&self.db, queries => session(id_hash))
    }

    /// Marks the session as used at `now` (the idle timeout counts from here).
    pub async fn touch_session(&self, id_hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
        dispatch!(&self.db, queries => touch_session(id_hash, now))
    }

    /// Ends one session.
    pub async fn delete_session(&self, id_hash: &str) -> sqlx::Result<()> {
        dispatch!(&self.db, queries => delete_session(id_hash))
    }

    /// Records a login event.
    pub async fn audit(&self, entry: &AuditEntry) -> sqlx::Result<()> {
        dispatch!(&self.db, queries => audit(entry))
    }

    /// The login events recorded for `login`, oldest first.
    pub async fn audit_of(&self, login: &str) -> sqlx::Result<Vec<AuditEntry>> {
        dispatch!(&self.db, queries => audit_of(login))
    }
}

/// A migrator of the dashboard's own set that tolerates migrations of others in the same
/// database.
fn own(set: &Migrator) -> Migrator {
    let mut migrator = Migrator::with_migrations(set.iter().cloned().collect());
    migrator.set_ignore_missing(true);
    migrator
}
