//! Who is ahead, who is behind, and the payments that settle everyone.

use super::ids::MemberId;
use super::money::Money;
use serde::{Deserialize, Serialize};

/// One member's running totals in an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Balance {
    /// What the member paid for expenses.
    pub paid: Money,
    /// The member's shares of expenses.
    pub owed: Money,
    /// Transfers the member paid to others.
    pub sent: Money,
    /// Transfers the member received from others.
    pub received: Money,
}

impl Balance {
    /// Positive: the others owe this member; negative: this member owes the others.
    pub fn net(&self) -> Money {
        self.paid - self.owed + self.sent - self.received
    }
}

/// A suggested payment that brings balances closer to zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Settlement {
    /// Who pays.
    pub from: MemberId,
    /// Who receives.
    pub to: MemberId,
    /// How much, in minor units.
    pub amount: Money,
}

/// The payments that clear every net, in whole minor units.
///
/// `nets` lists members in a fixed order (the order they joined). Debtors and creditors keep
/// that order and are matched like two ledgers laid side by side: each payment is the overlap
/// of one debtor's stretch with one creditor's. That needs at most (debtors + creditors − 1)
/// payments, and recording any one suggestion cuts exactly its stretch out of both ledgers,
/// so every other suggestion stays as it was. Ordering by size instead (the usual greedy)
/// reshuffles the pairs after each payment; Spliit's issue #178 shows that.
pub fn settle_up(nets: &[(MemberId, Money)]) -> Vec<Settlement> {
    let mut debtors: Vec<(usize, i64)> = Vec::new();
    let mut creditors: Vec<(usize, i64)> = Vec::new();
    for (i, (_, net)) in nets.iter().enumerate() {
        match net.cents() {
            n if n < 0 => debtors.push((i, -n)),
            n if n > 0 => creditors.push((i, n)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let (mut d, mut c) = (0, 0);
    while d < debtors.len() && c < creditors.len() {
        let amount = debtors[d].1.min(creditors[c].1);
        out.push(Settlement {
            from: nets[debtors[d].0].0,
            to: nets[creditors[c].0].0,
            amount: Money(amount),
        });
        debtors[d].1 -= amount;
        creditors[c].1 -= amount;
        if debtors[d].1 == 0 {
            d += 1;
        }
        if creditors[c].1 == 0 {
            c += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn book(nets: &mut [(MemberId, Money)], s: &Settlement) {
        for (id, net) in nets.iter_mut() {
            if *id == s.from {
                *net += s.amount;
            }
            if *id == s.to {
                *net -= s.amount;
            }
        }
    }

    fn nets_from(values: &[i64]) -> Vec<(MemberId, Money)> {
        let mut v: Vec<_> = values
            .iter()
            .map(|c| (MemberId::new(), Money(*c)))
            .collect();
        let sum: i64 = values.iter().sum();
        if let Some(last) = v.last_mut() {
            last.1 -= Money(sum);
        }
        v
    }

    #[test]
    fn one_debtor_one_creditor() {
        let nets = nets_from(&[1000, -1000]);
        assert_eq!(
            settle_up(&nets),
            vec![Settlement {
                from: nets[1].0,
                to: nets[0].0,
                amount: Money(1000)
            }]
        );
    }

    #[test]
    fn already_settled_needs_nothing() {
        assert!(settle_up(&nets_from(&[0, 0, 0])).is_empty());
        assert!(settle_up(&[]).is_empty());
    }

    #[test]
    fn spliit_issue_178_booking_one_suggestion_keeps_the_rest() {
        let values = [
            307594, 34005, -70525, 43507, -68593, -64524, -59892, -66892, -54680,
        ];
        let nets = nets_from(&values);
        let before = settle_up(&nets);
        assert!(
            before.len() <= 8,
            "at most n-1 payments, got {}",
            before.len()
        );
        for s in &before {
            let mut after_nets = nets.clone();
            book(&mut after_nets, s);
            let mut expected: Vec<_> = before.iter().filter(|x| *x != s).copied().collect();
            let mut after = settle_up(&after_nets);
            expected.sort_by_key(|x| (x.from, x.to, x.amount));
            after.sort_by_key(|x| (x.from, x.to, x.amount));
            assert_eq!(after, expected);
        }
    }

    proptest! {
        #[test]
        fn suggestions_clear_every_net(values in prop::collection::vec(-1_000_000_i64..1_000_000, 0..12)) {
            let mut nets = nets_from(&values);
            let suggestions = settle_up(&nets);
            let nonzero = nets.iter().filter(|(_, n)| n.cents() != 0).count();
            prop_assert!(suggestions.len() < nonzero.max(1));
            for s in &suggestions {
                prop_assert!(s.amount.cents() > 0);
                prop_assert_ne!(s.from, s.to);
                book(&mut nets, s);
            }
            prop_assert!(nets.iter().all(|(_, n)| n.cents() == 0));
        }

        #[test]
        fn booking_any_suggestion_leaves_the_others(values in prop::collection::vec(-100_000_i64..100_000, 2..10)) {
            let nets = nets_from(&values);
            let before = settle_up(&nets);
            for s in &before {
                let mut after_nets = nets.clone();
                book(&mut after_nets, s);
                let mut expected: Vec<_> = before.iter().filter(|x| *x != s).copied().collect();
                let mut after = settle_up(&after_nets);
                expected.sort_by_key(|x| (x.from, x.to, x.amount));
                after.sort_by_key(|x| (x.from, x.to, x.amount));
                prop_assert_eq!(after, expected);
            }
        }

        #[test]
        fn settle_up_is_deterministic(values in prop::collection::vec(-100_000_i64..100_000, 0..10)) {
            let nets = nets_from(&values);
            prop_assert_eq!(settle_up(&nets), settle_up(&nets));
        }
    }
}
