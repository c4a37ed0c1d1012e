//! Opaque page tokens (AIP-158): the last key of a page plus a fingerprint of
//! the filters, so a token cannot be replayed against other filters.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Page size when the caller asks for none.
pub const DEFAULT_PAGE_SIZE: i64 = 50;
/// Largest page served.
pub const MAX_PAGE_SIZE: i64 = 500;

#[derive(Serialize, Deserialize)]
struct Token {
    after: String,
    filter: String,
}

/// Where a list call starts and how much it returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Key after which to continue; empty for the first page.
    pub after: String,
    /// Rows to return.
    pub size: i64,
    filter: String,
}

fn fingerprint(filter: &str) -> String {
    hex::encode(&Sha256::digest(filter.as_bytes())[..8])
}

impl Page {
    /// Reads `page_size` and `page_token` of a list request whose filters are
    /// described by `filter` (any stable text, e.g. the filters joined).
    pub fn parse(page_size: i32, page_token: &str, filter: &str) -> Result<Page> {
        if page_size < 0 {
            return Err(Error::invalid(
                "page_size",
                "每页条数不能为负数 (page_size must not be negative)",
            ));
        }
        let size = match i64::from(page_size) {
            0 => DEFAULT_PAGE_SIZE,
            n => n.min(MAX_PAGE_SIZE),
        };
        let filter = fingerprint(filter);
        if page_token.is_empty() {
            return Ok(Page {
                after: String::new(),
                size,
                filter,
            });
        }
        let bad = || {
            Error::invalid(
                "page_token",
                "分页令牌无效或与查询条件不符 (page_token is invalid or was issued for other filters)",
            )
        };
        let bytes = URL_SAFE_NO_PAD.decode(page_token).map_err(|_| bad())?;
        let token: Token = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if token.filter != filter {
            return Err(bad());
        }
        Ok(Page {
            after: token.after,
            size,
            filter,
        })
    }

    /// The token for the page after this one, given the rows it returned and
    /// the key of the last; empty when this page was the last.
    pub fn next_token(&self, returned: usize, last_key: Option<&str>) -> String {
        match last_key {
            Some(after) if returned as i64 == self.size => {
                let token = Token {
                    after: after.to_owned(),
                    filter: self.filter.clone(),
                };
                URL_SAFE_NO_PAD.encode(serde_json::to_vec(&token).unwrap_or_default())
            }
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_continues_where_the_page_ended() {
        let first = Page::parse(2, "", "j=yuelai").expect("first page");
        let token = first.next_token(2, Some("e2"));
        let second = Page::parse(2, &token, "j=yuelai").expect("second page");
        assert_eq!(second.after, "e2");
    }

    #[test]
    fn a_token_is_refused_under_other_filters() {
        let token = Page::parse(2, "", "j=yuelai")
            .expect("first page")
            .next_token(2, Some("e2"));
        assert!(Page::parse(2, &token, "j=donghe").is_err());
    }

    #[test]
    fn a_short_page_is_the_last() {
        let page = Page::parse(10, "", "").expect("page");
        assert_eq!(page.next_token(3, Some("e3")), "");
    }

    #[test]
    fn garbage_tokens_are_invalid_arguments() {
        for token in ["%%%", "bm90IGpzb24", "e30"] {
            assert!(
                matches!(Page::parse(10, token, ""), Err(Error::InvalidArgument(_))),
                "token {token} accepted"
            );
        }
    }
}
