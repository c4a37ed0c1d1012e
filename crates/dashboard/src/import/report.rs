//! The row-by-row error report: 第 N 行：字段：问题, whether the problem was found reading the
//! sheet or by the registry's rules (its field violations name `findings[i].<field>`, and row
//! `i` of the batch is a line of the sheet).

use tonic_types::StatusExt as _;

use super::columns::Column;

/// One problem of one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The line in the sheet, as Excel numbers it.
    pub line: usize,
    /// The column's header, or what the problem is about.
    pub column: String,
    /// What is wrong, in Chinese (English may follow in brackets).
    pub message: String,
}

impl RowError {
    pub fn new(line: usize, column: Column, message: impl Into<String>) -> RowError {
        RowError {
            line,
            column: column.header().to_owned(),
            message: message.into(),
        }
    }

    /// `第 N 行：字段：问题`.
    pub fn text(&self) -> String {
        format!("第 {} 行：{}：{}", self.line, self.column, self.message)
    }
}

/// `findings[3].credit_code` as (3, `credit_code`).
fn batch_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("findings[")?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The registry's refusal of a batch as lines of the report; `lines[i]` is the sheet line of
/// row `i`. `None` when the refusal names no row (then the page shows its message).
pub fn from_status(status: &tonic::Status, lines: &[usize]) -> Option<Vec<RowError>> {
    let details = status.get_error_details();
    let violations = &details.bad_request()?.field_violations;
    let errors: Vec<RowError> = violations
        .iter()
        .filter_map(|v| {
            let (index, field) = batch_field(&v.field)?;
            let message = v
                .localized_message
                .as_ref()
                .map(|m| m.message.clone())
                .unwrap_or_else(|| v.description.clone());
            Some(RowError {
                line: *lines.get(index)?,
                column: Column::of_field(field)
                    .map(|c| c.header().to_owned())
                    .unwrap_or_else(|| field.to_owned()),
                message,
            })
        })
        .collect();
    (!errors.is_empty()).then_some(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_field_names_its_row_and_field() {
        assert_eq!(
            batch_field("findings[3].credit_code"),
            Some((3, "credit_code"))
        );
        assert_eq!(
            batch_field("findings[0].location.latitude"),
            Some((0, "location.latitude"))
        );
        assert_eq!(batch_field("jurisdiction"), None);
    }

    #[test]
    fn a_row_error_reads_line_column_problem() {
        let e = RowError::new(5, Column::CreditCode, "校验码错误");
        assert_eq!(e.text(), "第 5 行：统一社会信用代码：校验码错误");
    }
}
