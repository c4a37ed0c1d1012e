//! Random secrets (session ids, CSRF tokens), their stored hashes and their comparison.

use sha2::{Digest, Sha256};

/// Bytes of randomness in a session id or CSRF token: 256 bits.
pub const SECRET_BYTES: usize = 32;

/// A fresh random secret of 256 bits, as 64 hex digits.
pub fn random_hex() -> anyhow::Result<String> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(hex::encode(bytes))
}

/// SHA-256 of `secret`, as stored in place of the secret.
pub fn sha256_hex(secret: &str) -> String {
    sha256_hex_bytes(secret.as_bytes())
}

/// SHA-256 of `bytes`, as hex.
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Compares two secrets in time independent of where they first differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_secrets_are_256_bits_and_differ() {
        let a = random_hex().expect("random");
        let b = random_hex().expect("random");
        assert_eq!(a.len(), 64, "64 hex digits");
        assert_ne!(a, b, "two draws differ");
        assert_ne!(sha256_hex(&a), a, "the stored form is not the secret");
    }

    #[test]
    fn same_compares_whole_strings() {
        let cases = [
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("abc", "ab", false),
            ("", "", true),
        ];
        for (a, b, expected) in cases {
            assert_eq!(same(a, b), expected, "{a:?} vs {b:?}");
        }
    }
}
