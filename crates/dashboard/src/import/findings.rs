//! A survey row as the registry's finding. What only the sheet can get wrong (a coordinate
//! that is not a number, only one of the two, a source the campaign does not know) is reported
//! here; everything else (required name and address, credit code check character,
//! coordinates in the county, lengths) is the registry's rule, checked by `ImportFindings`.

use rectify_proto::common::v1::GeoPoint;
use rectify_proto::registry::v1 as pb;
use unicode_normalization::UnicodeNormalization as _;

use super::columns::Column;
use super::report::RowError;
use super::sheet::{Cell, SurveyRow};

/// The sources a sheet may name (线索来源); empty means 乡镇排查.
const SOURCES: [(&str, pb::FindingSource); 5] = [
    ("乡镇排查", pb::FindingSource::TownshipSurvey),
    ("信访举报", pb::FindingSource::Petition),
    ("污染源台账", pb::FindingSource::PollutionSourceLedger),
    ("网格化监管", pb::FindingSource::GridSupervision),
    ("部门检查", pb::FindingSource::BureauInspection),
];

/// Full-width digits, letters and signs as their ASCII forms (１３０．５ → 130.5).
fn ascii_form(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// A coordinate cell as degrees.
fn degrees(row: &SurveyRow, column: Column, errors: &mut Vec<RowError>) -> Option<f64> {
    match row.cells.get(&column)? {
        Cell::Number(n) => Some(*n),
        Cell::Text(text) => match ascii_form(text).trim_end_matches('°').parse::<f64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(RowError::new(
                    row.line,
                    column,
                    format!("“{text}”不是十进制度数 (not decimal degrees)"),
                ));
                None
            }
        },
    }
}

/// What the sheet says that a finding has no field for, in the order the note lists it.
const NOTE_PARTS: [(Column, &str); 5] = [
    (Column::Village, "村（社区）"),
    (Column::Products, "主要产品"),
    (Column::Problems, PROBLEMS),
    (Column::SuggestedCategory, "建议整治类型"),
    (Column::Note, "备注"),
];
/// The label of the survey's 存在问题 in a finding's note.
const PROBLEMS: &str = "存在问题";

/// The 存在问题 an imported finding's `note` carries, as the sheet said it.
pub fn problems_in_note(note: &str) -> Option<&str> {
    let start = note.find(&format!("{PROBLEMS}："))? + PROBLEMS.len() + "：".len();
    let rest = &note[start..];
    let end = NOTE_PARTS
        .iter()
        .skip_while(|(_, label)| *label != PROBLEMS)
        .skip(1)
        .filter_map(|(_, label)| rest.find(&format!("；{label}：")))
        .min()
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|p| !p.is_empty())
}

/// The note kept with the finding: what the sheet says that a finding has no field for.
fn note(row: &SurveyRow) -> String {
    NOTE_PARTS
        .iter()
        .filter_map(|(column, label)| {
            let text = row.text(*column);
            (!text.is_empty()).then(|| format!("{label}：{text}"))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The finding of `row` in `jurisdiction`, or what is wrong with the row as a sheet line.
pub fn finding(row: &SurveyRow, jurisdiction: &str) -> Result<pb::Finding, Vec<RowError>> {
    let mut errors = Vec::new();
    let longitude = degrees(row, Column::Longitude, &mut errors);
    let latitude = degrees(row, Column::Latitude, &mut errors);
    let location = match (longitude, latitude) {
        (Some(longitude), Some(latitude)) => Some(GeoPoint {
            latitude,
            longitude,
        }),
        (None, None) => None,
        (Some(_), None) if errors.is_empty() => {
            errors.push(RowError::new(
                row.line,
                Column::Latitude,
                "填写了经度但缺少纬度 (longitude without latitude)",
            ));
            None
        }
        (None, Some(_)) if errors.is_empty() => {
            errors.push(RowError::new(
                row.line,
                Column::Longitude,
                "填写了纬度但缺少经度 (latitude without longitude)",
            ));
            None
        }
        _ => None,
    };
    let source_text = row.text(Column::Source);
    let source = if source_text.is_empty() {
        Some(pb::FindingSource::TownshipSurvey)
    } else {
        SOURCES
            .iter()
            .find(|(name, _)| *name == source_text)
            .map(|(_, s)| *s)
    };
    if source.is_none() {
        let known: Vec<&str> = SOURCES.iter().map(|(name, _)| *name).collect();
        errors.push(RowError::new(
            row.line,
            Column::Source,
            format!(
                "“{source_text}”不是已知的线索来源，可填：{} (unknown source)",
                known.join("、")
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(pb::Finding {
        source: source.unwrap_or_default() as i32,
        enterprise_name: row.text(Column::Name),
        credit_code: ascii_form(&row.text(Column::CreditCode)).to_uppercase(),
        operator: Some(pb::Operator {
            name: row.text(Column::Operator),
            phone: ascii_form(&row.text(Column::Phone)),
            id_number: String::new(),
        }),
        address: row.text(Column::Address),
        jurisdiction: jurisdiction.to_owned(),
        location,
        industry: row.text(Column::Industry),
        note: note(row),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[(Column, Cell)]) -> SurveyRow {
        SurveyRow {
            line: 7,
            cells: cells.iter().cloned().collect(),
        }
    }

    #[test]
    fn a_row_becomes_a_finding_with_full_width_forms_folded() {
        let r = row(&[
            (Column::Name, Cell::Text("悦来镇太平村鑫盛厂".into())),
            (
                Column::CreditCode,
                Cell::Text("９１３５０１００ｍ０００１００ｙ４３".into()),
            ),
            (Column::Address, Cell::Text("悦来镇太平村4组".into())),
            (Column::Longitude, Cell::Number(130.6392)),
            (Column::Latitude, Cell::Text("４６．９２５９８３".into())),
            (Column::Problems, Cell::Text("废气直排".into())),
            (Column::Source, Cell::Text("信访举报".into())),
        ]);
        let f = finding(&r, "yuelai").expect("a good row");
        assert_eq!(f.credit_code, "91350100M000100Y43");
        assert_eq!(
            f.location,
            Some(GeoPoint {
                latitude: 46.925983,
                longitude: 130.6392
            })
        );
        assert_eq!(f.source(), pb::FindingSource::Petition);
        assert_eq!(f.note, "存在问题：废气直排");
        assert_eq!(problems_in_note(&f.note), Some("废气直排"));
        assert_eq!(f.jurisdiction, "yuelai");
    }

    #[test]
    fn the_problems_are_read_back_from_the_note_whatever_they_contain() {
        let r = row(&[
            (Column::Village, Cell::Text("太平村".into())),
            (Column::Problems, Cell::Text("无审批；废气直排".into())),
            (Column::SuggestedCategory, Cell::Text("关停取缔".into())),
        ]);
        let note = note(&r);
        assert_eq!(
            note,
            "村（社区）：太平村；存在问题：无审批；废气直排；建议整治类型：关停取缔"
        );
        assert_eq!(problems_in_note(&note), Some("无审批；废气直排"));
        assert_eq!(problems_in_note("村（社区）：太平村"), None);
    }

    #[test]
    fn what_only_a_sheet_gets_wrong_is_reported_on_its_line() {
        let r = row(&[
            (Column::Longitude, Cell::Text("东经130度".into())),
            (Column::Latitude, Cell::Number(46.9)),
            (Column::Source, Cell::Text("路过发现".into())),
        ]);
        let errors = finding(&r, "yuelai").expect_err("two problems");
        let columns: Vec<_> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(columns, [(7, "经度"), (7, "线索来源")]);
    }
}
