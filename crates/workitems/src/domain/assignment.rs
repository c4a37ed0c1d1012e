//! Who executes a work item and who, if anyone, verifies it.
//!
//! An [`Assignment`] always has an executor and never a verifier equal to it (DESIGN §2: "the
//! verifier comes from the catalog and is never the executor").

use rectify_campaign::JURISDICTION;
use thiserror::Error;

/// The executor and the optional verifier of a work item, as party codes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Assignment {
    executor: String,
    verifier: Option<String>,
}

/// Why an executor and verifier cannot be assigned together.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AssignmentError {
    /// No executor given.
    #[error("承办单位不能为空 (the executor is required)")]
    NoExecutor,
    /// A verifier was named but empty.
    #[error("核验单位不能为空字符串 (the verifier must not be an empty string)")]
    EmptyVerifier,
    /// The verifier is the executor.
    #[error("核验单位不能是承办单位{party}本身 (the verifier must not be the executor, {party})")]
    VerifierIsExecutor {
        /// The party named for both.
        party: String,
    },
}

impl Assignment {
    /// Assigns `executor`, verified by `verifier` when given.
    pub fn new(
        executor: impl Into<String>,
        verifier: Option<String>,
    ) -> Result<Assignment, AssignmentError> {
        let executor = executor.into();
        if executor.trim().is_empty() {
            return Err(AssignmentError::NoExecutor);
        }
        match &verifier {
            Some(v) if v.trim().is_empty() => return Err(AssignmentError::EmptyVerifier),
            Some(v) if *v == executor => {
                return Err(AssignmentError::VerifierIsExecutor { party: executor });
            }
            _ => {}
        }
        Ok(Assignment { executor, verifier })
    }

    /// Assigns the measure's `owner` and `verifier` for an enterprise in `jurisdiction`: the
    /// catalog's placeholder [`JURISDICTION`] (`jurisdiction`) becomes that jurisdiction's code.
    pub fn resolve(
        owner: &str,
        verifier: Option<&str>,
        jurisdiction: &str,
    ) -> Result<Assignment, AssignmentError> {
        let resolve = |party: &str| {
            if party == JURISDICTION {
                jurisdiction.to_owned()
            } else {
                party.to_owned()
            }
        };
        Assignment::new(resolve(owner), verifier.map(resolve))
    }

    /// The executing party's code.
    pub fn executor(&self) -> &str {
        &self.executor
    }

    /// The verifying party's code, when the measure needs verification.
    pub fn verifier(&self) -> Option<&str> {
        self.verifier.as_deref()
    }

    /// Whether the verifier must confirm the work before it is complete.
    pub fn needs_verification(&self) -> bool {
        self.verifier.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jurisdiction_placeholder_becomes_the_enterprises_township() {
        let cases = [
            (
                "jurisdiction",
                Some("eco"),
                "donghe",
                "donghe",
                Some("eco"),
                "clearing",
            ),
            (
                "water",
                Some("eco"),
                "donghe",
                "water",
                Some("eco"),
                "water cut",
            ),
            ("water", None, "donghe", "water", None, "well closure"),
            (
                "eco",
                Some("jurisdiction"),
                "yuelai",
                "eco",
                Some("yuelai"),
                "township verifies",
            ),
        ];
        for (owner, verifier, jurisdiction, executor, verified_by, why) in cases {
            let assignment = Assignment::resolve(owner, verifier, jurisdiction).expect(why);
            assert_eq!(assignment.executor(), executor, "{why}: executor");
            assert_eq!(assignment.verifier(), verified_by, "{why}: verifier");
            assert_eq!(
                assignment.needs_verification(),
                verified_by.is_some(),
                "{why}"
            );
        }
    }

    #[test]
    fn the_verifier_is_never_the_executor() {
        let cases = [
            (
                Assignment::new("eco", Some("eco".into())),
                AssignmentError::VerifierIsExecutor {
                    party: "eco".into(),
                },
                "same party",
            ),
            (
                Assignment::resolve("jurisdiction", Some("yuelai"), "yuelai"),
                AssignmentError::VerifierIsExecutor {
                    party: "yuelai".into(),
                },
                "same party after the placeholder is resolved",
            ),
            (
                Assignment::new(" ", None),
                AssignmentError::NoExecutor,
                "blank executor",
            ),
            (
                Assignment::new("water", Some(String::new())),
                AssignmentError::EmptyVerifier,
                "empty verifier",
            ),
        ];
        for (assignment, expected, why) in cases {
            assert_eq!(assignment, Err(expected), "{why}");
        }
    }
}
