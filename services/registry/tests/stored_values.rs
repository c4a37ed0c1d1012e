//! A stored value that does not parse is an error, never a default: the
//! client gets INTERNAL with a generic message, the log gets the cause.

use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::{Backend, TestService, authorized, on_both_backends};
use tonic::Code;

type TestApp = TestService<Registry>;

async fn a_stored_value_that_does_not_parse_is_internal_not_a_default(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let cases: [(&str, &'static str); 3] = [
        ("unknown state", "UPDATE enterprises SET state = 'bogus'"),
        (
            "criteria not JSON",
            "UPDATE enterprises SET criteria = '{not json'",
        ),
        (
            "unknown category",
            "UPDATE enterprises SET category = 'teleport'",
        ),
    ];
    for (i, (case, statement)) in cases.into_iter().enumerate() {
        let reported = app
            .report(
                &office,
                &format!("r{i}"),
                finding("yuelai", &format!("第{i}米厂")),
            )
            .await;
        let name = reported.enterprise.expect("enterprise").name;
        app.db.execute(statement).await;
        let status = app
            .registry()
            .get_enterprise(authorized(
                pb::GetEnterpriseRequest { name: name.clone() },
                &office,
            ))
            .await
            .expect_err(case);
        assert_eq!(status.code(), Code::Internal, "{case}: {status:?}");
        assert!(
            !status.message().contains("bogus")
                && !status.message().contains("teleport")
                && !status.message().contains("not json"),
            "{case}: the stored value stays out of the client's message: {}",
            status.message()
        );
        let listed = app
            .registry()
            .list_enterprises(authorized(pb::ListEnterprisesRequest::default(), &office))
            .await;
        assert_eq!(
            listed.map(|_| ()).map_err(|s| s.code()),
            Err(Code::Internal),
            "{case}: a list containing the row fails too, rather than showing a default"
        );
        app.db.execute("DELETE FROM findings").await;
        app.db.execute("DELETE FROM enterprises").await;
    }
}

on_both_backends!(a_stored_value_that_does_not_parse_is_internal_not_a_default);
