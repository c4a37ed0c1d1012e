//! A database failure reaches the client as INTERNAL with a generic message:
//! no table, column or SQL text leaks.

use tonic::Code;
use tonic_types::StatusExt as _;

use super::{Subject, Write};

/// Destructive: drops the idempotency table behind the service's back, so
/// run it last.
pub async fn database_errors_never_reach_the_client<S: Subject>(subject: &S) {
    let who = subject.audience();
    subject.db().execute("DROP TABLE idempotency").await;
    let status = subject
        .write(Write::new(999, 0, "conformance-broken"))
        .await
        .expect_err("a write needing the dropped table fails");
    assert_eq!(status.code(), Code::Internal, "{who}: {status:?}");
    let details = status.get_error_details();
    let localized = details
        .localized_message()
        .map(|m| m.message.clone())
        .unwrap_or_default();
    for shown in [status.message(), localized.as_str()] {
        for secret in ["idempotency", "relation", "table", "SELECT", "sqlx"] {
            assert!(
                !shown.contains(secret),
                "{who}: the client's message leaks {secret:?}: {shown}"
            );
        }
    }
}
