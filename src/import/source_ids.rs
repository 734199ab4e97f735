//! Node ids by the ids source files gave them. Millions of lookups happen while relationships
//! are read (two per row), so the maps are built for it: ids that are a prefix and a counter
//! (`c0`, `c1`, ... or plain `0`, `1`, ..., the shape most generated and exported data has)
//! sit at their counter's place in an array, other texts in a compact hash table.

use super::error::RowError;
use crate::model::NodeId;
use rustc_hash::FxHashMap;
use std::cell::Cell;

/// A source file's id for a node. Ids that are canonical decimal integers are kept as
/// numbers, which saves memory on large files; `"7"` and `7` are the same id, `"07"` is not.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum IdKey {
    Int(i64),
    Text(Box<str>),
}

impl IdKey {
    pub fn from_text(s: &str) -> Self {
        match canonical_int(s) {
            Some(i) => IdKey::Int(i),
            None => IdKey::Text(s.into()),
        }
    }
}

/// The integer `s` writes in its one canonical form (no sign but `-`, no leading zero).
fn canonical_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let leading_zero = digits.starts_with('0') && (digits.len() > 1 || s.starts_with('-'));
    if digits.is_empty() || leading_zero || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl std::fmt::Display for IdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdKey::Int(i) => write!(f, "{i}"),
            IdKey::Text(s) => f.write_str(s),
        }
    }
}

/// Node ids by the ids the source files gave them, per id space (a CSV id group).
#[derive(Default)]
pub struct SourceIds {
    counters: CounterIds,
    ints: FxHashMap<(u32, i64), NodeId>,
    texts: TextIds,
}

impl SourceIds {
    pub fn get(&self, group: u32, key: &IdKey) -> Option<NodeId> {
        match key {
            IdKey::Int(i) => self.of_int(group, *i),
            IdKey::Text(t) => self.of_text(group, t),
        }
    }

    fn of_int(&self, group: u32, i: i64) -> Option<NodeId> {
        let found = u64::try_from(i).map_or(Lookup::Elsewhere, |n| self.counters.get(group, "", n));
        match found {
            Lookup::Found(id) => Some(id),
            Lookup::Absent => None,
            Lookup::Elsewhere => self.ints.get(&(group, i)).copied(),
        }
    }

    /// The node of a source id written as text.
    pub fn of_text(&self, group: u32, text: &str) -> Option<NodeId> {
        if let Some(i) = canonical_int(text) {
            return self.of_int(group, i);
        }
        let found = counter_shape(text).map_or(Lookup::Elsewhere, |(prefix, n)| {
            self.counters.get(group, prefix, n)
        });
        match found {
            Lookup::Found(id) => Some(id),
            Lookup::Absent => None,
            Lookup::Elsewhere => self.texts.get(group, text),
        }
    }

    /// Records a new node's source id, refusing one that is already taken.
    pub fn insert_new(&mut self, group: u32, key: IdKey, id: NodeId) -> Result<(), RowError> {
        let counter = match &key {
            IdKey::Int(i) => u64::try_from(*i).ok().map(|n| ("", n)),
            IdKey::Text(t) => counter_shape(t),
        };
        let placed = match counter {
            // Once ids of a prefix have gone to the hash tables, one may be there already.
            Some((prefix, _))
                if self.counters.has_overflowed(group, prefix)
                    && self.get(group, &key).is_some() =>
            {
                Placed::Taken
            }
            Some((prefix, n)) => self.counters.insert_new(group, prefix, n, id),
            None => Placed::Elsewhere,
        };
        let new = match placed {
            Placed::New => true,
            Placed::Taken => false,
            Placed::Elsewhere => {
                if let Some((prefix, _)) = counter {
                    self.counters.overflowed(group, prefix);
                }
                match &key {
                    IdKey::Int(i) => match self.ints.entry((group, *i)) {
                        std::collections::hash_map::Entry::Occupied(_) => false,
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(id);
                            true
                        }
                    },
                    IdKey::Text(t) => self.texts.insert_new(group, t, id),
                }
            }
        };
        if new {
            Ok(())
        } else {
            Err(RowError::DuplicateId(key.to_string()))
        }
    }
}

/// A text id as a prefix and a counter: `c17` is `("c", 17)`. Only the counter's one way
/// of writing counts (`c017` is not), so that each pair stands for one text.
fn counter_shape(text: &str) -> Option<(&str, u64)> {
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (prefix, counter) = text.split_at(text.len() - digits);
    if counter.is_empty() || counter.len() > 9 || (counter.len() > 1 && counter.starts_with('0')) {
        return None;
    }
    Some((prefix, counter.parse().ok()?))
}

