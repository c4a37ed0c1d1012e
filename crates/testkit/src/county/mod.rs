//! The whole county under test (feature `county`): the registry and the five bureau services,
//! each a separate server on its own fresh database, following the registry as their binaries
//! do; every service's feed read whole and checked; good requests for every bureau's own
//! methods.

mod feeds;
mod requests;
mod spawn;

pub use crate::of_type;
pub use feeds::{
    CountyFeeds, ExpectedFeed, assert_no_duplicates, event_counts, expect_feed, times,
};
pub use requests::*;
pub use spawn::County;
