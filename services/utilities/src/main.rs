//! The utilities binary: the shared skeleton's `main` for the utilities service.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_utilities::Utilities>().await
}
