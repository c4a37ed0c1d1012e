//! The ledger as an XLSX workbook (`rust_xlsxwriter`): a title row, the header row in bold,
//! frozen under the title and header, columns wide enough for their Chinese text.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{HEADERS, LedgerRow};

/// Column widths in characters, in [`HEADERS`] order.
const WIDTHS: [f64; 11] = [
    6.0, 30.0, 22.0, 12.0, 36.0, 10.0, 48.0, 16.0, 10.0, 12.0, 16.0,
];
/// The worksheet's name.
pub const SHEET_NAME: &str = "台账";

/// The workbook of `rows` under `title` (row 1), the header on row 2, data from row 3.
pub fn workbook(title: &str, rows: &[LedgerRow]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    let title_format = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let header_format = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_background_color("#DDEBF7");
    let cell_format = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let last_column = (HEADERS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last_column, title, &title_format)?;
    for (column, (header, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(1, column as u16, *header, &header_format)?;
        sheet.set_column_width(column as u16, width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        sheet.write_number_with_format(r, 0, row.number as f64, &cell_format)?;
        for (column, value) in row.cells().iter().enumerate().skip(1) {
            sheet.write_string_with_format(r, column as u16, value, &cell_format)?;
        }
    }
    sheet.set_freeze_panes(2, 0)?;
    workbook.save_to_buffer()
}
