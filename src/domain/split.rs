//! How an expense is divided among its participants, down to the exact cent.

use super::ids::MemberId;
use super::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One participant's weight, exact amount or percentage, depending on the split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Portion {
    /// Who.
    pub member_id: MemberId,
    /// A weight (shares), minor units (exact amounts) or hundredths of a percent (percentages).
    pub value: i64,
}

/// What the person asked for. Stored in the event next to the resulting cents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Split {
    /// Everyone pays the same, give or take a cent.
    Equally {
        /// The members who share the expense.
        participants: Vec<MemberId>,
    },
    /// In proportion to whole-number weights (2 shares pay twice as much as 1).
    ByShares {
        /// Weights from 1 to [`Split::MAX_WEIGHT`].
        shares: Vec<Portion>,
    },
    /// Each participant's amount in minor units; they must add up to the expense.
    ByExactAmounts {
        /// Amounts in minor units, each above zero.
        amounts: Vec<Portion>,
    },
    /// Percentages in hundredths of a percent (33.33 % is 3333); they must add up to 100 %.
    ByPercentages {
        /// Hundredths of a percent, each above zero.
        percentages: Vec<Portion>,
    },
}

/// What one participant owes of one expense, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Share {
    /// Who owes it.
    pub member_id: MemberId,
    /// How much, in minor units.
    pub amount: Money,
}

/// Why a split cannot be allocated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// Nobody to split among.
    #[error("choose at least one participant")]
    NoParticipants,
    /// The same member twice.
    #[error("each participant can appear only once")]
    DuplicateParticipant,
    /// A weight, amount or percentage of zero or less, or a weight over the maximum.
    #[error("each participant's part must be more than zero (weights at most {max})", max = Split::MAX_WEIGHT)]
    BadPortion,
    /// Exact amounts that do not add up.
    #[error("the amounts add up to {got} but the expense is {expected} (in minor units)")]
    ExactAmountsMismatch {
        /// The expense amount.
        expected: i64,
        /// What the portions add up to.
        got: i64,
    },
    /// Percentages that do not add up to 100 %.
    #[error("the percentages add up to {}.{:02} % instead of 100 %", got / 100, got % 100)]
    PercentagesMismatch {
        /// The sum in hundredths of a percent.
        got: i64,
    },
}

impl Split {
    /// The largest weight a participant can have when splitting by shares.
    pub const MAX_WEIGHT: i64 = 1_000;
    /// 100 % in hundredths of a percent.
    pub const HUNDRED_PERCENT: i64 = 10_000;

