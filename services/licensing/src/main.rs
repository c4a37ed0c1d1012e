//! The licensing binary: the shared skeleton's `main` for the licensing service.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_licensing::Licensing>().await
}
