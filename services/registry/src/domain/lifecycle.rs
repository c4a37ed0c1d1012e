//! An enterprise's place in the campaign (docs/architecture.md, "Services and what each owns")
//! and the moves the office may make.

/// Lifecycle state of an enterprise on the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LifecycleState {
    Reported,
    Confirmed,
    Rejected,
    Classified,
    Published,
    SignedOff,
    UnderWatch,
}

impl LifecycleState {
    pub const ALL: [LifecycleState; 7] = [
        Self::Reported,
        Self::Confirmed,
        Self::Rejected,
        Self::Classified,
        Self::Published,
        Self::SignedOff,
        Self::UnderWatch,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Reported => "reported",
            Self::Confirmed => "confirmed",
            Self::Rejected => "rejected",
            Self::Classified => "classified",
            Self::Published => "published",
            Self::SignedOff => "signed_off",
            Self::UnderWatch => "under_watch",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title_zh(self) -> &'static str {
        match self {
            Self::Reported => "已上报",
            Self::Confirmed => "已确认列入清单",
            Self::Rejected => "不属于散乱污",
            Self::Classified => "已分类",
            Self::Published => "整治方案已公布",
            Self::SignedOff => "已销号",
            Self::UnderWatch => "已销号（取缔后巡查）",
        }
    }
}

/// The office's moves on an enterprise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Confirm,
    Reject,
    Classify,
    EditPlan,
    Publish,
    SignOff,
    Reopen,
}

impl Move {
    /// States the move may start from.
    pub fn allowed_from(self) -> &'static [LifecycleState] {
        use LifecycleState::*;
        match self {
            Move::Confirm => &[Reported],
            Move::Reject => &[Reported, Confirmed],
            Move::Classify => &[Confirmed, Classified],
            Move::EditPlan => &[Classified, Published],
            Move::Publish => &[Classified],
            Move::SignOff => &[Published],
            Move::Reopen => &[SignedOff, UnderWatch],
        }
    }

    pub fn title_zh(self) -> &'static str {
        match self {
            Move::Confirm => "确认",
            Move::Reject => "退回",
            Move::Classify => "分类",
            Move::EditPlan => "修改整治方案",
            Move::Publish => "公布整治方案",
            Move::SignOff => "销号",
            Move::Reopen => "重新整治",
        }
    }

    /// Whether the move may start from `state`.
    pub fn permits(self, state: LifecycleState) -> bool {
        self.allowed_from().contains(&state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_code() {
        for state in LifecycleState::ALL {
            assert_eq!(
                LifecycleState::from_code(state.code()),
                Some(state),
                "{state:?}"
            );
        }
    }

    #[test]
    fn a_plan_is_published_only_after_classification() {
        assert!(Move::Publish.permits(LifecycleState::Classified));
        for state in [
            LifecycleState::Reported,
            LifecycleState::Confirmed,
            LifecycleState::SignedOff,
        ] {
            assert!(!Move::Publish.permits(state), "publish from {state:?}");
        }
    }

    #[test]
    fn only_signed_off_enterprises_can_be_reopened() {
        for state in LifecycleState::ALL {
            let expected = matches!(
                state,
                LifecycleState::SignedOff | LifecycleState::UnderWatch
            );
            assert_eq!(
                Move::Reopen.permits(state),
                expected,
                "reopen from {state:?}"
            );
        }
    }
}
