//! The industries typical of Huachuan's small workshops, and how each tends to end.

/// One kind of workshop typical of the county.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Industry {
    /// The industry as reported, e.g. 稻米加工.
    pub label: &'static str,
    /// How a workshop of this kind is called, e.g. 米业, 米厂.
    pub suffixes: &'static [&'static str],
    /// The trade word in a company name: 桦川县宏达{米业}有限公司.
    pub company_word: &'static str,
    /// Relative number of workshops.
    pub weight: u32,
    /// Relative chance of ending upgrade, relocate, close, or not 散乱污.
    pub mix: [u32; 4],
    /// Whether a close comes from national industrial policy (backward capacity) rather than
    /// hopeless pollution.
    pub backward_capacity: bool,
    /// What an inspector sees.
    pub nuisance: &'static str,
    /// What neighbours complain about.
    pub complaint: &'static str,
}

/// The industries, most common first.
pub const INDUSTRIES: &[Industry] = &[
    Industry {
        label: "稻米加工",
        suffixes: &["米业", "米厂", "水稻加工厂", "粮米加工厂"],
        company_word: "米业",
        weight: 24,
        mix: [70, 10, 12, 8],
        backward_capacity: false,
        nuisance: "砻谷、抛光工段无除尘设施，稻壳粉尘无组织排放",
        complaint: "粉尘大、稻壳乱飞，夜间机器噪声扰民",
    },
    Industry {
        label: "砖瓦烧制",
        suffixes: &["砖厂", "机砖厂", "红砖厂"],
        company_word: "砖业",
        weight: 9,
        mix: [10, 5, 85, 0],
        backward_capacity: true,
        nuisance: "使用黏土烧制实心砖，轮窑烟气未经处理直排",
        complaint: "砖窑冒黑烟，取土挖坑毁坏耕地",
    },
    Industry {
        label: "木材加工",
        suffixes: &["木材加工厂", "木业加工厂", "板材厂"],
        company_word: "木业",
        weight: 10,
        mix: [55, 25, 15, 5],
        backward_capacity: false,
        nuisance: "锯末粉尘无组织排放，木料露天堆放",
        complaint: "锯木噪声大、锯末乱飞，存在火灾隐患",
    },
    Industry {
        label: "塑料颗粒",
        suffixes: &["塑料颗粒厂", "再生塑料加工厂", "塑料造粒厂"],
        company_word: "塑业",
        weight: 8,
        mix: [20, 15, 65, 0],
        backward_capacity: false,
        nuisance: "废旧塑料清洗废水直排边沟，熔融造粒废气未收集",
        complaint: "塑料味刺鼻，污水流进排水沟",
    },
    Industry {
        label: "饲料加工",
        suffixes: &["饲料厂", "饲料加工厂"],
        company_word: "饲料",
        weight: 8,
        mix: [70, 15, 10, 5],
        backward_capacity: false,
        nuisance: "粉碎、混合工段粉尘无组织排放",
        complaint: "粉尘和异味扰民",
    },
    Industry {
        label: "沥青搅拌",
        suffixes: &["沥青搅拌站"],
        company_word: "路桥",
        weight: 4,
        mix: [30, 50, 20, 0],
        backward_capacity: false,
        nuisance: "沥青烟气未收集处理，砂石骨料露天堆放",
        complaint: "沥青烟味大，运输车辆扬尘",
    },
    Industry {
        label: "石材加工",
        suffixes: &["石材加工厂", "石材厂", "石料厂"],
        company_word: "石材",
        weight: 6,
        mix: [40, 40, 20, 0],
        backward_capacity: false,
        nuisance: "切割粉尘和泥浆废水未处理，边角废料乱堆",
        complaint: "切石噪声大，泥浆外排",
    },
    Industry {
        label: "铸造",
        suffixes: &["铸造厂", "机械铸造厂", "铸件厂"],
        company_word: "铸造",
        weight: 4,
        mix: [30, 20, 50, 0],
        backward_capacity: true,
        nuisance: "使用冲天炉熔炼，烟尘未经处理直排",
        complaint: "冒黑烟，气味呛人",
    },
    Industry {
        label: "豆制品加工",
        suffixes: &["豆制品厂", "豆腐坊", "豆制品加工厂"],
        company_word: "食品",
        weight: 6,
        mix: [75, 5, 10, 10],
        backward_capacity: false,
        nuisance: "泡豆、压榨废水直排边沟",
        complaint: "豆腐坊废水发臭",
    },
    Industry {
        label: "白酒酿造",
        suffixes: &["酒厂", "酿酒坊", "烧锅"],
        company_word: "酒业",
        weight: 5,
        mix: [70, 10, 10, 10],
        backward_capacity: false,
        nuisance: "酒糟露天堆放，燃煤锅炉烟气未治理",
        complaint: "酒糟味大，锅炉冒黑烟",
    },
    Industry {
        label: "混凝土搅拌",
        suffixes: &["混凝土搅拌站"],
        company_word: "建材",
        weight: 3,
        mix: [40, 40, 20, 0],
        backward_capacity: false,
        nuisance: "骨料露天堆放，罐车冲洗废水外排",
        complaint: "扬尘大，罐车撒漏",
    },
    Industry {
        label: "生物质颗粒",
        suffixes: &["生物质颗粒厂", "秸秆颗粒加工厂"],
        company_word: "生物质能源",
        weight: 3,
        mix: [60, 20, 15, 5],
        backward_capacity: false,
        nuisance: "秸秆粉碎粉尘无组织排放",
        complaint: "粉尘大",
    },
    Industry {
        label: "有机肥加工",
        suffixes: &["有机肥厂"],
        company_word: "肥业",
        weight: 2,
        mix: [40, 30, 30, 0],
        backward_capacity: false,
        nuisance: "畜禽粪便露天堆沤，渗滤液未收集",
        complaint: "臭味扰民",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_industry_can_end_in_some_category_and_has_a_name() {
        for industry in INDUSTRIES {
            assert!(!industry.suffixes.is_empty(), "{}", industry.label);
            assert!(industry.mix.iter().sum::<u32>() > 0, "{}", industry.label);
        }
    }
}
