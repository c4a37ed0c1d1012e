//! The environment binary: the shared skeleton's `main` for the environment service.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    rectify_kit::service::main::<rectify_environment::Environment>().await
}
