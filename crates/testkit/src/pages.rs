//! Reading a whole list through its pages (AIP-158): each page's `next_page_token` asked for in
//! turn until a page comes without one.

use std::future::Future;

/// Every element of every page, in order: `page` reads the page of the token it is given (the
/// first page with an empty token) and answers its elements and its `next_page_token`.
pub async fn every_page<T, F, Fut>(mut page: F) -> Vec<T>
where
    F: FnMut(String) -> Fut,
    Fut: Future<Output = (Vec<T>, String)>,
{
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let (elements, next_page_token) = page(page_token).await;
        out.extend(elements);
        if next_page_token.is_empty() {
            return out;
        }
        page_token = next_page_token;
    }
}