    /// The stable name of the mode, as stored and shown.
    pub fn mode_name(&self) -> &'static str {
        match self {
            Split::Equally { .. } => "equally",
            Split::ByShares { .. } => "by_shares",
            Split::ByExactAmounts { .. } => "by_exact_amounts",
            Split::ByPercentages { .. } => "by_percentages",
        }
    }

    /// The participants in the order given.
    pub fn participants(&self) -> Vec<MemberId> {
        match self {
            Split::Equally { participants } => participants.clone(),
            Split::ByShares { shares: p }
            | Split::ByExactAmounts { amounts: p }
            | Split::ByPercentages { percentages: p } => p.iter().map(|p| p.member_id).collect(),
        }
    }

    /// Divides `amount` into exact minor units, one share per participant, in their order.
    ///
    /// Proportional splits use the largest-remainder method: everyone gets the floor of their
    /// exact part, and the cents left over go one each to the largest fractional remainders.
    /// Ties are broken by a rotation derived from `tie_break_seed` (the expense id), so the
    /// odd cent does not always land on the same person, yet the result is deterministic.
    pub fn allocate(&self, amount: Money, tie_break_seed: u64) -> Result<Vec<Share>, SplitError> {
        let participants = self.participants();
        if participants.is_empty() {
            return Err(SplitError::NoParticipants);
        }
        let unique: BTreeSet<_> = participants.iter().collect();
        if unique.len() != participants.len() {
            return Err(SplitError::DuplicateParticipant);
        }
        let weights: Vec<i64> = match self {
            Split::Equally { participants } => vec![1; participants.len()],
            Split::ByShares { shares } => {
                if shares
                    .iter()
                    .any(|p| p.value <= 0 || p.value > Self::MAX_WEIGHT)
                {
                    return Err(SplitError::BadPortion);
                }
                shares.iter().map(|p| p.value).collect()
            }
            Split::ByExactAmounts { amounts } => {
                if amounts.iter().any(|p| p.value <= 0) {
                    return Err(SplitError::BadPortion);
                }
                let got = amounts
                    .iter()
                    .try_fold(0_i64, |acc, p| acc.checked_add(p.value))
                    .unwrap_or(i64::MAX);
                if got != amount.cents() {
                    return Err(SplitError::ExactAmountsMismatch {
                        expected: amount.cents(),
                        got,
                    });
                }
                return Ok(amounts
                    .iter()
                    .map(|p| Share {
                        member_id: p.member_id,
                        amount: Money(p.value),
                    })
                    .collect());
            }
            Split::ByPercentages { percentages } => {
                if percentages
                    .iter()
                    .any(|p| p.value <= 0 || p.value > Self::HUNDRED_PERCENT)
                {
                    return Err(SplitError::BadPortion);
                }
                let got: i64 = percentages.iter().map(|p| p.value).sum();
                if got != Self::HUNDRED_PERCENT {
                    return Err(SplitError::PercentagesMismatch { got });
                }
                percentages.iter().map(|p| p.value).collect()
            }
        };
        let cents = largest_remainder(amount.cents(), &weights, tie_break_seed);
        Ok(participants
            .into_iter()
            .zip(cents)
            .map(|(member_id, c)| Share {
                member_id,
                amount: Money(c),
            })
            .collect())
    }
}

