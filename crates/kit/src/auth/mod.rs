//! Who is calling: JWTs signed with an asymmetric key (EdDSA or ES256), checked against a key set
//! with `kid`s so keys can rotate, and turned into a [`Principal`] (docs/architecture.md, "Identity and tokens").
//!
//! A token names the services it is for ([`SERVICE_AUDIENCES`]), so one token can reach several.
//! Services hold only a [`Verifier`] built from public keys; the [`Issuer`] (private key) lives in
//! `rectifyctl keys` and in the all-in-one launcher.

mod audiences;
mod claims;
mod credentials;
mod error;
mod issuer;
mod metadata;
mod principal;
mod service_key;
pub mod territory;
mod verifier;

pub use audiences::{SERVICE_AUDIENCES, is_service_audience};
pub use claims::Claims;
pub use credentials::{Credentials, SERVICE_KID_PREFIX, service_kid, service_of_kid};
pub use error::AuthError;
pub(crate) use issuer::write_secret;
pub use issuer::{Issuer, KeyFiles, TokenRequest};
pub use metadata::{bearer_token, set_bearer};
pub use principal::{PartyKind, Principal};
pub use service_key::{ServiceKey, add_service_key, service_key_file, service_kids};
pub use verifier::Verifier;
