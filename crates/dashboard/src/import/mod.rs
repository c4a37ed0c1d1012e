//! A township's survey spreadsheet (排查登记表, XLSX) imported as findings: read with
//! `calamine` as townships fill it in (title and footer lines skipped, cells cleaned), each
//! row turned into a finding, and the whole sheet sent to the registry's `ImportFindings`, which
//! checks every row by the same rules as a single report and stores all of them or none. The
//! page lists every bad row in Chinese (第 N 行：字段：问题).

pub mod columns;
pub mod findings;
pub mod report;
pub mod routes;
pub mod sheet;
pub mod template;

/// Largest file accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most data rows in one sheet (the registry takes at most 2000 findings per import).
pub const MAX_ROWS: usize = 2000;
