//! The dashboard over HTTP: a real server on port 0 over a fresh database (both backends for
//! the security rules), a real registry for the public list, and a real browser. One test
//! binary, several modules.

mod assets;
mod browser;
mod chromium;
mod common;
mod county;
mod no_coordinator;
mod progress;
mod public;
mod security;
mod sheets;
mod sheets_browser;
