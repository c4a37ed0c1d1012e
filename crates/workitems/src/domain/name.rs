//! Resource names of work items: `workItems/{work_item}` (AIP-122), with an id the service
//! assigns (a UUID in practice) made of lower-case letters, digits and hyphens.

use std::fmt;

use thiserror::Error;

/// The collection of work items.
pub const COLLECTION: &str = "workItems";

/// Longest work item id accepted (AIP-122 ids are at most 63 characters).
pub const ID_MAX_CHARS: usize = 63;

/// A work item's resource name, `workItems/{work_item}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkItemName(String);

/// Why a string is not a work item's name.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NameError {
    /// Nothing given.
    #[error(
        "请指定工作事项，如workItems/0190… (a work item name such as workItems/0190… is required)"
    )]
    Empty,
    /// Not `workItems/{id}` with a valid id.
    #[error(
        "工作事项名称应为workItems/{{编号}}，实际为“{0}” (a work item name is workItems/{{id}}, found {0:?})"
    )]
    Malformed(String),
}

impl WorkItemName {
    /// Parses `workItems/{id}`: the id is 1 to 63 lower-case letters, digits and hyphens.
    pub fn parse(input: &str) -> Result<WorkItemName, NameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(NameError::Empty);
        }
        let id = trimmed
            .strip_prefix(COLLECTION)
            .and_then(|rest| rest.strip_prefix('/'))
            .ok_or_else(|| NameError::Malformed(trimmed.to_owned()))?;
        let valid = !id.is_empty()
            && id.len() <= ID_MAX_CHARS
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(NameError::Malformed(trimmed.to_owned()));
        }
        Ok(WorkItemName(trimmed.to_owned()))
    }

    /// The name of the item with id `id`, which must be valid.
    pub fn from_id(id: &str) -> Result<WorkItemName, NameError> {
        WorkItemName::parse(&format!("{COLLECTION}/{id}"))
    }

    /// The full name, `workItems/{id}`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id part.
    pub fn id(&self) -> &str {
        &self.0[COLLECTION.len() + 1..]
    }
}

impl fmt::Display for WorkItemName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_work_items_slash_an_id() {
        let cases = [
            (
                "workItems/0190f0a0-5b3c-7000-8000-00000000002a",
                Ok("0190f0a0-5b3c-7000-8000-00000000002a"),
            ),
            (" workItems/abc ", Ok("abc")),
            ("", Err(NameError::Empty)),
            ("workItems/", Err(NameError::Malformed("workItems/".into()))),
            (
                "workitems/abc",
                Err(NameError::Malformed("workitems/abc".into())),
            ),
            (
                "enterprises/abc",
                Err(NameError::Malformed("enterprises/abc".into())),
            ),
            (
                "workItems/ABC",
                Err(NameError::Malformed("workItems/ABC".into())),
            ),
            (
                "workItems/a/b",
                Err(NameError::Malformed("workItems/a/b".into())),
            ),
        ];
        for (input, expected) in cases {
            let parsed = WorkItemName::parse(input);
            assert_eq!(
                parsed.as_ref().map(WorkItemName::id),
                expected.as_ref().map(|s| *s),
                "{input:?}"
            );
        }
        let long = format!("workItems/{}", "a".repeat(64));
        assert!(
            WorkItemName::parse(&long).is_err(),
            "64-character id refused"
        );
        assert_eq!(
            WorkItemName::from_id("abc").map(|n| n.to_string()),
            Ok("workItems/abc".to_owned()),
            "from an id"
        );
    }
}
