//! Where Huachuan's townships and farms lie and the pieces of workshop names and addresses there.
//! Fake data lives only here, in the generator and in tests.

/// How addresses are written in a jurisdiction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressStyle {
    /// `悦来镇新华村3组`.
    Village,
    /// `江川农场第三管理区5号`.
    Farm,
    /// `桦川县城中山路18号`.
    Street,
}

/// Where a jurisdiction is and how much small industry it has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// The jurisdiction's party code.
    pub code: &'static str,
    /// What workshop names start with, e.g. 悦来镇.
    pub name_prefix: &'static str,
    /// Rough centre (latitude, longitude).
    pub centre: (f64, f64),
    /// Relative number of workshops.
    pub weight: u32,
    /// How its addresses read.
    pub style: AddressStyle,
}

/// Huachuan's jurisdictions (approximate positions, county seat 悦来镇).
pub const PLACES: &[Place] = &[
    place(
        "yuelai",
        "悦来镇",
        (47.02, 130.72),
        40,
        AddressStyle::Village,
    ),
    place(
        "donghe",
        "东河乡",
        (46.95, 130.86),
        24,
        AddressStyle::Village,
    ),
    place(
        "lifeng",
        "梨丰乡",
        (46.97, 130.58),
        24,
        AddressStyle::Village,
    ),
    place(
        "xincheng",
        "新城镇",
        (47.13, 130.82),
        30,
        AddressStyle::Village,
    ),
    place(
        "sujiadian",
        "苏家店镇",
        (46.88, 130.70),
        26,
        AddressStyle::Village,
    ),
    place(
        "chuangye",
        "创业乡",
        (47.06, 130.97),
        22,
        AddressStyle::Village,
    ),
    place(
        "xinghuo",
        "星火乡",
        (47.19, 130.96),
        20,
        AddressStyle::Village,
    ),
    place(
        "simajia",
        "四马架镇",
        (47.12, 130.55),
        24,
        AddressStyle::Village,
    ),
    place(
        "hengtoushan",
        "横头山镇",
        (46.80, 130.48),
        20,
        AddressStyle::Village,
    ),
    place(
        "baoshan",
        "宝山农场",
        (46.86, 130.98),
        12,
        AddressStyle::Farm,
    ),
    place(
        "jiangchuan",
        "江川农场",
        (47.26, 130.76),
        14,
        AddressStyle::Farm,
    ),
    place("shequ", "城区", (47.01, 130.71), 20, AddressStyle::Street),
];

const fn place(
    code: &'static str,
    name_prefix: &'static str,
    centre: (f64, f64),
    weight: u32,
    style: AddressStyle,
) -> Place {
    Place {
        code,
        name_prefix,
        centre,
        weight,
        style,
    }
}

/// Trade names (字号).
pub const BRANDS: &[&str] = &[
    "宏达", "兴旺", "鑫源", "恒通", "永兴", "金穗", "丰源", "松江", "龙兴", "福源", "盛达", "顺发",
    "华丰", "东升", "金谷", "绿野", "鑫盛", "宏伟", "佳禾", "三江", "天成", "聚丰", "瑞丰", "富民",
    "祥和", "昌盛", "德隆", "润禾", "金龙", "广源", "兴隆", "万鑫", "国丰", "亿达", "宝丰", "嘉禾",
];

/// Village names common in the region; each township gets some of them.
pub const VILLAGES: &[&str] = &[
    "新华村",
    "永安村",
    "东升村",
    "红旗村",
    "太平村",
    "民主村",
    "胜利村",
    "长发村",
    "富强村",
    "双河村",
    "靠山村",
    "兴隆村",
    "前进村",
    "和平村",
    "德胜村",
    "东方红村",
    "保安村",
    "福兴村",
    "复兴村",
    "四合村",
    "团结村",
    "光明村",
    "新民村",
    "中和村",
    "永丰村",
    "振兴村",
    "庆丰村",
    "万兴村",
    "长安村",
    "江南村",
    "柳树村",
    "西河村",
];

/// Management areas of the state farms.
pub const FARM_AREAS: &[&str] = &[
    "第一管理区",
    "第二管理区",
    "第三管理区",
    "第四管理区",
    "第五管理区",
    "第六管理区",
];

/// Streets of the county seat.
pub const STREETS: &[&str] = &[
    "中山路",
    "松江路",
    "光明街",
    "新华街",
    "建设路",
    "和平路",
    "胜利街",
    "滨江路",
    "育才路",
    "文化街",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_lie_inside_the_campaign_bounds() {
        for place in PLACES {
            let (lat, lon) = place.centre;
            assert!((46.7..47.3).contains(&lat), "{} latitude", place.code);
            assert!((130.1..131.2).contains(&lon), "{} longitude", place.code);
        }
    }
}
