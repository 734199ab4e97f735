//! The nesting limit: how deep lists and maps may hold each other, and (the same number) how
//! deep a statement's expressions may nest.
//!
//! Printing, comparing, hashing, serialising and dropping a value all recurse once per level,
//! so a value deeper than the stack allows would abort the process. No value deeper than
//! [`MAX_DEPTH`] is ever built: the evaluator checks the lists and maps it makes, parameters
//! and imports are checked as they come in, and reading one back from a store file stops at
//! the limit (see [`deserialize_list`]). Everything downstream may then recurse freely.

use super::Value;
use serde::{Deserialize, Deserializer};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

/// The deepest nesting kg accepts, in values and in a statement's text (SQLite's limit on
/// expression trees, whose message kg's follows, is the same).
pub const MAX_DEPTH: usize = 1000;

impl Value {
    /// Levels of lists and maps, counting itself: 0 for a scalar, 1 for `[1]`, 2 for `[[1]]`;
    /// counted no further than `MAX_DEPTH + 1`.
    pub fn depth(&self) -> usize {
        depth_up_to(self, MAX_DEPTH + 1)
    }

    /// Whether the value nests deeper than [`MAX_DEPTH`].
    pub fn too_deep(&self) -> bool {
        self.depth() > MAX_DEPTH
    }
}

/// The values a list or map holds.
enum Children<'v> {
    List(std::slice::Iter<'v, Value>),
    Map(std::collections::btree_map::Values<'v, Arc<str>, Value>),
}

impl<'v> Iterator for Children<'v> {
    type Item = &'v Value;

    fn next(&mut self) -> Option<&'v Value> {
        match self {
            Children::List(items) => items.next(),
            Children::Map(values) => values.next(),
        }
    }
}

/// A list's or map's address (what identifies it when shared) and its values.
fn container(v: &Value) -> Option<(*const (), Children<'_>)> {
    match v {
        Value::List(items) => Some((Arc::as_ptr(items).cast(), Children::List(items.iter()))),
        Value::Map(map) => Some((Arc::as_ptr(map).cast(), Children::Map(map.values()))),
        _ => None,
    }
}

/// The depth of `v`, or `cap` if it is at least that deep.
///
/// Without recursion (the value may be any depth: a parameter or a file's), and measuring
/// each shared list or map once: `reduce(a = 1, x IN range(1, 60) | [a, a])` holds 2^60
/// elements in 60 lists, so heights are remembered by address.
fn depth_up_to(v: &Value, cap: usize) -> usize {
    let Some((address, children)) = container(v) else {
        return 0;
    };
    if holds_only_scalars(v) {
        return 1.min(cap);
    }
    let mut known: HashMap<*const (), usize> = HashMap::new();
    // The lists and maps being read, outermost first, each with the greatest height among
    // its values read so far.
    let mut open = vec![(address, children, 0)];
    loop {
        let level = open.len();
        if level >= cap {
            return cap;
        }
        let Some((_, children, tallest)) = open.last_mut() else {
            return 0;
        };
        match children.next() {
            Some(child) => {
                if let Some((address, grandchildren)) = container(child) {
                    match known.get(&address) {
                        Some(&height) if level + height >= cap => return cap,
                        Some(&height) => *tallest = (*tallest).max(height),
                        None => open.push((address, grandchildren, 0)),
                    }
                }
            }
            None => {
                let tallest = *tallest;
                let height = tallest + 1;
                if let Some((address, _, _)) = open.pop() {
                    if tallest > 0 {
                        known.insert(address, height);
                    }
                }
                match open.last_mut() {
                    Some((_, _, parent)) => *parent = (*parent).max(height),
                    None => return height.min(cap),
                }
            }
        }
    }
}

/// Whether `v` is a list or map of scalars only: the common case, measured without the walk.
fn holds_only_scalars(v: &Value) -> bool {
    container(v).is_some_and(|(_, mut children)| children.all(|c| container(c).is_none()))
}

/// The message of every nesting error about values.
pub fn too_deep_message(what: &str) -> String {
    format!("{what} nested too deeply (maximum depth {MAX_DEPTH})")
}

thread_local! {
    /// Lists and maps being read (deserialised) on this thread, one inside the other.
    static READING: Cell<usize> = const { Cell::new(0) };
}

/// One more level being read; the level is left when this is dropped, error or not.
struct Reading;

impl Reading {
    fn enter<E: serde::de::Error>() -> Result<Reading, E> {
        let depth = READING.with(|r| r.get()) + 1;
        if depth > MAX_DEPTH {
            return Err(E::custom(too_deep_message("value")));
        }
        READING.with(|r| r.set(depth));
        Ok(Reading)
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        READING.with(|r| r.set(r.get().saturating_sub(1)));
    }
}

/// Reads a list's items, refusing to go deeper than [`MAX_DEPTH`]: a store file with valid
/// checksums but a value nested a million deep fails to read instead of overflowing the stack.
pub(super) fn deserialize_list<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Arc<Vec<Value>>, D::Error> {
    let _level = Reading::enter()?;
    Arc::<Vec<Value>>::deserialize(d)
}

/// As [`deserialize_list`], for a map's entries.
pub(super) fn deserialize_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Arc<super::Map>, D::Error> {
    let _level = Reading::enter()?;
    Arc::<super::Map>::deserialize(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> Value {
        let mut v = Value::Int(1);
        for _ in 0..levels {
            v = Value::list(vec![v]);
        }
        v
    }

    #[test]
    fn depth_counts_levels_of_lists_and_maps() {
        assert_eq!(Value::Int(1).depth(), 0);
        assert_eq!(nested(1).depth(), 1);
        let mut map = super::super::Map::new();
        map.insert(Arc::from("k"), nested(2));
        assert_eq!(Value::map(map).depth(), 3);
        assert_eq!(Value::list(Vec::new()).depth(), 1);
        assert!(!nested(MAX_DEPTH).too_deep());
        assert!(nested(MAX_DEPTH + 1).too_deep());
    }

    #[test]
    fn shared_lists_are_measured_once() {
        let mut v = Value::Int(1);
        for _ in 0..200 {
            v = Value::list(vec![v.clone(), v]);
        }
        assert_eq!(v.depth(), 200);
    }
}
