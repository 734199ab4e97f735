//! What the graph stores for each node and relationship.

use super::Symbol;
use crate::model::{NodeId, RelId, Value};
use smallvec::SmallVec;

/// A property map: few keys per entity, so a vector searched linearly beats a hash map.
/// Stored inline up to a few keys, so reading a property is one memory access.
pub type PropMap = SmallVec<[(Symbol, Value); 4]>;
/// Relationships mostly carry one or two properties, and there are many more of them.
pub type RelPropMap = SmallVec<[(Symbol, Value); 2]>;

/// Direction of travel from a node along its relationships.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Direction {
    Outgoing,
    Incoming,
}

/// One relationship as seen from one of its nodes. Each node keeps its entries sorted by
/// type, so the relationships of one type are a contiguous slice.
#[derive(Copy, Clone, Debug)]
pub struct AdjEntry {
    pub ty: Symbol,
    pub rel: RelId,
    pub other: NodeId,
}

/// Laid out in declaration order (`repr(C)`) so that what every expansion reads, the id and
/// the adjacency lists, shares the record's first cache line.
#[derive(Clone, Debug)]
#[repr(C)]
pub struct NodeRecord {
    pub id: NodeId,
    pub(super) outgoing: Vec<AdjEntry>,
    pub(super) incoming: Vec<AdjEntry>,
    pub labels: SmallVec<[Symbol; 2]>,
    pub props: PropMap,
}

#[derive(Clone, Debug)]
pub struct RelRecord {
    pub id: RelId,
    pub ty: Symbol,
    pub start: NodeId,
    pub end: NodeId,
    pub props: RelPropMap,
}

pub(super) fn prop(props: &[(Symbol, Value)], key: Symbol) -> Option<&Value> {
    props.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

impl NodeRecord {
    pub fn prop(&self, key: Symbol) -> Option<&Value> {
        prop(&self.props, key)
    }

    pub fn has_label(&self, label: Symbol) -> bool {
        self.labels.contains(&label)
    }

    pub fn degree(&self) -> usize {
        self.outgoing.len() + self.incoming.len()
    }
}

impl RelRecord {
    pub fn prop(&self, key: Symbol) -> Option<&Value> {
        prop(&self.props, key)
    }
}

/// The slice of `entries` whose type is `ty`; entries are sorted by type.
pub fn entries_of_type(entries: &[AdjEntry], ty: Symbol) -> &[AdjEntry] {
    let start = entries.partition_point(|e| e.ty < ty);
    let end = start + entries[start..].partition_point(|e| e.ty == ty);
    &entries[start..end]
}
