//! `rectifyctl token`: mints a token with the issuer key written by `keys init`.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use rectify_kit::auth::{Issuer, SERVICE_AUDIENCES, TokenRequest, is_service_audience};

use crate::cli::TokenArgs;

impl TokenArgs {
    /// The token these flags ask for; a service named twice is named once.
    pub fn request(&self) -> TokenRequest {
        let mut audiences: Vec<String> = Vec::with_capacity(self.audiences.len());
        for audience in &self.audiences {
            if !audiences.contains(audience) {
                audiences.push(audience.clone());
            }
        }
        TokenRequest {
            subject: self.subject.clone(),
            party: self.party.clone(),
            kind: self.kind.into(),
            roles: self.roles.clone(),
            audiences,
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

/// One `--audience` value: the name of a rectify service, one of
/// [`SERVICE_AUDIENCES`](rectify_kit::auth::SERVICE_AUDIENCES).
pub fn parse_audience(text: &str) -> Result<String, String> {
    let name = text.trim();
    if is_service_audience(name) {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "`{text}` is not a rectify service; use one or more of {}",
            SERVICE_AUDIENCES.join(", ")
        ))
    }
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
    use clap::Parser as _;

    use super::*;
    use crate::cli::{Cli, Command};

    /// The token request of `rectifyctl token … <flags>`, or clap's refusal.
    fn token_request(flags: &[&str]) -> Result<TokenRequest, clap::Error> {
        let base = ["rectifyctl", "token", "--keys", "k", "--party", "water"];
        let argv = base.iter().chain(&["--kind", "bureau"]).chain(flags);
        match Cli::try_parse_from(argv)?.command {
            Command::Token(args) => Ok(args.request()),
            other => panic!("parsed as another command: {other:?}"),
        }
    }

    #[test]
    fn audiences_are_every_service_unless_named_repeated_or_comma_separated() {
        let cases: [(&[&str], &[&str]); 4] = [
            (&[], &SERVICE_AUDIENCES),
            (&["--audience", "registry"], &["registry"]),
            (
                &["--audience", "registry,utilities", "--audience", "land"],
                &["registry", "utilities", "land"],
            ),
            (
                &["--audience", "land", "--audience", "land,registry"],
                &["land", "registry"],
            ),
        ];
        for (flags, expected) in cases {
            let request = token_request(flags).expect("flags parse");
            assert_eq!(request.audiences, expected, "audiences of {flags:?}");
        }
    }

    #[test]
    fn an_audience_that_is_not_a_service_is_refused_with_the_list_of_services() {
        for value in ["registy", "registry,", "Registry", ""] {
            let error = token_request(&["--audience", value])
                .expect_err("an unknown service must be refused")
                .to_string();
            assert!(
                error.contains("not a rectify service") && error.contains("coordinator"),
                "--audience {value:?} should name the services: {error}"
            );
        }
    }

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
