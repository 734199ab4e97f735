//! The in-memory property graph, stored by column: per node id its label set, per
//! relationship id its type and ends, per property key a [`Column`], per relationship type the
//! adjacency in compressed sparse rows ([`Csr`]), plus the label bitmaps, the string pool and
//! the counts behind the schema and the planner's estimates. Reads are in this file; changes,
//! all made by [`MemoryGraph::apply`], are in `apply.rs`.

use super::Symbol;
use super::adjacency::{Csr, Direction, TypeAdjacency};
use super::column::{Column, cell_value};
use super::endpoints::EndpointLabels;
use super::index::Schema;
use super::labels::{LabelIndex, LabelNodes, LabelSets};
use super::mutation::{GraphError, MAX_ID};
use super::schema::{EntityKind, PropertyIndex};
use super::strings::StringPool;
use super::{GraphRead, Names};
use crate::model::{NodeId, RelId, Value};

/// The label set (or relationship type) of an id that holds no entity.
pub(super) const DEAD: u32 = u32::MAX;

#[derive(Default, Clone)]
pub struct MemoryGraph {
    pub(super) names: Names,
    /// Per node id, its label set in `label_sets`, or `DEAD`. Ids are allocated in sequence
    /// and never reused, so deleted and rolled-back ids leave gaps.
    pub(super) node_sets: Vec<u32>,
    pub(super) label_sets: LabelSets,
    pub(super) labels: LabelIndex,
    /// Per property key (by symbol), the column of node values.
    pub(super) node_props: Vec<Option<Column>>,
    /// Per relationship id, its type symbol (or `DEAD`) and its ends.
    pub(super) rel_types: Vec<u32>,
    pub(super) rel_starts: Vec<u32>,
    pub(super) rel_ends: Vec<u32>,
    pub(super) rel_props: Vec<Option<Column>>,
    /// Per type symbol, the property keys its relationships have held.
    pub(super) rel_keys: Vec<Vec<Symbol>>,
    /// Per type symbol, the adjacency.
    pub(super) adjacency: Vec<Option<Box<TypeAdjacency>>>,
    pub(super) strings: StringPool,
    pub(super) node_count: usize,
    pub(super) rel_count: usize,
    pub(super) schema: Schema,
    pub(super) endpoints: EndpointLabels,
    /// Inside `begin_bulk_load` .. `end_bulk_load`.
    pub(super) bulk: bool,
    /// The sources each entity cites (beside the graph: never a hop of a pattern).
    pub(super) citations: super::Citations,
}

#[inline]
pub(super) fn slot<T>(v: &[Option<T>], sym: Symbol) -> Option<&T> {
    v.get(sym.0 as usize)?.as_ref()
}

/// Room in `table` for `len` entries, or an error instead of an abort when the allocator
/// has none (a process under an address-space limit). The room grows by doubling: entities
/// are created one id at a time, and growing by what each needs would copy the table anew
/// every few thousand ids.
fn grow(table: &mut Vec<u32>, len: usize, id: u64) -> Result<(), GraphError> {
    table
        .try_reserve(len.saturating_sub(table.len()))
        .map_err(|_| GraphError::OutOfMemory(id))
}

/// The internal index of an id, if it is in range.
#[inline]
pub(super) fn index(id: u64) -> Option<u32> {
    (id < MAX_ID).then_some(id as u32)
}

