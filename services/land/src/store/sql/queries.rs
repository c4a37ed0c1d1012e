// The land SQL, compiled once per backend by `per_backend!` (see store/sql.rs): the transaction
// scripts, then the reads.

include!("writes.rs");
include!("reads.rs");
