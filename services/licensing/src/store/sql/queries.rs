// The licensing SQL, compiled once per backend by `per_backend!` (see store/sql.rs): the rows
// of its tables, the transaction scripts, then the reads.

include!("rows.rs");
include!("writes.rs");
include!("reads.rs");