impl MemoryGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph that knows this one's names (as they are now): for reads that touch
    /// no entity, such as LOAD CSV feeding `CALL { ... } IN TRANSACTIONS`, which can then
    /// run while the graph itself is being written.
    pub fn empty_with_names(&self) -> Self {
        MemoryGraph {
            names: self.names.clone(),
            ..Self::default()
        }
    }

    /// Room for about this many more nodes and relationships, for a load that knows roughly
    /// how many it brings: the id tables then grow once instead of by doubling.
    pub fn reserve(&mut self, nodes: usize, rels: usize) {
        self.node_sets.reserve(nodes);
        for table in [
            &mut self.rel_types,
            &mut self.rel_starts,
            &mut self.rel_ends,
        ] {
            table.reserve(rels);
        }
    }

    /// The id the next created node gets: one past the highest ever allocated.
    pub fn next_node_id(&self) -> NodeId {
        NodeId(self.node_sets.len() as u64)
    }

    pub fn next_rel_id(&self) -> RelId {
        RelId(self.rel_types.len() as u64)
    }

    /// Reserves ids up to (excluding) the given ones, so that ids allocated and then rolled
    /// back are never handed out again.
    pub fn reserve_ids(&mut self, next_node: NodeId, next_rel: RelId) -> Result<(), GraphError> {
        for bound in [next_node.0, next_rel.0] {
            if bound > MAX_ID {
                return Err(GraphError::IdOutOfRange(bound));
            }
        }
        let (n, r) = (next_node.0 as usize, next_rel.0 as usize);
        if self.node_sets.len() < n {
            grow(&mut self.node_sets, n, next_node.0)?;
            self.node_sets.resize(n, DEAD);
        }
        if self.rel_types.len() < r {
            grow(&mut self.rel_types, r, next_rel.0)?;
            grow(&mut self.rel_starts, r, next_rel.0)?;
            grow(&mut self.rel_ends, r, next_rel.0)?;
            self.rel_types.resize(r, DEAD);
            self.rel_starts.resize(r, 0);
            self.rel_ends.resize(r, 0);
        }
        Ok(())
    }

    /// The bytes the tables indexed by id take for ids below these marks: what
    /// [`reserve_ids`](Self::reserve_ids) allocates, whatever the graph holds. Loaders check
    /// the marks a file names against it before they reserve them.
    pub fn id_table_bytes(next_node: u64, next_rel: u64) -> u64 {
        let node = std::mem::size_of::<u32>() as u64;
        // A relationship's type and its two ends.
        let rel = 3 * node;
        next_node
            .saturating_mul(node)
            .saturating_add(next_rel.saturating_mul(rel))
    }

    fn types_in_use(&self) -> impl Iterator<Item = (Symbol, &TypeAdjacency)> {
        self.adjacency
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((Symbol(i as u32), a.as_deref()?)))
            .filter(|(_, a)| a.count > 0)
    }

    /// Live relationships at `node` in direction `dir`, over every type.
    pub(super) fn degree(&self, node: u32, dir: Direction) -> usize {
        self.types_in_use()
            .map(|(_, adj)| {
                let a = adj.get(dir).node(node);
                let dead = if a.may_hold_dead {
                    a.rels.iter().filter(|r| !self.rel_alive(**r)).count()
                } else {
                    0
                };
                a.len() - dead
            })
            .sum()
    }

    #[inline]
    pub(super) fn rel_alive(&self, rel: u32) -> bool {
        self.rel_types.get(rel as usize).is_some_and(|t| *t != DEAD)
    }

    /// The label set of a live node.
    #[inline]
    pub(super) fn node_set(&self, id: NodeId) -> Option<u32> {
        let set = *self.node_sets.get(usize::try_from(id.0).ok()?)?;
        (set != DEAD).then_some(set)
    }

    /// Bytes held by the graph's structures, by part (for `kg stats`-like reporting and the
    /// memory figures of the benchmark).
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        let columns = |cols: &Vec<Option<Column>>| -> usize {
            cols.iter().flatten().map(Column::heap_bytes).sum::<usize>()
                + cols.capacity() * std::mem::size_of::<Option<Column>>()
        };
        let adjacency: usize = self
            .adjacency
            .iter()
            .flatten()
            .map(|a| a.outgoing.heap_bytes() + a.incoming.heap_bytes())
            .sum();
        vec![
            (
                "node labels",
                self.node_sets.capacity() * 4 + self.labels.heap_bytes(),
            ),
            ("node properties", columns(&self.node_props)),
            (
                "relationships",
                (self.rel_types.capacity() + self.rel_starts.capacity() + self.rel_ends.capacity())
                    * 4,
            ),
            ("relationship properties", columns(&self.rel_props)),
            ("adjacency", adjacency),
            ("strings", self.strings.heap_bytes()),
        ]
    }
}

impl GraphRead for MemoryGraph {
    fn names(&self) -> &Names {
        &self.names
    }

    fn strings(&self) -> &StringPool {
        &self.strings
    }

    fn node_exists(&self, id: NodeId) -> bool {
        self.node_set(id).is_some()
    }

    fn rel_exists(&self, id: RelId) -> bool {
        index(id.0).is_some_and(|r| self.rel_alive(r))
    }

    fn node_labels(&self, id: NodeId) -> &[Symbol] {
        match self.node_set(id) {
            Some(set) => self.label_sets.labels(set),
            None => &[],
        }
    }

