//! Rounds of rectification: 1 for an enterprise's first, one more each time a rebound reopens it.

use std::fmt;

use thiserror::Error;

/// A round of rectification, starting at 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Round(u32);

/// Why a number is not a round.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RoundError {
    /// Rounds start at 1.
    #[error("轮次从1开始，实际为{0} (rounds start at 1, found {0})")]
    NotPositive(i64),
}

impl Round {
    /// The enterprise's first rectification.
    pub const FIRST: Round = Round(1);

    /// The round numbered `number` (1, 2, …).
    pub fn new(number: i64) -> Result<Round, RoundError> {
        u32::try_from(number)
            .ok()
            .filter(|n| *n >= 1)
            .map(Round)
            .ok_or(RoundError::NotPositive(number))
    }

    /// The round a reopening starts.
    pub fn next(self) -> Round {
        Round(self.0.saturating_add(1))
    }

    /// The round's number.
    pub fn number(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Round {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_start_at_one_and_count_up() {
        let cases = [
            (1, Ok(1)),
            (3, Ok(3)),
            (0, Err(RoundError::NotPositive(0))),
            (-2, Err(RoundError::NotPositive(-2))),
        ];
        for (input, expected) in cases {
            assert_eq!(Round::new(input).map(Round::number), expected, "{input}");
        }
        assert_eq!(Round::FIRST.next().number(), 2, "reopening starts round 2");
    }
}
