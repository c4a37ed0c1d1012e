//! Closure of illegal wells (关闭非法自备井): how many, and how they were closed.

use rectify_proto::utilities::v1 as pb;
use rectify_workitems::domain::Reason;
use thiserror::Error;

/// Most wells one record may close; more is almost surely a typing mistake.
pub const MAX_WELLS: u32 = 100;

/// How many wells were closed: 1 to [`MAX_WELLS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WellCount(u32);

/// How the wells were closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClosureMethod {
    /// 回填
    Backfilled,
    /// 水泥封堵
    CementSealed,
    /// 拆除取水设施并加盖封存
    Capped,
    /// 其他, described.
    Other(Reason),
}

/// Why a well closure's count or method is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum WellError {
    /// Zero or negative.
    #[error("关闭的井数至少为1，实际为{0} (at least one well must be closed, found {0})")]
    NoWells(i32),
    /// More than plausible.
    #[error("关闭的井数不能超过{MAX_WELLS}，实际为{0} (at most {MAX_WELLS} wells, found {0})")]
    TooMany(i32),
    /// No method chosen.
    #[error("请选择封井方式 (a closure method is required)")]
    NoMethod,
    /// `WELL_CLOSURE_METHOD_OTHER` without a description.
    #[error("封井方式为“其他”时须说明 (describe the method when it is OTHER)")]
    OtherUndescribed,
}

impl WellCount {
    /// Parses the count of wells closed.
    pub fn parse(count: i32) -> Result<WellCount, WellError> {
        match u32::try_from(count) {
            Ok(0) | Err(_) => Err(WellError::NoWells(count)),
            Ok(n) if n > MAX_WELLS => Err(WellError::TooMany(count)),
            Ok(n) => Ok(WellCount(n)),
        }
    }

    /// The number of wells.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl ClosureMethod {
    /// Parses the method and, for OTHER, its description.
    pub fn parse(method: i32, note: &str) -> Result<ClosureMethod, WellError> {
        use pb::WellClosureMethod as M;
        match M::try_from(method).unwrap_or(M::Unspecified) {
            M::Unspecified => Err(WellError::NoMethod),
            M::Backfilled => Ok(ClosureMethod::Backfilled),
            M::CementSealed => Ok(ClosureMethod::CementSealed),
            M::Capped => Ok(ClosureMethod::Capped),
            M::Other => Reason::parse(note)
                .map(ClosureMethod::Other)
                .map_err(|_| WellError::OtherUndescribed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_counts_are_one_to_a_hundred() {
        let cases = [
            (1, Ok(1)),
            (3, Ok(3)),
            (100, Ok(100)),
            (0, Err(WellError::NoWells(0))),
            (-2, Err(WellError::NoWells(-2))),
            (101, Err(WellError::TooMany(101))),
        ];
        for (count, expected) in cases {
            assert_eq!(
                WellCount::parse(count).map(WellCount::get),
                expected,
                "{count}"
            );
        }
    }

    #[test]
    fn methods_need_a_choice_and_other_needs_a_description() {
        use pb::WellClosureMethod as M;
        let cases = [
            (M::Backfilled, "", Ok(ClosureMethod::Backfilled)),
            (M::Unspecified, "", Err(WellError::NoMethod)),
            (M::Other, "  ", Err(WellError::OtherUndescribed)),
        ];
        for (method, note, expected) in cases {
            assert_eq!(
                ClosureMethod::parse(method.into(), note),
                expected,
                "{method:?}"
            );
        }
        assert_eq!(
            ClosureMethod::parse(99, ""),
            Err(WellError::NoMethod),
            "unknown enum value"
        );
        let other = ClosureMethod::parse(M::Other.into(), "拆除水泵，井口浇筑");
        assert!(matches!(other, Ok(ClosureMethod::Other(_))), "{other:?}");
    }
}
