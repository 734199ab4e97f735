//! The part of a graph that an export writes: nodes and relationships with their data, in id
//! order so that every export of the same graph is byte-identical.

use crate::exec::{self, NodeData, QueryResult, RelData};
use crate::graph::{Direction, GraphRead};
use crate::model::{NodeId, RelId, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Nodes and relationships to export. Every relationship's end nodes are among the nodes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Subgraph {
    pub nodes: Vec<NodeData>,
    pub rels: Vec<RelData>,
}

impl Subgraph {
    /// The whole graph.
    pub fn whole(graph: &dyn GraphRead) -> Self {
        Subgraph {
            nodes: exec::graph_nodes(graph),
            rels: exec::graph_rels(graph),
        }
    }

    /// Every node, relationship and path mentioned anywhere in the results (inside lists and
    /// maps too), plus the end nodes of every relationship. With `induced`, also every
    /// relationship of `graph` between two of those nodes.
    ///
    /// Entity data comes from the results first (they hold it as it was when the statement
    /// finished), then from `graph`. A relationship whose end node is gone from both, as after
    /// a `DETACH DELETE`, is left out.
    pub fn from_results(results: &[QueryResult], graph: &dyn GraphRead, induced: bool) -> Self {
        let mut node_ids = BTreeSet::new();
        let mut rel_ids = BTreeSet::new();
        for result in results {
            for row in &result.rows {
                for value in row {
                    collect(value, &mut node_ids, &mut rel_ids);
                }
            }
        }
        let rel_data = |id: RelId| {
            results
                .iter()
                .find_map(|r| r.rel(id).cloned())
                .or_else(|| exec::rel_data(graph, id))
        };
        let node_data = |id: NodeId| {
            results
                .iter()
                .find_map(|r| r.node(id).cloned())
                .or_else(|| exec::node_data(graph, id))
        };
        let mut rels: BTreeMap<RelId, RelData> = rel_ids
            .into_iter()
            .filter_map(|id| rel_data(id).map(|r| (id, r)))
            .collect();
        for rel in rels.values() {
            node_ids.insert(rel.start);
            node_ids.insert(rel.end);
        }
        let nodes: BTreeMap<NodeId, NodeData> = node_ids
            .into_iter()
            .filter_map(|id| node_data(id).map(|n| (id, n)))
            .collect();
        if induced {
            for id in nodes.keys() {
                for entry in graph.adjacency(*id, Direction::Outgoing) {
                    if nodes.contains_key(&entry.other) && !rels.contains_key(&entry.rel) {
                        if let Some(r) = exec::rel_data(graph, entry.rel) {
                            rels.insert(entry.rel, r);
                        }
                    }
                }
            }
        }
        rels.retain(|_, r| nodes.contains_key(&r.start) && nodes.contains_key(&r.end));
        Subgraph {
            nodes: nodes.into_values().collect(),
            rels: rels.into_values().collect(),
        }
    }

    /// The node with this id, if the subgraph has it.
    pub fn node(&self, id: NodeId) -> Option<&NodeData> {
        self.nodes
            .binary_search_by_key(&id, |n| n.id)
            .ok()
            .map(|i| &self.nodes[i])
    }
}

fn collect(value: &Value, nodes: &mut BTreeSet<NodeId>, rels: &mut BTreeSet<RelId>) {
    match value {
        Value::Node(id) => {
            nodes.insert(*id);
        }
        Value::Rel(id) => {
            rels.insert(*id);
        }
        Value::Path(p) => {
            nodes.extend(p.nodes.iter().copied());
            rels.extend(p.rels.iter().copied());
        }
        Value::List(items) => items.iter().for_each(|v| collect(v, nodes, rels)),
        Value::Map(map) => map.values().for_each(|v| collect(v, nodes, rels)),
        _ => {}
    }
}
