//! The mutating requests of `WorkItemService`, parsed into one [`Command`]: which item, which
//! etag, which [`Action`], and what backs it. Every bad field is reported at once.
//!
//! Completing and verifying need evidence with at least one attachment; rejecting needs a reason
//! and evidence; blocking needs a reason and may carry evidence; waiving needs a reason; starting
//! and unblocking may carry a note.

use rectify_kit::FieldViolation;
use rectify_proto::workitems::v1 as pb;

use super::evidence::{Evidence, EvidenceRules};
use super::name::WorkItemName;
use super::state::Action;
use super::text::{Note, Reason};
use rectify_kit::parse::Violations;

/// A parsed request to move a work item.
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    /// Which item.
    pub name: WorkItemName,
    /// The etag the caller read; empty for "the current version".
    pub etag: String,
    /// What to do.
    pub action: Action,
    /// What backs it, where the action takes evidence.
    pub evidence: Option<Evidence>,
    /// A remark, where the action takes one.
    pub note: Note,
}

/// The parts every request has, parsed; `action` and `evidence` are `None` when refused.
fn command(
    v: Violations,
    name: &str,
    etag: &str,
    action: Option<Action>,
    evidence: Option<Option<Evidence>>,
    note: Option<Note>,
) -> Result<Command, Vec<FieldViolation>> {
    let mut v = v;
    let name = v.check("name", WorkItemName::parse(name));
    let parsed = (|| {
        Some(Command {
            name: name?,
            etag: etag.trim().to_owned(),
            action: action?,
            evidence: evidence?,
            note: note?,
        })
    })();
    v.collect(parsed)
}

