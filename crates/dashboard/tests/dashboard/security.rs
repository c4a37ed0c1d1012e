//! The secure shell's rules on both backends: passwords, lockout, sessions, idle timeout,
//! CSRF, the forced password change, and the login audit.

use chrono::Duration;
use rectify_dashboard::store::LoginOutcome;
use rectify_testkit::{Backend, on_both_backends};

use crate::common::{
    GOOD_PASSWORD, TestDashboard, get, get_with_session, http, location, login_form, post_login,
    session_cookie, set_cookie, set_cookie_line,
};

/// The fields of a form as posted.
type Form<'a> = Vec<(&'a str, &'a str)>;

async fn outcomes(dashboard: &TestDashboard, login: &str) -> Vec<LoginOutcome> {
    dashboard
        .store
        .audit_of(login)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.outcome)
        .collect()
}

async fn the_right_password_logs_in_with_a_strict_http_only_cookie(backend: Backend) {
    let Some((dashboard, _)) = TestDashboard::with_user(backend, "li.si", false).await else {
        return;
    };
    let response = post_login(&dashboard, "li.si", GOOD_PASSWORD).await;
    assert_eq!(response.status(), 303, "a redirect after login");
    assert_eq!(location(&response), "/", "to the overview");
    let line = set_cookie_line(&response, "rectify_session").expect("session cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(line.contains(attribute), "{attribute} in {line}");
    }
    assert!(
        !line.contains("Secure"),
        "not Secure unless configured for TLS: {line}"
    );
    let session = set_cookie(&response, "rectify_session").expect("session id");
    assert_eq!(session.len(), 64, "a 256-bit id in hex");
    let stored = dashboard
        .store
        .session(&rectify_dashboard::secret::sha256_hex(&session))
        .await
        .expect("read session");
    assert!(
        stored.is_some(),
        "the session is stored under the hash of its id"
    );
    assert!(
        dashboard
            .store
            .session(&session)
            .await
            .expect("read")
            .is_none(),
        "never under the id itself"
    );

    let overview = get_with_session(&dashboard, "/", &session).await;
    assert_eq!(overview.status(), 200, "the overview opens");
    let html = overview.text().await.expect("body");
    assert!(
        html.contains("李四（领导小组办公室）"),
        "shows who is logged in: {html}"
    );

    let audit = dashboard.store.audit_of("li.si").await.expect("audit");
    assert_eq!(audit.len(), 1, "one login recorded");
    assert_eq!(audit[0].outcome, LoginOutcome::Success, "as a success");
    assert_eq!(audit[0].address, "127.0.0.1", "with the client's address");
    dashboard.stop().await;
}

async fn a_wrong_password_or_unknown_login_is_refused_in_chinese_and_audited(backend: Backend) {
    let Some((dashboard, _)) = TestDashboard::with_user(backend, "li.si", false).await else {
        return;
    };
    for (login, password, outcome) in [
        ("li.si", "Huachuan-2021-no", LoginOutcome::WrongPassword),
        ("nobody", GOOD_PASSWORD, LoginOutcome::UnknownUser),
    ] {
        let response = post_login(&dashboard, login, password).await;
        assert_eq!(response.status(), 401, "{login}: refused");
        assert!(
            set_cookie(&response, "rectify_session").is_none(),
            "{login}: no session"
        );
        let html = response.text().await.expect("body");
        assert!(
            html.contains("登录名或密码错误") && html.contains("wrong login name or password"),
            "{login}: the same message either way: {html}"
        );
        assert_eq!(
            outcomes(&dashboard, login).await,
            vec![outcome],
            "{login}: audited"
        );
    }
    let user = dashboard.user("li.si").await;
    assert_eq!(user.failed_count, 1, "the failure is counted");
    dashboard.stop().await;
}

async fn five_wrong_passwords_lock_the_account_for_fifteen_minutes(backend: Backend) {
    let Some((dashboard, _)) = TestDashboard::with_user(backend, "li.si", false).await else {
        return;
    };
    for attempt in 1..=4 {
        let html = post_login(&dashboard, "li.si", "Wrong-password-1")
            .await
            .text()
            .await
            .expect("body");
        assert!(
            html.contains("登录名或密码错误"),
            "attempt {attempt}: {html}"
        );
    }
    let fifth = post_login(&dashboard, "li.si", "Wrong-password-1").await;
    assert_eq!(fifth.status(), 401, "refused");
    let html = fifth.text().await.expect("body");
    assert!(
        html.contains("账户已锁定 15 分钟，至 2021-11-22 09:15 解锁"),
        "the fifth failure locks, and says until when (CST): {html}"
    );

    let right = post_login(&dashboard, "li.si", GOOD_PASSWORD).await;
    assert_eq!(
        right.status(),
        401,
        "even the right password is refused while locked"
    );
    assert!(
        set_cookie(&right, "rectify_session").is_none(),
        "no session while locked"
    );
    let html = right.text().await.expect("body");
    assert!(
        html.contains("账户已锁定，至 2021-11-22 09:15 解锁"),
        "{html}"
    );

    dashboard
        .clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    let later = post_login(&dashboard, "li.si", GOOD_PASSWORD).await;
    assert_eq!(
        later.status(),
        303,
        "after 15 minutes the right password works again"
    );

    use LoginOutcome::*;
    assert_eq!(
        outcomes(&dashboard, "li.si").await,
        vec![
            WrongPassword,
            WrongPassword,
            WrongPassword,
            WrongPassword,
            LockedOut,
            RefusedLocked,
            Success
        ],
        "every attempt audited"
    );
    dashboard.stop().await;
}

