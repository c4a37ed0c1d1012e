//! The JWT payload rectify issues and accepts, and its conversion into a [`Principal`].

use serde::{Deserialize, Deserializer, Serialize};

use super::error::AuthError;
use super::principal::{PartyKind, Principal};

/// Registered claims (RFC 7519) plus who the caller acts for. Times are Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer: the name the verifier expects.
    pub iss: String,
    /// Subject: the person or service account.
    pub sub: String,
    /// Audience: the services the token is for (their names, see
    /// [`SERVICE_AUDIENCES`](super::SERVICE_AUDIENCES)). Always written as a JSON array; a single
    /// string is read as a list of one, as RFC 7519 §4.1.3 allows.
    #[serde(deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// Expiry.
    pub exp: i64,
    /// Issued at.
    pub iat: i64,
    /// Not before, if the issuer sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// The party acted for.
    pub party: String,
    /// The kind of that party.
    pub kind: PartyKind,
    /// Roles within the party.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// Reads `"registry"` and `["registry", "utilities"]` alike.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(audience) => vec![audience],
        OneOrMany::Many(audiences) => audiences,
    })
}

impl TryFrom<Claims> for Principal {
    type Error = AuthError;

    /// Refuses claims that cannot name an actor: an empty subject, party or role.
    fn try_from(claims: Claims) -> Result<Self, Self::Error> {
        let blank = |s: &str| s.trim().is_empty();
        if blank(&claims.sub) || blank(&claims.party) || claims.roles.iter().any(|r| blank(r)) {
            return Err(AuthError::InvalidClaims);
        }
        Ok(Principal {
            subject: claims.sub,
            party: claims.party,
            kind: claims.kind,
            roles: claims.roles,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Spoils one field of otherwise valid claims.
    type Spoil = fn(&mut Claims);

    fn office_signer() -> Claims {
        Claims {
            iss: "rectify".to_owned(),
            sub: "li.si".to_owned(),
            aud: vec!["registry".to_owned(), "utilities".to_owned()],
            exp: 2_000_000_000,
            iat: 1_900_000_000,
            nbf: None,
            party: "office".to_owned(),
            kind: PartyKind::Office,
            roles: vec!["signer".to_owned()],
        }
    }

    #[test]
    fn claims_become_the_principal_they_name() {
        let principal = Principal::try_from(office_signer()).expect("valid claims");
        let expected = Principal {
            subject: "li.si".to_owned(),
            party: "office".to_owned(),
            kind: PartyKind::Office,
            roles: vec!["signer".to_owned()],
        };
        assert_eq!(
            principal, expected,
            "principal should carry sub, party, kind and roles"
        );
    }

    #[test]
    fn blank_subject_party_or_role_is_invalid_claims() {
        let cases: [(&str, Spoil); 3] = [
            ("blank subject", |c| c.sub = " ".to_owned()),
            ("empty party", |c| c.party.clear()),
            ("empty role", |c| c.roles.push(String::new())),
        ];
        for (label, spoil) in cases {
            let mut claims = office_signer();
            spoil(&mut claims);
            assert_eq!(
                Principal::try_from(claims),
                Err(AuthError::InvalidClaims),
                "{label}"
            );
        }
    }

    #[test]
    fn absent_nbf_is_neither_written_nor_required() {
        let json = serde_json::to_value(office_signer()).expect("serialize claims");
        assert!(
            json.get("nbf").is_none(),
            "nbf should be omitted when unset: {json}"
        );
        let back: Claims = serde_json::from_value(json).expect("claims without nbf parse");
        assert_eq!(
            back,
            office_signer(),
            "claims should round-trip through JSON"
        );
    }

    #[test]
    fn audiences_are_written_as_an_array_and_read_from_a_string_or_an_array() {
        let json = serde_json::to_value(office_signer()).expect("serialize claims");
        assert_eq!(
            json["aud"],
            json!(["registry", "utilities"]),
            "aud should be written as a JSON array"
        );
        let cases = [
            (json!("registry"), vec!["registry"], "a single string"),
            (json!(["registry"]), vec!["registry"], "an array of one"),
            (
                json!(["registry", "land"]),
                vec!["registry", "land"],
                "an array of two",
            ),
            (json!([]), vec![], "an empty array"),
        ];
        for (aud, expected, label) in cases {
            let mut json = json.clone();
            json["aud"] = aud;
            let claims: Claims = serde_json::from_value(json).expect(label);
            assert_eq!(claims.aud, expected, "aud read from {label}");
        }
        for aud in [json!(7), json!(["registry", 7]), json!(null)] {
            let mut json = json.clone();
            json["aud"] = aud.clone();
            assert!(
                serde_json::from_value::<Claims>(json).is_err(),
                "aud {aud} should not parse"
            );
        }
    }

    #[test]
    fn unknown_party_kind_does_not_parse() {
        let mut json = serde_json::to_value(office_signer()).expect("serialize claims");
        json["kind"] = json!("emperor");
        assert!(
            serde_json::from_value::<Claims>(json).is_err(),
            "unknown kind must be refused"
        );
    }
}
