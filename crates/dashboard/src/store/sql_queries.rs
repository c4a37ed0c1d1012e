// The dashboard's queries, compiled once per backend by `per_backend!` (see mod.rs).

/// The columns of a user, in [`UserRow`] order, qualified with `u.`.
const USER_COLUMNS: &str = "u.id, u.login, u.display_name, u.role, u.password_hash, \
     u.must_change_password, u.failed_count, u.locked_until, u.created_at, u.password_changed_at";

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    login: String,
    display_name: String,
    role: String,
    password_hash: String,
    must_change_password: bool,
    failed_count: i32,
    locked_until: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    password_changed_at: DateTime<Utc>,
}

impl UserRow {
    fn into_user(self) -> sqlx::Result<User> {
        let role = self
            .role
            .parse()
            .map_err(|e: String| sqlx::Error::Decode(e.into()))?;
        Ok(User {
            id: self.id,
            login: self.login,
            display_name: self.display_name,
            role,
            password_hash: self.password_hash,
            must_change_password: self.must_change_password,
            failed_count: self.failed_count,
            locked_until: self.locked_until,
            created_at: self.created_at,
            password_changed_at: self.password_changed_at,
        })
    }
}

pub async fn add_user(pool: &Pool, user: &NewUser, now: DateTime<Utc>) -> sqlx::Result<User> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO dashboard_users (login, display_name, role, password_hash, \
         must_change_password, failed_count, created_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
    )
    .bind(&user.login)
    .bind(&user.display_name)
    .bind(user.role.as_str())
    .bind(&user.password_hash)
    .bind(user.must_change_password)
    .bind(now)
    .fetch_one(pool)
    .await?;
    Ok(User {
        id,
        login: user.login.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        password_hash: user.password_hash.clone(),
        must_change_password: user.must_change_password,
        failed_count: 0,
        locked_until: None,
        created_at: now,
        password_changed_at: now,
    })
}

pub async fn user_by_login(pool: &Pool, login: &str) -> sqlx::Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM dashboard_users u WHERE u.login = $1");
    let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(login)
        .fetch_optional(pool)
        .await?;
    row.map(UserRow::into_user).transpose()
}

pub async fn users(pool: &Pool) -> sqlx::Result<Vec<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM dashboard_users u ORDER BY u.login");
    let rows: Vec<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(UserRow::into_user).collect()
}

pub async fn count_users(pool: &Pool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM dashboard_users")
        .fetch_one(pool)
        .await
}

pub async fn set_password(
    pool: &Pool,
    user_id: i64,
    password_hash: &str,
    must_change: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE dashboard_users SET password_hash = $2, must_change_password = $3, \
         password_changed_at = $4, failed_count = 0, locked_until = NULL WHERE id = $1",
    )
    .bind(user_id)
    .bind(password_hash)
    .bind(must_change)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM dashboard_sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

pub async fn unlock(pool: &Pool, login: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE dashboard_users SET failed_count = 0, locked_until = NULL WHERE login = $1",
    )
    .bind(login)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn record_failure(
    pool: &Pool,
    user_id: i64,
    threshold: i32,
    lock_until: DateTime<Utc>,
) -> sqlx::Result<FailureState> {
    // SET reads the row's old values on both backends, so the count and the lock agree.
    let (failed_count, locked_until): (i32, Option<DateTime<Utc>>) = sqlx::query_as(
        "UPDATE dashboard_users SET \
         failed_count = CASE WHEN failed_count + 1 >= $2 THEN 0 ELSE failed_count + 1 END, \
         locked_until = CASE WHEN failed_count + 1 >= $2 THEN $3 ELSE locked_until END \
         WHERE id = $1 RETURNING failed_count, locked_until",
    )
    .bind(user_id)
    .bind(threshold)
    .bind(lock_until)
    .fetch_one(pool)
    .await?;
    Ok(FailureState {
        failed_count,
        locked_until,
    })
}

pub async fn record_success(pool: &Pool, user_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE dashboard_users SET failed_count = 0, locked_until = NULL WHERE id = $1")
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn create_session(
    pool: &Pool,
    id_hash: &str,
    user_id: i64,
    csrf_token: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO dashboard_sessions (id_hash, user_id, csrf_token, created_at, last_seen) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    csrf_token: String,
    session_created_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    #[sqlx(flatten)]
    user: UserRow,
}

pub async fn session(pool: &Pool, id_hash: &str) -> sqlx::Result<Option<SessionRecord>> {
    let sql = format!(
        "SELECT s.csrf_token, s.created_at AS session_created_at, s.last_seen, {USER_COLUMNS} \
         FROM dashboard_sessions s JOIN dashboard_users u ON u.id = s.user_id \
         WHERE s.id_hash = $1"
    );
    let row: Option<SessionRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id_hash)
        .fetch_optional(pool)
        .await?;
    row.map(|row| {
        Ok(SessionRecord {
            user: row.user.into_user()?,
            csrf_token: row.csrf_token,
            created_at: row.session_created_at,
            last_seen: row.last_seen,
        })
    })
    .transpose()
}

pub async fn touch_session(pool: &Pool, id_hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE dashboard_sessions SET last_seen = $2 WHERE id_hash = $1")
        .bind(id_hash)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete_session(pool: &Pool, id_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM dashboard_sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn audit(pool: &Pool, entry: &AuditEntry) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO dashboard_login_audit (login, at, address, outcome) VALUES ($1, $2, $3, $4)",
    )
    .bind(&entry.login)
    .bind(entry.at)
    .bind(&entry.address)
    .bind(entry.outcome.as_str())
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn audit_of(pool: &Pool, login: &str) -> sqlx::Result<Vec<AuditEntry>> {
    let rows: Vec<(String, DateTime<Utc>, String, String)> = sqlx::query_as(
        "SELECT login, at, address, outcome FROM dashboard_login_audit \
         WHERE login = $1 ORDER BY id",
    )
    .bind(login)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(login, at, address, outcome)| {
            Ok(AuditEntry {
                login,
                at,
                address,
                outcome: outcome
                    .parse()
                    .map_err(|e: String| sqlx::Error::Decode(e.into()))?,
            })
        })
        .collect()
}
