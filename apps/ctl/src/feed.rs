//! `rectifyctl feed tail`: prints a service's changes, one line each, with
//! each typed event readable as JSON through the descriptor set.

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat};
use rectify_proto::feed::v1 as pb;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use tonic::transport::Channel;

use crate::client::{authorized, call_failed};

/// Which changes to print, and how.
#[derive(Clone, Copy, Debug, Default)]
pub struct TailOptions {
    /// Print changes after this sequence number.
    pub after: i64,
    /// Keep the stream open for new changes.
    pub follow: bool,
    /// Add the event, as JSON, as a last column.
    pub with_event: bool,
}

/// Streams the feed into `out` until it ends (or for ever with `follow`);
/// returns how many changes were printed. A closed pipe (`| head`) ends it quietly.
pub async fn tail<W: Write>(
    channel: Channel,
    token: &str,
    options: TailOptions,
    out: &mut W,
) -> anyhow::Result<u64> {
    let request = pb::WatchChangesRequest {
        after: options.after,
        follow: options.follow,
    };
    let mut stream = FeedServiceClient::new(channel)
        .watch_changes(authorized(request, token)?)
        .await
        .map_err(|status| call_failed("reading the change feed", &status))?
        .into_inner();
    let mut printed = 0;
    while let Some(change) = stream
        .message()
        .await
        .map_err(|status| call_failed("reading the change feed", &status))?
    {
        match writeln!(out, "{}", format_change(&change, options.with_event)) {
            Ok(()) => printed += 1,
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => return Ok(printed),
            Err(error) => return Err(error.into()),
        }
    }
    Ok(printed)
}

/// `seq  time  actor  event  resource  request_id [event JSON]`, tab separated.
/// Empty fields print as `-`; control characters are escaped so a change is one line.
pub fn format_change(change: &pb::Change, with_event: bool) -> String {
    let time = change
        .recorded_at
        .as_ref()
        .and_then(|at| DateTime::from_timestamp(at.seconds, u32::try_from(at.nanos).ok()?))
        .map(|at| at.to_rfc3339_opts(SecondsFormat::Micros, true))
        .unwrap_or_else(|| "-".to_owned());
    let mut columns = vec![
        change.seq.to_string(),
        time,
        column(&change.actor),
        column(event_name(change)),
        column(&change.resource),
        column(&change.request_id),
    ];
    if with_event {
        columns.push(crate::events::event_json(change));
    }
    columns.join("\t")
}

fn column(value: &str) -> String {
    if value.is_empty() {
        "-".to_owned()
    } else if value.chars().any(char::is_control) {
        value
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        value.to_owned()
    }
}

/// The event's full message name, e.g. `rectify.registry.v1.PlanPublished`.
pub fn event_name(change: &pb::Change) -> &str {
    change
        .event
        .as_ref()
        .map(|e| e.type_url.rsplit('/').next().unwrap_or_default())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use prost::Name as _;
    use rectify_proto::registry::v1 as registry;

    use super::*;

    fn change() -> pb::Change {
        let event = registry::EnterpriseRejected {
            enterprise: None,
            reason: "不属于散乱污".into(),
        };
        let mut change = pb::Change {
            seq: 7,
            recorded_at: Some(Default::default()),
            actor: "office/li.si".into(),
            request_id: "r-1".into(),
            resource: "enterprises/0190".into(),
            event: Some(prost_types::Any {
                type_url: registry::EnterpriseRejected::type_url(),
                value: prost::Message::encode_to_vec(&event),
            }),
            ..Default::default()
        };
        if let Some(at) = change.recorded_at.as_mut() {
            at.seconds = 1_625_140_800;
            at.nanos = 123_456_000;
        }
        change
    }

    #[test]
    fn a_change_is_one_tab_separated_line() {
        let line = format_change(&change(), false);
        assert_eq!(
            line,
            "7\t2021-07-01T12:00:00.123456Z\toffice/li.si\trectify.registry.v1.EnterpriseRejected\tenterprises/0190\tr-1",
            "columns: seq, time, actor, event, resource, request_id"
        );
    }

    #[test]
    fn the_event_is_appended_as_readable_json() {
        let line = format_change(&change(), true);
        assert!(
            line.ends_with("\tr-1\t{\"reason\":\"不属于散乱污\"}"),
            "the event decoded through the descriptor set, on one line: {line}"
        );
    }

    #[test]
    fn empty_fields_are_dashes_and_control_characters_are_escaped() {
        let mut change = change();
        change.request_id.clear();
        change.recorded_at = None;
        change.resource = "a\tb\nc".into();
        let line = format_change(&change, false);
        assert_eq!(
            line, "7\t-\toffice/li.si\trectify.registry.v1.EnterpriseRejected\ta\\tb\\nc\t-",
            "one line whatever the fields hold"
        );
    }
}
