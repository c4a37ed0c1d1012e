//! Who and where a demo workshop is: its name, address, credit code, operator and position, and
//! the ways a second reporter writes the same workshop down differently.

use rectify_registry::domain::{Bounds, CreditCode, Operator};

use super::industries::Industry;
use super::names::{self, AddressStyle, BRANDS, FARM_AREAS, Place, STREETS};
use super::people;
use super::rng::Rng;

/// The characters of a credit code's organisation part (GB 32100-2015 alphabet).
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// The county the workshops' names start with.
const COUNTY: &str = "桦川县";

/// The facts a township would write down about a workshop.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    /// The name locals (or the licence) use.
    pub name: String,
    /// Where it is.
    pub address: String,
    /// Its unified social credit code, when licensed.
    pub credit_code: Option<CreditCode>,
    /// Who runs it.
    pub operator: Operator,
    /// GPS position (latitude, longitude), inside the campaign bounds.
    pub location: (f64, f64),
}

/// Where a jurisdiction's workshops are: its place, party name and villages.
#[derive(Clone, Debug)]
pub struct Territory {
    /// The jurisdiction's party code.
    pub code: String,
    /// Its name in Chinese, e.g. 悦来镇.
    pub name: String,
    /// How names and addresses read there.
    pub place: Place,
    /// The villages (or farm areas, or streets) workshops are in.
    pub localities: Vec<&'static str>,
}

impl Territory {
    /// The territory of a jurisdiction; one the demo does not know lies at the bounds' centre.
    pub fn new(rng: &mut Rng, code: &str, name: &str, bounds: &Bounds) -> Territory {
        let place = names::PLACES
            .iter()
            .find(|p| p.code == code)
            .copied()
            .unwrap_or(Place {
                code: "",
                name_prefix: "",
                centre: (
                    (bounds.min_latitude() + bounds.max_latitude()) / 2.0,
                    (bounds.min_longitude() + bounds.max_longitude()) / 2.0,
                ),
                weight: 20,
                style: AddressStyle::Village,
            });
        let pool = match place.style {
            AddressStyle::Village => names::VILLAGES,
            AddressStyle::Farm => FARM_AREAS,
            AddressStyle::Street => STREETS,
        };
        let mut localities = Vec::new();
        while localities.len() < 6.min(pool.len()) {
            let locality = *rng.pick(pool);
            if !localities.contains(&locality) {
                localities.push(locality);
            }
        }
        Territory {
            code: code.to_owned(),
            name: name.to_owned(),
            place,
            localities,
        }
    }
}

/// A made-up operator: name, mobile and resident ID number.
pub fn operator(rng: &mut Rng, division_code: &str) -> Operator {
    let (surname, given) = people::person(rng);
    Operator {
        name: format!("{surname}{given}"),
        phone: people::mobile(rng),
        id_number: people::id_number(rng, division_code),
    }
}

/// A workshop of `industry` in `territory`; licensed ones get a credit code (`company` ones as a
/// company, the others as an individual business).
pub fn identity(
    rng: &mut Rng,
    territory: &Territory,
    industry: &Industry,
    licensed: bool,
    company: bool,
    division_code: &str,
    bounds: &Bounds,
) -> Identity {
    let operator = operator(rng, division_code);
    let surname: String = operator.name.chars().take(1).collect();
    let brand = *rng.pick(BRANDS);
    let suffix = *rng.pick(industry.suffixes);
    let prefix = territory.place.name_prefix;
    let locality = *rng.pick(&territory.localities);
    let name = match (licensed, company) {
        (true, true) => format!("{COUNTY}{brand}{}有限公司", industry.company_word),
        (true, false) if rng.chance(60) => format!("{COUNTY}{prefix}{brand}{suffix}"),
        (true, false) => format!("{prefix}{brand}{suffix}"),
        _ => match rng.below(3) {
            0 => format!("{prefix}老{surname}{suffix}"),
            1 => format!("{prefix}{surname}家{suffix}"),
            _ => format!("{prefix}{locality}{brand}{suffix}"),
        },
    };
    let address = match territory.place.style {
        AddressStyle::Village => format!("{}{locality}{}组", territory.name, rng.between(1, 12)),
        AddressStyle::Farm => format!("{}{locality}{}号", territory.name, rng.between(1, 60)),
        AddressStyle::Street => format!("{COUNTY}城{locality}{}号", rng.between(1, 300)),
    };
    let credit_code = licensed
        .then(|| credit_code(rng, company, division_code))
        .flatten();
    Identity {
        name,
        address,
        credit_code,
        operator,
        location: location(rng, territory.place.centre, bounds),
    }
}

/// `9{1|2}{division}MA` and seven more characters, completed with the check character.
fn credit_code(rng: &mut Rng, company: bool, division_code: &str) -> Option<CreditCode> {
    let kind = if company { '1' } else { '2' };
    let tail: String = (0..7)
        .map(|_| char::from(*rng.pick(CODE_ALPHABET)))
        .collect();
    CreditCode::with_check_character(&format!("9{kind}{division_code}MA{tail}"))
}

