//! Passwords: the policy a new password must meet (MLPS level 3 basics) and argon2id hashing.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 12;
/// How many of the four character classes a password must mix.
pub const MIN_CLASSES: usize = 3;

/// A rule of the password policy a password broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyViolation {
    TooShort,
    TooFewClasses,
    ContainsLogin,
}

impl PolicyViolation {
    /// What to tell the user, in Chinese with English beside it.
    pub fn message(self) -> &'static str {
        match self {
            PolicyViolation::TooShort => {
                "密码长度至少 12 个字符 (the password must be at least 12 characters long)"
            }
            PolicyViolation::TooFewClasses => {
                "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类 (the password must mix at least three of: upper-case letters, lower-case letters, digits, symbols)"
            }
            PolicyViolation::ContainsLogin => {
                "密码不得包含登录名 (the password must not contain the login name)"
            }
        }
    }
}

/// Every rule `password` breaks for the user `login`; empty when it is acceptable.
pub fn check_policy(login: &str, password: &str) -> Vec<PolicyViolation> {
    let mut broken = Vec::new();
    if password.chars().count() < MIN_LENGTH {
        broken.push(PolicyViolation::TooShort);
    }
    let classes = [
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
    ];
    if classes.iter().filter(|present| **present).count() < MIN_CLASSES {
        broken.push(PolicyViolation::TooFewClasses);
    }
    let login = login.trim().to_lowercase();
    if !login.is_empty() && password.to_lowercase().contains(&login) {
        broken.push(PolicyViolation::ContainsLogin);
    }
    broken
}

/// The one hasher: argon2id with the crate's recommended parameters (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashes `password` with a fresh random salt, in PHC string format.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness for a salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hashed = hasher()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
    Ok(hashed.to_string())
}

/// Whether `password` matches `stored` (a PHC string). A malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(error) => {
            tracing::error!(%error, "stored password hash is malformed");
            false
        }
    }
}

/// Spends the time of one verification on nothing, so that a login name that does not exist
/// cannot be told from a wrong password by the answer's delay.
pub fn verify_nobody(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(dummy) = DUMMY.get_or_init(|| hash("unused dummy password").ok()) {
        let _ = verify(password, dummy);
    }
}

/// A random password that meets the policy: 20 characters from all four classes, for a
/// first administrator. Ambiguous characters (0/O, 1/l/I) are left out so it can be read aloud.
pub fn generate() -> anyhow::Result<String> {
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const DIGITS: &[u8] = b"23456789";
    const SYMBOLS: &[u8] = b"-_.+=@#%";
    const LENGTH: usize = 20;
    let mut random = [0u8; LENGTH];
    getrandom::fill(&mut random).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let classes = [UPPER, LOWER, DIGITS, SYMBOLS];
    let password: String = random
        .iter()
        .enumerate()
        .map(|(i, byte)| {
            // The first four positions take one of each class; the rest cycle through them.
            let class = classes[i % classes.len()];
            char::from(class[usize::from(*byte) % class.len()])
        })
        .collect();
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_every_rule_a_password_breaks() {
        use PolicyViolation::*;
        let cases: [(&str, &str, &[PolicyViolation], &str); 7] = [
            ("li.si", "Huachuan-2021!", &[], "long, four classes"),
            (
                "li.si",
                "huachuan20211",
                &[TooFewClasses],
                "two classes only",
            ),
            (
                "li.si",
                "Hua-2021",
                &[TooShort],
                "three classes but 8 characters",
            ),
            (
                "li.si",
                "short",
                &[TooShort, TooFewClasses],
                "short and one class",
            ),
            (
                "wangfang",
                "WangFang-2021x",
                &[ContainsLogin],
                "contains the login, any case",
            ),
            (
                "li.si",
                "桦川县整治工作办公室Ab1",
                &[],
                "Chinese characters count as characters",
            ),
            (
                "li.si",
                "ABCDEFGHIJ12",
                &[TooFewClasses],
                "upper and digits only",
            ),
        ];
        for (login, password, expected, why) in cases {
            assert_eq!(check_policy(login, password), expected, "{why}: {password}");
        }
    }

    #[test]
    fn every_violation_has_a_chinese_message() {
        for violation in [
            PolicyViolation::TooShort,
            PolicyViolation::TooFewClasses,
            PolicyViolation::ContainsLogin,
        ] {
            let message = violation.message();
            assert!(
                message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{violation:?}: {message}"
            );
        }
    }

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_password() {
        let first = hash("Huachuan-2021!").expect("hash");
        let second = hash("Huachuan-2021!").expect("hash");
        assert!(first.starts_with("$argon2id$"), "argon2id: {first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("Huachuan-2021!", &first), "the right password");
        assert!(!verify("Huachuan-2021?", &first), "a wrong password");
        assert!(!verify("Huachuan-2021!", "not a hash"), "a malformed hash");
    }

    #[test]
    fn generated_passwords_meet_the_policy_and_differ() {
        let first = generate().expect("generate");
        let second = generate().expect("generate");
        assert_eq!(check_policy("admin", &first), vec![], "{first}");
        assert_ne!(first, second, "random");
    }
}
