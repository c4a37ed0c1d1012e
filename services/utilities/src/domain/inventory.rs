//! The inventory (清单) of a clearing: what raw materials, products or equipment were removed, how
//! much, and where they went. Parsed from the request line by line, every bad field reported with
//! its path (`lines[2].quantity`).

use rectify_campaign::text::clean;
use rectify_kit::FieldViolation;
use rectify_proto::utilities::v1 as pb;
use rectify_workitems::domain::{Reason, Violations};
use thiserror::Error;

use rectify_campaign::{Decimal3, DecimalError};

/// Most lines one clearing may list.
pub const MAX_LINES: usize = 200;

/// Longest item description, in characters.
pub const ITEM_MAX_CHARS: usize = 100;

/// Longest unit, in characters.
pub const UNIT_MAX_CHARS: usize = 16;

/// What happened to a cleared line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposal {
    /// 变卖
    Sold,
    /// 退回供货方
    ReturnedToSupplier,
    /// 拆除、拆解
    Dismantled,
    /// 报废
    Scrapped,
    /// 危险废物依法转移处置
    HazardousWasteTransfer,
    /// 查封扣押
    Seized,
    /// 其他, described.
    Other(Reason),
}

/// One cleared line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InventoryLine {
    /// What, e.g. 注塑机.
    pub item: String,
    /// How much; greater than zero.
    pub quantity: Decimal3,
    /// Unit of the quantity, e.g. 台.
    pub unit: String,
    /// Where it went.
    pub disposal: Disposal,
}

/// Why a field of an inventory line is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LineError {
    /// No lines at all.
    #[error(
        "清单至少需要一行；现场无可清除物品时请由办公室免除该措施 (at least one line is required; if there is nothing to clear, the office waives the measure)"
    )]
    NoLines,
    /// Too many lines.
    #[error("清单最多{MAX_LINES}行 (at most {MAX_LINES} lines)")]
    TooManyLines,
    /// A text field empty.
    #[error("{0}不能为空 ({1} is required)")]
    Empty(&'static str, &'static str),
    /// A text field too long.
    #[error("{0}不能超过{2}个字 ({1} must be at most {2} characters)")]
    TooLong(&'static str, &'static str, usize),
    /// The quantity is not a decimal.
    #[error("数量：{0}")]
    Quantity(DecimalError),
    /// The quantity is zero.
    #[error("数量必须大于0 (quantity must be greater than zero)")]
    ZeroQuantity,
    /// No disposal method chosen.
    #[error("请选择处置方式 (a disposal method is required)")]
    NoDisposal,
    /// `DISPOSAL_METHOD_OTHER` without a description.
    #[error("处置方式为“其他”时须说明 (describe the disposal when it is OTHER)")]
    OtherUndescribed,
}

/// A cleaned, non-empty text of at most `max` characters.
fn text(
    input: &str,
    max: usize,
    what: &'static str,
    what_en: &'static str,
) -> Result<String, LineError> {
    let text = clean(input);
    if text.is_empty() {
        return Err(LineError::Empty(what, what_en));
    }
    if text.chars().count() > max {
        return Err(LineError::TooLong(what, what_en, max));
    }
    Ok(text)
}

fn quantity(input: &str) -> Result<Decimal3, LineError> {
    let quantity = Decimal3::parse(input).map_err(LineError::Quantity)?;
    if quantity.is_zero() {
        return Err(LineError::ZeroQuantity);
    }
    Ok(quantity)
}

fn disposal(method: i32, note: &str) -> Result<Disposal, LineError> {
    use pb::DisposalMethod as M;
    match M::try_from(method).unwrap_or(M::Unspecified) {
        M::Unspecified => Err(LineError::NoDisposal),
        M::Sold => Ok(Disposal::Sold),
        M::ReturnedToSupplier => Ok(Disposal::ReturnedToSupplier),
        M::Dismantled => Ok(Disposal::Dismantled),
        M::Scrapped => Ok(Disposal::Scrapped),
        M::HazardousWasteTransfer => Ok(Disposal::HazardousWasteTransfer),
        M::Seized => Ok(Disposal::Seized),
        M::Other => Reason::parse(note)
            .map(Disposal::Other)
            .map_err(|_| LineError::OtherUndescribed),
    }
}

