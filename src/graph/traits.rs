//! The capabilities the executor needs from a graph, so that it never names the storage type.

use super::{AdjEntry, Direction, GraphError, Mutation, Names, NodeRecord, RelRecord, Symbol};
use crate::model::{NodeId, RelId, Value};

pub trait GraphRead {
    fn names(&self) -> &Names;
    fn node(&self, id: NodeId) -> Option<&NodeRecord>;
    fn rel(&self, id: RelId) -> Option<&RelRecord>;
    fn node_count(&self) -> usize;
    fn rel_count(&self) -> usize;
    /// Every node, in id order.
    fn node_ids(&self) -> Box<dyn Iterator<Item = NodeId> + '_>;
    /// Every relationship, in id order.
    fn rel_ids(&self) -> Box<dyn Iterator<Item = RelId> + '_>;
    /// Nodes carrying `label`, in id order.
    fn nodes_with_label(&self, label: Symbol) -> Box<dyn Iterator<Item = NodeId> + '_>;
    fn label_count(&self, label: Symbol) -> usize;
    /// Whether every relationship of type `ty`, followed in direction `dir`, leads to a node
    /// carrying `label` (so an expansion can skip checking it).
    fn all_rels_reach_label(&self, ty: Symbol, dir: Direction, label: Symbol) -> bool;
    /// The node's relationships in one direction, sorted by type.
    fn adjacency(&self, node: NodeId, dir: Direction) -> &[AdjEntry];
    /// Nodes carrying `label` whose `key` property equals `value`, when an index answers
    /// that; `None` means the caller must scan.
    fn lookup_by_property(&self, label: Symbol, key: Symbol, value: &Value) -> Option<&[NodeId]>;
    /// Whether the node was deleted earlier in the running transaction (reading it is then
    /// an error rather than a null).
    fn is_deleted_node(&self, _id: NodeId) -> bool {
        false
    }
    fn is_deleted_rel(&self, _id: RelId) -> bool {
        false
    }
    /// The type of a relationship deleted in the running transaction: a relationship's type
    /// stays readable after DELETE, unlike its properties.
    fn deleted_rel_type(&self, _id: RelId) -> Option<std::sync::Arc<str>> {
        None
    }
}

/// Write access: allocation of ids and the single entry point for changes.
pub trait GraphWrite: GraphRead {
    fn allocate_node_id(&mut self) -> NodeId;
    fn allocate_rel_id(&mut self) -> RelId;
    fn apply(&mut self, mutation: Mutation) -> Result<(), GraphError>;
    fn names_mut(&mut self) -> &mut Names;
    /// Asks for an equality index on `label`/`key` (built now if missing).
    fn ensure_index(&mut self, label: Symbol, key: Symbol);
}
