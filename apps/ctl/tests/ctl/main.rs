//! Integration tests of `rectifyctl` against a real registry on port 0, over a
//! fresh database on both backends. One test binary, several modules.

mod anchor;
mod audit;
mod binary;
mod common;
mod dashboard_user;
mod feed;
mod probe;
mod tls;
