//! The in-memory property graph: a petgraph `StableGraph` holding the records, plus the maps
//! from our ids to its indexes, the label index, the property indexes, the shared texts and
//! the counts behind the schema and the planner's estimates.

use super::Symbol;
use super::endpoints::EndpointLabels;
use super::index::PropertyIndexes;
use super::mutation::{MAX_ID, check_id};
use super::strings::SharedStrings;
use super::{AdjEntry, Direction, GraphError, GraphRead, Mutation, Names, NodeRecord, RelRecord};
use crate::model::{NodeId, RelId, Value};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use smallvec::{Array, SmallVec};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

const NO_SLOT: u32 = u32::MAX;

#[derive(Default, Clone)]
pub struct MemoryGraph {
    graph: StableDiGraph<NodeRecord, RelRecord, u32>,
    /// `node_slots[id]` is the petgraph index of node `id`. Ids are allocated in sequence and
    /// never reused, so a vector gives O(1) lookups without hashing; deleted and rolled-back
    /// ids leave `NO_SLOT` gaps.
    node_slots: Vec<u32>,
    rel_slots: Vec<u32>,
    names: Names,
    by_label: HashMap<Symbol, BTreeSet<NodeId>>,
    indexes: PropertyIndexes,
    strings: SharedStrings,
    type_counts: HashMap<Symbol, usize>,
    /// Entities (nodes and relationships) having each property key.
    key_counts: HashMap<Symbol, usize>,
    endpoints: EndpointLabels,
}

fn slot_of(slots: &[u32], id: u64) -> Option<u32> {
    let slot = *slots.get(usize::try_from(id).ok()?)?;
    (slot != NO_SLOT).then_some(slot)
}

fn set_slot(slots: &mut Vec<u32>, id: u64, slot: u32) {
    let i = usize::try_from(id).unwrap_or(usize::MAX);
    if slots.len() <= i {
        slots.resize(i + 1, NO_SLOT);
    }
    slots[i] = slot;
}

