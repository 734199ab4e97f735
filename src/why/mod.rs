//! Why two entities are connected (kg's `why` and the shell's `:connect`): the k best paths
//! between two nodes within a hop limit and an expansion budget, over relationships of any
//! type in either direction. Paths never pass through a `:Source` node (provenance explains a
//! fact, it does not connect two), and citations are not relationships, so they are never
//! walked. A node that touches much of the graph explains little, so paths through hubs rank
//! lower: each node in the middle of a path costs the logarithm of its degree.

mod render;

use crate::graph::{Cited, GraphRead, neighbours};
use crate::model::{NodeId, RelId, Value};
use crate::result::{self, NodeData, RelData};
use std::collections::HashSet;
use std::sync::Arc;

pub use render::{node_name, to_json, to_text};

/// How far and how long to look.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How many paths to return.
    pub k: usize,
    /// The longest path, in relationships.
    pub max_hops: usize,
    /// How many relationships the search may follow before it stops with what it has.
    pub budget: usize,
    /// Only nodes and relationships valid at this date (as `--as-of` makes MATCH see them).
    pub as_of: Option<chrono::NaiveDate>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            k: 3,
            max_hops: 4,
            budget: 200_000,
            as_of: None,
        }
    }
}

/// One connection: nodes from the first entity to the second and the relationships between
/// them (`forward` says whether each was followed from its start to its end).
#[derive(Clone, Debug)]
pub struct Connection {
    pub nodes: Vec<NodeData>,
    pub rels: Vec<(RelData, bool)>,
    /// The rank: hops plus the cost of the hubs passed through (lower explains better).
    pub cost: f64,
}

/// What a search found.
#[derive(Clone, Debug)]
pub struct Found {
    pub connections: Vec<Connection>,
    /// The budget ran out: longer or costlier paths may have been missed.
    pub truncated: bool,
}

/// A name that does not pick out one node.
#[derive(Clone, Debug, PartialEq)]
pub enum NameError {
    NotFound(String),
    /// The candidates: each node's name and labels.
    Ambiguous(String, Vec<(Arc<str>, Vec<Arc<str>>)>),
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameError::NotFound(name) => {
                write!(f, "no node is named or also known as '{name}'")
            }
            NameError::Ambiguous(name, candidates) => {
                write!(f, "'{name}' names {} nodes:", candidates.len())?;
                for (n, labels) in candidates {
                    let labels: String = labels.iter().map(|l| format!(":{l}")).collect();
                    write!(f, "\n  {n} ({labels})")?;
                }
                write!(f, "\nwrite the name as one of these")
            }
        }
    }
}

/// The node called `name` (its `name`, or one of its `aliases`; exact spelling first, then
/// ignoring case).
pub fn resolve(graph: &dyn GraphRead, name: &str) -> Result<NodeId, NameError> {
    let key = |k: &str| graph.names().get(k);
    let (name_key, aliases_key) = (key("name"), key("aliases"));
    let names_of = |id: NodeId| -> Vec<Arc<str>> {
        let mut out = Vec::new();
        if let Some(Value::String(s)) = name_key.map(|k| graph.node_prop(id, k)) {
            out.push(s);
        }
        if let Some(Value::List(items)) = aliases_key.map(|k| graph.node_prop(id, k)) {
            out.extend(items.iter().filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                _ => None,
            }));
        }
        out
    };
    for exact in [true, false] {
        let hits: Vec<NodeId> = graph
            .node_ids()
            .filter(|id| {
                names_of(*id).iter().any(|n| {
                    if exact {
                        &**n == name
                    } else {
                        n.to_lowercase() == name.to_lowercase()
                    }
                })
            })
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                let names = graph.names();
                let candidates = many
                    .iter()
                    .map(|id| {
                        let name = names_of(*id)
                            .into_iter()
                            .next()
                            .unwrap_or_else(|| Arc::from(format!("node {}", id.0).as_str()));
                        let labels = graph
                            .node_labels(*id)
                            .iter()
                            .map(|l| names.name(*l).clone())
                            .collect();
                        (name, labels)
                    })
                    .collect();
                return Err(NameError::Ambiguous(name.to_string(), candidates));
            }
        }
    }
    Err(NameError::NotFound(name.to_string()))
}

/// Why a search between two names could not start.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectError {
    Name(NameError),
    /// Both names pick out the same node.
    SameNode(String, String),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::Name(e) => e.fmt(f),
            ConnectError::SameNode(a, b) => write!(f, "'{a}' and '{b}' are the same node"),
        }
    }
}

