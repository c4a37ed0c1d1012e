//! Whether an enterprise may be signed off (销号): only once complete, i.e. every measure of its
//! published plan done (verified where the catalog requires it) or waived, and not already
//! signed off. The refusal says what is missing, in Chinese and English.

use rectify_kit::{Error, Reason, text};
use rectify_proto::registry::v1::LifecycleState;

/// What the check needs of an enterprise.
#[derive(Clone, Copy, Debug)]
pub struct Completion {
    pub state: i32,
    pub measures: i32,
    pub measures_complete: i32,
    pub complete: bool,
}

/// `Ok` when the enterprise may be signed off; else the refusal.
pub fn check(name: &str, c: Completion) -> Result<(), Error> {
    let state = LifecycleState::try_from(c.state).unwrap_or(LifecycleState::Unspecified);
    match state {
        LifecycleState::SignedOff | LifecycleState::UnderWatch => {
            return Err(Error::failed_precondition(
                Reason::WrongLifecycleState,
                text!("{name} 已销号", "{name} is already signed off"),
            ));
        }
        LifecycleState::Published => {}
        _ => {
            return Err(Error::failed_precondition(
                Reason::EnterpriseIncomplete,
                text!(
                    "{name} 尚无已公布的整治方案，不能销号",
                    "{name} cannot be signed off: it has no published plan"
                ),
            ));
        }
    }
    if c.complete {
        return Ok(());
    }
    let (done, all) = (c.measures_complete, c.measures);
    let open = all - done;
    Err(Error::failed_precondition(
        Reason::EnterpriseIncomplete,
        text!(
            "{name} 尚未完成整治，不能销号：整治方案 {all} 项措施中已完成 {done} 项，还有 {open} 项未完成（未办结、需核验而未核验或未经豁免）",
            "{name} cannot be signed off: {done} of the {all} measures of its plan are complete; {open} are not done, verified where required, or waived"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(state: LifecycleState, complete: bool) -> Completion {
        Completion {
            state: state as i32,
            measures: 6,
            measures_complete: if complete { 6 } else { 4 },
            complete,
        }
    }

    #[test]
    fn only_a_complete_published_enterprise_may_be_signed_off() {
        assert!(check("enterprises/e", c(LifecycleState::Published, true)).is_ok());
        let refused = check("enterprises/e", c(LifecycleState::Published, false));
        let Err(Error::FailedPrecondition { reason, message }) = refused else {
            panic!("refused");
        };
        assert_eq!(reason, Reason::EnterpriseIncomplete);
        assert!(
            message.zh.contains("6 项措施中已完成 4 项"),
            "{}",
            message.zh
        );
        assert!(message.en.contains("4 of the 6 measures"), "{}", message.en);
        for state in [LifecycleState::Classified, LifecycleState::Reported] {
            assert!(matches!(
                check("enterprises/e", c(state, false)),
                Err(Error::FailedPrecondition {
                    reason: Reason::EnterpriseIncomplete,
                    ..
                })
            ));
        }
        assert!(matches!(
            check("enterprises/e", c(LifecycleState::UnderWatch, true)),
            Err(Error::FailedPrecondition {
                reason: Reason::WrongLifecycleState,
                ..
            })
        ));
    }
}