/// Parses the lines of a clearing; `field` is the path of the repeated field, e.g. `lines`.
pub fn parse_lines(
    lines: &[pb::InventoryLine],
    field: &str,
) -> Result<Vec<InventoryLine>, Vec<FieldViolation>> {
    let mut violations = Violations::new();
    if lines.is_empty() {
        violations.add(field, LineError::NoLines);
    }
    if lines.len() > MAX_LINES {
        violations.add(field, LineError::TooManyLines);
    }
    let mut parsed = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let at = |name: &str| format!("{field}[{index}].{name}");
        let item = violations.check(at("item"), text(&line.item, ITEM_MAX_CHARS, "物品", "item"));
        let amount = violations.check(at("quantity"), quantity(&line.quantity));
        let unit = violations.check(at("unit"), text(&line.unit, UNIT_MAX_CHARS, "单位", "unit"));
        let how = disposal(line.disposal_method, &line.disposal_note);
        let field_name = if matches!(how, Err(LineError::OtherUndescribed)) {
            "disposal_note"
        } else {
            "disposal_method"
        };
        let how = violations.check(at(field_name), how);
        if let (Some(item), Some(quantity), Some(unit), Some(disposal)) = (item, amount, unit, how)
        {
            parsed.push(InventoryLine {
                item,
                quantity,
                unit,
                disposal,
            });
        }
    }
    violations.collect(Some(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(
        item: &str,
        quantity: &str,
        unit: &str,
        method: pb::DisposalMethod,
    ) -> pb::InventoryLine {
        pb::InventoryLine {
            item: item.into(),
            quantity: quantity.into(),
            unit: unit.into(),
            disposal_method: method.into(),
            disposal_note: String::new(),
        }
    }

    #[test]
    fn good_lines_are_parsed() {
        let mut other = line("废旧塑料", "3.5", "吨", pb::DisposalMethod::Other);
        other.disposal_note = "由回收企业收购".into();
        let lines = [
            line(" 注塑机 ", "2", "台", pb::DisposalMethod::Dismantled),
            other,
        ];
        let parsed = parse_lines(&lines, "lines").expect("valid lines");
        assert_eq!(parsed[0].item, "注塑机", "trimmed");
        assert_eq!(parsed[0].quantity, Decimal3::from_units(2), "quantity");
        assert_eq!(parsed[1].quantity.to_string(), "3.5", "decimal quantity");
        assert!(
            matches!(&parsed[1].disposal, Disposal::Other(r) if r.as_str() == "由回收企业收购")
        );
    }

    #[test]
    fn every_bad_field_is_reported_with_its_path() {
        let lines = [
            line("注塑机", "2", "台", pb::DisposalMethod::Dismantled),
            line("", "-1", "", pb::DisposalMethod::Unspecified),
            line("原料", "0", "吨", pb::DisposalMethod::Other),
            line("产品", "abc", "件", pb::DisposalMethod::Sold),
        ];
        let violations = parse_lines(&lines, "lines").expect_err("bad lines");
        let fields: Vec<&str> = violations.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "lines[1].item",
                "lines[1].quantity",
                "lines[1].unit",
                "lines[1].disposal_method",
                "lines[2].quantity",
                "lines[2].disposal_note",
                "lines[3].quantity",
            ],
            "every bad field, in order"
        );
        assert!(
            violations[1].description.to_string().contains("不能为负数"),
            "{}",
            violations[1].description
        );
        assert!(
            violations[4].description.to_string().contains("大于0"),
            "{}",
            violations[4].description
        );
    }

    #[test]
    fn an_empty_inventory_is_refused() {
        let violations = parse_lines(&[], "lines").expect_err("no lines");
        assert_eq!(violations[0].field, "lines");
        assert!(
            violations[0].description.to_string().contains("免除"),
            "points to waiving"
        );
    }
}
