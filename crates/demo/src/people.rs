//! Made-up people: operators' and cadres' names, phone numbers and resident ID numbers.

use super::rng::Rng;

/// Common surnames in Heilongjiang.
pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "于",
    "董", "姜", "崔", "金", "付", "潘", "田", "邵",
];

/// Given names of the generation that runs such workshops.
pub const GIVEN_NAMES: &[&str] = &[
    "建国", "国庆", "志强", "海涛", "春生", "玉芬", "秀英", "淑华", "立新", "长江", "德福", "振海",
    "永生", "红军", "树林", "凤霞", "桂兰", "宏伟", "金龙", "文彬", "铁柱", "福贵", "庆春", "洪波",
    "晓东", "丽华", "卫东", "玉梅", "宝山", "俊峰", "春雨", "占军", "广才", "学军", "艳萍", "继红",
];

/// Prefixes of mainland mobile numbers.
pub const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "155", "158",
    "159", "177", "186", "187", "188", "189",
];

/// A made-up person's name.
pub fn person(rng: &mut Rng) -> (&'static str, &'static str) {
    (*rng.pick(SURNAMES), *rng.pick(GIVEN_NAMES))
}

/// A made-up mobile number.
pub fn mobile(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(MOBILE_PREFIXES), rng.digits(8))
}

/// A made-up office landline in Jiamusi (area code 0454).
pub fn landline(rng: &mut Rng) -> String {
    format!("0454-8{}", rng.digits(6))
}

/// A made-up resident ID number of a person born in `division_code`, with a valid check
/// character.
pub fn id_number(rng: &mut Rng, division_code: &str) -> String {
    let year = rng.between(1955, 1990);
    let month = rng.between(1, 12);
    let day = rng.between(1, 28);
    let body = format!("{division_code}{year}{month:02}{day:02}{}", rng.digits(3));
    format!("{body}{}", id_check_character(&body))
}

/// The check character of the first 17 digits of a resident ID number (GB 11643-1999).
fn id_check_character(body: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers_have_eighteen_characters_and_the_standard_check_character() {
        assert_eq!(
            id_check_character("11010519491231002"),
            'X',
            "the standard's own example, 11010519491231002X"
        );
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let id = id_number(&mut rng, "230826");
            assert_eq!(id.chars().count(), 18, "{id}");
            assert!(id.starts_with("230826"), "{id}");
        }
    }
}