enum Lookup {
    Found(NodeId),
    /// Not in the arrays, and not anywhere else either.
    Absent,
    /// Look in the hash tables.
    Elsewhere,
}

enum Placed {
    New,
    Taken,
    /// The array would grow too sparse: keep it in the hash tables.
    Elsewhere,
}

/// Ids of the same prefix and group by counter, in one array per prefix. An array grows
/// only while at least a quarter of it is used (plus some slack for ids out of order);
/// ids beyond go to the hash tables, and the prefix is marked so that a lookup that misses
/// the array looks there too.
#[derive(Default)]
struct CounterIds {
    /// Per group, per prefix, the index of its array.
    spaces: FxHashMap<u32, FxHashMap<Box<str>, usize>>,
    arrays: Vec<CounterArray>,
    /// The two arrays found last, the latest first: the ids of a file's column mostly share
    /// one prefix (a relationship file's two columns one each), so most lookups need no
    /// hashing.
    last: [Cell<Option<usize>>; 2],
}

#[derive(Default)]
struct CounterArray {
    group: u32,
    prefix: Box<str>,
    nodes: Vec<u64>,
    used: usize,
    overflowed: bool,
}

const NONE: u64 = u64::MAX;
/// Room for ids that arrive a little out of order before the array has filled.
const SLACK: usize = 64;
/// Ids such as UUIDs end in digits too, each with a prefix of its own: past this many
/// prefixes, new ones go to the hash tables, so such ids cost no array each.
const MAX_PREFIXES: usize = 256;

impl CounterIds {
    fn index(&self, group: u32, prefix: &str) -> Option<usize> {
        let is = |i: usize| {
            let array = &self.arrays[i];
            array.group == group && &*array.prefix == prefix
        };
        match (self.last[0].get(), self.last[1].get()) {
            (Some(i), _) if is(i) => return Some(i),
            (first, Some(i)) if is(i) => {
                self.last[1].set(first);
                self.last[0].set(Some(i));
                return Some(i);
            }
            _ => {}
        }
        let i = *self.spaces.get(&group)?.get(prefix)?;
        self.last[1].set(self.last[0].get());
        self.last[0].set(Some(i));
        Some(i)
    }

    fn array(&self, group: u32, prefix: &str) -> Option<&CounterArray> {
        self.index(group, prefix).map(|i| &self.arrays[i])
    }

    fn has_overflowed(&self, group: u32, prefix: &str) -> bool {
        self.array(group, prefix).is_some_and(|a| a.overflowed)
    }

    fn get(&self, group: u32, prefix: &str, n: u64) -> Lookup {
        let Some(array) = self.array(group, prefix) else {
            return Lookup::Elsewhere;
        };
        match array.nodes.get(n as usize) {
            Some(&node) if node != NONE => Lookup::Found(NodeId(node)),
            _ if array.overflowed => Lookup::Elsewhere,
            _ => Lookup::Absent,
        }
    }

    fn insert_new(&mut self, group: u32, prefix: &str, n: u64, id: NodeId) -> Placed {
        let i = match self.index(group, prefix) {
            Some(i) => i,
            None if self.arrays.len() >= MAX_PREFIXES => return Placed::Elsewhere,
            None => {
                let i = self.arrays.len();
                self.spaces
                    .entry(group)
                    .or_default()
                    .insert(prefix.into(), i);
                self.arrays.push(CounterArray {
                    group,
                    prefix: prefix.into(),
                    ..CounterArray::default()
                });
                i
            }
        };
        let array = &mut self.arrays[i];
        let n = n as usize;
        if n >= array.nodes.len() {
            if n >= 4 * array.used + SLACK {
                return Placed::Elsewhere;
            }
            array.nodes.resize(n + 1, NONE);
        }
        if array.nodes[n] != NONE {
            return Placed::Taken;
        }
        array.nodes[n] = id.0;
        array.used += 1;
        Placed::New
    }

    fn overflowed(&mut self, group: u32, prefix: &str) {
        if let Some(i) = self.index(group, prefix) {
            self.arrays[i].overflowed = true;
        }
    }
}

/// Node ids by their source ids written as text. The texts sit in one buffer and the table
/// holds an 8-byte tag and slot per id, so that millions of ids stay compact and a lookup
/// touches few cache lines.
#[derive(Default)]
struct TextIds {
    table: hashbrown::HashTable<(u32, u32)>,
    texts: String,
    slots: Vec<TextId>,
    hasher: rustc_hash::FxBuildHasher,
}

struct TextId {
    start: usize,
    len: u32,
    group: u32,
    node: NodeId,
}

impl TextIds {
    /// A 32-bit tag of the key, and the table's hash spread from it: the table can grow
    /// from the tags alone.
    fn tag(&self, group: u32, text: &str) -> (u32, u64) {
        use std::hash::BuildHasher;
        let h = self.hasher.hash_one((group, text));
        let tag = (h ^ (h >> 32)) as u32;
        (tag, spread(tag))
    }