async fn a_forged_or_expired_session_cookie_goes_back_to_login(backend: Backend) {
    let Some((dashboard, _)) = TestDashboard::with_user(backend, "li.si", false).await else {
        return;
    };

    let forged = get_with_session(&dashboard, "/", &"ab".repeat(32)).await;
    assert_eq!(forged.status(), 303, "a forged cookie is not a session");
    assert_eq!(
        location(&forged),
        "/login?notice=invalid",
        "back to login, saying why"
    );
    let notice = get(&dashboard, "/login?notice=invalid").await;
    assert!(
        notice
            .text()
            .await
            .expect("body")
            .contains("登录状态无效，请重新登录"),
        "in Chinese"
    );

    let no_cookie = get(&dashboard, "/").await;
    assert_eq!(
        location(&no_cookie),
        "/login?notice=login",
        "no cookie: please log in"
    );

    let session = session_cookie(&dashboard, "li.si", GOOD_PASSWORD).await;
    dashboard.clock.advance(Duration::minutes(29));
    let busy = get_with_session(&dashboard, "/", &session).await;
    assert_eq!(busy.status(), 200, "29 idle minutes are within the timeout");
    dashboard
        .clock
        .advance(Duration::minutes(30) + Duration::seconds(1));
    let idle = get_with_session(&dashboard, "/", &session).await;
    assert_eq!(idle.status(), 303, "over 30 idle minutes");
    assert_eq!(
        location(&idle),
        "/login?notice=expired",
        "back to login: timed out"
    );
    let cleared = set_cookie_line(&idle, "rectify_session").expect("the cookie is cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let notice = get(&dashboard, "/login?notice=expired").await;
    assert!(
        notice.text().await.expect("body").contains("登录已超时"),
        "in Chinese"
    );
    let again = get_with_session(&dashboard, "/", &session).await;
    assert_eq!(
        location(&again),
        "/login?notice=invalid",
        "the expired session is gone for good"
    );
    dashboard.stop().await;
}

async fn a_post_without_its_csrf_token_is_refused_and_changes_nothing(backend: Backend) {
    let Some((dashboard, user)) = TestDashboard::with_user(backend, "li.si", false).await else {
        return;
    };
    let session = session_cookie(&dashboard, "li.si", GOOD_PASSWORD).await;
    let cookie = format!("rectify_session={session}");
    let new_password = [
        ("current", GOOD_PASSWORD),
        ("new_password", "Another-pass-2021"),
        ("repeat", "Another-pass-2021"),
    ];

    let cases: [(&str, Form, &str); 4] = [
        (
            "/password",
            new_password.to_vec(),
            "a password change without a token",
        ),
        (
            "/password",
            [new_password.as_slice(), &[("csrf_token", "forged")]].concat(),
            "with a wrong token",
        ),
        ("/logout", vec![], "a logout without a token"),
        (
            "/login",
            vec![("login", "li.si"), ("password", GOOD_PASSWORD)],
            "a login without a token",
        ),
    ];
    for (path, form, why) in cases {
        let response = http()
            .post(dashboard.at(path))
            .header("cookie", &cookie)
            .form(&form)
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), 403, "{why}: forbidden");
        assert!(
            set_cookie(&response, "rectify_session").is_none(),
            "{why}: no new session"
        );
        let html = response.text().await.expect("body");
        assert!(
            html.contains("操作未执行"),
            "{why}: says nothing was done, in Chinese: {html}"
        );
    }
    let stored = dashboard.user("li.si").await;
    assert_eq!(
        stored.password_hash, user.password_hash,
        "the password is unchanged"
    );
    assert_eq!(
        get_with_session(&dashboard, "/", &session).await.status(),
        200,
        "the session was not logged out"
    );
    assert_eq!(
        outcomes(&dashboard, "li.si").await,
        vec![LoginOutcome::Success],
        "nothing else audited"
    );

    // The login form's token belongs to its own cookie: another browser's token does not pass.
    let mine = login_form(&dashboard).await;
    let theirs = login_form(&dashboard).await;
    let crossed = http()
        .post(dashboard.at("/login"))
        .header("cookie", format!("rectify_login_csrf={}", mine.cookie))
        .form(&[
            ("login", "li.si"),
            ("password", GOOD_PASSWORD),
            ("csrf_token", theirs.token.as_str()),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(
        crossed.status(),
        403,
        "a token from another browser's form is refused"
    );
    dashboard.stop().await;
}

async fn an_administrator_set_password_must_be_changed_at_first_login(backend: Backend) {
    let Some((dashboard, _)) = TestDashboard::with_user(backend, "li.si", true).await else {
        return;
    };
    let response = post_login(&dashboard, "li.si", GOOD_PASSWORD).await;
    assert_eq!(
        location(&response),
        "/password",
        "straight to the password page"
    );
    let session = set_cookie(&response, "rectify_session").expect("session");
    let overview = get_with_session(&dashboard, "/", &session).await;
    assert_eq!(
        location(&overview),
        "/password",
        "no other page before the change"
    );

    let page = get_with_session(&dashboard, "/password", &session)
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("请先修改密码"), "says why: {page}");
    let token = crate::common::csrf_token(&page);
    let change = |new: &'static str, repeat: &'static str| {
        let (session, token) = (session.clone(), token.clone());
        let url = dashboard.at("/password");
        async move {
            http()
                .post(url)
                .header("cookie", format!("rectify_session={session}"))
                .form(&[
                    ("current", GOOD_PASSWORD),
                    ("new_password", new),
                    ("repeat", repeat),
                    ("csrf_token", &token),
                ])
                .send()
                .await
                .expect("POST /password")
        }
    };
    let cases = [
        (
            "short1A!",
            "short1A!",
            "密码长度至少 12 个字符",
            "too short",
        ),
        (
            "alllowercaseletters",
            "alllowercaseletters",
            "至少三类",
            "one class",
        ),
        (
            "Li.si-2021-new",
            "Li.si-2021-new",
            "不得包含登录名",
            "contains the login",
        ),
        (
            "Huachuan-2021-a",
            "Huachuan-2021-b",
            "两次输入的新密码不一致",
            "repeat differs",
        ),
        (
            GOOD_PASSWORD,
            GOOD_PASSWORD,
            "不能与当前密码相同",
            "the same password again",
        ),
    ];
    for (new, repeat, message, why) in cases {
        let refused = change(new, repeat).await;
        assert_eq!(refused.status(), 400, "{why}");
        let html = refused.text().await.expect("body");
        assert!(html.contains(message), "{why}: {message} in {html}");
    }
    let stored = dashboard.user("li.si").await;
    assert!(
        stored.must_change_password,
        "nothing changed by the refused attempts"
    );

    let changed = change("Huachuan-2021-new", "Huachuan-2021-new").await;
    assert_eq!(changed.status(), 303, "accepted");
    let fresh = set_cookie(&changed, "rectify_session").expect("a fresh session");
    assert_ne!(fresh, session, "the session id changes with the password");
    assert_eq!(
        get_with_session(&dashboard, "/", &fresh).await.status(),
        200,
        "the overview opens"
    );
    assert_eq!(
        location(&get_with_session(&dashboard, "/", &session).await),
        "/login?notice=invalid",
        "the old session ended"
    );
    assert_eq!(
        post_login(&dashboard, "li.si", GOOD_PASSWORD)
            .await
            .status(),
        401,
        "old password refused"
    );
    assert_eq!(
        post_login(&dashboard, "li.si", "Huachuan-2021-new")
            .await
            .status(),
        303,
        "new password works"
    );
    dashboard.stop().await;
}

