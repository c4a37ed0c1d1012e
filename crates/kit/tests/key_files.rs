//! The issuer's private key file is one standard tools read: OpenSSL and Python's `cryptography`
//! load `issuer.pem` as written and find in it the same key the services' `jwks.json` publishes.
//!
//! Either program missing skips the test with a note, except under `CI=true`, where it fails.

use std::path::Path;
use std::process::{Command, Output};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rectify_kit::auth::Issuer;

/// Python that loads the PEM named by `argv[1]` and prints its raw public key in hex.
const PYTHON_LOAD: &str = "\
import sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
key = load_pem_private_key(open(sys.argv[1], 'rb').read(), password=None)
assert isinstance(key, Ed25519PrivateKey), type(key)
print(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex())
";

/// A tool that reads the key: how to see that it is installed, and how to read the key with it.
struct Reader {
    name: &'static str,
    probe: fn() -> Command,
    read: fn(&Path) -> Command,
    /// The 32-byte public key in the tool's output.
    public_key: fn(&Output) -> Vec<u8>,
}

const READERS: [Reader; 2] = [
    Reader {
        name: "openssl pkey",
        probe: || command("openssl", &["version"]),
        read: |pem| {
            let mut openssl = command("openssl", &["pkey", "-pubout", "-outform", "DER", "-in"]);
            openssl.arg(pem);
            openssl
        },
        // SubjectPublicKeyInfo DER: a 12-byte Ed25519 prefix, then the key.
        public_key: |output| output.stdout.get(12..).unwrap_or_default().to_vec(),
    },
    Reader {
        name: "python3 cryptography",
        probe: || command("python3", &["-c", "import cryptography"]),
        read: |pem| {
            let mut python = command("python3", &["-c", PYTHON_LOAD]);
            python.arg(pem);
            python
        },
        public_key: |output| {
            hex::decode(String::from_utf8_lossy(&output.stdout).trim()).unwrap_or_default()
        },
    },
];

fn command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    command
}

/// Why `reader` cannot be run here, if it cannot.
fn missing(reader: &Reader) -> Option<String> {
    match (reader.probe)().output() {
        Ok(output) if output.status.success() => None,
        Ok(output) => Some(format!(
            "{} is not usable: {}",
            reader.name,
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(error) => Some(format!("{} is not installed: {error}", reader.name)),
    }
}

#[test]
fn openssl_and_python_cryptography_read_a_freshly_written_private_key() {
    let missing: Vec<String> = READERS.iter().filter_map(missing).collect();
    if !missing.is_empty() {
        let why = missing.join("; ");
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must be able to check the key file with both tools: {why}"
        );
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let issuer = Issuer::generate("rectify").expect("generate issuer");
    let files = issuer.write_files(dir.path()).expect("write key files");
    let jwks: serde_json::Value =
        serde_json::from_str(&issuer.public_jwks_json()).expect("jwks json");
    let published = URL_SAFE_NO_PAD
        .decode(jwks["keys"][0]["x"].as_str().expect("x"))
        .expect("x is base64url");

    for reader in &READERS {
        let output = (reader.read)(&files.private_pem)
            .output()
            .expect("run the reader");
        assert!(
            output.status.success(),
            "{} should read issuer.pem: {}",
            reader.name,
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            (reader.public_key)(&output),
            published,
            "{} should find the key jwks.json publishes",
            reader.name
        );
    }
}
