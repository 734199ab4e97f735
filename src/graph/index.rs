//! Equality indexes on (label, property key). An index is built the first time the planner
//! could use it for a lookup such as `(c:Company {name: $name})`, and from then on every
//! mutation keeps it current. Indexes are derived data: they are never persisted.

use super::Symbol;
use crate::model::{GroupKey, NodeId, Value, equals};
use std::collections::HashMap;

/// Values are keyed by equivalence (1 and 1.0 alike), which is also what `=` means for the
/// storable values an index holds, except values holding NaN: `lookup` screens those out.
type Postings = HashMap<GroupKey, Vec<NodeId>>;

#[derive(Default, Clone)]
pub struct PropertyIndexes {
    indexes: HashMap<(Symbol, Symbol), Postings>,
}

impl PropertyIndexes {
    pub fn has(&self, label: Symbol, key: Symbol) -> bool {
        self.indexes.contains_key(&(label, key))
    }

    /// Builds the index of `label`/`key` from the nodes carrying the label.
    pub fn build(
        &mut self,
        label: Symbol,
        key: Symbol,
        nodes: impl Iterator<Item = (NodeId, Value)>,
    ) {
        let mut postings = Postings::new();
        for (id, v) in nodes {
            postings.entry(GroupKey(v)).or_default().push(id);
        }
        self.indexes.insert((label, key), postings);
    }

    /// The nodes whose property equals `value`; `None` when there is no such index.
    pub fn lookup(&self, label: Symbol, key: Symbol, value: &Value) -> Option<&[NodeId]> {
        let postings = self.indexes.get(&(label, key))?;
        // Null and NaN equal nothing, not even themselves, also inside lists and maps: the
        // index groups by equivalence, which would match them.
        if equals(value, value) != Some(true) {
            return Some(&[]);
        }
        Some(
            postings
                .get(&GroupKey(value.clone()))
                .map_or(&[], Vec::as_slice),
        )
    }

    fn insert(&mut self, label: Symbol, key: Symbol, id: NodeId, value: &Value) {
        if let Some(postings) = self.indexes.get_mut(&(label, key)) {
            postings
                .entry(GroupKey(value.clone()))
                .or_default()
                .push(id);
        }
    }

    fn remove(&mut self, label: Symbol, key: Symbol, id: NodeId, value: &Value) {
        let Some(postings) = self.indexes.get_mut(&(label, key)) else {
            return;
        };
        let k = GroupKey(value.clone());
        if let Some(ids) = postings.get_mut(&k) {
            ids.retain(|n| *n != id);
            if ids.is_empty() {
                postings.remove(&k);
            }
        }
    }

    /// The (label, key) pairs indexed for one of `labels`.
    fn affected<'s>(&'s self, labels: &'s [Symbol]) -> impl Iterator<Item = (Symbol, Symbol)> + 's {
        self.indexes
            .keys()
            .copied()
            .filter(move |(l, _)| labels.contains(l))
    }

    pub fn add_node(&mut self, id: NodeId, labels: &[Symbol], props: &[(Symbol, Value)]) {
        if self.indexes.is_empty() {
            return;
        }
        let pairs: Vec<_> = self.affected(labels).collect();
        for (label, key) in pairs {
            if let Some((_, v)) = props.iter().find(|(k, _)| *k == key) {
                self.insert(label, key, id, v);
            }
        }
    }

    pub fn remove_node(&mut self, id: NodeId, labels: &[Symbol], props: &[(Symbol, Value)]) {
        if self.indexes.is_empty() {
            return;
        }
        let pairs: Vec<_> = self.affected(labels).collect();
        for (label, key) in pairs {
            if let Some((_, v)) = props.iter().find(|(k, _)| *k == key) {
                self.remove(label, key, id, v);
            }
        }
    }

    pub fn set_property(
        &mut self,
        id: NodeId,
        labels: &[Symbol],
        key: Symbol,
        old: &Value,
        new: &Value,
    ) {
        if self.indexes.is_empty() {
            return;
        }
        for &label in labels {
            if self.has(label, key) {
                if !old.is_null() {
                    self.remove(label, key, id, old);
                }
                if !new.is_null() {
                    self.insert(label, key, id, new);
                }
            }
        }
    }

    pub fn add_label(&mut self, id: NodeId, label: Symbol, props: &[(Symbol, Value)]) {
        self.add_node(id, &[label], props);
    }

    pub fn remove_label(&mut self, id: NodeId, label: Symbol, props: &[(Symbol, Value)]) {
        self.remove_node(id, &[label], props);
    }
}
