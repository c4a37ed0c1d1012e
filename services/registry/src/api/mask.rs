//! Masking of personal information (PIPL) for callers without the `pii` role:
//! names keep their first character, phone numbers their first three and
//! last four digits, ID numbers their first four and last four.

use rectify_proto::registry::v1 as pb;

fn keep(value: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - head - tail;
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', hidden))
        .chain(&chars[chars.len() - tail..])
        .collect()
}

pub fn name(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

pub fn phone(value: &str) -> String {
    keep(value, 3, 4)
}

pub fn id_number(value: &str) -> String {
    keep(value, 4, 4)
}

pub fn operator(operator: &mut Option<pb::Operator>) {
    if let Some(op) = operator {
        op.name = name(&op.name);
        op.phone = phone(&op.phone);
        op.id_number = id_number(&op.id_number);
    }
}

pub fn enterprise(e: &mut pb::Enterprise) {
    operator(&mut e.operator);
}

pub fn finding(f: &mut pb::Finding) {
    operator(&mut f.operator);
}

pub fn plan(p: &mut pb::Plan) {
    p.responsible_phone = phone(&p.responsible_phone);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_masked_but_recognisable() {
        assert_eq!(name("张三丰"), "张**");
        assert_eq!(phone("13812345678"), "138****5678");
        assert_eq!(id_number("230826198001011234"), "2308**********1234");
        assert_eq!(phone("123"), "***");
        assert_eq!(name(""), "");
    }
}
