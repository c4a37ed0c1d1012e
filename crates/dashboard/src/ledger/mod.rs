//! The ledger (台账) as a spreadsheet: one row per enterprise on the list, with the columns of
//! the campaign's ledger, as XLSX (`GET /ledger.xlsx`) and CSV (`GET /ledger.csv`).
//!
//! The rows are read under the dashboard's tokens: enterprises and plans from the registry,
//! completion from the coordinator ([`crate::coordinator::CoordinatorClient`]), every page of
//! both.

pub mod completion;
pub mod csv;
pub mod download;
pub mod problems;
pub mod registry;
pub mod routes;
pub mod rows;
pub mod xlsx;

pub use registry::OfficeRegistry;
pub use rows::{LedgerFilter, LedgerRow};

/// The ledger's columns, in the campaign's order.
pub const HEADERS: [&str; 11] = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所属乡镇",
    "存在问题",
    "整治类别",
    "整治措施",
    "责任单位",
    "责任人",
    "整治时限",
    "完成情况",
];
