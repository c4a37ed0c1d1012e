//! [`Enterprise`]: an enterprise as the licensing service knows it, from its work items.

use rectify_workitems::store::Item;

/// The enterprise an approval belongs to, as the service knows it from its work items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enterprise {
    /// The registry's id.
    pub id: String,
    pub display_name: String,
    /// Party code of its jurisdiction.
    pub jurisdiction: String,
}

impl Enterprise {
    /// The enterprise of `item`.
    pub fn of(item: &Item) -> Enterprise {
        Enterprise {
            id: item.enterprise_id.clone(),
            display_name: item.enterprise_display_name.clone(),
            jurisdiction: item.jurisdiction.clone(),
        }
    }
}
