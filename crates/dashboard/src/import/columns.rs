//! The survey sheet's columns: the header of each as townships write it (and the other
//! spellings met), which are required, and which column a finding's field came from.

/// One column the import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Number,
    Village,
    Name,
    CreditCode,
    Operator,
    Phone,
    Address,
    Longitude,
    Latitude,
    Industry,
    Products,
    Problems,
    SuggestedCategory,
    Source,
    Note,
}

impl Column {
    /// Every column, in the template's order.
    pub const ALL: [Column; 15] = [
        Column::Number,
        Column::Village,
        Column::Name,
        Column::CreditCode,
        Column::Operator,
        Column::Phone,
        Column::Address,
        Column::Longitude,
        Column::Latitude,
        Column::Industry,
        Column::Products,
        Column::Problems,
        Column::SuggestedCategory,
        Column::Source,
        Column::Note,
    ];

    /// The header the template writes.
    pub fn header(self) -> &'static str {
        self.headers()[0]
    }

    /// Every header that names this column, compared after [`normalize_header`].
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Column::Number => &["序号"],
            Column::Village => &["村（社区）", "村(社区)", "村", "村屯"],
            Column::Name => &["企业（作坊）名称", "企业(作坊)名称", "企业名称", "作坊名称"],
            Column::CreditCode => &["统一社会信用代码", "信用代码"],
            Column::Operator => &["负责人", "经营者", "法人"],
            Column::Phone => &["联系电话", "电话"],
            Column::Address => &["详细地址", "地址"],
            Column::Longitude => &["经度"],
            Column::Latitude => &["纬度"],
            Column::Industry => &["所属行业", "行业"],
            Column::Products => &["主要产品", "产品"],
            Column::Problems => &["存在问题", "主要问题"],
            Column::SuggestedCategory => &["建议整治类型", "建议整治类别"],
            Column::Source => &["线索来源", "来源"],
            Column::Note => &["备注"],
        }
    }

    /// Columns a sheet must have for its header row to be found.
    pub fn required(self) -> bool {
        matches!(self, Column::Name | Column::Address)
    }

    /// The column a field of a reported finding comes from (`credit_code`,
    /// `location.latitude`, …), for the error report; `None` for a field no column holds.
    pub fn of_field(field: &str) -> Option<Column> {
        Some(match field {
            "enterprise_name" => Column::Name,
            "credit_code" => Column::CreditCode,
            "operator.name" => Column::Operator,
            "operator.phone" => Column::Phone,
            "address" => Column::Address,
            "location.longitude" => Column::Longitude,
            "location.latitude" | "location" => Column::Latitude,
            "industry" => Column::Industry,
            "source" => Column::Source,
            "note" => Column::Note,
            _ => return None,
        })
    }
}

/// A header as compared: full-width forms folded (（ → (), spaces and invisible characters
/// removed, so `企业（作坊） 名称` and `企业(作坊)名称` match.
pub fn normalize_header(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    rectify_campaign::text::clean(text)
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_width_their_brackets() {
        let name = normalize_header(" 企业（作坊） 名称 ");
        assert!(
            Column::Name
                .headers()
                .iter()
                .any(|h| normalize_header(h) == name),
            "{name}"
        );
        assert_eq!(normalize_header("经\u{200b}度"), "经度");
    }

    #[test]
    fn every_field_the_registry_names_has_a_column() {
        for field in [
            "enterprise_name",
            "credit_code",
            "address",
            "location.latitude",
            "operator.phone",
        ] {
            assert!(Column::of_field(field).is_some(), "{field}");
        }
    }
}
