//! The land binary: the shared skeleton's `main` for the land service.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_land::Land>().await
}
