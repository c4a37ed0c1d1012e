//! What a service's per-backend query file reaches as `kit::…`: the shared
//! tables' functions and the write envelope for the same backend.

/// Shared-table functions on PostgreSQL.
pub mod postgres {
    pub use crate::idempotency::sql::postgres::{find as find_answer, save as save_answer};
    pub use crate::journal::sql::postgres::record as record_change;
    pub use crate::write::sql::postgres::Write;
}

/// Shared-table functions on SQLite.
pub mod sqlite {
    pub use crate::idempotency::sql::sqlite::{find as find_answer, save as save_answer};
    pub use crate::journal::sql::sqlite::record as record_change;
    pub use crate::write::sql::sqlite::Write;
}
