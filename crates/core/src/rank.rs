//! Ranking: highest final index first, shared ranks for indexes equal at 2 decimals
//! (1, 2, 2, 4), ties and name lists in Vietnamese alphabetical order, ranking inside groups.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use rust_decimal::Decimal;

use super::num::round2;

/// The Vietnamese collator (A Ă Â B C D Đ E Ê …), built once.
pub fn collator() -> &'static CollatorBorrowed<'static> {
    static C: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    C.get_or_init(|| {
        let locale = icu_locale_core::locale!("vi");
        Collator::try_new(locale.into(), CollatorOptions::default()).expect("compiled collation data for vi is built in")
    })
}

/// Compares two names in Vietnamese alphabetical order (falling back to code points so the
/// order is total).
pub fn cmp_names(a: &str, b: &str) -> Ordering {
    collator().compare(a, b).then_with(|| a.cmp(b))
}

/// Sorts any list by a name, in Vietnamese order.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    let c = collator();
    items.sort_by(|a, b| c.compare(name(a), name(b)).then_with(|| name(a).cmp(name(b))));
}

/// One entry to rank.
pub trait Rankable {
    fn index(&self) -> Decimal;
    fn name(&self) -> &str;
}

/// Ranks `items`: returns `(position in items, rank)` best first. Indexes are compared at
/// 2 decimals; equal ones share a rank and are listed by name.
pub fn rank<T: Rankable>(items: &[T]) -> Vec<(usize, u32)> {
    let c = collator();
    let keys: Vec<Decimal> = items.iter().map(|x| round2(x.index())).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        keys[b].cmp(&keys[a]).then_with(|| c.compare(items[a].name(), items[b].name())).then_with(|| items[a].name().cmp(items[b].name()))
    });
    let mut out = Vec::with_capacity(order.len());
    for (pos, &i) in order.iter().enumerate() {
        let rank = match out.last() {
            Some(&(prev, prev_rank)) if keys[prev] == keys[i] => prev_rank,
            _ => pos as u32 + 1,
        };
        out.push((i, rank));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    struct U(&'static str, &'static str);
    impl Rankable for U {
        fn index(&self) -> Decimal {
            Decimal::from_str(self.1).unwrap()
        }
        fn name(&self) -> &str {
            self.0
        }
    }

    fn ranked(items: &[U]) -> Vec<(&'static str, u32)> {
        rank(items).into_iter().map(|(i, r)| (items[i].0, r)).collect()
    }

    #[test]
    fn shared_ranks_skip_the_next() {
        let items = [U("A", "90"), U("B", "95"), U("C", "90"), U("D", "80")];
        assert_eq!(ranked(&items), vec![("B", 1), ("A", 2), ("C", 2), ("D", 4)]);
    }

    #[test]
    fn ties_are_judged_at_two_decimals() {
        // 90.004 and 90.001 are both 90.00: tied. 90.005 rounds to 90.01: ahead.
        let items = [U("Bình", "90.004"), U("An", "90.001"), U("Cường", "90.005")];
        assert_eq!(ranked(&items), vec![("Cường", 1), ("An", 2), ("Bình", 2)]);
    }

    #[test]
    fn vietnamese_alphabetical_order_inside_ties() {
        // Code-point order would put "Đ" after "Z" and "Ă" after "B".
        let items = [
            U("Đội", "50"),
            U("Dương", "50"),
            U("Ăn", "50"),
            U("Bảo", "50"),
            U("An", "50"),
            U("Zê", "50"),
            U("Âu", "50"),
            U("Em", "50"),
            U("Ê", "50"),
        ];
        let names: Vec<_> = ranked(&items).into_iter().map(|x| x.0).collect();
        assert_eq!(names, vec!["An", "Ăn", "Âu", "Bảo", "Dương", "Đội", "Em", "Ê", "Zê"]);
    }

    #[test]
    fn empty_and_single() {
        assert!(ranked(&[]).is_empty());
        assert_eq!(ranked(&[U("X", "0")]), vec![("X", 1)]);
    }
}
