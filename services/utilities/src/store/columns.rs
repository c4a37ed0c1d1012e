//! Typed columns of the utilities tables (readings and quantities are `Decimal3`, stored as
//! integer thousandths by `rectify-campaign`): the cut supply as its item's kind ([`Utility`]), a clearing's inventory as
//! JSON ([`Lines`]). A stored value that does not parse fails the read (INTERNAL, logged), never
//! turns into a default.

use rectify_proto::utilities::v1 as pb;
use serde::{Deserialize, Serialize};

use crate::domain::{Disposal, InventoryLine, Utility};

rectify_campaign::text_column!(Utility, |u| u.cut_kind(), Utility::of_kind);

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
