//! The registry binary: the shared skeleton's `main` for the registry.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_registry::Registry>().await
}