/// The `limits.k` best connections between the nodes called `from` and `to` (see
/// [`resolve`]).
pub fn connect_names(
    graph: &dyn GraphRead,
    from: &str,
    to: &str,
    limits: Limits,
) -> Result<Found, ConnectError> {
    let a = resolve(graph, from).map_err(ConnectError::Name)?;
    let b = resolve(graph, to).map_err(ConnectError::Name)?;
    if a == b {
        return Err(ConnectError::SameNode(from.into(), to.into()));
    }
    Ok(connect(graph, a, b, limits))
}

/// The `limits.k` best connections from `from` to `to`.
pub fn connect(graph: &dyn GraphRead, from: NodeId, to: NodeId, limits: Limits) -> Found {
    let source = graph.names().get(crate::graph::SOURCE_LABEL);
    let is_source = |n: NodeId| source.is_some_and(|l| graph.node_has_label(n, l));
    let degree = |n: NodeId| neighbours(graph, n, None, &[]).count().max(1) as f64;
    let mut search = Search {
        graph,
        to,
        limits,
        spent: 0,
        found: Vec::new(),
        nodes: vec![from],
        rels: Vec::new(),
        on_path: HashSet::from([from]),
        is_source: &is_source,
    };
    search.walk();
    let mut paths: Vec<(f64, RawPath)> = search
        .found
        .iter()
        .map(|(nodes, rels)| {
            let hubs: f64 = nodes[1..nodes.len() - 1]
                .iter()
                .map(|n| degree(*n).ln())
                .sum();
            (rels.len() as f64 + hubs, (nodes.clone(), rels.clone()))
        })
        .collect();
    paths.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.1.cmp(&b.1.1)));
    let connections = paths
        .into_iter()
        .take(limits.k)
        .map(|(cost, (nodes, rels))| Connection {
            nodes: nodes
                .iter()
                .filter_map(|n| result::node_data(graph, *n))
                .collect(),
            rels: rels
                .iter()
                .filter_map(|(r, fwd)| result::rel_data(graph, *r).map(|d| (d, *fwd)))
                .collect(),
            cost,
        })
        .collect();
    Found {
        connections,
        truncated: search.spent >= limits.budget,
    }
}

/// A path found: its nodes, and its relationships with the direction each was followed in.
type RawPath = (Vec<NodeId>, Vec<(RelId, bool)>);

/// A depth-first enumeration of simple paths, up to the hop limit and the budget.
struct Search<'a> {
    graph: &'a dyn GraphRead,
    to: NodeId,
    limits: Limits,
    spent: usize,
    found: Vec<RawPath>,
    nodes: Vec<NodeId>,
    rels: Vec<(RelId, bool)>,
    on_path: HashSet<NodeId>,
    is_source: &'a dyn Fn(NodeId) -> bool,
}

impl Search<'_> {
    fn walk(&mut self) {
        let Some(&here) = self.nodes.last() else {
            return;
        };
        if self.rels.len() >= self.limits.max_hops {
            return;
        }
        let steps: Vec<(RelId, NodeId)> = neighbours(self.graph, here, None, &[]).collect();
        for (rel, next) in steps {
            if self.spent >= self.limits.budget {
                return;
            }
            self.spent += 1;
            if self.on_path.contains(&next) || self.rels.iter().any(|(r, _)| *r == rel) {
                continue;
            }
            if let Some(date) = self.limits.as_of {
                // A bound that is not a date cannot be tested: the element is left in.
                let valid = |e| crate::functions::valid_at(self.graph, e, date).unwrap_or(true);
                if !valid(Cited::Rel(rel)) || !valid(Cited::Node(next)) {
                    continue;
                }
            }
            let forward = self.graph.rel_ends(rel).is_some_and(|(s, _)| s == here);
            if next == self.to {
                let mut nodes = self.nodes.clone();
                nodes.push(next);
                let mut rels = self.rels.clone();
                rels.push((rel, forward));
                self.found.push((nodes, rels));
                continue;
            }
            if (self.is_source)(next) {
                continue;
            }
            self.nodes.push(next);
            self.rels.push((rel, forward));
            self.on_path.insert(next);
            self.walk();
            self.on_path.remove(&next);
            self.rels.pop();
            self.nodes.pop();
        }
    }
}