impl MemoryGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with room for this many nodes and relationships (for loading).
    pub fn with_capacity(nodes: usize, rels: usize) -> Self {
        MemoryGraph {
            graph: StableDiGraph::with_capacity(nodes, rels),
            node_slots: Vec::with_capacity(nodes),
            rel_slots: Vec::with_capacity(rels),
            ..Self::default()
        }
    }

    /// Makes room in a node's adjacency lists for relationships about to be added.
    pub fn reserve_adjacency(&mut self, id: NodeId, outgoing: usize, incoming: usize) {
        if let Ok(node) = self.node_mut(id) {
            node.outgoing.reserve_exact(outgoing);
            node.incoming.reserve_exact(incoming);
        }
    }

    /// The id the next created node gets: one past the highest ever allocated.
    pub fn next_node_id(&self) -> NodeId {
        NodeId(self.node_slots.len() as u64)
    }

    pub fn next_rel_id(&self) -> RelId {
        RelId(self.rel_slots.len() as u64)
    }

    /// Reserves ids up to (excluding) the given ones, so that ids allocated and then rolled
    /// back are never handed out again.
    pub fn reserve_ids(&mut self, next_node: NodeId, next_rel: RelId) -> Result<(), GraphError> {
        for bound in [next_node.0, next_rel.0] {
            if bound > MAX_ID {
                return Err(GraphError::IdOutOfRange(bound));
            }
        }
        for (slots, n) in [
            (&mut self.node_slots, next_node.0),
            (&mut self.rel_slots, next_rel.0),
        ] {
            let n = n as usize;
            if slots.len() < n {
                slots.resize(n, NO_SLOT);
            }
        }
        Ok(())
    }

    pub fn names_mut(&mut self) -> &mut Names {
        &mut self.names
    }

    /// Builds the equality index on `label`/`key` unless it exists; maintained from then on.
    pub fn ensure_index(&mut self, label: Symbol, key: Symbol) {
        if self.indexes.has(label, key) {
            return;
        }
        let nodes = self.by_label.get(&label);
        let graph = &self.graph;
        let slots = &self.node_slots;
        let records = nodes.into_iter().flatten().filter_map(|id| {
            let slot = slot_of(slots, id.0)?;
            graph
                .node_weight(NodeIndex::new(slot as usize))
                .map(|n| (*id, &n.props))
        });
        self.indexes.build(label, key, records);
    }

    /// Labels in use, with the number of nodes carrying each.
    pub fn label_counts(&self) -> Vec<(Arc<str>, usize)> {
        self.by_label
            .iter()
            .filter(|(_, nodes)| !nodes.is_empty())
            .map(|(sym, nodes)| (self.names.name(*sym).clone(), nodes.len()))
            .collect()
    }

    /// Property keys in use on any node or relationship.
    pub fn property_keys(&self) -> Vec<Arc<str>> {
        let mut keys: Vec<Arc<str>> = self
            .key_counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, _)| self.names.name(*k).clone())
            .collect();
        keys.sort();
        keys
    }

    fn count_keys(&mut self, props: &[(Symbol, Value)], up: bool) {
        for (k, _) in props {
            let n = self.key_counts.entry(*k).or_default();
            *n = if up { *n + 1 } else { n.saturating_sub(1) };
        }
    }

    /// A property went from (old was null, new is null): count it if it appeared or went.
    fn count_key_change(&mut self, key: Symbol, (old_null, new_null): (bool, bool)) {
        let n = self.key_counts.entry(key).or_default();
        match (old_null, new_null) {
            (true, false) => *n += 1,
            (false, true) => *n = n.saturating_sub(1),
            _ => {}
        }
    }

    /// Relationship types in use, with their counts.
    pub fn type_counts(&self) -> Vec<(Arc<str>, usize)> {
        self.type_counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(sym, n)| (self.names.name(*sym).clone(), *n))
            .collect()
    }

    fn node_index(&self, id: NodeId) -> Option<NodeIndex<u32>> {
        slot_of(&self.node_slots, id.0).map(|s| NodeIndex::new(s as usize))
    }

    fn rel_index(&self, id: RelId) -> Option<EdgeIndex<u32>> {
        slot_of(&self.rel_slots, id.0).map(|s| EdgeIndex::new(s as usize))
    }

    fn node_mut(&mut self, id: NodeId) -> Result<&mut NodeRecord, GraphError> {
        let idx = self.node_index(id).ok_or(GraphError::NoSuchNode(id))?;
        self.graph
            .node_weight_mut(idx)
            .ok_or(GraphError::NoSuchNode(id))
    }

    fn rel_mut(&mut self, id: RelId) -> Result<&mut RelRecord, GraphError> {
        let idx = self.rel_index(id).ok_or(GraphError::NoSuchRel(id))?;
        self.graph
            .edge_weight_mut(idx)
            .ok_or(GraphError::NoSuchRel(id))
    }

    fn intern_props<A: Array<Item = (Symbol, Value)>>(
        &mut self,
        props: &[(Arc<str>, Value)],
    ) -> Result<SmallVec<A>, GraphError> {
        let mut map = SmallVec::with_capacity(props.len());
        for (key, value) in props {
            check_storable(value)?;
            if value.is_null() {
                continue;
            }
            let key = self.names.intern(key);
            let value = self.strings.share(value.clone());
            match map.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => map.push((key, value)),
            }
        }
        Ok(map)
    }

    fn named_props(&self, props: &[(Symbol, Value)]) -> Vec<(Arc<str>, Value)> {
        props
            .iter()
            .map(|(k, v)| (self.names.name(*k).clone(), v.clone()))
            .collect()
    }

    /// Applies one change and returns the change that undoes it (none when nothing changed).
    pub fn apply(&mut self, mutation: Mutation) -> Result<Option<Mutation>, GraphError> {
        match mutation {
            Mutation::CreateNode { id, labels, props } => self.create_node(id, &labels, &props),
            Mutation::CreateRel {
                id,
                ty,
                start,
                end,
                props,
            } => self.create_rel(id, &ty, start, end, &props),
            Mutation::DeleteNode { id } => self.delete_node(id),
            Mutation::DeleteRel { id } => self.delete_rel(id),
            Mutation::SetNodeProperty { id, key, value } => {
                check_storable(&value)?;
                let value = self.strings.share(value);
                let sym = self.names.intern(&key);
                let node = self.node_mut(id)?;
                let new = value.clone();
                let old = set_prop(&mut node.props, sym, value);
                let counted = (old.is_null(), new.is_null());
                if counted == (true, true) {
                    // Removing a property the node does not have changes nothing.
                    return Ok(None);
                }
                let labels = node.labels.clone();
                self.indexes.set_property(id, &labels, sym, &old, &new);
                self.count_key_change(sym, counted);
                Ok(Some(Mutation::SetNodeProperty {
                    id,
                    key,
                    value: old,
                }))
            }
            Mutation::SetRelProperty { id, key, value } => {
                check_storable(&value)?;
                let value = self.strings.share(value);
                let sym = self.names.intern(&key);
                let props = &mut self.rel_mut(id)?.props;
                let clears = value.is_null();
                let old = set_prop(props, sym, value);
                let counted = (old.is_null(), clears);
                if counted == (true, true) {
                    return Ok(None);
                }
                self.count_key_change(sym, counted);
                Ok(Some(Mutation::SetRelProperty {
                    id,
                    key,
                    value: old,
                }))
            }
            Mutation::AddLabel { id, label } => {
                let sym = self.names.intern(&label);
                let node = self.node_mut(id)?;
                if node.labels.contains(&sym) {
                    return Ok(None);
                }
                node.labels.push(sym);
                let props = node.props.clone();
                let (out, inc) = (node.outgoing.clone(), node.incoming.clone());
                self.endpoints.label_changed(sym, &out, &inc, true);
                self.indexes.add_label(id, sym, &props);
                self.by_label.entry(sym).or_default().insert(id);
                Ok(Some(Mutation::RemoveLabel { id, label }))
            }
            Mutation::RemoveLabel { id, label } => {
                let Some(sym) = self.names.get(&label) else {
                    self.node_mut(id)?;
                    return Ok(None);
                };
                let node = self.node_mut(id)?;
                let Some(pos) = node.labels.iter().position(|l| *l == sym) else {
                    return Ok(None);
                };
                node.labels.remove(pos);
                let props = node.props.clone();
                let (out, inc) = (node.outgoing.clone(), node.incoming.clone());
                self.endpoints.label_changed(sym, &out, &inc, false);
                self.indexes.remove_label(id, sym, &props);
                if let Some(set) = self.by_label.get_mut(&sym) {
                    set.remove(&id);
                }
                Ok(Some(Mutation::AddLabel { id, label }))
            }
        }
    }

    fn create_node(
        &mut self,
        id: NodeId,
        labels: &[Arc<str>],
        props: &[(Arc<str>, Value)],
    ) -> Result<Option<Mutation>, GraphError> {
        check_id(id.0)?;
        if self.node_index(id).is_some() {
            return Err(GraphError::NodeExists(id));
        }
        let props = self.intern_props(props)?;
        self.count_keys(&props, true);
        let mut syms: SmallVec<[Symbol; 2]> = SmallVec::new();
        for label in labels {
            let sym = self.names.intern(label);
            if !syms.contains(&sym) {
                syms.push(sym);
            }
        }
        for sym in &syms {
            self.by_label.entry(*sym).or_default().insert(id);
        }
        self.indexes.add_node(id, &syms, &props);
        let record = NodeRecord {
            id,
            labels: syms,
            props,
            outgoing: Vec::new(),
            incoming: Vec::new(),
        };
        let idx = self.graph.add_node(record);
        set_slot(&mut self.node_slots, id.0, idx.index() as u32);
        Ok(Some(Mutation::DeleteNode { id }))
    }

    fn create_rel(
        &mut self,
        id: RelId,
        ty: &str,
        start: NodeId,
        end: NodeId,
        props: &[(Arc<str>, Value)],
    ) -> Result<Option<Mutation>, GraphError> {
        check_id(id.0)?;
        if self.rel_index(id).is_some() {
            return Err(GraphError::RelExists(id));
        }
        let from = self
            .node_index(start)
            .ok_or(GraphError::NoSuchNode(start))?;
        let to = self.node_index(end).ok_or(GraphError::NoSuchNode(end))?;
        let props = self.intern_props(props)?;
        self.count_keys(&props, true);
        let ty = self.names.intern(ty);
        insert_sorted(
            &mut self.node_mut(start)?.outgoing,
            AdjEntry {
                ty,
                rel: id,
                other: end,
            },
        );
        insert_sorted(
            &mut self.node_mut(end)?.incoming,
            AdjEntry {
                ty,
                rel: id,
                other: start,
            },
        );
        let idx = self.graph.add_edge(
            from,
            to,
            RelRecord {
                id,
                ty,
                start,
                end,
                props,
            },
        );
        set_slot(&mut self.rel_slots, id.0, idx.index() as u32);
        *self.type_counts.entry(ty).or_default() += 1;
        let start_labels = self
            .node(start)
            .map(|n| n.labels.clone())
            .unwrap_or_default();
        let end_labels = self.node(end).map(|n| n.labels.clone()).unwrap_or_default();
        self.endpoints
            .rel_changed(ty, &start_labels, &end_labels, true);
        Ok(Some(Mutation::DeleteRel { id }))
    }

    fn delete_node(&mut self, id: NodeId) -> Result<Option<Mutation>, GraphError> {
        let idx = self.node_index(id).ok_or(GraphError::NoSuchNode(id))?;
        let node = self
            .graph
            .node_weight(idx)
            .ok_or(GraphError::NoSuchNode(id))?;
        if node.degree() > 0 {
            return Err(GraphError::NodeHasRelationships(id));
        }
        let undo = Mutation::CreateNode {
            id,
            labels: node
                .labels
                .iter()
                .map(|l| self.names.name(*l).clone())
                .collect(),
            props: self.named_props(&node.props),
        };
        self.indexes.remove_node(id, &node.labels, &node.props);
        let (props, labels) = (node.props.clone(), node.labels.clone());
        self.count_keys(&props, false);
        for label in labels {
            if let Some(set) = self.by_label.get_mut(&label) {
                set.remove(&id);
            }
        }
        self.graph.remove_node(idx);
        set_slot(&mut self.node_slots, id.0, NO_SLOT);
        Ok(Some(undo))
    }

    fn delete_rel(&mut self, id: RelId) -> Result<Option<Mutation>, GraphError> {
        let idx = self.rel_index(id).ok_or(GraphError::NoSuchRel(id))?;
        let rel = self
            .graph
            .remove_edge(idx)
            .ok_or(GraphError::NoSuchRel(id))?;
        set_slot(&mut self.rel_slots, id.0, NO_SLOT);
        self.count_keys(&rel.props, false);
        // A relationship's nodes exist while it does (deleting a node with relationships is
        // refused), so these lookups cannot fail half-way through the removal.
        if let Ok(start) = self.node_mut(rel.start) {
            start.outgoing.retain(|e| e.rel != id);
        }
        if let Ok(end) = self.node_mut(rel.end) {
            end.incoming.retain(|e| e.rel != id);
        }
        if let Some(n) = self.type_counts.get_mut(&rel.ty) {
            *n = n.saturating_sub(1);
        }
        let start_labels = self
            .node(rel.start)
            .map(|n| n.labels.clone())
            .unwrap_or_default();
        let end_labels = self
            .node(rel.end)
            .map(|n| n.labels.clone())
            .unwrap_or_default();
        self.endpoints
            .rel_changed(rel.ty, &start_labels, &end_labels, false);
        Ok(Some(Mutation::CreateRel {
            id,
            ty: self.names.name(rel.ty).clone(),
            start: rel.start,
            end: rel.end,
            props: self.named_props(&rel.props),
        }))
    }
}

