//! Changing the graph: [`MemoryGraph::apply`] is the one door, for live statements, undo and
//! log replay alike. Each change returns the change that undoes it.

use super::Symbol;
use super::adjacency::{Csr, Direction, TypeAdjacency};
use super::bulk::NewProperty;
use super::citations::{Citation, Cited};
use super::column::Column;
use super::index::Schema;
use super::labels::{LabelList, NO_LABELS};
use super::memory::{DEAD, MemoryGraph, slot};
use super::mutation::{GraphError, Mutation, check_id};
use super::schema::EntityKind;
use super::strings::StringPool;
use crate::model::{NodeId, RelId, Value};
use std::sync::Arc;

/// The adjacency is rebuilt once its overlay and dead entries exceed a quarter of it.
const REBUILD_FRACTION: usize = 4;

pub(super) fn check_storable(value: &Value) -> Result<(), GraphError> {
    if value.is_storable() {
        Ok(())
    } else {
        Err(GraphError::UnstorableValue(value.value_type()))
    }
}

/// The column of `key`, created on first use.
fn column_mut(columns: &mut Vec<Option<Column>>, key: Symbol) -> &mut Column {
    let i = key.0 as usize;
    if columns.len() <= i {
        columns.resize_with(i + 1, || None);
    }
    columns[i].get_or_insert_with(Column::default)
}

impl MemoryGraph {
    /// Applies one change and returns the change that undoes it (none when nothing changed).
    pub fn apply(&mut self, mutation: Mutation) -> Result<Option<Mutation>, GraphError> {
        match mutation {
            Mutation::CreateNode { id, labels, props } => {
                let labels = self.label_list(&labels);
                self.create_node(id, labels, props)
            }
            Mutation::CreateRel {
                id,
                ty,
                start,
                end,
                props,
            } => {
                let ty = self.names.intern(&ty);
                self.create_rel(id, ty, start, end, props)
            }
            Mutation::DeleteNode { id } => {
                if self.citations.is_cited(id) || !self.citations.of(Cited::Node(id)).is_empty() {
                    return Err(GraphError::StillCited(Cited::Node(id)));
                }
                self.delete_node(id)
            }
            Mutation::SetCitations { entity, citations } => self.set_citations(entity, citations),
            Mutation::DeleteRel { id } => {
                if !self.citations.of(Cited::Rel(id)).is_empty() {
                    return Err(GraphError::StillCited(Cited::Rel(id)));
                }
                self.delete_rel(id)
            }
            Mutation::SetNodeProperty { id, key, value } => {
                check_storable(&value)?;
                let set = self.node_set(id).ok_or(GraphError::NoSuchNode(id))?;
                let n = id.0 as u32;
                let sym = self.names.intern(&key);
                if !value.is_null() {
                    self.label_sets.note_key(set, sym);
                }
                let new = value.clone();
                let old = column_mut(&mut self.node_props, sym).set(n, value, &mut self.strings);
                if old.is_null() && new.is_null() {
                    // Removing a property the node does not have changes nothing.
                    return Ok(None);
                }
                let labels = self.label_sets.labels(set).to_vec();
                self.schema.property(
                    EntityKind::Node,
                    n,
                    &labels,
                    sym,
                    (&old, &new),
                    &mut self.strings,
                );
                Ok(Some(Mutation::SetNodeProperty {
                    id,
                    key,
                    value: old,
                }))
            }
            Mutation::SetRelProperty { id, key, value } => {
                check_storable(&value)?;
                let ty = super::GraphRead::rel_type(self, id).ok_or(GraphError::NoSuchRel(id))?;
                let sym = self.names.intern(&key);
                if !value.is_null() {
                    self.note_rel_key(ty, sym);
                }
                let clears = value.is_null();
                let new = value.clone();
                let old =
                    column_mut(&mut self.rel_props, sym).set(id.0 as u32, value, &mut self.strings);
                if old.is_null() && clears {
                    return Ok(None);
                }
                self.schema.property(
                    EntityKind::Relationship,
                    id.0 as u32,
                    &[ty],
                    sym,
                    (&old, &new),
                    &mut self.strings,
                );
                Ok(Some(Mutation::SetRelProperty {
                    id,
                    key,
                    value: old,
                }))
            }
            Mutation::AddLabel { id, label } => {
                let set = self.node_set(id).ok_or(GraphError::NoSuchNode(id))?;
                let sym = self.names.intern(&label);
                if self.label_sets.labels(set).contains(&sym) {
                    return Ok(None);
                }
                self.change_label(id, set, sym, true);
                Ok(Some(Mutation::RemoveLabel { id, label }))
            }
            Mutation::CreateIndex(def) => self.create_index(def),
            Mutation::DropIndex { name } => self.drop_index(&name),
            Mutation::CreateConstraint(def) => self.create_constraint(def),
            Mutation::DropConstraint { name } => self.drop_constraint(&name),
            Mutation::RemoveLabel { id, label } => {
                let set = self.node_set(id).ok_or(GraphError::NoSuchNode(id))?;
                let Some(sym) = self.names.get(&label) else {
                    return Ok(None);
                };
                if !self.label_sets.labels(set).contains(&sym) {
                    return Ok(None);
                }
                self.change_label(id, set, sym, false);
                Ok(Some(Mutation::AddLabel { id, label }))
            }
        }
    }

