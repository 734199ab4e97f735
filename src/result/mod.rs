//! What a statement returns: named columns, rows of values, and the data of every node and
//! relationship the rows mention, so that a result can be printed after the graph has moved on.

use crate::graph::{Cited, GraphRead, Mutation};
use crate::model::{Map, NodeId, RelId, Value};
use std::collections::HashMap;
use std::sync::Arc;

mod subgraph;
pub use subgraph::Subgraph;

/// A node as it was when the statement finished (or when it deleted the node).
#[derive(Clone, Debug, PartialEq)]
pub struct NodeData {
    pub id: NodeId,
    pub labels: Vec<Arc<str>>,
    pub props: Map,
    /// The sources it cites (kg's CITE), in order.
    pub cites: Vec<Cite>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelData {
    pub id: RelId,
    pub ty: Arc<str>,
    pub start: NodeId,
    pub end: NodeId,
    pub props: Map,
    pub cites: Vec<Cite>,
}

/// One citation as a result carries it: the source node, its name, the passage quoted.
#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    pub source: NodeId,
    pub name: Arc<str>,
    pub quote: Option<Arc<str>>,
}

/// The citations of an entity, with each source's name read from the graph.
pub fn cites(graph: &dyn GraphRead, entity: Cited) -> Vec<Cite> {
    graph
        .citations()
        .of(entity)
        .iter()
        .map(|c| Cite {
            source: c.source,
            name: crate::graph::source_name(graph, c.source),
            quote: c.quote.clone(),
        })
        .collect()
}

/// Counts of what a statement changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub nodes_created: usize,
    pub nodes_deleted: usize,
    pub relationships_created: usize,
    pub relationships_deleted: usize,
    pub properties_set: usize,
    pub labels_added: usize,
    pub labels_removed: usize,
    pub indexes_added: usize,
    pub indexes_removed: usize,
    pub constraints_added: usize,
    pub constraints_removed: usize,
    /// Entities whose citations a statement changed (kg's CITE).
    pub citations_set: usize,
}

impl WriteStats {
    /// Adds the counts of `other` (the batches a statement committed as it ran).
    pub fn add(&mut self, other: &WriteStats) {
        // Taken apart whole, so that a count added to the struct cannot be left out here.
        let WriteStats {
            nodes_created,
            nodes_deleted,
            relationships_created,
            relationships_deleted,
            properties_set,
            labels_added,
            labels_removed,
            indexes_added,
            indexes_removed,
            constraints_added,
            constraints_removed,
            citations_set,
        } = *other;
        self.nodes_created += nodes_created;
        self.nodes_deleted += nodes_deleted;
        self.relationships_created += relationships_created;
        self.relationships_deleted += relationships_deleted;
        self.properties_set += properties_set;
        self.labels_added += labels_added;
        self.labels_removed += labels_removed;
        self.indexes_added += indexes_added;
        self.indexes_removed += indexes_removed;
        self.constraints_added += constraints_added;
        self.constraints_removed += constraints_removed;
        self.citations_set += citations_set;
    }

    pub fn from_mutations(mutations: &[Mutation]) -> Self {
        let mut s = WriteStats::default();
        for m in mutations {
            match m {
                Mutation::CreateNode { props, .. } => {
                    s.nodes_created += 1;
                    s.properties_set += props.iter().filter(|(_, v)| !v.is_null()).count();
                }
                Mutation::CreateRel { props, .. } => {
                    s.relationships_created += 1;
                    s.properties_set += props.iter().filter(|(_, v)| !v.is_null()).count();
                }
                Mutation::DeleteNode { .. } => s.nodes_deleted += 1,
                Mutation::DeleteRel { .. } => s.relationships_deleted += 1,
                Mutation::SetNodeProperty { .. } | Mutation::SetRelProperty { .. } => {
                    s.properties_set += 1;
                }
                Mutation::AddLabel { .. } => s.labels_added += 1,
                Mutation::RemoveLabel { .. } => s.labels_removed += 1,
                Mutation::CreateIndex(_) => s.indexes_added += 1,
                Mutation::DropIndex { .. } => s.indexes_removed += 1,
                Mutation::CreateConstraint(_) => s.constraints_added += 1,
                Mutation::DropConstraint { .. } => s.constraints_removed += 1,
                Mutation::SetCitations { .. } => s.citations_set += 1,
            }
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        *self == WriteStats::default()
    }
}

#[derive(Clone, Debug, Default)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    pub nodes: HashMap<NodeId, NodeData>,
    pub rels: HashMap<RelId, RelData>,
    pub stats: WriteStats,
}

impl QueryResult {
    pub fn node(&self, id: NodeId) -> Option<&NodeData> {
        self.nodes.get(&id)
    }

    pub fn rel(&self, id: RelId) -> Option<&RelData> {
        self.rels.get(&id)
    }

    /// Whether the statement returns rows at all (a RETURN clause), as opposed to a write
    /// that ends without one.
    pub fn has_columns(&self) -> bool {
        !self.columns.is_empty()
    }
}

pub fn node_data(graph: &dyn GraphRead, id: NodeId) -> Option<NodeData> {
    if !graph.node_exists(id) {
        return None;
    }
    let names = graph.names();
    Some(NodeData {
        id,
        labels: graph
            .node_labels(id)
            .iter()
            .map(|l| names.name(*l).clone())
            .collect(),
        props: graph
            .node_props(id)
            .into_iter()
            .map(|(k, v)| (names.name(k).clone(), v))
            .collect(),
        cites: cites(graph, Cited::Node(id)),
    })
}

pub fn rel_data(graph: &dyn GraphRead, id: RelId) -> Option<RelData> {
    let ty = graph.rel_type(id)?;
    let (start, end) = graph.rel_ends(id)?;
    let names = graph.names();
    Some(RelData {
        id,
        ty: names.name(ty).clone(),
        start,
        end,
        props: graph
            .rel_props(id)
            .into_iter()
            .map(|(k, v)| (names.name(k).clone(), v))
            .collect(),
        cites: cites(graph, Cited::Rel(id)),
    })
}

/// Node data from the undo record of a deletion.
pub fn node_data_from_undo(m: &Mutation) -> Option<NodeData> {
    match m {
        Mutation::CreateNode { id, labels, props } => Some(NodeData {
            id: *id,
            labels: labels.clone(),
            props: props.iter().cloned().collect(),
            cites: Vec::new(),
        }),
        _ => None,
    }
}

pub fn rel_data_from_undo(m: &Mutation) -> Option<RelData> {
    match m {
        Mutation::CreateRel {
            id,
            ty,
            start,
            end,
            props,
        } => Some(RelData {
            id: *id,
            ty: ty.clone(),
            start: *start,
            end: *end,
            props: props.iter().cloned().collect(),
            cites: Vec::new(),
        }),
        _ => None,
    }
}