    fn get(&self, group: u32, text: &str) -> Option<NodeId> {
        let (tag, hash) = self.tag(group, text);
        let &(_, slot) = self.table.find(hash, |&(t, s)| {
            t == tag && holds(&self.slots, &self.texts, s, group, text)
        })?;
        Some(self.slots[slot as usize].node)
    }

    /// Inserts a text that is not there yet, in one probe of the table; false if it was.
    fn insert_new(&mut self, group: u32, text: &str, node: NodeId) -> bool {
        let (tag, hash) = self.tag(group, text);
        let slot = self.slots.len() as u32;
        let entry = self.table.entry(
            hash,
            |&(t, s)| t == tag && holds(&self.slots, &self.texts, s, group, text),
            |&(t, _)| spread(t),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert((tag, slot));
                self.push(group, text, node);
                true
            }
        }
    }

    fn push(&mut self, group: u32, text: &str, node: NodeId) -> u32 {
        let slot = self.slots.len() as u32;
        self.slots.push(TextId {
            start: self.texts.len(),
            len: text.len() as u32,
            group,
            node,
        });
        self.texts.push_str(text);
        slot
    }
}

/// Whether `slot` is the id `text` in `group`.
fn holds(slots: &[TextId], texts: &str, slot: u32, group: u32, text: &str) -> bool {
    let e = &slots[slot as usize];
    e.group == group && &texts[e.start..e.start + e.len as usize] == text
}

fn spread(tag: u32) -> u64 {
    (tag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> IdKey {
        IdKey::from_text(text)
    }

    #[test]
    fn counter_shapes_are_one_way_of_writing() {
        assert_eq!(counter_shape("c17"), Some(("c", 17)));
        assert_eq!(counter_shape("x7f3a9"), Some(("x7f3a", 9)));
        assert_eq!(counter_shape("c0"), Some(("c", 0)));
        assert_eq!(counter_shape("c017"), None);
        assert_eq!(counter_shape("c"), None);
        assert_eq!(counter_shape("c12345678901"), None);
    }

    #[test]
    fn every_shape_of_id_is_found_and_duplicates_are_refused() {
        let mut ids = SourceIds::default();
        let texts: Vec<String> = (0..5000)
            .map(|i| format!("c{i}"))
            .chain((0..50).map(|i| format!("p{}", i * 1_000_003)))
            .chain(["7", "-3", "c007", "alice", "99999999999"].map(String::from))
            .collect();
        for (i, t) in texts.iter().enumerate() {
            ids.insert_new(0, key(t), NodeId(i as u64)).unwrap();
        }
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(ids.of_text(0, t), Some(NodeId(i as u64)), "{t}");
            assert_eq!(ids.get(0, &key(t)), Some(NodeId(i as u64)), "{t}");
            assert_eq!(ids.of_text(1, t), None, "{t} in another group");
            assert!(ids.insert_new(0, key(t), NodeId(0)).is_err(), "{t} twice");
        }
        for absent in ["c5000", "c70000", "p1", "p1000004", "8", "bob", "c7 "] {
            assert_eq!(ids.of_text(0, absent), None, "{absent}");
        }
    }

    #[test]
    fn ids_with_a_prefix_each_go_to_the_hash_tables_past_a_few_hundred() {
        let mut ids = SourceIds::default();
        let texts: Vec<String> = (0..2000)
            .map(|i| format!("id-{i:x}z{}", i % 90 + 10))
            .collect();
        for (i, t) in texts.iter().enumerate() {
            ids.insert_new(0, key(t), NodeId(i as u64)).unwrap();
        }
        assert_eq!(ids.counters.arrays.len(), MAX_PREFIXES);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(ids.of_text(0, t), Some(NodeId(i as u64)), "{t}");
            assert!(ids.insert_new(0, key(t), NodeId(0)).is_err(), "{t} twice");
        }
    }

    #[test]
    fn an_id_kept_aside_is_still_a_duplicate_once_its_array_has_grown() {
        let mut ids = SourceIds::default();
        // Far beyond the array's reach at first: goes to the hash table.
        ids.insert_new(0, key("c9000"), NodeId(0)).unwrap();
        for i in 0..9000 {
            ids.insert_new(0, key(&format!("c{i}")), NodeId(i + 1))
                .unwrap();
        }
        assert!(ids.insert_new(0, key("c9000"), NodeId(1)).is_err());
        assert_eq!(ids.of_text(0, "c9000"), Some(NodeId(0)));
        assert_eq!(ids.of_text(0, "c8999"), Some(NodeId(9000)));
    }
}