/// A point near `centre`, kept inside `bounds`.
fn location(rng: &mut Rng, centre: (f64, f64), bounds: &Bounds) -> (f64, f64) {
    let latitude =
        (centre.0 + rng.float(-0.05, 0.05)).clamp(bounds.min_latitude(), bounds.max_latitude());
    let longitude =
        (centre.1 + rng.float(-0.07, 0.07)).clamp(bounds.min_longitude(), bounds.max_longitude());
    let round = |x: f64| (x * 1e6).round() / 1e6;
    (round(latitude), round(longitude))
}

/// The same name and address as another reporter types them: spaces, full-width digits. They
/// still fold to the same merge key.
pub fn retyped(rng: &mut Rng, name: &str, address: &str) -> (String, String) {
    let name = match rng.below(3) {
        0 => insert_space(name, rng),
        _ => name.to_owned(),
    };
    let address = match rng.below(3) {
        0 => full_width_digits(address),
        1 => full_width_digits(&insert_space(address, rng)),
        _ => insert_space(address, rng),
    };
    (name, address)
}

/// The name on the licence as the market bureau has it: with or without the county in front.
pub fn registered_name(name: &str) -> String {
    match name.strip_prefix(COUNTY) {
        Some(rest) if rest.chars().count() > 4 => rest.to_owned(),
        _ => format!("{COUNTY}{name}"),
    }
}

/// A space (ASCII or full-width) where a typist would put one: after a place word (县, 镇, 乡,
/// 村, …) or before a group or house number. Unchanged when there is no such place.
fn insert_space(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let boundaries: Vec<usize> = (1..chars.len())
        .filter(|&i| {
            let place_word = |c: char| "县镇乡村场区城街路".contains(c);
            (place_word(chars[i - 1]) && !place_word(chars[i]))
                || (chars[i].is_ascii_digit() && !chars[i - 1].is_ascii_digit())
        })
        .collect();
    if boundaries.is_empty() {
        return text.to_owned();
    }
    let at = *rng.pick(&boundaries);
    let space = if rng.chance(50) { ' ' } else { '\u{3000}' };
    let mut out: String = chars[..at].iter().collect();
    out.push(space);
    out.extend(&chars[at..]);
    out
}

/// ASCII digits as full-width ones (３组).
fn full_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use rectify_registry::domain::merge_key;

    use super::*;

    #[test]
    fn retyped_names_and_addresses_fold_to_the_same_merge_key() {
        let mut rng = Rng::new(9);
        let cases = [
            ("东河乡老王砖厂", "东河乡新华村3组"),
            ("桦川县悦来镇宏达米业", "悦来镇永安村12组"),
            ("城区张家豆腐坊", "桦川县城中山路118号"),
        ];
        for (name, address) in cases {
            for _ in 0..20 {
                let (n, a) = retyped(&mut rng, name, address);
                assert_eq!(
                    merge_key(&n, &a),
                    merge_key(name, address),
                    "{n:?} / {a:?} should merge with {name} / {address}"
                );
            }
        }
    }

    #[test]
    fn spaces_go_between_words() {
        let mut rng = Rng::new(2);
        for _ in 0..20 {
            let spaced = insert_space("东河乡新华村3组", &mut rng);
            let words: Vec<&str> = spaced.split([' ', '\u{3000}']).collect();
            assert!(
                [["东河乡", "新华村3组"], ["东河乡新华村", "3组"]].contains(&[words[0], words[1]]),
                "{spaced}"
            );
        }
        assert_eq!(
            insert_space("顺发米业", &mut rng),
            "顺发米业",
            "no place word"
        );
    }

    #[test]
    fn full_width_digits_replace_ascii_digits() {
        assert_eq!(full_width_digits("新华村3组"), "新华村３组", "single digit");
        assert_eq!(
            full_width_digits("中山路118号"),
            "中山路１１８号",
            "several digits"
        );
    }

    #[test]
    fn generated_credit_codes_parse() {
        let mut rng = Rng::new(4);
        for company in [true, false] {
            let code = credit_code(&mut rng, company, "230826").expect("valid prefix");
            assert_eq!(
                CreditCode::parse(code.as_str()).as_ref(),
                Ok(&code),
                "{code}"
            );
            let kind = if company { "91" } else { "92" };
            assert!(code.as_str().starts_with(kind), "{code}");
        }
    }

    #[test]
    fn registered_names_toggle_the_county() {
        assert_eq!(
            registered_name("桦川县悦来镇宏达米业"),
            "悦来镇宏达米业",
            "dropped"
        );
        assert_eq!(
            registered_name("悦来镇宏达米业"),
            "桦川县悦来镇宏达米业",
            "added"
        );
    }
}
