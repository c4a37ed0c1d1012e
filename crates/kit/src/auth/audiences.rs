//! The names of rectify's services, as tokens carry them in `aud` and as each service's
//! [`Verifier`](super::Verifier) expects its own.
//!
//! The one list both `rectifyctl token` (its default audiences) and `rectify up` (one token per
//! party for every service) read, so neither needs to depend on the services themselves.

/// Every rectify service's audience, lowercase, in the order the campaign brings them in.
///
/// Each service verifies tokens for its own name here (the registry's `AUDIENCE` is
/// `"registry"`); a token may name several, so a bureau's system calls every service it works
/// with using one token. A service added to rectify is added here too.
pub const SERVICE_AUDIENCES: [&str; 7] = [
    "registry",
    "licensing",
    "utilities",
    "land",
    "safety",
    "environment",
    "coordinator",
];

/// Whether `name` is one of [`SERVICE_AUDIENCES`].
pub fn is_service_audience(name: &str) -> bool {
    SERVICE_AUDIENCES.contains(&name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn service_audiences_are_unique_lowercase_words() {
        let unique: HashSet<&str> = SERVICE_AUDIENCES.into_iter().collect();
        assert_eq!(
            unique.len(),
            SERVICE_AUDIENCES.len(),
            "no audience is listed twice"
        );
        for name in SERVICE_AUDIENCES {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()),
                "audience {name:?} should be one lowercase word"
            );
            assert!(is_service_audience(name), "{name} is a service audience");
        }
    }

    #[test]
    fn names_off_the_list_are_not_service_audiences() {
        for name in ["", "Registry", "registy", "registry ", "rectify"] {
            assert!(
                !is_service_audience(name),
                "{name:?} is not a service audience"
            );
        }
    }
}
