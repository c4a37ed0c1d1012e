//! AIP-155: a retry gets the first answer and changes nothing; the same
//! request_id with another request is refused and changes nothing.

use tonic::Code;
use tonic_types::StatusExt as _;

use super::feed::{head, settled_head};
use super::{Subject, Write};

pub async fn a_retry_gets_the_first_answer<S: Subject>(subject: &S) {
    let who = subject.audience();
    let before = head(subject).await;
    for attempt in 0..3 {
        subject
            .write(Write::new(900, 0, "conformance-retry"))
            .await
            .unwrap_or_else(|s| panic!("{who}: attempt {attempt} answered: {s:?}"));
    }
    assert_eq!(
        settled_head(subject, before + 1).await,
        before + 1,
        "{who}: three sends of one request_id make one change"
    );
}

pub async fn a_reused_request_id_with_another_request_is_refused<S: Subject>(subject: &S) {
    let who = subject.audience();
    subject
        .write(Write::new(901, 0, "conformance-reuse"))
        .await
        .unwrap_or_else(|s| panic!("{who}: first request: {s:?}"));
    let before = settled_head(subject, 0).await;
    let status = subject
        .write(Write::new(901, 0, "conformance-reuse").variant())
        .await
        .expect_err("another request under the same request_id");
    assert_eq!(status.code(), Code::InvalidArgument, "{who}: {status:?}");
    let details = status.get_error_details();
    assert_eq!(
        details.error_info().map(|i| i.reason.clone()),
        Some("REQUEST_ID_REUSED".to_owned()),
        "{who}: the reason names the reuse"
    );
    assert_eq!(
        details
            .error_info()
            .and_then(|i| i.metadata.get("field").cloned()),
        Some("request_id".to_owned()),
        "{who}: the field is named"
    );
    assert!(
        details
            .localized_message()
            .is_some_and(|m| m.message.contains("request_id")),
        "{who}: a Chinese message says what happened"
    );
    assert_eq!(
        settled_head(subject, before).await,
        before,
        "{who}: the second request changed nothing"
    );
}
