//! Sorting that a statement's limits can stop. A sort of millions of rows takes seconds
//! inside one library call, where no check would run; so large inputs are sorted in runs,
//! with a check between runs, and the runs merged pairwise with a check every few thousand
//! moves. Like `sort_unstable`, it does not keep equal elements in order: callers that
//! need that compare an input position last.

use super::context::Result;
use crate::limits::check;
use std::cmp::Ordering;

/// Long enough that the extra merging costs little, short enough to sort in milliseconds.
const RUN: usize = 1 << 15;

/// `items` sorted by `compare`, or the error of the limit that stopped the sort.
pub fn sort_checked<T>(
    mut items: Vec<T>,
    mut compare: impl FnMut(&T, &T) -> Ordering,
) -> Result<Vec<T>> {
    if items.len() <= RUN {
        items.sort_unstable_by(&mut compare);
        return Ok(items);
    }
    let mut runs = Vec::with_capacity(items.len().div_ceil(RUN));
    while items.len() > RUN {
        let tail = items.split_off(items.len() - RUN);
        runs.push(tail);
    }
    runs.push(items);
    runs.reverse();
    for run in &mut runs {
        check()?;
        run.sort_unstable_by(&mut compare);
    }
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        let mut pairs = runs.into_iter();
        while let Some(first) = pairs.next() {
            merged.push(match pairs.next() {
                Some(second) => merge(first, second, &mut compare)?,
                None => first,
            });
        }
        runs = merged;
    }
    Ok(runs.pop().unwrap_or_default())
}

/// One sorted list from two; on a tie the element of `first` goes first.
fn merge<T>(
    first: Vec<T>,
    second: Vec<T>,
    compare: &mut impl FnMut(&T, &T) -> Ordering,
) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(first.len() + second.len());
    let mut a = first.into_iter().peekable();
    let mut b = second.into_iter().peekable();
    loop {
        if out.len() % 4096 == 0 {
            check()?;
        }
        let take_second = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => compare(y, x) == Ordering::Less,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let next = if take_second { b.next() } else { a.next() };
        match next {
            Some(item) => out.push(item),
            None => return Ok(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_inputs_sort_like_one_sort_of_the_whole() {
        let n = RUN * 5 + 123;
        let items: Vec<(u64, usize)> = (0..n)
            .map(|i| ((i as u64).wrapping_mul(2_654_435_761) % 1000, i))
            .collect();
        let mut expected = items.clone();
        expected.sort();
        let sorted = sort_checked(items, Ord::cmp).unwrap();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn small_and_empty_inputs_sort() {
        assert_eq!(
            sort_checked(vec![3, 1, 2], Ord::cmp).unwrap(),
            vec![1, 2, 3]
        );
        assert!(sort_checked(Vec::<u8>::new(), Ord::cmp).unwrap().is_empty());
    }
}