impl Command {
    /// `StartWorkItem`.
    pub fn start(request: &pb::StartWorkItemRequest) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let note = v.check("note", Note::parse(&request.note));
        command(
            v,
            &request.name,
            &request.etag,
            Some(Action::Start),
            Some(None),
            note,
        )
    }

    /// `CompleteWorkItem`: evidence with at least one attachment.
    pub fn complete(
        request: &pb::CompleteWorkItemRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let evidence = v.nested(Evidence::parse_required(
            request.evidence.as_ref(),
            "evidence",
            rules,
        ));
        let action = Some(Action::Complete);
        command(
            v,
            &request.name,
            &request.etag,
            action,
            evidence.map(Some),
            Some(Note::default()),
        )
    }

    /// `VerifyWorkItem`: the verifier's evidence, with at least one attachment.
    pub fn verify(
        request: &pb::VerifyWorkItemRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let evidence = v.nested(Evidence::parse_required(
            request.evidence.as_ref(),
            "evidence",
            rules,
        ));
        let action = Some(Action::Verify);
        command(
            v,
            &request.name,
            &request.etag,
            action,
            evidence.map(Some),
            Some(Note::default()),
        )
    }

    /// `RejectWorkItem`: a reason and the verifier's evidence.
    pub fn reject(
        request: &pb::RejectWorkItemRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let reason = v.check("reason", Reason::parse(&request.reason));
        let evidence = v.nested(Evidence::parse_required(
            request.evidence.as_ref(),
            "evidence",
            rules,
        ));
        let action = reason.map(|reason| Action::Reject { reason });
        command(
            v,
            &request.name,
            &request.etag,
            action,
            evidence.map(Some),
            Some(Note::default()),
        )
    }

    /// `BlockWorkItem`: a reason, and evidence if the caller has some.
    pub fn block(
        request: &pb::BlockWorkItemRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let reason = v.check("reason", Reason::parse(&request.reason));
        let evidence = v.nested(Evidence::parse_optional(
            request.evidence.as_ref(),
            "evidence",
            rules,
        ));
        let action = reason.map(|reason| Action::Block { reason });
        command(
            v,
            &request.name,
            &request.etag,
            action,
            evidence,
            Some(Note::default()),
        )
    }

    /// `UnblockWorkItem`.
    pub fn unblock(request: &pb::UnblockWorkItemRequest) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let note = v.check("note", Note::parse(&request.note));
        command(
            v,
            &request.name,
            &request.etag,
            Some(Action::Unblock),
            Some(None),
            note,
        )
    }

    /// `WaiveWorkItem`: a reason.
    pub fn waive(request: &pb::WaiveWorkItemRequest) -> Result<Command, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let reason = v.check("reason", Reason::parse(&request.reason));
        let action = reason.map(|reason| Action::Waive { reason });
        command(
            v,
            &request.name,
            &request.etag,
            action,
            Some(None),
            Some(Note::default()),
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;

    const ITEM: &str = "workItems/0190f0a0-5b3c-7000-8000-00000000002a";
    const PHOTO: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    fn rules() -> EvidenceRules<'static> {
        let now = DateTime::parse_from_rfc3339("2021-10-15T10:00:00+08:00")
            .expect("valid instant")
            .with_timezone(&Utc);
        EvidenceRules { now, bounds: None }
    }

    fn photo(sha256: &str) -> Option<pb::Evidence> {
        Some(pb::Evidence {
            attachments: vec![pb::Attachment {
                sha256: sha256.into(),
                file_name: "IMG_0042.jpg".into(),
                media_type: "image/jpeg".into(),
            }],
            ..Default::default()
        })
    }

    type Parsed = Result<Command, Vec<FieldViolation>>;

    fn fields(result: Parsed) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|v| v.field)
            .collect()
    }

    #[test]
    fn each_request_refuses_its_bad_inputs() {
        let name = || ITEM.to_owned();
        let cases: Vec<(&str, Parsed, &[&str])> = vec![
            (
                "start",
                Command::start(&pb::StartWorkItemRequest {
                    name: name(),
                    ..Default::default()
                }),
                &[],
            ),
            (
                "start, bad name",
                Command::start(&pb::StartWorkItemRequest {
                    name: "x".into(),
                    ..Default::default()
                }),
                &["name"],
            ),
            (
                "complete",
                Command::complete(
                    &pb::CompleteWorkItemRequest {
                        name: name(),
                        evidence: photo(PHOTO),
                        ..Default::default()
                    },
                    rules(),
                ),
                &[],
            ),
            (
                "complete, no evidence",
                Command::complete(
                    &pb::CompleteWorkItemRequest {
                        name: name(),
                        ..Default::default()
                    },
                    rules(),
                ),
                &["evidence"],
            ),
            (
                "complete, bad hash",
                Command::complete(
                    &pb::CompleteWorkItemRequest {
                        name: name(),
                        evidence: photo("abc"),
                        ..Default::default()
                    },
                    rules(),
                ),
                &["evidence.attachments[0].sha256"],
            ),
            (
                "verify, no evidence",
                Command::verify(
                    &pb::VerifyWorkItemRequest {
                        name: name(),
                        ..Default::default()
                    },
                    rules(),
                ),
                &["evidence"],
            ),
            (
                "reject, no reason nor evidence",
                Command::reject(
                    &pb::RejectWorkItemRequest {
                        name: name(),
                        ..Default::default()
                    },
                    rules(),
                ),
                &["reason", "evidence"],
            ),
            (
                "block",
                Command::block(
                    &pb::BlockWorkItemRequest {
                        name: name(),
                        reason: "经营者失联".into(),
                        ..Default::default()
                    },
                    rules(),
                ),
                &[],
            ),
            (
                "block, blank reason",
                Command::block(
                    &pb::BlockWorkItemRequest {
                        name: name(),
                        reason: " ".into(),
                        ..Default::default()
                    },
                    rules(),
                ),
                &["reason"],
            ),
            (
                "unblock, note too long",
                Command::unblock(&pb::UnblockWorkItemRequest {
                    name: name(),
                    note: "字".repeat(501),
                    ..Default::default()
                }),
                &["note"],
            ),
            (
                "waive, no reason, no name",
                Command::waive(&pb::WaiveWorkItemRequest::default()),
                &["reason", "name"],
            ),
        ];
        for (why, result, expected) in cases {
            assert_eq!(fields(result), expected, "{why}");
        }
    }

    #[test]
    fn parsed_commands_carry_their_action_and_evidence() {
        let block = Command::block(
            &pb::BlockWorkItemRequest {
                name: ITEM.into(),
                etag: " e7 ".into(),
                reason: "场地有争议".into(),
                evidence: photo(PHOTO),
                ..Default::default()
            },
            rules(),
        )
        .expect("valid block");
        assert!(
            matches!(&block.action, Action::Block { reason } if reason.as_str() == "场地有争议")
        );
        assert_eq!(block.etag, "e7", "etag trimmed");
        assert!(block.evidence.is_some(), "optional evidence kept");
        let waive = Command::waive(&pb::WaiveWorkItemRequest {
            name: ITEM.into(),
            reason: "现场无原料".into(),
            ..Default::default()
        })
        .expect("valid waive");
        assert!(
            matches!(waive.action, Action::Waive { .. }),
            "{:?}",
            waive.action
        );
        assert_eq!(waive.evidence, None, "waiving takes no evidence");
    }
}
