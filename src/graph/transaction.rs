//! A transaction over a [`MemoryGraph`]: changes apply at once (later clauses of a statement
//! must see them) and are logged, so that they can be undone or written to the log on commit.

use super::{Column, Csr, Direction, GraphError, GraphRead, GraphWrite, MemoryGraph, Mutation};
use super::{EntityKind, Names, PropertyIndex, Schema, StringPool, Symbol};
use crate::model::{NodeId, RelId, Value};

/// The changes of a transaction: what was applied, in order, and how to undo each. Owned
/// by the caller, so that an explicit transaction can span several statements.
#[derive(Default, Debug)]
pub struct TxLog {
    applied: Vec<Mutation>,
    undo: Vec<Mutation>,
}

impl TxLog {
    /// A position to roll back to, e.g. the start of a statement inside a transaction.
    pub fn savepoint(&self) -> usize {
        self.undo.len()
    }

    pub fn mutations(&self) -> &[Mutation] {
        &self.applied
    }

    pub fn is_empty(&self) -> bool {
        self.applied.is_empty()
    }

    /// Forgets the changes (after they were committed).
    pub fn clear(&mut self) {
        self.applied.clear();
        self.undo.clear();
    }
}

/// A transaction's view of the graph: reads see its own changes, writes are logged.
pub struct Transaction<'g> {
    graph: &'g mut MemoryGraph,
    log: &'g mut TxLog,
}

impl<'g> Transaction<'g> {
    pub fn new(graph: &'g mut MemoryGraph, log: &'g mut TxLog) -> Self {
        Transaction { graph, log }
    }

    /// Undoes everything applied after `savepoint`.
    pub fn rollback_to(&mut self, savepoint: usize) {
        while self.log.undo.len() > savepoint {
            if let Some(undo) = self.log.undo.pop() {
                // Undo records were produced by the graph itself from its own state, so they
                // always apply; an error here would mean the graph is already inconsistent.
                let undone = self.graph.apply(undo);
                debug_assert!(undone.is_ok(), "an undo failed: {undone:?}");
            }
            self.log.applied.pop();
        }
    }

    /// An empty graph with the names of this one (see [`MemoryGraph::empty_with_names`]).
    pub fn empty_with_names(&self) -> MemoryGraph {
        self.graph.empty_with_names()
    }

    /// Commits what was applied so far (a batch of `CALL { ... } IN TRANSACTIONS`): `commit`
    /// checks and makes durable the changes, given the state they produced; when it succeeds
    /// the log forgets them, so a later rollback stops where they end.
    pub fn commit_applied<E>(
        &mut self,
        commit: impl FnOnce(&[Mutation], &MemoryGraph) -> Result<(), E>,
    ) -> Result<(), E> {
        commit(&self.log.applied, self.graph)?;
        self.log.clear();
        Ok(())
    }

    /// The last state of an entity deleted in this transaction, for results that return it.
    pub fn deleted_node(&self, id: NodeId) -> Option<&Mutation> {
        self.log
            .undo
            .iter()
            .rev()
            .find(|m| matches!(m, Mutation::CreateNode { id: i, .. } if *i == id))
    }

    pub fn deleted_rel(&self, id: RelId) -> Option<&Mutation> {
        self.log
            .undo
            .iter()
            .rev()
            .find(|m| matches!(m, Mutation::CreateRel { id: i, .. } if *i == id))
    }
}

