//! A transaction over a [`MemoryGraph`]: changes apply at once (later clauses of a statement
//! must see them) and are logged, so that they can be undone or written to the log on commit.

use super::{AdjEntry, Direction, GraphError, GraphRead, GraphWrite, MemoryGraph, Mutation};
use super::{Names, NodeRecord, RelRecord, Symbol};
use crate::model::{NodeId, RelId, Value};

pub struct Transaction<'g> {
    graph: &'g mut MemoryGraph,
    applied: Vec<Mutation>,
    undo: Vec<Mutation>,
    start_ids: (NodeId, RelId),
}

impl<'g> Transaction<'g> {
    pub fn new(graph: &'g mut MemoryGraph) -> Self {
        let start_ids = (graph.next_node_id(), graph.next_rel_id());
        Transaction { graph, applied: Vec::new(), undo: Vec::new(), start_ids }
    }

    /// Marks the current state as the one `rollback` returns to, e.g. at statement boundaries
    /// inside an explicit transaction.
    pub fn savepoint(&self) -> usize {
        self.undo.len()
    }

    /// Undoes everything applied after `savepoint`.
    pub fn rollback_to(&mut self, savepoint: usize) {
        while self.undo.len() > savepoint {
            if let Some(undo) = self.undo.pop() {
                // Undo records were produced by the graph itself from its own state, so they
                // always apply; an error here would mean the graph is already inconsistent.
                let _ = self.graph.apply(undo);
            }
            self.applied.pop();
        }
    }

    pub fn rollback(mut self) {
        self.rollback_to(0);
    }

    /// The changes made, in order, ready to be logged.
    pub fn mutations(&self) -> &[Mutation] {
        &self.applied
    }

    pub fn into_mutations(self) -> Vec<Mutation> {
        self.applied
    }

    pub fn is_empty(&self) -> bool {
        self.applied.is_empty()
    }

    /// Ids handed out since the transaction began (even if rolled back, they stay used).
    pub fn start_ids(&self) -> (NodeId, RelId) {
        self.start_ids
    }

    /// The last state of an entity deleted in this transaction, for results that return it.
    pub fn deleted_node(&self, id: NodeId) -> Option<&Mutation> {
        self.undo.iter().rev().find(|m| matches!(m, Mutation::CreateNode { id: i, .. } if *i == id))
    }

    pub fn deleted_rel(&self, id: RelId) -> Option<&Mutation> {
        self.undo.iter().rev().find(|m| matches!(m, Mutation::CreateRel { id: i, .. } if *i == id))
    }

    pub fn was_deleted_node(&self, id: NodeId) -> bool {
        self.graph.node(id).is_none() && self.deleted_node(id).is_some()
    }

    pub fn was_deleted_rel(&self, id: RelId) -> bool {
        self.graph.rel(id).is_none() && self.deleted_rel(id).is_some()
    }
}

impl GraphRead for Transaction<'_> {
    fn names(&self) -> &Names {
        self.graph.names()
    }
    fn node(&self, id: NodeId) -> Option<&NodeRecord> {
        self.graph.node(id)
    }
    fn rel(&self, id: RelId) -> Option<&RelRecord> {
        self.graph.rel(id)
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
    fn nodes_with_label(&self, label: Symbol) -> Box<dyn Iterator<Item = NodeId> + '_> {
        self.graph.nodes_with_label(label)
    }
    fn label_count(&self, label: Symbol) -> usize {
        self.graph.label_count(label)
    }
    fn adjacency(&self, node: NodeId, dir: Direction) -> &[AdjEntry] {
        self.graph.adjacency(node, dir)
    }
    fn lookup_by_property(&self, label: Symbol, key: Symbol, value: &Value) -> Option<Vec<NodeId>> {
        self.graph.lookup_by_property(label, key, value)
    }
}

impl GraphWrite for Transaction<'_> {
    fn allocate_node_id(&mut self) -> NodeId {
        let id = self.graph.next_node_id();
        self.graph.reserve_ids(NodeId(id.0 + 1), self.graph.next_rel_id());
        id
    }

    fn allocate_rel_id(&mut self) -> RelId {
        let id = self.graph.next_rel_id();
        self.graph.reserve_ids(self.graph.next_node_id(), RelId(id.0 + 1));
        id
    }

    fn apply(&mut self, mutation: Mutation) -> Result<(), GraphError> {
        if let Some(undo) = self.graph.apply(mutation.clone())? {
            self.undo.push(undo);
            self.applied.push(mutation);
        }
        Ok(())
    }

    fn names_mut(&mut self) -> &mut Names {
        self.graph.names_mut()
    }
}
