//! Creating entities in bulk, for loaders that fill a graph nothing reads yet (an import into
//! a new graph): the loader's own thread turns texts into pool ids and names into symbols, so
//! the graph's thread only places values. The entities are made by the same code as
//! [`Mutation::CreateNode`] and [`Mutation::CreateRel`], but no undo is kept: a failed load
//! drops the whole graph.

use super::apply::{check_storable, distinct_labels};
use super::column::Stored;
use super::memory::MemoryGraph;
use super::mutation::GraphError;
use super::strings::StringPool;
use super::{Names, Symbol};
use crate::model::{NodeId, RelId, Value};
use std::sync::Arc;

/// A property of an entity being created: by name with a `Value` (a `Mutation`), or by
/// symbol in stored form (a bulk load).
pub(super) trait NewProperty {
    fn check(&self) -> Result<(), GraphError>;
    /// The key's symbol and the value to store, or `None` for a null.
    fn resolve(self, names: &Names, pool: &mut StringPool) -> Option<(Symbol, Stored)>;
}

impl NewProperty for (Arc<str>, Value) {
    fn check(&self) -> Result<(), GraphError> {
        check_storable(&self.1)
    }

    fn resolve(self, names: &Names, pool: &mut StringPool) -> Option<(Symbol, Stored)> {
        let (key, value) = self;
        (!value.is_null()).then(|| (names.intern(&key), Stored::from_value(value, pool)))
    }
}

impl NewProperty for (Symbol, Stored) {
    fn check(&self) -> Result<(), GraphError> {
        match &self.1 {
            Stored::Other(v) => check_storable(v),
            _ => Ok(()),
        }
    }

    /// A value the loader left as a `Value` (a text, when it did not hold the pool) is
    /// stored in the column's form here.
    fn resolve(self, _: &Names, pool: &mut StringPool) -> Option<(Symbol, Stored)> {
        match self {
            (_, Stored::Other(Value::Null)) => None,
            (key, Stored::Other(value)) => Some((key, Stored::from_value(value, pool))),
            typed => Some(typed),
        }
    }
}

impl MemoryGraph {
    /// The symbol of a label, relationship type or property key, interned if new.
    pub fn symbol(&self, name: &str) -> Symbol {
        self.names.intern(name)
    }

    /// The string pool, taken out so that a loader's thread can intern the texts of the
    /// entities it prepares; [`put_strings`](Self::put_strings) gives it back. In between,
    /// the graph holds no text: nothing may read it, and only [`load_node`](Self::load_node)
    /// and [`load_rel`](Self::load_rel) may write.
    pub fn take_strings(&mut self) -> StringPool {
        std::mem::take(&mut self.strings)
    }

    pub fn put_strings(&mut self, pool: StringPool) {
        self.strings = pool;
    }

    /// Properties prepared without the pool (texts as `Value`s), by name, for a `Mutation`.
    pub fn named_values(&self, props: Vec<(Symbol, Stored)>) -> Vec<(Arc<str>, Value)> {
        props
            .into_iter()
            .map(|(key, value)| (self.names.name(key), value.to_value(&self.strings)))
            .collect()
    }

    /// Whether no node (or relationship) has a value for `key`.
    pub fn key_unused(&self, key: Symbol, relationships: bool) -> bool {
        let columns = if relationships {
            &self.rel_props
        } else {
            &self.node_props
        };
        super::memory::slot(columns, key).is_none_or(|c| c.count() == 0)
    }

    /// Whether some index or constraint is declared: their upkeep reads texts from the pool.
    pub fn has_indexes(&self) -> bool {
        !self.schema.indexes.is_empty()
    }

    /// Creates a node of a bulk load; its texts' pool references pass to the graph, or come
    /// back with the properties when the node cannot be created.
    pub fn load_node(
        &mut self,
        id: NodeId,
        labels: &[Symbol],
        props: Vec<(Symbol, Stored)>,
    ) -> Result<(), Refused> {
        if let Err(e) = self.check_new_node(id, &props) {
            return Err((e, props));
        }
        let labels = distinct_labels(labels.iter().copied());
        self.insert_node(id, labels, props)
            .map(drop)
            .map_err(|e| (e, Vec::new()))
    }

    /// Creates a relationship of a bulk load, as [`load_node`](Self::load_node) a node.
    /// Room for about `rels` more relationships of type `ty` in a bulk load (a file's
    /// estimated rows), so that its adjacency's pending entries are not copied as they grow.
    pub fn reserve_type(&mut self, ty: Symbol, rels: usize) {
        if self.bulk {
            let adj = self.type_adjacency(ty);
            adj.outgoing.reserve_pending(rels);
            adj.incoming.reserve_pending(rels);
        }
    }

    pub fn load_rel(
        &mut self,
        id: RelId,
        ty: Symbol,
        start: NodeId,
        end: NodeId,
        props: Vec<(Symbol, Stored)>,
    ) -> Result<(), Refused> {
        if let Err(e) = self.check_new_rel(id, start, end, &props) {
            return Err((e, props));
        }
        self.insert_rel(id, ty, start, end, props)
            .map(drop)
            .map_err(|e| (e, Vec::new()))
    }
}

/// Why an entity of a bulk load was refused, and its properties (with their pool references).
pub type Refused = (GraphError, Vec<(Symbol, Stored)>);