    fn change_label(&mut self, id: NodeId, set: u32, sym: Symbol, add: bool) {
        let n = id.0 as u32;
        let new_set = self.label_sets.with(set, sym, add);
        self.node_sets[n as usize] = new_set;
        let props = super::GraphRead::node_props(self, id);
        if add {
            self.labels.add(sym, n);
        } else {
            self.labels.remove(sym, n);
        }
        self.schema.label(n, sym, &props, add, &mut self.strings);
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for ty in super::GraphRead::rel_types_in_use(self) {
                let live = self.live_entries(ty, dir, n);
                // A node's outgoing relationships reach it travelling against them.
                self.endpoints.bump(ty, dir.reverse(), sym, live, add);
            }
        }
    }

    /// Live relationships of type `ty` at node `n` in direction `dir`.
    fn live_entries(&self, ty: Symbol, dir: Direction, n: u32) -> usize {
        let Some(adj) = slot(&self.adjacency, ty) else {
            return 0;
        };
        let a = adj.get(dir).node(n);
        let dead = if a.may_hold_dead {
            a.rels.iter().filter(|r| !self.rel_alive(**r)).count()
        } else {
            0
        };
        a.len() - dead
    }

    fn note_rel_key(&mut self, ty: Symbol, key: Symbol) {
        let i = ty.0 as usize;
        if self.rel_keys.len() <= i {
            self.rel_keys.resize_with(i + 1, Vec::new);
        }
        if !self.rel_keys[i].contains(&key) {
            self.rel_keys[i].push(key);
        }
    }

    fn create_node<P: NewProperty>(
        &mut self,
        id: NodeId,
        labels: LabelList,
        props: Vec<P>,
    ) -> Result<Option<Mutation>, GraphError> {
        self.check_new_node(id, &props)?;
        self.insert_node(id, labels, props)
    }

    pub(super) fn check_new_node<P: NewProperty>(
        &self,
        id: NodeId,
        props: &[P],
    ) -> Result<(), GraphError> {
        check_id(id.0)?;
        if self.node_set(id).is_some() {
            return Err(GraphError::NodeExists(id));
        }
        props.iter().try_for_each(P::check)
    }

    /// Creates a node that [`check_new_node`](Self::check_new_node) allowed.
    pub(super) fn insert_node<P: NewProperty>(
        &mut self,
        id: NodeId,
        labels: LabelList,
        props: Vec<P>,
    ) -> Result<Option<Mutation>, GraphError> {
        let n = id.0 as u32;
        let set = if labels.is_empty() {
            NO_LABELS
        } else {
            self.label_sets.intern(labels.clone())
        };
        self.reserve_ids(NodeId(id.0 + 1), self.next_rel_id())?;
        self.node_sets[n as usize] = set;
        self.node_count += 1;
        for sym in &labels {
            self.labels.add(*sym, n);
        }
        // Index upkeep needs the values after the columns took them; most graphs have none.
        let indexed = !self.schema.indexes.is_empty();
        let mut stored: Vec<(Symbol, Value)> = Vec::new();
        for p in props {
            let Some((sym, value)) = p.resolve(&self.names, &mut self.strings) else {
                continue;
            };
            self.label_sets.note_key(set, sym);
            if indexed {
                stored.push((sym, value.to_value(&self.strings)));
            }
            // A key given twice keeps its last value.
            column_mut(&mut self.node_props, sym).put(n, value, &mut self.strings);
        }
        if indexed {
            index_entity(
                &mut self.schema,
                &mut self.strings,
                EntityKind::Node,
                n,
                &labels,
                stored,
            );
        }
        Ok(Some(Mutation::DeleteNode { id }))
    }

    fn create_rel<P: NewProperty>(
        &mut self,
        id: RelId,
        sym: Symbol,
        start: NodeId,
        end: NodeId,
        props: Vec<P>,
    ) -> Result<Option<Mutation>, GraphError> {
        self.check_new_rel(id, start, end, &props)?;
        self.insert_rel(id, sym, start, end, props)
    }

    pub(super) fn check_new_rel<P: NewProperty>(
        &self,
        id: RelId,
        start: NodeId,
        end: NodeId,
        props: &[P],
    ) -> Result<(), GraphError> {
        check_id(id.0)?;
        if super::GraphRead::rel_exists(self, id) {
            return Err(GraphError::RelExists(id));
        }
        for node in [start, end] {
            self.node_set(node).ok_or(GraphError::NoSuchNode(node))?;
        }
        props.iter().try_for_each(P::check)
    }

    /// Creates a relationship that [`check_new_rel`](Self::check_new_rel) allowed.
    pub(super) fn insert_rel<P: NewProperty>(
        &mut self,
        id: RelId,
        sym: Symbol,
        start: NodeId,
        end: NodeId,
        props: Vec<P>,
    ) -> Result<Option<Mutation>, GraphError> {
        let start_set = self.node_set(start).ok_or(GraphError::NoSuchNode(start))?;
        let end_set = self.node_set(end).ok_or(GraphError::NoSuchNode(end))?;
        let (r, s, e) = (id.0 as u32, start.0 as u32, end.0 as u32);
        self.reserve_ids(self.next_node_id(), RelId(id.0 + 1))?;
        self.rel_types[r as usize] = sym.0;
        self.rel_starts[r as usize] = s;
        self.rel_ends[r as usize] = e;
        self.rel_count += 1;
        let indexed = !self.schema.indexes.is_empty();
        let mut stored = Vec::new();
        for p in props {
            let Some((key, value)) = p.resolve(&self.names, &mut self.strings) else {
                continue;
            };
            self.note_rel_key(sym, key);
            if indexed {
                stored.push((key, value.to_value(&self.strings)));
            }
            column_mut(&mut self.rel_props, key).put(r, value, &mut self.strings);
        }
        if indexed {
            index_entity(
                &mut self.schema,
                &mut self.strings,
                EntityKind::Relationship,
                r,
                &[sym],
                stored,
            );
        }
        let adj = self.type_adjacency(sym);
        adj.outgoing.insert(s, e, r);
        adj.incoming.insert(e, s, r);
        adj.count += 1;
        self.rebuild_if_due(sym);
        self.endpoints.rel_changed(
            sym,
            self.label_sets.labels(start_set),
            self.label_sets.labels(end_set),
            true,
        );
        Ok(Some(Mutation::DeleteRel { id }))
    }

    /// The symbols of a node's labels, each once, in order.
    fn label_list<'l>(&self, labels: impl IntoIterator<Item = &'l Arc<str>>) -> LabelList {
        distinct_labels(labels.into_iter().map(|label| self.names.intern(label)))
    }

    fn rebuild_if_due(&mut self, ty: Symbol) {
        let Some(Some(adj)) = self.adjacency.get_mut(ty.0 as usize) else {
            return;
        };
        let types = &self.rel_types;
        let alive = |r: u32| types.get(r as usize).is_some_and(|t| *t != DEAD);
        for csr in [&mut adj.outgoing, &mut adj.incoming] {
            if csr.needs_rebuild(REBUILD_FRACTION) {
                csr.rebuild(alive);
            }
        }
    }

    /// Starts loading many relationships at once (a snapshot, an import into a new graph):
    /// their adjacency is sorted once at [`end_bulk_load`](Self::end_bulk_load) rather than
    /// kept readable after each one. Nothing may read the adjacency in between.
    pub fn begin_bulk_load(&mut self) {
        self.bulk = true;
        for adj in self.adjacency.iter_mut().flatten() {
            adj.outgoing.begin_bulk();
            adj.incoming.begin_bulk();
        }
    }

    /// Sorts what the load added. Each type's two directions sort on their own, so they are
    /// shared out between two threads by size: the sorting is most of a load's last step.
    pub fn end_bulk_load(&mut self) {
        self.bulk = false;
        let types = &self.rel_types;
        let alive = |r: u32| types.get(r as usize).is_some_and(|t| *t != DEAD);
        let mut csrs: Vec<&mut Csr> = self
            .adjacency
            .iter_mut()
            .flatten()
            .flat_map(|adj| [&mut adj.outgoing, &mut adj.incoming])
            .collect();
        csrs.sort_by_key(|csr| std::cmp::Reverse(csr.pending()));
        let (mut mine, mut other) = (Vec::new(), Vec::new());
        let (mut my_load, mut other_load) = (0, 0);
        for csr in csrs {
            if my_load <= other_load {
                my_load += csr.pending();
                mine.push(csr);
            } else {
                other_load += csr.pending();
                other.push(csr);
            }
        }
        let alive = &alive;
        std::thread::scope(|scope| {
            if !other.is_empty() {
                scope.spawn(move || other.into_iter().for_each(|csr| csr.end_bulk(alive)));
            }
            mine.into_iter().for_each(|csr| csr.end_bulk(alive));
        });
    }

    /// Folds every type's pending adjacency changes in, when they are worth it; called after a
    /// commit, so reads of the next statement walk plain arrays.
    pub fn fold_adjacency(&mut self) {
        for i in 0..self.adjacency.len() {
            self.rebuild_if_due(Symbol(i as u32));
        }
    }

    fn delete_node(&mut self, id: NodeId) -> Result<Option<Mutation>, GraphError> {
        let set = self.node_set(id).ok_or(GraphError::NoSuchNode(id))?;
        let n = id.0 as u32;
        if self.degree(n, Direction::Outgoing) + self.degree(n, Direction::Incoming) > 0 {
            return Err(GraphError::NodeHasRelationships(id));
        }
        let labels = self.label_sets.labels(set).to_vec();
        let mut props = Vec::new();
        for key in self.label_sets.keys(set).to_vec() {
            let old = match self.node_props.get_mut(key.0 as usize) {
                Some(Some(col)) => col.take(n, &mut self.strings),
                _ => Value::Null,
            };
            if !old.is_null() {
                props.push((key, old));
            }
        }
        self.schema.entity(
            EntityKind::Node,
            n,
            &labels,
            &props,
            false,
            &mut self.strings,
        );
        for l in &labels {
            self.labels.remove(*l, n);
        }
        self.node_sets[n as usize] = DEAD;
        self.node_count -= 1;
        Ok(Some(Mutation::CreateNode {
            id,
            labels: labels.iter().map(|l| self.names.name(*l).clone()).collect(),
            props: self.named(props),
        }))
    }

    fn delete_rel(&mut self, id: RelId) -> Result<Option<Mutation>, GraphError> {
        let ty = super::GraphRead::rel_type(self, id).ok_or(GraphError::NoSuchRel(id))?;
        let r = id.0 as u32;
        let (s, e) = (self.rel_starts[r as usize], self.rel_ends[r as usize]);
        let mut props = Vec::new();
        if let Some(keys) = self.rel_keys.get(ty.0 as usize) {
            for key in keys.clone() {
                let old = match self.rel_props.get_mut(key.0 as usize) {
                    Some(Some(col)) => col.take(r, &mut self.strings),
                    _ => Value::Null,
                };
                if !old.is_null() {
                    props.push((key, old));
                }
            }
        }
        self.schema.entity(
            EntityKind::Relationship,
            r,
            &[ty],
            &props,
            false,
            &mut self.strings,
        );
        self.rel_types[r as usize] = DEAD;
        self.rel_count -= 1;
        if let Some(Some(adj)) = self.adjacency.get_mut(ty.0 as usize) {
            adj.outgoing.remove(s, e, r);
            adj.incoming.remove(e, s, r);
            adj.count -= 1;
        }
        self.rebuild_if_due(ty);
        let start_labels = self.node_labels_vec(s);
        let end_labels = self.node_labels_vec(e);
        self.endpoints
            .rel_changed(ty, &start_labels, &end_labels, false);
        Ok(Some(Mutation::CreateRel {
            id,
            ty: self.names.name(ty).clone(),
            start: NodeId(u64::from(s)),
            end: NodeId(u64::from(e)),
            props: self.named(props),
        }))
    }

    fn set_citations(
        &mut self,
        entity: Cited,
        citations: Vec<Citation>,
    ) -> Result<Option<Mutation>, GraphError> {
        use super::GraphRead;
        match entity {
            Cited::Node(id) if !self.node_exists(id) => return Err(GraphError::NoSuchNode(id)),
            Cited::Rel(id) if !self.rel_exists(id) => return Err(GraphError::NoSuchRel(id)),
            _ => {}
        }
        if let Some(c) = citations.iter().find(|c| !self.node_exists(c.source)) {
            return Err(GraphError::NoSuchNode(c.source));
        }
        if self.citations.of(entity) == citations.as_slice() {
            return Ok(None);
        }
        let old = self.citations.replace(entity, citations);
        Ok(Some(Mutation::SetCitations {
            entity,
            citations: old,
        }))
    }

    fn node_labels_vec(&self, n: u32) -> Vec<Symbol> {
        super::GraphRead::node_labels(self, NodeId(u64::from(n))).to_vec()
    }

    fn named(&self, props: Vec<(Symbol, Value)>) -> Vec<(Arc<str>, Value)> {
        props
            .into_iter()
            .map(|(k, v)| (self.names.name(k).clone(), v))
            .collect()
    }
}