async fn logout_ends_the_session(backend: Backend) {
    let Some((dashboard, _)) = TestDashboard::with_user(backend, "li.si", false).await else {
        return;
    };
    let session = session_cookie(&dashboard, "li.si", GOOD_PASSWORD).await;
    let page = get_with_session(&dashboard, "/", &session)
        .await
        .text()
        .await
        .expect("body");
    let token = crate::common::csrf_token(&page);
    let out = http()
        .post(dashboard.at("/logout"))
        .header("cookie", format!("rectify_session={session}"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("POST /logout");
    assert_eq!(
        location(&out),
        "/login?notice=loggedout",
        "to the login page"
    );
    assert_eq!(
        location(&get_with_session(&dashboard, "/", &session).await),
        "/login?notice=invalid",
        "the session no longer opens pages"
    );
    assert_eq!(
        outcomes(&dashboard, "li.si").await,
        vec![LoginOutcome::Success, LoginOutcome::Logout],
        "the logout is audited"
    );
    dashboard.stop().await;
}

on_both_backends!(
    the_right_password_logs_in_with_a_strict_http_only_cookie,
    a_wrong_password_or_unknown_login_is_refused_in_chinese_and_audited,
    five_wrong_passwords_lock_the_account_for_fifteen_minutes,
    a_forged_or_expired_session_cookie_goes_back_to_login,
    a_post_without_its_csrf_token_is_refused_and_changes_nothing,
    an_administrator_set_password_must_be_changed_at_first_login,
    logout_ends_the_session,
);
