//! `rectify up`: every rectify service in one process, each on its own port and SQLite file and
//! through the same `App` as its own binary, the dashboard beside them, with development keys, a token per party and,
//! with `--demo`, the Huachuan demo campaign (docs/architecture.md, "Running it").

pub mod banner;
pub mod cli;
pub mod dashboard;
pub mod keys;
pub mod launcher;
mod private_file;
pub mod services;
pub mod tls;
pub mod tokens;

pub use cli::{Cli, Command, Ports, UpOptions};
pub use launcher::{Running, ServiceEndpoint, start, up};
