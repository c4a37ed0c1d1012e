//! Reading the survey sheet (the first worksheet of an XLSX file) into rows of cells by column,
//! the way townships fill it in: a title and a "填报单位" line before the header, a blank row and
//! a signature footer after the data. Each row keeps its line number in the sheet.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::columns::{Column, normalize_header};
use super::{MAX_FILE_BYTES, MAX_ROWS};

/// How many lines from the top the header row is looked for in.
const HEADER_SEARCH_LINES: usize = 10;
/// Lines of the footer start with one of these.
const FOOTER_MARKERS: [&str; 6] = ["填表人", "审核人", "制表人", "负责人签字", "注：", "说明"];

/// Why a file cannot be read as a survey sheet: nothing of it is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Not an XLSX workbook (a text file renamed, an old .xls, a broken file).
    NotXlsx,
    /// No worksheet, or no line with data.
    Empty,
    /// No header row with these required columns.
    MissingColumns(Vec<&'static str>),
    /// More data rows than [`MAX_ROWS`].
    TooManyRows(usize),
}

impl SheetError {
    /// What the page says, Chinese first.
    pub fn message(&self) -> String {
        match self {
            SheetError::TooLarge => format!(
                "文件过大：最大 {} MB (the file is larger than {} MB)",
                MAX_FILE_BYTES / 1024 / 1024,
                MAX_FILE_BYTES / 1024 / 1024
            ),
            SheetError::NotXlsx => {
                "文件不是有效的 Excel 工作簿（.xlsx），请用模板填写后另存为 .xlsx \
                 (the file is not an XLSX workbook)"
                    .to_owned()
            }
            SheetError::Empty => "表格中没有数据 (the sheet holds no data)".to_owned(),
            SheetError::MissingColumns(columns) => format!(
                "未找到表头：表格须含“{}”列，请使用导入模板 (no header row with the columns {} was found)",
                columns.join("”“"),
                columns.join(", ")
            ),
            SheetError::TooManyRows(n) => format!(
                "数据行过多：一次最多导入 {MAX_ROWS} 行，本表 {n} 行 (at most {MAX_ROWS} rows, got {n})"
            ),
        }
    }
}

/// One data row: its line in the sheet (from 1, as Excel numbers them) and its cells by column,
/// cleaned; empty cells are absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveyRow {
    pub line: usize,
    pub cells: HashMap<Column, Cell>,
}

/// A cell's value as the import uses it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as text (a number as Excel shows it, `130.6392`, `12`).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }
}

impl SurveyRow {
    /// The text of `column`, empty when the cell is empty.
    pub fn text(&self, column: Column) -> String {
        self.cells.get(&column).map(Cell::text).unwrap_or_default()
    }
}

fn cell(data: &Data) -> Option<Cell> {
    match data {
        Data::Empty | Data::Error(_) => None,
        Data::Int(i) => Some(Cell::Number(*i as f64)),
        Data::Float(f) => Some(Cell::Number(*f)),
        Data::String(s) => {
            let s = rectify_campaign::text::clean(s);
            (!s.is_empty()).then_some(Cell::Text(s))
        }
        other => {
            let s = rectify_campaign::text::clean(&other.to_string());
            (!s.is_empty()).then_some(Cell::Text(s))
        }
    }
}

/// The rows of the survey in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Vec<SurveyRow>, SheetError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(SheetError::TooLarge);
    }
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| SheetError::NotXlsx)?;
    let range = match workbook.worksheet_range_at(0) {
        None => return Err(SheetError::Empty),
        Some(Err(_)) => return Err(SheetError::NotXlsx),
        Some(Ok(range)) => range,
    };
    // Lines as Excel numbers them: the range may start below line 1.
    let first_line = range.start().map(|(row, _)| row as usize + 1).unwrap_or(1);
    let lines: Vec<(usize, Vec<Option<Cell>>)> = range
        .rows()
        .enumerate()
        .map(|(i, row)| (first_line + i, row.iter().map(cell).collect()))
        .collect();
    if lines
        .iter()
        .all(|(_, cells)| cells.iter().all(Option::is_none))
    {
        return Err(SheetError::Empty);
    }
    let (header_index, columns) = header(&lines)?;
    let mut rows = Vec::new();
    for (line, cells) in &lines[header_index + 1..] {
        let blank = cells.iter().all(Option::is_none);
        let first_text = cells
            .iter()
            .flatten()
            .next()
            .map(Cell::text)
            .unwrap_or_default();
        if blank && !rows.is_empty() {
            break;
        }
        if blank {
            continue;
        }
        if FOOTER_MARKERS.iter().any(|m| first_text.starts_with(m)) {
            break;
        }
        let cells = columns
            .iter()
            .filter_map(|(column, index)| Some((*column, cells.get(*index)?.clone()?)))
            .collect();
        rows.push(SurveyRow { line: *line, cells });
    }
    if rows.is_empty() {
        return Err(SheetError::Empty);
    }
    if rows.len() > MAX_ROWS {
        return Err(SheetError::TooManyRows(rows.len()));
    }
    Ok(rows)
}

/// The header row among the first lines: the first with every required column. Its index in
/// `lines` and where each known column is.
fn header(
    lines: &[(usize, Vec<Option<Cell>>)],
) -> Result<(usize, Vec<(Column, usize)>), SheetError> {
    let mut best_missing: Option<Vec<&'static str>> = None;
    for (index, (_, cells)) in lines.iter().enumerate().take(HEADER_SEARCH_LINES) {
        let names: Vec<String> = cells
            .iter()
            .map(|c| {
                c.as_ref()
                    .map(|c| normalize_header(&c.text()))
                    .unwrap_or_default()
            })
            .collect();
        let columns: Vec<(Column, usize)> = Column::ALL
            .iter()
            .filter_map(|column| {
                let wanted: Vec<String> = column
                    .headers()
                    .iter()
                    .map(|h| normalize_header(h))
                    .collect();
                names
                    .iter()
                    .position(|n| wanted.contains(n))
                    .map(|i| (*column, i))
            })
            .collect();
        let missing: Vec<&'static str> = Column::ALL
            .iter()
            .filter(|c| c.required() && !columns.iter().any(|(found, _)| found == *c))
            .map(|c| c.header())
            .collect();
        if missing.is_empty() {
            return Ok((index, columns));
        }
        if columns.len() > 1
            && best_missing
                .as_ref()
                .is_none_or(|b| missing.len() < b.len())
        {
            best_missing = Some(missing);
        }
    }
    Err(SheetError::MissingColumns(best_missing.unwrap_or_else(
        || {
            Column::ALL
                .iter()
                .filter(|c| c.required())
                .map(|c| c.header())
                .collect()
        },
    )))
}
