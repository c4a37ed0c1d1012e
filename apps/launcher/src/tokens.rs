//! A ready token per party of the campaign, each valid on every service, printed and written to
//! `DIR/tokens.txt` (`party=token` lines) so that scripts can use them.

use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use rectify_campaign::Campaign;
use rectify_kit::auth::{Issuer, PartyKind, SERVICE_AUDIENCES, TokenRequest};

/// How long a printed token stays valid.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// The party of the coordinator's service token.
pub const COORDINATOR: &str = "coordinator";
/// The subject every development token names.
const SUBJECT: &str = "dev";

/// One party's token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyToken {
    /// Party code, e.g. `office` or `yuelai`.
    pub party: String,
    /// Its name in Chinese, e.g. 领导小组办公室.
    pub name_zh: String,
    /// The kind the token names.
    pub kind: PartyKind,
    /// The signed JWT.
    pub token: String,
}

/// Every party's token: the office, supervision, bureaus, jurisdictions, then the coordinator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens(Vec<PartyToken>);

/// The dashboard's own token: party `office` (subject `dashboard`, without the `pii` role),
/// valid on every service, under which it exports the ledger and imports township surveys;
/// the logged-in user is recorded beside it as `entered_by`. Not written to `tokens.txt`.
pub fn dashboard_token(issuer: &Issuer) -> anyhow::Result<String> {
    issuer.mint(&TokenRequest {
        subject: "dashboard".to_owned(),
        party: "office".to_owned(),
        kind: PartyKind::Office,
        roles: Vec::new(),
        audiences: SERVICE_AUDIENCES.map(str::to_owned).to_vec(),
        lifetime: TOKEN_LIFETIME,
    })
}

impl Tokens {
    /// Mints a token for every party of `campaign` (the office with the `pii` role), a
    /// service token for the coordinator and one for each service in `services` (their own
    /// identity when they read another service's feed); each names every service in
    /// [`SERVICE_AUDIENCES`], so one token per party calls them all.
    pub fn mint(
        issuer: &Issuer,
        campaign: &Campaign,
        services: &[(&'static str, &'static str)],
    ) -> anyhow::Result<Tokens> {
        let parties = campaign
            .parties()
            .iter()
            .map(|p| (p.code.as_str(), p.name.as_str(), p.kind))
            .chain([(COORDINATOR, "协调服务", PartyKind::Service)])
            .chain(
                services
                    .iter()
                    .map(|(name, title)| (*name, *title, PartyKind::Service)),
            );
        let mut tokens: Vec<PartyToken> = parties
            .map(|(party, name, kind)| {
                let roles = match kind {
                    PartyKind::Office => vec!["pii".to_owned()],
                    _ => Vec::new(),
                };
                let token = issuer.mint(&TokenRequest {
                    subject: SUBJECT.to_owned(),
                    party: party.to_owned(),
                    kind,
                    roles,
                    audiences: SERVICE_AUDIENCES.map(str::to_owned).to_vec(),
                    lifetime: TOKEN_LIFETIME,
                })?;
                Ok(PartyToken {
                    party: party.to_owned(),
                    name_zh: name.to_owned(),
                    kind,
                    token,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        tokens.sort_by_key(|t| print_rank(t.kind));
        Ok(Tokens(tokens))
    }

    /// The token of `party`.
    pub fn get(&self, party: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|t| t.party == party)
            .map(|t| t.token.as_str())
    }

    /// The token of `party`, or an error naming it.
    pub fn require(&self, party: &str) -> anyhow::Result<&str> {
        self.get(party)
            .with_context(|| format!("no token for party {party}"))
    }

    /// The service token of the service `name`: a bureau may share its code (the land bureau and
    /// the land service are both `land`), and a service follows other feeds as itself.
    pub fn service(&self, name: &str) -> anyhow::Result<&str> {
        self.0
            .iter()
            .find(|t| t.party == name && t.kind == PartyKind::Service)
            .map(|t| t.token.as_str())
            .with_context(|| format!("no service token for {name}"))
    }

    /// Every token, in print order.
    pub fn iter(&self) -> impl Iterator<Item = &PartyToken> {
        self.0.iter()
    }

    /// Writes `party=token` lines to `path` (owner-only on unix), replacing an older file.
    pub fn write_file(&self, path: &Path) -> anyhow::Result<()> {
        let text: String = self
            .0
            .iter()
            .map(|t| format!("{}={}\n", t.party, t.token))
            .collect();
        crate::private_file::write(path, &text)
    }
}

/// Where a kind of party is printed: the office first, services last.
fn print_rank(kind: PartyKind) -> u8 {
    match kind {
        PartyKind::Office => 0,
        PartyKind::Supervision => 1,
        PartyKind::Bureau => 2,
        PartyKind::Jurisdiction => 3,
        PartyKind::Service => 4,
    }
}

#[cfg(test)]
mod tests {
    use rectify_campaign::HUACHUAN_2021;
    use rectify_kit::auth::Verifier;

    use super::*;

    #[test]
    fn every_party_and_the_coordinator_get_one_token_that_every_service_verifies() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let issuer = Issuer::generate("rectify").expect("issuer");
        let files = issuer.write_files(dir.path()).expect("key files");
        let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
        let tokens = Tokens::mint(&issuer, &campaign, &[]).expect("mint");
        assert_eq!(
            tokens.iter().count(),
            campaign.parties().len() + 1,
            "one per party plus the coordinator"
        );
        let cases = [
            ("office", PartyKind::Office, true),
            ("yuelai", PartyKind::Jurisdiction, false),
            ("eco", PartyKind::Bureau, false),
            ("gov", PartyKind::Supervision, false),
            (COORDINATOR, PartyKind::Service, false),
        ];
        for service in SERVICE_AUDIENCES {
            let verifier =
                Verifier::from_jwks_file(&files.jwks, "rectify", service).expect("verifier");
            for (party, kind, pii) in cases {
                let token = tokens.get(party).expect("token present");
                let principal = verifier
                    .verify(token)
                    .unwrap_or_else(|e| panic!("{service} refuses {party}'s token: {e}"));
                assert_eq!(principal.party, party, "{service}, {party}: party");
                assert_eq!(principal.kind, kind, "{service}, {party}: kind");
                assert_eq!(
                    principal.has_role("pii"),
                    pii,
                    "{service}, {party}: pii role"
                );
            }
        }
    }

    #[test]
    fn a_service_sharing_a_bureau_code_gets_its_own_service_token() {
        let issuer = Issuer::generate("rectify").expect("issuer");
        let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
        let tokens = Tokens::mint(&issuer, &campaign, &[("land", "用地与场地")]).expect("mint");
        let service = tokens.service("land").expect("the land service's token");
        let bureau = tokens.get("land").expect("the land bureau's token");
        assert_ne!(service, bureau, "two parties named land, two tokens");
        let kind = |token: &str| tokens.iter().find(|t| t.token == token).map(|t| t.kind);
        assert_eq!(kind(service), Some(PartyKind::Service), "the service's");
        assert_eq!(kind(bureau), Some(PartyKind::Bureau), "the bureau's");
        assert!(tokens.service("eco").is_err(), "eco is a bureau only");
    }
}
