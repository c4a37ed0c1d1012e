//! Typed columns of the utilities tables: readings and quantities as integer thousandths
//! ([`Decimal3`]), the cut supply as its item's kind ([`Utility`]), a clearing's inventory as
//! JSON ([`Lines`]). A stored value that does not parse fails the read (INTERNAL, logged), never
//! turns into a default.

use rectify_proto::utilities::v1 as pb;
use serde::{Deserialize, Serialize};

use crate::domain::{Decimal3, Disposal, InventoryLine, Utility};

rectify_campaign::text_column!(Utility, |u| u.cut_kind(), Utility::of_kind);

/// A [`Decimal3`] is stored as its count of thousandths, a 64-bit integer on both backends.
impl<DB: sqlx::Database> sqlx::Type<DB> for Decimal3
where
    i64: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for Decimal3
where
    i64: sqlx::Decode<'r, DB>,
{
    fn decode(
        value: <DB as sqlx::Database>::ValueRef<'r>,
    ) -> Result<Self, sqlx::error::BoxDynError> {
        let stored = <i64 as sqlx::Decode<'r, DB>>::decode(value)?;
        let thousandths =
            u64::try_from(stored).map_err(|_| format!("stored Decimal3 {stored} is negative"))?;
        Ok(Decimal3::from_thousandths(thousandths))
    }
}

impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for Decimal3
where
    i64: sqlx::Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        let thousandths = i64::try_from(self.thousandths())?;
        <i64 as sqlx::Encode<'q, DB>>::encode(thousandths, buf)
    }
}

/// One cleared line as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLine {
    pub item: String,
    /// A decimal string, e.g. `3.5`.
    pub quantity: String,
    pub unit: String,
    /// A `DisposalMethod` name, e.g. `DISPOSAL_METHOD_SOLD`.
    pub disposal: String,
    /// What OTHER means; empty otherwise.
    pub disposal_note: String,
}

/// The inventory of a clearing, stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Lines(pub Vec<StoredLine>);

rectify_campaign::json_column!(Lines);

impl Lines {
    /// The lines as stored.
    pub fn of(lines: &[InventoryLine]) -> Lines {
        Lines(
            lines
                .iter()
                .map(|line| {
                    let (method, note) = disposal(&line.disposal);
                    StoredLine {
                        item: line.item.clone(),
                        quantity: line.quantity.to_string(),
                        unit: line.unit.clone(),
                        disposal: method.as_str_name().to_owned(),
                        disposal_note: note,
                    }
                })
                .collect(),
        )
    }
}

/// A disposal as the API shows it: the method and, for OTHER, what it was.
pub fn disposal(disposal: &Disposal) -> (pb::DisposalMethod, String) {
    use pb::DisposalMethod as M;
    match disposal {
        Disposal::Sold => (M::Sold, String::new()),
        Disposal::ReturnedToSupplier => (M::ReturnedToSupplier, String::new()),
        Disposal::Dismantled => (M::Dismantled, String::new()),
        Disposal::Scrapped => (M::Scrapped, String::new()),
        Disposal::HazardousWasteTransfer => (M::HazardousWasteTransfer, String::new()),
        Disposal::Seized => (M::Seized, String::new()),
        Disposal::Other(what) => (M::Other, what.as_str().to_owned()),
    }
}

/// The lines as the API shows them.
pub fn lines_to_proto(lines: &[InventoryLine]) -> Vec<pb::InventoryLine> {
    lines
        .iter()
        .map(|line| {
            let (method, note) = disposal(&line.disposal);
            pb::InventoryLine {
                item: line.item.clone(),
                quantity: line.quantity.to_string(),
                unit: line.unit.clone(),
                disposal_method: method as i32,
                disposal_note: note,
            }
        })
        .collect()
}

/// The supply as the API shows it.
pub fn utility_to_proto(utility: Utility) -> pb::Utility {
    match utility {
        Utility::Water => pb::Utility::Water,
        Utility::Power => pb::Utility::Power,
    }
}

/// The supply an API filter names; `None` for UTILITY_UNSPECIFIED (both).
pub fn utility_from_proto(utility: pb::Utility) -> Option<Utility> {
    match utility {
        pb::Utility::Unspecified => None,
        pb::Utility::Water => Some(Utility::Water),
        pb::Utility::Power => Some(Utility::Power),
    }
}
