//! Files holding secrets (tokens, a one-time password): readable by their owner only.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

/// Writes `text` to `path`, owner-only on unix, replacing an older file.
pub fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
