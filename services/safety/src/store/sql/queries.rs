// The safety SQL, compiled once per backend by `per_backend!` (see store/sql.rs): the rows of
// its tables, the transaction scripts, then the reads.

include!("rows.rs");
include!("record.rs");
include!("reads.rs");