/// Splits `amount` (≥ 0) in proportion to positive `weights`, exactly, by largest remainder.
pub fn largest_remainder(amount: i64, weights: &[i64], tie_break_seed: u64) -> Vec<i64> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    let mut parts = Vec::with_capacity(n);
    let mut remainders = Vec::with_capacity(n);
    for w in weights {
        let exact = i128::from(amount) * i128::from(*w);
        // Weights and amounts are bounded far below i64 after division.
        parts.push((exact / total) as i64);
        remainders.push(exact % total);
    }
    let left = amount - parts.iter().sum::<i64>();
    let offset = (tie_break_seed % n as u64) as usize;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        remainders[b]
            .cmp(&remainders[a])
            .then_with(|| ((a + n - offset) % n).cmp(&((b + n - offset) % n)))
    });
    for &i in order.iter().take(left as usize) {
        parts[i] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn members(n: usize) -> Vec<MemberId> {
        (0..n).map(|_| MemberId::new()).collect()
    }

    fn cents(shares: &[Share]) -> Vec<i64> {
        shares.iter().map(|s| s.amount.cents()).collect()
    }

    #[test]
    fn ten_euros_three_ways_gives_one_person_the_extra_cent() {
        let split = Split::Equally {
            participants: members(3),
        };
        let mut got = cents(&split.allocate(Money(1000), 0).expect("valid"));
        assert_eq!(got, vec![334, 333, 333]);
        got = cents(&split.allocate(Money(1000), 1).expect("valid"));
        assert_eq!(got, vec![333, 334, 333], "the seed rotates who gets it");
    }

    #[test]
    fn shares_follow_weights_with_largest_remainder() {
        let m = members(2);
        let split = Split::ByShares {
            shares: vec![
                Portion {
                    member_id: m[0],
                    value: 1,
                },
                Portion {
                    member_id: m[1],
                    value: 2,
                },
            ],
        };
        // 100 × 1/3 = 33.33 → 33; 100 × 2/3 = 66.67 → 67 (spliit-26).
        assert_eq!(
            cents(&split.allocate(Money(100), 7).expect("valid")),
            vec![33, 67]
        );
    }

    #[test]
    fn percentages_give_the_cent_to_the_largest_remainder() {
        let m = members(3);
        let split = Split::ByPercentages {
            percentages: vec![
                Portion {
                    member_id: m[0],
                    value: 3333,
                },
                Portion {
                    member_id: m[1],
                    value: 3333,
                },
                Portion {
                    member_id: m[2],
                    value: 3334,
                },
            ],
        };
        // spliit-25: carol (33.34 %) gets the 34th cent whatever the seed.
        for seed in 0..3 {
            assert_eq!(
                cents(&split.allocate(Money(100), seed).expect("valid")),
                vec![33, 33, 34]
            );
        }
    }

    #[test]
    fn percentages_must_add_up_to_a_hundred() {
        let m = members(2);
        let split = Split::ByPercentages {
            percentages: vec![
                Portion {
                    member_id: m[0],
                    value: 5000,
                },
                Portion {
                    member_id: m[1],
                    value: 4000,
                },
            ],
        };
        assert_eq!(
            split.allocate(Money(100), 0),
            Err(SplitError::PercentagesMismatch { got: 9000 })
        );
    }

    #[test]
    fn exact_amounts_are_kept_and_must_add_up() {
        let m = members(3);
        let portions = |c: [i64; 3]| Split::ByExactAmounts {
            amounts: m
                .iter()
                .zip(c)
                .map(|(id, value)| Portion {
                    member_id: *id,
                    value,
                })
                .collect(),
        };
        assert_eq!(
            cents(
                &portions([333, 333, 334])
                    .allocate(Money(1000), 0)
                    .expect("valid")
            ),
            vec![333, 333, 334]
        );
        assert_eq!(
            portions([333, 333, 333]).allocate(Money(1000), 0),
            Err(SplitError::ExactAmountsMismatch {
                expected: 1000,
                got: 999
            })
        );
        assert_eq!(
            portions([1000, 0, 0]).allocate(Money(1000), 0),
            Err(SplitError::BadPortion)
        );
    }

    #[test]
    fn refuses_empty_and_duplicate_participants() {
        assert_eq!(
            Split::Equally {
                participants: vec![]
            }
            .allocate(Money(1), 0),
            Err(SplitError::NoParticipants)
        );
        let m = MemberId::new();
        assert_eq!(
            Split::Equally {
                participants: vec![m, m]
            }
            .allocate(Money(1), 0),
            Err(SplitError::DuplicateParticipant)
        );
    }

    #[test]
    fn weights_must_be_positive_and_bounded() {
        let m = MemberId::new();
        for value in [0, -1, Split::MAX_WEIGHT + 1] {
            let split = Split::ByShares {
                shares: vec![Portion {
                    member_id: m,
                    value,
                }],
            };
            assert_eq!(
                split.allocate(Money(100), 0),
                Err(SplitError::BadPortion),
                "{value}"
            );
        }
    }

    proptest! {
        #[test]
        fn allocation_is_exact_and_each_share_is_floor_or_ceiling(
            amount in 1_i64..=100_000_000,
            weights in prop::collection::vec(1_i64..=1000, 1..12),
            seed in any::<u64>(),
        ) {
            let parts = largest_remainder(amount, &weights, seed);
            prop_assert_eq!(parts.iter().sum::<i64>(), amount);
            let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
            for (part, w) in parts.iter().zip(&weights) {
                let exact_num = i128::from(amount) * i128::from(*w);
                let floor = (exact_num / total) as i64;
                let ceil = floor + i64::from(exact_num % total != 0);
                prop_assert!(*part == floor || *part == ceil, "part {} not in [{}, {}]", part, floor, ceil);
            }
        }

        #[test]
        fn allocation_is_deterministic(
            amount in 1_i64..=1_000_000,
            weights in prop::collection::vec(1_i64..=10, 1..8),
            seed in any::<u64>(),
        ) {
            prop_assert_eq!(
                largest_remainder(amount, &weights, seed),
                largest_remainder(amount, &weights, seed)
            );
        }
    }
}
