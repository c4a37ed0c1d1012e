//! The gRPC handlers of a service, written once: [`handlers!`](crate::handlers) stamps out the
//! `tonic` method signatures, the trace span, the caller's verification and the answer's
//! wrapping, so a service writes only what each method does.

use std::future::Future;

use tonic::{Response, Status};

/// Awaits a handler's work and wraps its answer for `tonic`.
pub async fn answer<T>(
    work: impl Future<Output = Result<T, Status>>,
) -> Result<Response<T>, Status> {
    work.await.map(Response::new)
}

/// `handlers!`: the `#[tonic::async_trait]` impl of a gRPC service trait for an API type.
///
/// Each method names its request and answer types and, with `#[traced(…)]`, the request
/// fields its span records; the trait's associated types come first. The macro
/// verifies the caller (UNAUTHENTICATED without one) and hands the method's block the caller
/// and the request message under the names given; the block answers
/// `Result<Answer, tonic::Status>`.
///
/// ```ignore
/// rectify_kit::handlers! {
///     impl LandService for LandApi;
///
///     #[traced(work_item)]
///     fn record_demolition(&self, caller, body: pb::RecordDemolitionRequest)
///         -> pb::RecordDemolitionResponse
///     {
///         self.record(caller, body, "RecordDemolition", Record::demolition).await
///     }
/// }
/// ```
#[macro_export]
macro_rules! handlers {
    (
        impl $service:ident for $api:ty;
        $(type $assoc:ident = $assoc_ty:ty;)*
        $(
            $(#[doc = $doc:literal])*
            $(#[traced($($field:ident),*)])?
            fn $method:ident(&$self:ident, $caller:ident, $body:ident: $request:ty)
                -> $answer:ty
            $work:block
        )*
    ) => {
        #[::tonic::async_trait]
        impl $service for $api {
            $(type $assoc = $assoc_ty;)*
            $(
                $(#[doc = $doc])*
                $(#[::tracing::instrument(skip_all, fields($($field = %request.get_ref().$field),*))])?
                async fn $method(
                    &$self,
                    request: ::tonic::Request<$request>,
                ) -> ::std::result::Result<::tonic::Response<$answer>, ::tonic::Status> {
                    let $caller = $crate::caller::principal(&request)?;
                    let $body = request.into_inner();
                    $crate::rpc::answer(async move { $work }).await
                }
            )*
        }
    };
}
