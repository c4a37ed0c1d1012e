//! `rectifyctl keys init`: a new Ed25519 issuer key pair on disk, never
//! replacing one that exists (that would void every token in circulation).

use std::fmt;
use std::path::Path;

use anyhow::{Context, bail};
use rectify_kit::auth::{Issuer, KeyFiles};

/// The key pair `keys init` wrote.
#[derive(Debug)]
pub struct CreatedKeys {
    /// Key id, in every token header and in `jwks.json`.
    pub kid: String,
    /// Issuer name (`iss`) tokens are signed as.
    pub issuer: String,
    /// Where the files are.
    pub files: KeyFiles,
}

/// Generates an issuer named `issuer` and writes its files into `dir`;
/// refuses when any of them already exists there.
pub fn init(dir: &Path, issuer: &str) -> anyhow::Result<CreatedKeys> {
    let files = KeyFiles::in_dir(dir);
    let existing: Vec<String> = [&files.private_pem, &files.meta, &files.jwks]
        .into_iter()
        .filter(|path| path.exists())
        .filter_map(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    if !existing.is_empty() {
        bail!(
            "{} already holds issuer keys ({}); refusing to overwrite them, because every token \
             signed with the old key would stop working. Choose another --dir, or remove the old \
             files yourself if you really mean to replace the key",
            dir.display(),
            existing.join(", ")
        );
    }
    let generated = Issuer::generate(issuer).context("cannot generate the issuer key")?;
    let files = generated
        .write_files(dir)
        .with_context(|| format!("cannot write the keys into {}", dir.display()))?;
    Ok(CreatedKeys {
        kid: generated.kid().to_owned(),
        issuer: generated.issuer().to_owned(),
        files,
    })
}

impl fmt::Display for CreatedKeys {
    /// What an operator needs to know; never the private key itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "generated Ed25519 issuer key {} for issuer \"{}\"",
            self.kid, self.issuer
        )?;
        writeln!(
            f,
            "public key set, give it to the services (--jwks): {}",
            self.files.jwks.display()
        )?;
        write!(
            f,
            "private key, keep it safe and never share it:   {}",
            self.files.private_pem.display()
        )
    }
}