    fn node_prop(&self, id: NodeId, key: Symbol) -> Value {
        match (index(id.0), slot(&self.node_props, key)) {
            (Some(n), Some(col)) => col.get(n, &self.strings),
            _ => Value::Null,
        }
    }

    fn node_props(&self, id: NodeId) -> Vec<(Symbol, Value)> {
        let (Some(set), Some(n)) = (self.node_set(id), index(id.0)) else {
            return Vec::new();
        };
        self.label_sets
            .keys(set)
            .iter()
            .filter_map(|k| {
                let v = cell_value(slot(&self.node_props, *k)?.cell(n), &self.strings);
                (!v.is_null()).then_some((*k, v))
            })
            .collect()
    }

    fn rel_type(&self, id: RelId) -> Option<Symbol> {
        let t = *self.rel_types.get(usize::try_from(id.0).ok()?)?;
        (t != DEAD).then_some(Symbol(t))
    }

    fn rel_ends(&self, id: RelId) -> Option<(NodeId, NodeId)> {
        self.rel_type(id)?;
        let i = id.0 as usize;
        Some((
            NodeId(u64::from(self.rel_starts[i])),
            NodeId(u64::from(self.rel_ends[i])),
        ))
    }

    fn rel_prop(&self, id: RelId, key: Symbol) -> Value {
        match (index(id.0), slot(&self.rel_props, key)) {
            (Some(r), Some(col)) => col.get(r, &self.strings),
            _ => Value::Null,
        }
    }

    fn rel_props(&self, id: RelId) -> Vec<(Symbol, Value)> {
        let (Some(ty), Some(r)) = (self.rel_type(id), index(id.0)) else {
            return Vec::new();
        };
        let Some(keys) = self.rel_keys.get(ty.0 as usize) else {
            return Vec::new();
        };
        keys.iter()
            .filter_map(|k| {
                let v = cell_value(slot(&self.rel_props, *k)?.cell(r), &self.strings);
                (!v.is_null()).then_some((*k, v))
            })
            .collect()
    }

    fn node_column(&self, key: Symbol) -> Option<&Column> {
        slot(&self.node_props, key)
    }

    fn rel_column(&self, key: Symbol) -> Option<&Column> {
        slot(&self.rel_props, key)
    }

    fn node_count(&self) -> usize {
        self.node_count
    }

    fn rel_count(&self) -> usize {
        self.rel_count
    }

    fn node_ids(&self) -> Box<dyn Iterator<Item = NodeId> + '_> {
        Box::new(
            self.node_sets
                .iter()
                .enumerate()
                .filter(|(_, s)| **s != DEAD)
                .map(|(i, _)| NodeId(i as u64)),
        )
    }

    fn rel_ids(&self) -> Box<dyn Iterator<Item = RelId> + '_> {
        Box::new(
            self.rel_types
                .iter()
                .enumerate()
                .filter(|(_, t)| **t != DEAD)
                .map(|(i, _)| RelId(i as u64)),
        )
    }

    fn label_nodes_from(
        &self,
        label: Symbol,
        rank: usize,
    ) -> Option<super::labels::LabelNodes<'_>> {
        LabelNodes::of(self.labels.nodes(label)?, rank)
    }

    fn label_count(&self, label: Symbol) -> usize {
        self.labels.count(label)
    }

    fn rel_types_in_use(&self) -> Vec<Symbol> {
        self.types_in_use().map(|(s, _)| s).collect()
    }

    fn type_count(&self, ty: Symbol) -> usize {
        slot(&self.adjacency, ty).map_or(0, |a| a.count)
    }

    fn adjacency(&self, ty: Symbol, dir: Direction) -> Option<&Csr> {
        slot(&self.adjacency, ty).map(|a| a.get(dir))
    }

    fn all_rels_reach_label(&self, ty: Symbol, dir: Direction, label: Symbol) -> bool {
        let total = self.type_count(ty);
        total > 0 && self.endpoints.count(ty, dir, label) == total
    }

    fn index(&self, entity: EntityKind, label: Symbol, key: Symbol) -> Option<&PropertyIndex> {
        self.schema.index(entity, label, key)
    }

    fn schema(&self) -> &Schema {
        &self.schema
    }
    fn citations(&self) -> &super::Citations {
        &self.citations
    }
}
