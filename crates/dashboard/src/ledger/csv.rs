//! The ledger as CSV: UTF-8 with a byte-order mark, so that Excel opens the Chinese text as
//! such, the header row first.

use super::{HEADERS, LedgerRow};

/// The UTF-8 byte-order mark Excel looks for.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `rows` as CSV bytes.
pub fn document(rows: &[LedgerRow]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(HEADERS)?;
    for row in rows {
        writer.write_record(row.cells())?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}
