//! Test harness for rectify services: a fresh database per test on SQLite or
//! PostgreSQL, a key set and tokens, a server on port 0 and clients to it.

pub mod bench;
pub mod bureau;
pub mod conformance;
pub mod conventions;
pub mod coordinator;
#[cfg(feature = "county")]
pub mod county;
mod database;
pub mod evidence;
mod keys;
pub mod otlp;
pub mod pages;
pub mod registry;
mod server;
mod service;
pub mod tls;
pub mod workitems;

pub use database::{Backend, TestDb};
pub use keys::TestKeys;
pub use server::{RunningServer, authorized, authorized_if, channel, wait_serving};
pub use service::{TestService, args, event, of_type, start, start_tls, type_urls};
pub use tls::TestTls;

/// Stamps out `sqlite` and `postgres` test modules calling each named
/// `async fn name(backend: Backend)` of the enclosing module.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Postgres).await
                }
            )*
        }
    };
}
