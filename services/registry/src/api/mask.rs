//! Masking of personal information (PIPL) on the registry's messages for callers without the
//! `pii` role; how each value is masked is `rectify_campaign::mask`.

use rectify_campaign::mask::{id_number, name, phone};
use rectify_proto::registry::v1 as pb;

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
