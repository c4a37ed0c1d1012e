//! The coordinator binary: the shared skeleton's `main` for the coordinator.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_coordinator::Coordinator>().await
}
