//! Compiles `proto/` with protox (no system protoc) and generates the tonic
//! clients and servers (every message implementing `prost::Name`), plus the
//! descriptor set that reflection serves.

use std::path::PathBuf;

use prost::Message;

const PROTOS: &[&str] = &[
    "rectify/common/v1/common.proto",
    "rectify/feed/v1/feed.proto",
    "rectify/registry/v1/registry.proto",
    "rectify/workitems/v1/workitems.proto",
    "rectify/utilities/v1/utilities.proto",
    "rectify/licensing/v1/licensing.proto",
    "rectify/land/v1/land.proto",
    "rectify/environment/v1/environment.proto",
    "rectify/safety/v1/safety.proto",
    "rectify/coordinator/v1/coordinator.proto",
];

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    println!("cargo:rerun-if-changed={}", root.display());

    let descriptors = protox::compile(PROTOS, [&root])?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out_dir.join("mutations.rs"), mutation_impls(&descriptors))?;
    std::fs::write(
        out_dir.join("rectify_descriptor.bin"),
        descriptors.encode_to_vec(),
    )?;

    // Every message implements `prost::Name`, so events can be packed in and
    // unpacked from `google.protobuf.Any` by their type URL. Maps are
    // BTreeMaps: a request encodes to the same bytes every time, which the
    // idempotency fingerprint relies on.
    let mut config = prost_build::Config::new();
    config
        .btree_map(["."])
        .enable_type_names()
        .type_name_domain(["."], "type.googleapis.com");
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds_with_config(descriptors, config)?;
    Ok(())
}

/// `impl Mutation` for every top-level rectify message with a `request_id`
/// field: the mutating requests (AIP-155).
fn mutation_impls(descriptors: &prost_types::FileDescriptorSet) -> String {
    let mut out = String::new();
    for file in &descriptors.file {
        let package = file.package();
        let Some(path) = package.strip_prefix("rectify.") else {
            continue;
        };
        let module = path.replace('.', "::");
        for message in &file.message_type {
            if message.field.iter().any(|f| f.name() == "request_id") {
                out.push_str(&format!(
                    "impl crate::Mutation for crate::{module}::{} {{\n    fn request_id(&self) -> &str {{\n        &self.request_id\n    }}\n}}\n",
                    message.name()
                ));
            }
        }
    }
    out
}