fn check_storable(value: &Value) -> Result<(), GraphError> {
    if value.is_storable() {
        Ok(())
    } else {
        Err(GraphError::UnstorableValue(value.value_type()))
    }
}

/// Sets or (for null) removes a property, returning the old value or null.
fn set_prop<A: Array<Item = (Symbol, Value)>>(
    props: &mut SmallVec<A>,
    key: Symbol,
    value: Value,
) -> Value {
    let pos = props.iter().position(|(k, _)| *k == key);
    match (pos, value.is_null()) {
        (Some(i), true) => props.remove(i).1,
        (Some(i), false) => std::mem::replace(&mut props[i].1, value),
        (None, true) => Value::Null,
        (None, false) => {
            props.push((key, value));
            Value::Null
        }
    }
}

/// Keeps adjacency sorted by type; within a type, by relationship id, which is creation order
/// and also puts a relationship restored by an undo back where it was.
fn insert_sorted(entries: &mut Vec<AdjEntry>, entry: AdjEntry) {
    let pos = entries.partition_point(|e| (e.ty, e.rel) <= (entry.ty, entry.rel));
    entries.insert(pos, entry);
}

impl GraphRead for MemoryGraph {
    fn names(&self) -> &Names {
        &self.names
    }

    fn node(&self, id: NodeId) -> Option<&NodeRecord> {
        // In a graph built by creates alone (an import, a load of a snapshot without gaps) a
        // node's petgraph index equals its id: trying that slot first saves a dependent
        // memory read, the cost that dominates expansions. After a delete or a rolled-back
        // create petgraph reuses slots, and lookups take the slot table.
        if let Some(rec) = u32::try_from(id.0)
            .ok()
            .and_then(|i| self.graph.node_weight(NodeIndex::new(i as usize)))
            .filter(|rec| rec.id == id)
        {
            return Some(rec);
        }
        self.graph.node_weight(self.node_index(id)?)
    }

