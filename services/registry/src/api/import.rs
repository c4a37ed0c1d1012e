//! `ImportFindings` at the edge: a township's survey as one batch, each finding parsed exactly
//! as `ReportFinding` parses one, every bad field of every row reported at once under its
//! place in the batch (`findings[3].credit_code`).

use rectify_kit::auth::Principal;
use rectify_kit::known;
use rectify_kit::parse::Violations;
use rectify_kit::scope::jurisdiction_or_own;
use rectify_kit::{Error, Result, text};
use rectify_proto::registry::v1 as pb;

use super::parse::{self, JURISDICTION, jurisdictions};
use super::policy;
use crate::domain::{Campaign, NewFinding};
use crate::store::commands::FindingReporter;

/// Most findings in one batch: a township's survey is tens to hundreds of rows.
pub const MAX_FINDINGS: usize = 2000;
/// Longest `entered_by`.
const MAX_ENTERED_BY: usize = 50;

/// A batch that parsed and that the caller may import.
#[derive(Debug)]
pub struct Batch {
    pub reporter: FindingReporter,
    pub findings: Vec<NewFinding>,
}

/// The batch of `body` from `caller`: the jurisdiction first (known, and the caller's to
/// import), then every row; any bad field refuses the whole batch.
pub fn batch(
    body: &pb::ImportFindingsRequest,
    caller: &Principal,
    campaign: &Campaign,
) -> Result<Batch> {
    let jurisdiction = known::party_code(
        "jurisdiction",
        &jurisdiction_or_own(&body.jurisdiction, caller),
        JURISDICTION,
        &jurisdictions(campaign),
    )
    .map_err(|violation| Error::InvalidArgument(vec![violation]))?;
    policy::may_import(caller, &jurisdiction)?;
    let mut v = Violations::default();
    let entered_by = v.text("entered_by", &body.entered_by, MAX_ENTERED_BY);
    if body.findings.is_empty() {
        v.add(
            "findings",
            text!("至少须有一条排查记录", "at least one finding is required"),
        );
    }
    if body.findings.len() > MAX_FINDINGS {
        v.add(
            "findings",
            text!(
                "一次最多导入{MAX_FINDINGS}条，本次{}条",
                "at most {MAX_FINDINGS} findings per import, got {}",
                body.findings.len()
            ),
        );
        return Err(Error::InvalidArgument(v.into_vec()));
    }
    let mut findings = Vec::with_capacity(body.findings.len());
    for (i, input) in body.findings.iter().enumerate() {
        let mut input = input.clone();
        let named = input.jurisdiction.trim();
        if named.is_empty() {
            input.jurisdiction = jurisdiction.clone();
        } else if named != jurisdiction {
            v.add(
                format!("findings[{i}].jurisdiction"),
                text!(
                    "属地（{named}）与本次导入的属地（{jurisdiction}）不一致",
                    "jurisdiction ({named}) differs from the import's ({jurisdiction})"
                ),
            );
            continue;
        }
        match parse::finding(input, campaign) {
            Ok(finding) => findings.push(finding),
            Err(Error::InvalidArgument(violations)) => v.extend(
                violations
                    .into_iter()
                    .map(|mut violation| {
                        violation.field = in_batch(i, &violation.field);
                        violation
                    })
                    .collect(),
            ),
            Err(other) => return Err(other),
        }
    }
    v.finish(|| {
        Some(Batch {
            reporter: FindingReporter {
                party: jurisdiction,
                entered_by,
            },
            findings,
        })
    })
}

/// `finding.credit_code` of row `i` as `findings[i].credit_code`.
fn in_batch(i: usize, field: &str) -> String {
    match field.strip_prefix("finding") {
        Some(rest) => format!("findings[{i}]{rest}"),
        None => format!("findings[{i}].{field}"),
    }
}

#[cfg(test)]
mod tests {
    use super::in_batch;

    #[test]
    fn a_rows_fields_are_named_by_its_place_in_the_batch() {
        assert_eq!(
            in_batch(3, "finding.credit_code"),
            "findings[3].credit_code"
        );
        assert_eq!(
            in_batch(0, "finding.location.latitude"),
            "findings[0].location.latitude"
        );
        assert_eq!(in_batch(2, "finding"), "findings[2]");
    }
}
