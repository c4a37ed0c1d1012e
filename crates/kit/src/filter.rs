//! The list filters every service reads the same way: a jurisdiction code of the campaign and an
//! enterprise's resource name, each optional. A value the server does not know is a field
//! violation naming what it would accept, never an empty list.

use rectify_campaign::{Campaign, Party};

use crate::error::Error;
use crate::known::{self, KnownParty};
use crate::parse::{Violations, resource_id};

/// What a refusal calls a jurisdiction.
const JURISDICTION: known::Noun = ("属地", "jurisdiction");

/// `parties` as the (code, name) pairs [`known::party_code`] checks against.
pub fn known_parties<'a>(parties: impl Iterator<Item = &'a Party>) -> Vec<KnownParty<'a>> {
    parties
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect()
}

impl Violations {
    /// The jurisdiction filter `value` of field `field`: empty (every jurisdiction) or one of
    /// `campaign`'s jurisdiction codes; `None` with the violation recorded otherwise.
    pub fn jurisdiction_filter(
        &mut self,
        field: &str,
        value: &str,
        campaign: &Campaign,
    ) -> Option<String> {
        let jurisdictions = known_parties(campaign.jurisdictions());
        self.known(known::party_filter(
            field,
            value,
            JURISDICTION,
            &jurisdictions,
        ))
    }

    /// The enterprise filter `value` of field `field`: empty (every enterprise) or a name
    /// `enterprises/{id}`, giving the id; `None` with the violation recorded otherwise.
    pub fn enterprise_filter(&mut self, field: &str, value: &str) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return Some(String::new());
        }
        match resource_id(value, "enterprises", "", field) {
            Ok(id) => Some(id),
            Err(Error::InvalidArgument(violations)) => {
                self.extend(violations);
                None
            }
            Err(other) => unreachable!("resource_id refuses only arguments: {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_is_every_jurisdiction_and_every_enterprise() {
        let campaign = Campaign::huachuan_2021();
        let mut v = Violations::new();
        assert_eq!(
            v.jurisdiction_filter("jurisdiction", " ", &campaign),
            Some(String::new())
        );
        assert_eq!(v.enterprise_filter("enterprise", ""), Some(String::new()));
        assert!(v.is_empty());
    }

    #[test]
    fn known_values_are_taken_and_unknown_ones_are_violations() {
        let campaign = Campaign::huachuan_2021();
        let mut v = Violations::new();
        assert_eq!(
            v.jurisdiction_filter("jurisdiction", "yuelai", &campaign),
            Some("yuelai".to_owned())
        );
        assert_eq!(
            v.enterprise_filter("enterprise", "enterprises/0190abc"),
            Some("0190abc".to_owned())
        );
        assert!(v.is_empty());
        assert_eq!(
            v.jurisdiction_filter("jurisdiction", "东河镇", &campaign),
            None
        );
        assert_eq!(v.enterprise_filter("enterprise", "企业/1"), None);
        let fields: Vec<String> = v.into_vec().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["jurisdiction", "enterprise"]);
    }
}