impl GraphRead for Transaction<'_> {
    fn names(&self) -> &Names {
        self.graph.names()
    }
    fn citations(&self) -> &super::Citations {
        self.graph.citations()
    }
    fn strings(&self) -> &StringPool {
        self.graph.strings()
    }
    fn node_exists(&self, id: NodeId) -> bool {
        self.graph.node_exists(id)
    }
    fn rel_exists(&self, id: RelId) -> bool {
        self.graph.rel_exists(id)
    }
    fn node_labels(&self, id: NodeId) -> &[Symbol] {
        self.graph.node_labels(id)
    }
    fn node_prop(&self, id: NodeId, key: Symbol) -> Value {
        self.graph.node_prop(id, key)
    }
    fn node_props(&self, id: NodeId) -> Vec<(Symbol, Value)> {
        self.graph.node_props(id)
    }
    fn rel_type(&self, id: RelId) -> Option<Symbol> {
        self.graph.rel_type(id)
    }
    fn rel_ends(&self, id: RelId) -> Option<(NodeId, NodeId)> {
        self.graph.rel_ends(id)
    }
    fn rel_prop(&self, id: RelId, key: Symbol) -> Value {
        self.graph.rel_prop(id, key)
    }
    fn rel_props(&self, id: RelId) -> Vec<(Symbol, Value)> {
        self.graph.rel_props(id)
    }
    fn node_column(&self, key: Symbol) -> Option<&Column> {
        self.graph.node_column(key)
    }
    fn rel_column(&self, key: Symbol) -> Option<&Column> {
        self.graph.rel_column(key)
    }
    fn node_count(&self) -> usize {
        self.graph.node_count()
    }
    fn rel_count(&self) -> usize {
        self.graph.rel_count()
    }
    fn node_ids(&self) -> Box<dyn Iterator<Item = NodeId> + '_> {
        self.graph.node_ids()
    }
    fn rel_ids(&self) -> Box<dyn Iterator<Item = RelId> + '_> {
        self.graph.rel_ids()
    }
    fn label_nodes_from(
        &self,
        label: Symbol,
        rank: usize,
    ) -> Option<super::labels::LabelNodes<'_>> {
        self.graph.label_nodes_from(label, rank)
    }
    fn label_count(&self, label: Symbol) -> usize {
        self.graph.label_count(label)
    }
    fn rel_types_in_use(&self) -> Vec<Symbol> {
        self.graph.rel_types_in_use()
    }
    fn type_count(&self, ty: Symbol) -> usize {
        self.graph.type_count(ty)
    }
    fn adjacency(&self, ty: Symbol, dir: Direction) -> Option<&Csr> {
        self.graph.adjacency(ty, dir)
    }
    fn all_rels_reach_label(&self, ty: Symbol, dir: Direction, label: Symbol) -> bool {
        self.graph.all_rels_reach_label(ty, dir, label)
    }
    fn index(&self, entity: EntityKind, label: Symbol, key: Symbol) -> Option<&PropertyIndex> {
        self.graph.index(entity, label, key)
    }
    fn schema(&self) -> &Schema {
        self.graph.schema()
    }
    fn is_deleted_node(&self, id: NodeId) -> bool {
        !self.graph.node_exists(id) && self.deleted_node(id).is_some()
    }
    fn is_deleted_rel(&self, id: RelId) -> bool {
        !self.graph.rel_exists(id) && self.deleted_rel(id).is_some()
    }
    fn deleted_rel_type(&self, id: RelId) -> Option<std::sync::Arc<str>> {
        match self.deleted_rel(id)? {
            Mutation::CreateRel { ty, .. } => Some(ty.clone()),
            _ => None,
        }
    }
}

impl GraphWrite for Transaction<'_> {
    fn allocate_node_id(&mut self) -> NodeId {
        let id = self.graph.next_node_id();
        // Past the last id the reservation fails and so does the create that uses the id.
        let _ = self
            .graph
            .reserve_ids(NodeId(id.0 + 1), self.graph.next_rel_id());
        id
    }

    fn allocate_rel_id(&mut self) -> RelId {
        let id = self.graph.next_rel_id();
        let _ = self
            .graph
            .reserve_ids(self.graph.next_node_id(), RelId(id.0 + 1));
        id
    }

    fn apply(&mut self, mutation: Mutation) -> Result<(), GraphError> {
        if let Some(undo) = self.graph.apply(mutation.clone())? {
            self.log.undo.push(undo);
            self.log.applied.push(mutation);
        }
        Ok(())
    }
}
