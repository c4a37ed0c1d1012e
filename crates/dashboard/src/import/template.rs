//! `GET /import/template.xlsx`: the survey sheet as the import reads it, to fill in: a title
//! line, the header with every column, and one example row in grey to overwrite.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use super::columns::Column;

/// An example row, in [`Column::ALL`] order.
const EXAMPLE: [&str; 15] = [
    "1",
    "太平村",
    "悦来镇太平村鑫盛厂",
    "",
    "张三",
    "13800000000",
    "悦来镇太平村4组",
    "130.6392",
    "46.925983",
    "塑料颗粒",
    "再生塑料颗粒",
    "无任何审批手续，废气直排",
    "关停取缔",
    "乡镇排查",
    "示例行，请删除",
];

/// The template workbook.
pub fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("排查登记表")?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let example = Format::new().set_font_color("#808080");
    sheet.write_string_with_format(
        0,
        0,
        "“散乱污”企业（作坊）排查情况登记表（标 * 为必填：企业（作坊）名称、详细地址）",
        &title,
    )?;
    for (i, column) in Column::ALL.iter().enumerate() {
        let i = i as u16;
        sheet.write_string_with_format(1, i, column.header(), &header)?;
        sheet.set_column_width(i, if column.required() { 24.0 } else { 13.0 })?;
        let value = EXAMPLE[i as usize];
        match value.parse::<f64>() {
            Ok(n)
                if matches!(
                    column,
                    Column::Number | Column::Longitude | Column::Latitude
                ) =>
            {
                sheet.write_number_with_format(2, i, n, &example)?
            }
            _ => sheet.write_string_with_format(2, i, value, &example)?,
        };
    }
    sheet.set_freeze_panes(2, 0)?;
    workbook.save_to_buffer()
}
