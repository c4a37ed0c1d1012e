//! `rectifyctl token`: mints a token with the issuer key written by `keys init`.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use rectify_kit::auth::{Issuer, TokenRequest};

use crate::cli::TokenArgs;

impl TokenArgs {
    /// The token these flags ask for.
    pub fn request(&self) -> TokenRequest {
        TokenRequest {
            subject: self.subject.clone(),
            party: self.party.clone(),
            kind: self.kind.into(),
            roles: self.roles.clone(),
            audience: self.audience.clone(),
            lifetime: self.ttl,
        }
    }
}

/// A token for `request`, signed with the issuer key in `keys_dir`.
pub fn mint(keys_dir: &Path, request: &TokenRequest) -> anyhow::Result<String> {
    ensure!(
        request.roles.iter().all(|role| !role.trim().is_empty()),
        "a --role must not be empty"
    );
    let issuer = Issuer::load_files(keys_dir).with_context(|| {
        format!(
            "cannot load the issuer key from {} (create one with `rectifyctl keys init --dir {}`)",
            keys_dir.display(),
            keys_dir.display()
        )
    })?;
    issuer.mint(request).context("cannot mint the token")
}

/// A lifetime such as `90s`, `30m`, `8h` or `7d`: a positive whole number and a unit.
pub fn parse_ttl(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` has no unit; write e.g. 30m, 8h or 7d"))?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` does not start with a whole number"))?;
    let unit_secs: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => {
            return Err(format!(
                "unknown unit `{unit}` in `{text}`; use s, m, h or d"
            ));
        }
    };
    let secs = number
        .checked_mul(unit_secs)
        .filter(|secs| *secs > 0)
        .ok_or_else(|| format!("`{text}` is not a usable lifetime"))?;
    Ok(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_with_a_unit_parse_to_seconds() {
        let cases = [
            ("90s", 90),
            ("30m", 1800),
            ("8h", 28_800),
            ("7d", 604_800),
            (" 1h ", 3600),
        ];
        for (text, secs) in cases {
            assert_eq!(
                parse_ttl(text),
                Ok(Duration::from_secs(secs)),
                "ttl {text:?}"
            );
        }
    }

    #[test]
    fn lifetimes_without_number_or_unit_or_of_zero_are_refused() {
        for text in [
            "",
            "8",
            "h",
            "8x",
            "-1h",
            "1.5h",
            "0h",
            "99999999999999999999d",
        ] {
            assert!(parse_ttl(text).is_err(), "ttl {text:?} should be refused");
        }
    }
}