/// Adds a new entity's values to the indexes over them. A key given twice keeps its last
/// value, as the column does.
/// Labels each once, in the order first given.
pub(super) fn distinct_labels(labels: impl IntoIterator<Item = Symbol>) -> LabelList {
    let mut list = LabelList::new();
    for sym in labels {
        if !list.contains(&sym) {
            list.push(sym);
        }
    }
    list
}

impl MemoryGraph {
    /// The adjacency of type `sym`, made when it has none yet.
    pub(super) fn type_adjacency(&mut self, sym: Symbol) -> &mut TypeAdjacency {
        let i = sym.0 as usize;
        if self.adjacency.len() <= i {
            self.adjacency.resize_with(i + 1, || None);
        }
        let bulk = self.bulk;
        self.adjacency[i].get_or_insert_with(|| {
            let mut adj = Box::<TypeAdjacency>::default();
            if bulk {
                adj.outgoing.begin_bulk();
                adj.incoming.begin_bulk();
            }
            adj
        })
    }
}

fn index_entity(
    schema: &mut Schema,
    pool: &mut StringPool,
    kind: EntityKind,
    id: u32,
    labels: &[Symbol],
    mut values: Vec<(Symbol, Value)>,
) {
    values.reverse();
    values.sort_by_key(|(k, _)| *k);
    values.dedup_by_key(|(k, _)| *k);
    schema.entity(kind, id, labels, &values, true, pool);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{GraphRead, neighbours};

    fn node(id: u64, label: &str) -> Mutation {
        Mutation::CreateNode {
            id: NodeId(id),
            labels: vec![Arc::from(label)],
            props: vec![(Arc::from("name"), Value::str("x"))],
        }
    }

    fn rel(id: u64, ty: &str, start: u64, end: u64) -> Mutation {
        Mutation::CreateRel {
            id: RelId(id),
            ty: Arc::from(ty),
            start: NodeId(start),
            end: NodeId(end),
            props: vec![],
        }
    }

    fn rels_at(g: &MemoryGraph, n: u64, dir: Direction) -> Vec<u64> {
        neighbours(g, NodeId(n), Some(dir), &[])
            .map(|(r, _)| r.0)
            .collect()
    }

    #[test]
    fn citations_are_set_undone_and_guard_deletes() {
        let mut g = MemoryGraph::new();
        for m in [node(0, "Source"), node(1, "A"), rel(0, "R", 1, 1)] {
            g.apply(m).unwrap();
        }
        let cite = |quote: Option<&str>| Citation {
            source: NodeId(0),
            quote: quote.map(Arc::from),
        };
        let entity = Cited::Rel(RelId(0));
        let undo = g
            .apply(Mutation::SetCitations {
                entity,
                citations: vec![cite(Some("q"))],
            })
            .unwrap()
            .unwrap();
        assert_eq!(g.citations().of(entity), [cite(Some("q"))]);
        assert_eq!(g.citations().citing(NodeId(0)), [entity]);
        // Setting the same list again changes nothing and has nothing to undo.
        let same = Mutation::SetCitations {
            entity,
            citations: vec![cite(Some("q"))],
        };
        assert_eq!(g.apply(same).unwrap(), None);
        // Neither the cited relationship nor the source can go while the citation is there.
        assert_eq!(
            g.apply(Mutation::DeleteRel { id: RelId(0) }),
            Err(GraphError::StillCited(entity))
        );
        assert_eq!(
            g.apply(Mutation::DeleteNode { id: NodeId(0) }),
            Err(GraphError::StillCited(Cited::Node(NodeId(0))))
        );
        // A source that does not exist is refused.
        let missing = Mutation::SetCitations {
            entity,
            citations: vec![Citation {
                source: NodeId(9),
                quote: None,
            }],
        };
        assert_eq!(g.apply(missing), Err(GraphError::NoSuchNode(NodeId(9))));
        g.apply(undo).unwrap();
        assert!(g.citations().of(entity).is_empty());
        assert!(!g.citations().is_cited(NodeId(0)));
        g.apply(Mutation::DeleteNode { id: NodeId(0) }).unwrap();
    }

    #[test]
    fn create_and_undo_restore_the_graph() {
        let mut g = MemoryGraph::new();
        g.apply(node(0, "A")).unwrap();
        g.apply(node(1, "B")).unwrap();
        let undo = g.apply(rel(0, "T", 0, 1)).unwrap().unwrap();
        assert_eq!(g.rel_count(), 1);
        assert_eq!(rels_at(&g, 0, Direction::Outgoing), vec![0]);
        assert!(matches!(
            g.apply(Mutation::DeleteNode { id: NodeId(0) }),
            Err(GraphError::NodeHasRelationships(_))
        ));
        g.apply(undo).unwrap();
        assert_eq!(g.rel_count(), 0);
        assert!(rels_at(&g, 1, Direction::Incoming).is_empty());
        let undo = g
            .apply(Mutation::DeleteNode { id: NodeId(0) })
            .unwrap()
            .unwrap();
        assert!(!g.node_exists(NodeId(0)));
        assert_eq!(
            g.node_prop(NodeId(0), g.names().get("name").unwrap()),
            Value::Null
        );
        g.apply(undo).unwrap();
        let a = g.names().get("A").unwrap();
        assert_eq!(g.nodes_with_label(a).collect::<Vec<_>>(), vec![NodeId(0)]);
        assert_eq!(
            g.node_prop(NodeId(0), g.names().get("name").unwrap()),
            Value::str("x")
        );
    }

    #[test]
    fn undoing_a_delete_puts_the_relationship_back_in_its_place() {
        let mut g = MemoryGraph::new();
        for i in 0..2 {
            g.apply(node(i, "N")).unwrap();
        }
        for i in 0..3 {
            g.apply(rel(i, "T", 0, 1)).unwrap();
        }
        let undo = g
            .apply(Mutation::DeleteRel { id: RelId(1) })
            .unwrap()
            .unwrap();
        assert_eq!(rels_at(&g, 0, Direction::Outgoing), vec![0, 2]);
        g.apply(undo).unwrap();
        for (node, dir) in [(0, Direction::Outgoing), (1, Direction::Incoming)] {
            assert_eq!(rels_at(&g, node, dir), vec![0, 1, 2], "{dir:?}");
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
    fn typed_walks_see_only_their_type_and_untyped_ones_see_all() {
        let mut g = MemoryGraph::new();
        for i in 0..4 {
            g.apply(node(i, "N")).unwrap();
        }
        for (i, ty) in ["B", "A", "B"].iter().enumerate() {
            g.apply(rel(i as u64, ty, 0, i as u64 + 1)).unwrap();
        }
        let b = g.names().get("B").unwrap();
        let typed: Vec<u64> = neighbours(&g, NodeId(0), Some(Direction::Outgoing), &[b])
            .map(|(r, _)| r.0)
            .collect();
        assert_eq!(typed, vec![0, 2]);
        let mut all = rels_at(&g, 0, Direction::Outgoing);
        all.sort();
        assert_eq!(all, vec![0, 1, 2]);
    }

    #[test]
    fn many_writes_fold_into_the_arrays_and_stay_readable() {
        let mut g = MemoryGraph::new();
        for i in 0..50 {
            g.apply(node(i, "N")).unwrap();
        }
        let mut id = 0;
        for round in 0..3 {
            for s in 0..50u64 {
                for e in 0..20u64 {
                    g.apply(rel(id, "T", s, (s + e + round) % 50)).unwrap();
                    id += 1;
                }
            }
        }
        // Delete every third relationship, then check every node's degree.
        for r in (0..id).step_by(3) {
            g.apply(Mutation::DeleteRel { id: RelId(r) }).unwrap();
        }
        let total: usize = (0..50)
            .map(|n| rels_at(&g, n, Direction::Outgoing).len())
            .sum();
        assert_eq!(total as u64, id - id.div_ceil(3));
        assert_eq!(g.rel_count() as u64, total as u64);
    }

    #[test]
    fn a_label_change_keeps_the_node_s_properties_readable() {
        let mut g = MemoryGraph::new();
        g.apply(node(0, "A")).unwrap();
        g.apply(Mutation::AddLabel {
            id: NodeId(0),
            label: Arc::from("B"),
        })
        .unwrap();
        let props = g.node_props(NodeId(0));
        assert_eq!(props.len(), 1);
        let names: Vec<Arc<str>> = g
            .node_labels(NodeId(0))
            .iter()
            .map(|l| g.names().name(*l))
            .collect();
        assert_eq!(names, vec![Arc::from("A"), Arc::from("B")]);
    }
}
