// The work-item SQL, compiled once per backend by `per_backend!` (see store/sql.rs): the
// operations inside a caller's transaction, then the reads.

include!("items.rs");
include!("reads.rs");
