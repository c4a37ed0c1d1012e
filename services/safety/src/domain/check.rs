//! The safety check's rule: an enterprise passes when it has no unfixed major hazard. What an
//! inspection or a fix does to the `safety_check` item follows from the item's state and the
//! enterprise's unfixed major hazards once the call's own hazards are stored.

use rectify_workitems::domain::State;

/// Why a safety check is blocked.
pub const BLOCKED_REASON: &str = "重大隐患未整改";

/// What to do to the `safety_check` item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemMove {
    /// Complete it (PENDING or IN_PROGRESS → DONE).
    Complete,
    /// Block it with [`BLOCKED_REASON`].
    Block,
    /// Unblock it, then complete it.
    UnblockAndComplete,
    /// Leave it as it is: blocked, and a major hazard is still unfixed.
    Keep,
}

/// The move for an item in `state` when the enterprise has `open_major` unfixed major hazards.
/// For an item complete or cancelled the move is `Complete` or `Block`, which the state machine
/// refuses (ILLEGAL_TRANSITION): a closed check takes no more inspections.
pub fn item_move(state: State, open_major: i64) -> ItemMove {
    match (state, open_major > 0) {
        (State::Blocked { .. }, true) => ItemMove::Keep,
        (State::Blocked { .. }, false) => ItemMove::UnblockAndComplete,
        (_, true) => ItemMove::Block,
        (_, false) => ItemMove::Complete,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rectify_workitems::domain::Resume;

    #[test]
    fn the_item_completes_only_without_unfixed_major_hazards() {
        let blocked = State::Blocked {
            from: Resume::Pending,
        };
        let cases = [
            (State::Pending, 0, ItemMove::Complete, "a clean inspection"),
            (
                State::InProgress,
                0,
                ItemMove::Complete,
                "started, then clean",
            ),
            (State::Pending, 1, ItemMove::Block, "a major hazard found"),
            (blocked, 2, ItemMove::Keep, "one of two fixed"),
            (
                blocked,
                0,
                ItemMove::UnblockAndComplete,
                "the last one fixed",
            ),
            (
                State::Done,
                1,
                ItemMove::Block,
                "refused by the state machine",
            ),
        ];
        for (state, open, expected, why) in cases {
            assert_eq!(item_move(state, open), expected, "{why}");
        }
    }
}
