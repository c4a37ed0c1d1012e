//! Events travel packed in `google.protobuf.Any`: every generated message must
//! know its type URL, and the descriptor set must describe the new contracts.

use prost::{Message, Name};
use prost_types::Any;
use rectify_proto::{utilities, workitems};

#[test]
fn events_pack_into_any_under_their_full_name_and_unpack_back() {
    let event = workitems::v1::WorkItemCompleted {
        work_item: Some(workitems::v1::WorkItem {
            name: "workItems/0190f0a0-0000-7000-8000-000000000001".into(),
            kind: "water_cut".into(),
            ..Default::default()
        }),
        step: None,
    };
    let any = Any::from_msg(&event).expect("packs");
    assert_eq!(
        any.type_url, "type.googleapis.com/rectify.workitems.v1.WorkItemCompleted",
        "type URL carries the full proto name"
    );
    let back: workitems::v1::WorkItemCompleted = any.to_msg().expect("unpacks");
    assert_eq!(back, event, "round trip");
    let wrong = any.to_msg::<utilities::v1::WaterCutRecorded>();
    assert!(wrong.is_err(), "unpacking as another type is refused");
}

#[test]
fn utilities_events_know_their_names() {
    let cases = [
        (
            utilities::v1::ReboundSuspected::full_name(),
            "rectify.utilities.v1.ReboundSuspected",
        ),
        (
            utilities::v1::ReconnectionReported::full_name(),
            "rectify.utilities.v1.ReconnectionReported",
        ),
        (
            workitems::v1::WorkItemRescheduled::full_name(),
            "rectify.workitems.v1.WorkItemRescheduled",
        ),
    ];
    for (found, expected) in cases {
        assert_eq!(found, expected);
    }
}

#[test]
fn the_descriptor_set_describes_the_work_item_and_utilities_services() {
    let set = prost_types::FileDescriptorSet::decode(rectify_proto::FILE_DESCRIPTOR_SET)
        .expect("descriptor set decodes");
    let services: Vec<String> = set
        .file
        .iter()
        .flat_map(|file| {
            let package = file.package().to_owned();
            file.service
                .iter()
                .map(move |service| format!("{package}.{}", service.name()))
        })
        .collect();
    for expected in [
        "rectify.workitems.v1.WorkItemService",
        "rectify.utilities.v1.UtilitiesService",
    ] {
        assert!(
            services.iter().any(|s| s == expected),
            "{expected} in {services:?}"
        );
    }
}