    fn rel(&self, id: RelId) -> Option<&RelRecord> {
        if let Some(rec) = u32::try_from(id.0)
            .ok()
            .and_then(|i| self.graph.edge_weight(EdgeIndex::new(i as usize)))
            .filter(|rec| rec.id == id)
        {
            return Some(rec);
        }
        self.graph.edge_weight(self.rel_index(id)?)
    }

    fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    fn rel_count(&self) -> usize {
        self.graph.edge_count()
    }

    fn node_ids(&self) -> Box<dyn Iterator<Item = NodeId> + '_> {
        Box::new(
            self.node_slots
                .iter()
                .enumerate()
                .filter(|(_, s)| **s != NO_SLOT)
                .map(|(i, _)| NodeId(i as u64)),
        )
    }

    fn rel_ids(&self) -> Box<dyn Iterator<Item = RelId> + '_> {
        Box::new(
            self.rel_slots
                .iter()
                .enumerate()
                .filter(|(_, s)| **s != NO_SLOT)
                .map(|(i, _)| RelId(i as u64)),
        )
    }

    fn nodes_with_label(&self, label: Symbol) -> Box<dyn Iterator<Item = NodeId> + '_> {
        match self.by_label.get(&label) {
            Some(set) => Box::new(set.iter().copied()),
            None => Box::new(std::iter::empty()),
        }
    }

    fn all_rels_reach_label(&self, ty: Symbol, dir: Direction, label: Symbol) -> bool {
        let total = self.type_counts.get(&ty).copied().unwrap_or(0);
        total > 0 && self.endpoints.count(ty, dir, label) == total
    }

    fn label_count(&self, label: Symbol) -> usize {
        self.by_label.get(&label).map_or(0, BTreeSet::len)
    }

    fn adjacency(&self, node: NodeId, dir: Direction) -> &[AdjEntry] {
        match self.node(node) {
            Some(rec) => match dir {
                Direction::Outgoing => &rec.outgoing,
                Direction::Incoming => &rec.incoming,
            },
            None => &[],
        }
    }

    fn lookup_by_property(&self, label: Symbol, key: Symbol, value: &Value) -> Option<&[NodeId]> {
        self.indexes.lookup(label, key, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::entries_of_type;

    fn node(id: u64, label: &str) -> Mutation {
        Mutation::CreateNode {
            id: NodeId(id),
            labels: vec![Arc::from(label)],
            props: vec![(Arc::from("name"), Value::str("x"))],
        }
    }

    #[test]
    fn create_and_undo_restore_the_graph() {
        let mut g = MemoryGraph::new();
        g.apply(node(0, "A")).unwrap();
        g.apply(node(1, "B")).unwrap();
        let rel = Mutation::CreateRel {
            id: RelId(0),
            ty: Arc::from("T"),
            start: NodeId(0),
            end: NodeId(1),
            props: vec![],
        };
        let undo = g.apply(rel).unwrap().unwrap();
        assert_eq!(g.rel_count(), 1);
        assert_eq!(g.adjacency(NodeId(0), Direction::Outgoing).len(), 1);
        assert!(matches!(
            g.apply(Mutation::DeleteNode { id: NodeId(0) }),
            Err(GraphError::NodeHasRelationships(_))
        ));
        g.apply(undo).unwrap();
        assert_eq!(g.rel_count(), 0);
        assert!(g.adjacency(NodeId(1), Direction::Incoming).is_empty());
        let undo = g
            .apply(Mutation::DeleteNode { id: NodeId(0) })
            .unwrap()
            .unwrap();
        assert!(g.node(NodeId(0)).is_none());
        g.apply(undo).unwrap();
        let a = g.names().get("A").unwrap();
        assert_eq!(g.nodes_with_label(a).collect::<Vec<_>>(), vec![NodeId(0)]);
    }

    #[test]
    fn undoing_a_delete_puts_the_relationship_back_in_its_place() {
        let mut g = MemoryGraph::new();
        for i in 0..2 {
            g.apply(node(i, "N")).unwrap();
        }
        for i in 0..3 {
            g.apply(Mutation::CreateRel {
                id: RelId(i),
                ty: Arc::from("T"),
                start: NodeId(0),
                end: NodeId(1),
                props: vec![],
            })
            .unwrap();
        }
        let undo = g
            .apply(Mutation::DeleteRel { id: RelId(1) })
            .unwrap()
            .unwrap();
        g.apply(undo).unwrap();
        for dir in [Direction::Outgoing, Direction::Incoming] {
            let node = if dir == Direction::Outgoing { 0 } else { 1 };
            let rels: Vec<u64> = g
                .adjacency(NodeId(node), dir)
                .iter()
                .map(|e| e.rel.0)
                .collect();
            assert_eq!(rels, vec![0, 1, 2], "{dir:?}");
        }
    }

    #[test]
    fn ids_past_what_a_graph_can_hold_are_refused_not_allocated() {
        let mut g = MemoryGraph::new();
        let huge = NodeId(u64::MAX - 1);
        assert!(matches!(
            g.apply(node(huge.0, "N")),
            Err(GraphError::IdOutOfRange(_))
        ));
        assert!(g.reserve_ids(huge, RelId(0)).is_err());
        assert_eq!(g.next_node_id(), NodeId(0));
    }

    #[test]
    fn adjacency_is_grouped_by_type() {
        let mut g = MemoryGraph::new();
        for i in 0..4 {
            g.apply(node(i, "N")).unwrap();
        }
        for (i, ty) in ["B", "A", "B"].iter().enumerate() {
            g.apply(Mutation::CreateRel {
                id: RelId(i as u64),
                ty: Arc::from(*ty),
                start: NodeId(0),
                end: NodeId(i as u64 + 1),
                props: vec![],
            })
            .unwrap();
        }
        let b = g.names().get("B").unwrap();
        let rels: Vec<u64> = entries_of_type(g.adjacency(NodeId(0), Direction::Outgoing), b)
            .iter()
            .map(|e| e.rel.0)
            .collect();
        assert_eq!(rels, vec![0, 2]);
    }
}
