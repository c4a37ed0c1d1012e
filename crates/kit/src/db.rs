//! The database a service runs on: PostgreSQL in production, SQLite embedded.
//! Concrete pools, no `sqlx::Any`; SQL that differs between dialects lives in
//! [`postgres`] and [`sqlite`] below, and [`per_backend!`](crate::per_backend)
//! compiles a service's query file once for each.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// A connection pool on one of the two supported backends.
#[derive(Clone, Debug)]
pub enum Db {
    Postgres(PgPool),
    Sqlite(SqlitePool),
}

/// A service's embedded migrations, per backend: its own and those of the
/// shared crates it uses (e.g. the work-item tables), each set numbered in its
/// own range (shared kit tables below 100, work items 100–999, the service's
/// own 1000 and up).
#[derive(Clone, Copy, Debug)]
pub struct Migrations {
    pub postgres: &'static [&'static Migrator],
    pub sqlite: &'static [&'static Migrator],
}

static KIT_POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static KIT_SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

impl Db {
    /// Opens a pool for a `postgres://` or `sqlite:` URL. PostgreSQL connects
    /// lazily, so a service can start (NOT_SERVING) before its database is up.
    pub async fn open(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(5))
                .connect_lazy(url)
                .context("invalid PostgreSQL URL")?;
            Ok(Db::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .context("invalid SQLite URL")?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true);
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections.clamp(1, 8))
                .connect_with(options)
                .await
                .context("cannot open SQLite database")?;
            Ok(Db::Sqlite(pool))
        } else {
            anyhow::bail!("database URL must start with postgres:// or sqlite:")
        }
    }

    /// Runs the shared tables' migrations and then the service's own.
    pub async fn migrate(&self, service: Migrations) -> anyhow::Result<()> {
        match self {
            Db::Postgres(pool) => combined(&KIT_POSTGRES, service.postgres)
                .run(pool)
                .await
                .context("PostgreSQL migrations failed")?,
            Db::Sqlite(pool) => combined(&KIT_SQLITE, service.sqlite)
                .run(pool)
                .await
                .context("SQLite migrations failed")?,
        }
        Ok(())
    }

    /// One round trip, to tell whether the database answers.
    pub async fn ping(&self) -> anyhow::Result<()> {
        match self {
            Db::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await?,
            Db::Sqlite(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
                return Ok(());
            }
        };
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Db::Postgres(pool) => pool.close().await,
            Db::Sqlite(pool) => pool.close().await,
        }
    }
}

/// The kit's shared tables' migrations and then the service's, in version order. Migrations
/// of another owner already applied to the same database are left alone: the coordinator's
/// binary keeps the dashboard's tables (2001 and up) in its own database.
fn combined(kit: &Migrator, service: &[&Migrator]) -> Migrator {
    let mut migrations: Vec<_> = kit.iter().cloned().collect();
    for set in service {
        migrations.extend(set.iter().cloned());
    }
    migrations.sort_by_key(|m| m.version);
    let mut migrator = Migrator::with_migrations(migrations);
    migrator.set_ignore_missing(true);
    migrator
}

/// PostgreSQL's side of the dialect differences.
pub mod postgres {
    /// Starts a transaction (READ COMMITTED; writers lock rows they change).
    pub async fn begin(
        pool: &sqlx::PgPool,
    ) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        pool.begin().await
    }

    /// Row lock clause appended to a `SELECT` that is followed by an update.
    pub const FOR_UPDATE: &str = " FOR UPDATE";

    /// Serialises transactions on `key` until commit (an advisory lock), for
    /// a check-then-insert that no unique constraint can guard.
    pub async fn lock_key(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        key: &str,
    ) -> sqlx::Result<()> {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

/// SQLite's side of the dialect differences.
pub mod sqlite {
    /// Starts a write transaction that takes the database lock at once, so a
    /// read-then-write cannot fail half-way with SQLITE_BUSY.
    pub async fn begin(
        pool: &sqlx::SqlitePool,
    ) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// SQLite locks the whole database for a writer; no row locks.
    pub const FOR_UPDATE: &str = "";

    /// A write transaction already holds the whole database.
    pub async fn lock_key(
        _tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        _key: &str,
    ) -> sqlx::Result<()> {
        Ok(())
    }
}

/// Compiles a file of query functions once per backend, as modules `postgres`
/// and `sqlite` of the calling module. Inside the file, `Db`, `Pool`, `Tx<'_>`
/// and `dialect` name the backend's types and its side of the differences.
#[macro_export]
macro_rules! per_backend {
    ($file:literal) => {
        /// The queries compiled for PostgreSQL.
        pub mod postgres {
            #![allow(unused_imports)]
            use super::*;
            pub type Db = ::sqlx::Postgres;
            pub type Pool = ::sqlx::PgPool;
            pub type Tx<'c> = ::sqlx::Transaction<'c, ::sqlx::Postgres>;
            pub use $crate::backend::postgres as kit;
            pub use $crate::db::postgres as dialect;
            include!($file);
        }
        /// The queries compiled for SQLite.
        pub mod sqlite {
            #![allow(unused_imports)]
            use super::*;
            pub type Db = ::sqlx::Sqlite;
            pub type Pool = ::sqlx::SqlitePool;
            pub type Tx<'c> = ::sqlx::Transaction<'c, ::sqlx::Sqlite>;
            pub use $crate::backend::sqlite as kit;
            pub use $crate::db::sqlite as dialect;
            include!($file);
        }
    };
}

/// `dispatch!(db, some::module => f(args…))` calls `some::module::postgres::f(pool, args…)`
/// or `some::module::sqlite::f(pool, args…)` for the backend of `db`, and awaits it.
#[macro_export]
macro_rules! dispatch {
    ($db:expr, $($module:ident)::+ => $func:ident ( $($arg:expr),* $(,)? )) => {
        match $db {
            $crate::db::Db::Postgres(pool) => $($module)::+::postgres::$func(pool, $($arg),*).await,
            $crate::db::Db::Sqlite(pool) => $($module)::+::sqlite::$func(pool, $($arg),*).await,
        }
    };
}

/// `dispatch_write!(journal, some::module => f(args…))`: a write through `dispatch!` on the
/// journal's database, `journal` passed as the first argument after the pool, run again once
/// when it lost a race on a unique key (see [`crate::idempotency::retrying_once`]).
#[macro_export]
macro_rules! dispatch_write {
    ($journal:expr, $($module:ident)::+ => $func:ident ( $($arg:expr),* $(,)? )) => {{
        let journal = &$journal;
        $crate::idempotency::retrying_once(|| async {
            $crate::dispatch!(journal.db(), $($module)::+ => $func(journal, $($arg),*))
        })
        .await
    }};
}
