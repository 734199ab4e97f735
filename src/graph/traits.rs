//! The capabilities the executor needs from a graph, so that it never names the storage type.

use super::adjacency::{Csr, Direction};
use super::column::Column;
use super::index::Schema;
use super::labels::LabelNodes;
use super::schema::{EntityKind, PropertyIndex};
use super::strings::StringPool;
use super::{GraphError, Mutation, Names, Symbol};
use crate::model::{NodeId, RelId, Value};
use smallvec::SmallVec;

/// `Sync`: a read may be split across threads, each reading part of the graph.
pub trait GraphRead: Sync {
    fn names(&self) -> &Names;
    /// The texts that text columns refer to by id.
    fn strings(&self) -> &StringPool;
    fn node_exists(&self, id: NodeId) -> bool;
    fn rel_exists(&self, id: RelId) -> bool;
    /// A node's labels, in the order it got them; none for a missing node.
    fn node_labels(&self, id: NodeId) -> &[Symbol];
    fn node_prop(&self, id: NodeId, key: Symbol) -> Value;
    /// Every property of a node, in the order its keys were first used.
    fn node_props(&self, id: NodeId) -> Vec<(Symbol, Value)>;
    fn rel_type(&self, id: RelId) -> Option<Symbol>;
    /// Start and end node.
    fn rel_ends(&self, id: RelId) -> Option<(NodeId, NodeId)>;
    fn rel_prop(&self, id: RelId, key: Symbol) -> Value;
    fn rel_props(&self, id: RelId) -> Vec<(Symbol, Value)>;
    /// The column of node values of `key`, for reads of many nodes at once.
    fn node_column(&self, key: Symbol) -> Option<&Column>;
    fn rel_column(&self, key: Symbol) -> Option<&Column>;
    fn node_count(&self) -> usize;
    fn rel_count(&self) -> usize;
    /// Every node, in id order.
    fn node_ids(&self) -> Box<dyn Iterator<Item = NodeId> + '_>;
    /// Every relationship, in id order.
    fn rel_ids(&self) -> Box<dyn Iterator<Item = RelId> + '_>;
    /// Nodes carrying `label`, in id order, as the graph keeps them (scans walk them without
    /// a call per node); `None` when no node has the label.
    fn label_nodes(&self, label: Symbol) -> Option<LabelNodes<'_>> {
        self.label_nodes_from(label, 0)
    }
    /// The same, from the node of rank `rank` on (the first is rank 0), for a scan split in
    /// parts.
    fn label_nodes_from(&self, label: Symbol, rank: usize) -> Option<LabelNodes<'_>>;
    /// The same as node ids.
    fn nodes_with_label(&self, label: Symbol) -> Box<dyn Iterator<Item = NodeId> + '_> {
        let nodes = self.label_nodes(label).into_iter().flatten();
        Box::new(nodes.map(|n| NodeId(u64::from(n))))
    }
    fn label_count(&self, label: Symbol) -> usize;
    /// Relationship types with at least one relationship, in symbol order.
    fn rel_types_in_use(&self) -> Vec<Symbol>;
    fn type_count(&self, ty: Symbol) -> usize;
    /// The adjacency of one relationship type in one direction.
    fn adjacency(&self, ty: Symbol, dir: Direction) -> Option<&Csr>;
    /// Whether every relationship of type `ty`, followed in direction `dir`, leads to a node
    /// carrying `label` (so an expansion can skip checking it).
    fn all_rels_reach_label(&self, ty: Symbol, dir: Direction, label: Symbol) -> bool;
    /// The declared index on `key` of the nodes of `label` (or relationships of type `label`).
    fn index(&self, entity: EntityKind, label: Symbol, key: Symbol) -> Option<&PropertyIndex>;
    /// The declared indexes and constraints.
    fn schema(&self) -> &Schema;
    /// Every entity's citations of `:Source` nodes.
    fn citations(&self) -> &super::Citations;
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

    fn node_has_label(&self, id: NodeId, label: Symbol) -> bool {
        self.node_labels(id).contains(&label)
    }
}

/// Write access: allocation of ids and the single entry point for changes.
pub trait GraphWrite: GraphRead {
    fn allocate_node_id(&mut self) -> NodeId;
    fn allocate_rel_id(&mut self) -> RelId;
    fn apply(&mut self, mutation: Mutation) -> Result<(), GraphError>;
}

/// The relationships at `node`, as (relationship, other node), over `types` (all when empty)
/// in direction `dir` (both when `None`: a self-loop is then seen once).
pub fn neighbours<'g>(
    graph: &'g dyn GraphRead,
    node: NodeId,
    dir: Option<Direction>,
    types: &[Symbol],
) -> impl Iterator<Item = (RelId, NodeId)> + 'g {
    let n = u32::try_from(node.0).unwrap_or(u32::MAX);
    let mut types: SmallVec<[Symbol; 4]> = if types.is_empty() {
        graph.rel_types_in_use().into_iter().collect()
    } else {
        types.iter().copied().collect()
    };
    // A type named twice (`[:A|A]`) is one type.
    let mut seen: SmallVec<[Symbol; 4]> = SmallVec::new();
    types.retain(|t| {
        let new = !seen.contains(t);
        seen.push(*t);
        new
    });
    let dirs: &[(Direction, bool)] = match dir {
        Some(Direction::Outgoing) => &[(Direction::Outgoing, false)],
        Some(Direction::Incoming) => &[(Direction::Incoming, false)],
        None => &[(Direction::Outgoing, false), (Direction::Incoming, true)],
    };
    dirs.iter().flat_map(move |&(d, skip_loops)| {
        let types = types.clone();
        types.into_iter().flat_map(move |ty| {
            let adj = graph.adjacency(ty, d).map(|csr| csr.node(n));
            let base = adj.into_iter().flat_map(move |a| {
                a.others
                    .iter()
                    .zip(a.rels)
                    .filter(move |(_, r)| !a.may_hold_dead || graph.rel_exists(rel_id(**r)))
                    .map(|(o, r)| (*o, *r))
                    .chain(a.added.iter().copied())
            });
            base.filter(move |(o, _)| !(skip_loops && *o == n))
                .map(|(o, r)| (rel_id(r), NodeId(u64::from(o))))
        })
    })
}

#[inline]
fn rel_id(r: u32) -> RelId {
    RelId(u64::from(r))
}
