//! The safety binary: the shared skeleton's `main` for the safety service.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_safety::Safety>().await
}
