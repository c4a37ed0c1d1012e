//! TLS between bureau systems and services and between the services themselves, optionally
//! mutual: the certificates (`certs`, a county CA made by `rectifyctl tls init`) and the
//! settings every service and client takes (`settings`). Everything is rustls on ring: no system
//! OpenSSL is needed to build or to run.

pub mod certs;
mod settings;

pub use settings::{ClientTls, TlsArgs};
