//! Resource names: an inspection is `inspections/{id}`, its hazards
//! `inspections/{id}/hazards/{n}` with `n` counting from 1 in the order given.

use rectify_kit::Result;
use rectify_kit::parse::resource_id;

/// `inspections/{id}`.
pub fn inspection_name(id: &str) -> String {
    format!("inspections/{id}")
}

/// `inspections/{id}/hazards/{position}`.
pub fn hazard_name(inspection_id: &str, position: i32) -> String {
    format!("inspections/{inspection_id}/hazards/{position}")
}

/// The hazard a request names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardName {
    pub inspection_id: String,
    /// From 1.
    pub position: i32,
}

impl HazardName {
    /// Parses `inspections/{id}/hazards/{n}` given in `field`; INVALID_ARGUMENT otherwise.
    pub fn parse(name: &str, field: &str) -> Result<HazardName> {
        let name = name.trim();
        let (inspection, position) = name.rsplit_once("/hazards/").unwrap_or((name, ""));
        let inspection_id = resource_id(inspection, "inspections", "", field)?;
        let canonical = !position.starts_with('0') && position.bytes().all(|b| b.is_ascii_digit());
        match position.parse::<i32>() {
            Ok(position) if canonical && position >= 1 => Ok(HazardName {
                inspection_id,
                position,
            }),
            _ => Err(rectify_kit::Error::invalid(
                field,
                rectify_kit::text!(
                    "隐患名称应为inspections/{{编号}}/hazards/{{序号}}，实际为“{name}”",
                    "a hazard name is inspections/{{id}}/hazards/{{n}}, found {name:?}"
                ),
            )),
        }
    }

    /// The full name.
    pub fn as_string(&self) -> String {
        hazard_name(&self.inspection_id, self.position)
    }
}

/// The id of the inspection `name` (`inspections/{id}`) given in `field`.
pub fn inspection_id(name: &str, field: &str) -> Result<String> {
    resource_id(name.trim(), "inspections", "", field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazard_names_round_trip_and_malformed_ones_are_refused() {
        let name = "inspections/0190f0a0-5b3c-7000-8000-00000000002a/hazards/2";
        let parsed = HazardName::parse(name, "hazard").expect("a good name");
        assert_eq!(parsed.position, 2);
        assert_eq!(parsed.as_string(), name);
        for bad in [
            "",
            "inspections/x",
            "inspections/x/hazards/0",
            "inspections/x/hazards/-1",
            "inspections/x/hazards/01",
            "inspections/x/hazards/one",
            "workItems/x/hazards/1",
            "inspections//hazards/1",
        ] {
            assert!(HazardName::parse(bad, "hazard").is_err(), "{bad:?}");
        }
    }
}
