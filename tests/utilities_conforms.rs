//! The shared conformance suite, run by utilities on both backends through `WorkItemService`:
//! health and reflection, tokens, retries and reused request_ids, the message limit, the feed
//! under concurrent writers, database errors kept from the client. Its writes block and unblock
//! items that the registry's published plans gave it, one item per writer.

mod support;

use futures::future::BoxFuture;
use rectify_kit::auth::PartyKind;
use rectify_proto::workitems::v1 as pb;
use rectify_testkit::conformance::{Subject, Write, run_all};
use rectify_testkit::registry::RegistryHarness;
use rectify_testkit::{Backend, TestService, conformance_call, on_both_backends};
use rectify_utilities::Utilities;
use support::Bureau;
use tonic::Status;

/// Writers the suite uses: 0 to 15 under load, then 900, 901 and 999; one item each.
const WRITER_ITEMS: usize = 19;

struct UtilitiesUnderTest {
    bureau: Bureau<Utilities>,
    /// Each writer's item and its executor's token.
    items: Vec<(String, String)>,
}

impl UtilitiesUnderTest {
    fn item(&self, writer: usize) -> &(String, String) {
        let index = match writer {
            900 => 16,
            901 => 17,
            999 => 18,
            w => w,
        };
        &self.items[index]
    }
}

impl Subject for UtilitiesUnderTest {
    type Service = Utilities;

    fn server(&self) -> &TestService<Utilities> {
        &self.bureau.service
    }

    fn served(&self) -> Vec<&'static str> {
        vec![
            "rectify.utilities.v1.UtilitiesService",
            "rectify.workitems.v1.WorkItemService",
        ]
    }

    /// Even writes block the writer's item, odd ones unblock it.
    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let (name, token) = self.item(write.writer).clone();
        let client = self.bureau.items();
        let request_id = write.request_id.clone();
        if write.n.is_multiple_of(2) {
            let reason = if write.variant {
                "场地有争议"
            } else {
                "经营者失联"
            };
            let block = pb::BlockWorkItemRequest {
                request_id,
                name,
                reason: format!("{reason}{}", write.filler()),
                ..Default::default()
            };
            conformance_call!(client, block_work_item, block, token)
        } else {
            let unblock = pb::UnblockWorkItemRequest {
                request_id,
                name,
                ..Default::default()
            };
            conformance_call!(client, unblock_work_item, unblock, token)
        }
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let list = pb::ListWorkItemsRequest {
            page_size: 1,
            ..Default::default()
        };
        conformance_call!(self.bureau.items(), list_work_items, list, token)
    }
}

async fn utilities_conforms(backend: Backend) {
    let Some(bureau) = Bureau::<Utilities>::spawn(backend).await else {
        return;
    };
    let workshops = [
        ("yuelai", "悦来镇宏达米业"),
        ("donghe", "东河乡永兴砖厂"),
        ("lifeng", "梨丰乡金鑫塑料厂"),
        ("xincheng", "新城镇鑫源石材厂"),
    ];
    let mut items = Vec::new();
    for (jurisdiction, name) in workshops {
        let enterprise = bureau.registry.publish_close_plan(jurisdiction, name).await;
        for item in bureau.wait_for_items(&enterprise, 6).await {
            let kind = if item.executor == jurisdiction {
                PartyKind::Jurisdiction
            } else {
                PartyKind::Bureau
            };
            items.push((item.name.clone(), bureau.token(&item.executor, kind)));
        }
    }
    assert!(items.len() >= WRITER_ITEMS, "an item for every writer");
    run_all(&UtilitiesUnderTest { bureau, items }).await;
}

on_both_backends!(utilities_conforms);
