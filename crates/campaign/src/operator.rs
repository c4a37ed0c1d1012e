//! The person running a workshop, as findings report them: personal information (PIPL).

use serde::{Deserialize, Serialize};

use crate::mask;

/// The person running a workshop (personal information).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// Full name.
    pub name: String,
    /// Phone number as given.
    pub phone: String,
    /// Resident ID number as given.
    pub id_number: String,
}

impl Operator {
    /// The operator as a caller without the `pii` role sees them: every field masked by
    /// [`mask`].
    pub fn masked(&self) -> Operator {
        Operator {
            name: mask::name(&self.name),
            phone: mask::phone(&self.phone),
            id_number: mask::id_number(&self.id_number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_operator_hides_every_field_but_stays_recognisable() {
        let operator = Operator {
            name: "张三丰".to_owned(),
            phone: "13812345678".to_owned(),
            id_number: "230826198001011234".to_owned(),
        };
        let masked = operator.masked();
        let cases = [
            (masked.name.as_str(), "张**", "name"),
            (masked.phone.as_str(), "138****5678", "phone"),
            (masked.id_number.as_str(), "2308**********1234", "ID number"),
        ];
        for (actual, expected, field) in cases {
            assert_eq!(actual, expected, "{field}");
        }
        assert_eq!(
            Operator::default().masked(),
            Operator::default(),
            "an unknown operator stays empty"
        );
    }
}
