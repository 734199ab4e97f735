//! The part of a graph that an export writes: nodes and relationships with their data, in id
//! order so that every export of the same graph is byte-identical.
//!
//! The whole graph is read from the graph as the exporter goes, one entity at a time, so an
//! export of a large graph does not hold a second copy of it; a query's subgraph holds the
//! data of its entities (taken from the results, which may describe entities the statement
//! deleted).
//!
//! Citations travel as reserved properties, the same in every format, so that any reader
//! keeps them and kg's import turns them back into citations: a cited source carries
//! `_kg_cite_id` (its id as text), a citing node or relationship `_kg_sources` (the
//! `_kg_cite_id`s it cites, in order) and, when a citation quotes a passage, `_kg_quotes`
//! (one text per source, `''` for none).

use super::{NodeData, QueryResult, RelData, node_data};
use crate::graph::{Direction, GraphRead, neighbours};
use crate::model::{NodeId, RelId};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Nodes and relationships to export. Every relationship's end nodes are among the nodes.
#[derive(Clone)]
pub struct Subgraph<'g> {
    source: Source<'g>,
}

use crate::graph::{CITE_ID, QUOTES, SOURCES};

fn cite_props(props: &mut crate::model::Map, cites: &[super::Cite]) {
    if cites.is_empty() {
        return;
    }
    let ids = cites
        .iter()
        .map(|c| crate::model::Value::str(&c.source.0.to_string()))
        .collect();
    props.insert(SOURCES.into(), crate::model::Value::list(ids));
    if cites.iter().any(|c| c.quote.is_some()) {
        let quotes = cites
            .iter()
            .map(|c| crate::model::Value::String(c.quote.clone().unwrap_or_else(|| "".into())))
            .collect();
        props.insert(QUOTES.into(), crate::model::Value::list(quotes));
    }
}

/// A node's data as exported: with its citations, and its id if it is a cited source.
fn exported_node(mut n: NodeData, is_source: bool) -> NodeData {
    if is_source {
        n.props.insert(
            CITE_ID.into(),
            crate::model::Value::str(&n.id.0.to_string()),
        );
    }
    cite_props(&mut n.props, &n.cites);
    n
}

fn exported_rel(mut r: RelData) -> RelData {
    cite_props(&mut r.props, &r.cites);
    r
}

#[derive(Clone)]
enum Source<'g> {
    Graph(&'g dyn GraphRead),
    Listed {
        nodes: Vec<NodeData>,
        rels: Vec<RelData>,
    },
}

impl Default for Subgraph<'_> {
    /// The empty subgraph.
    fn default() -> Self {
        Subgraph::listed(Vec::new(), Vec::new())
    }
}

impl<'g> Subgraph<'g> {
    /// The whole graph, read as the export goes.
    pub fn whole(graph: &'g dyn GraphRead) -> Self {
        Subgraph {
            source: Source::Graph(graph),
        }
    }

    /// Exactly these nodes and relationships (relationships whose ends are not among the
    /// nodes are left out).
    pub fn listed(mut nodes: Vec<NodeData>, mut rels: Vec<RelData>) -> Self {
        nodes.sort_by_key(|n| n.id);
        nodes.dedup_by_key(|n| n.id);
        rels.sort_by_key(|r| r.id);
        rels.dedup_by_key(|r| r.id);
        let has = |id: NodeId| nodes.binary_search_by_key(&id, |n| n.id).is_ok();
        rels.retain(|r| has(r.start) && has(r.end));
        // Citations of sources outside the subgraph cannot travel: they are left out.
        let ids: BTreeSet<NodeId> = nodes.iter().map(|n| n.id).collect();
        for n in &mut nodes {
            n.cites.retain(|c| ids.contains(&c.source));
        }
        for r in &mut rels {
            r.cites.retain(|c| ids.contains(&c.source));
        }
        let cited: BTreeSet<NodeId> = nodes
            .iter()
            .flat_map(|n| n.cites.iter())
            .chain(rels.iter().flat_map(|r| r.cites.iter()))
            .map(|c| c.source)
            .collect();
        let nodes = nodes
            .into_iter()
            .map(|n| {
                let is_source = cited.contains(&n.id);
                exported_node(n, is_source)
            })
            .collect();
        let rels = rels.into_iter().map(exported_rel).collect();
        Subgraph {
            source: Source::Listed { nodes, rels },
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
                    value.for_each_entity(&mut |id| _ = node_ids.insert(id), &mut |id| {
                        _ = rel_ids.insert(id)
                    });
                }
            }
        }
        let rel_data = |id: RelId| {
            results
                .iter()
                .find_map(|r| r.rel(id).cloned())
                .or_else(|| super::rel_data(graph, id))
        };
        let node_data = |id: NodeId| {
            results
                .iter()
                .find_map(|r| r.node(id).cloned())
                .or_else(|| node_data(graph, id))
        };
        let mut rels: BTreeMap<RelId, RelData> = rel_ids
            .into_iter()
            .filter_map(|id| rel_data(id).map(|r| (id, r)))
            .collect();
        for rel in rels.values() {
            node_ids.insert(rel.start);
            node_ids.insert(rel.end);
        }
        let mut nodes: BTreeMap<NodeId, NodeData> = node_ids
            .into_iter()
            .filter_map(|id| node_data(id).map(|n| (id, n)))
            .collect();
        // The sources the entities cite come along, so that their citations can.
        let sources: BTreeSet<NodeId> = nodes
            .values()
            .flat_map(|n| n.cites.iter())
            .chain(rels.values().flat_map(|r| r.cites.iter()))
            .map(|c| c.source)
            .filter(|id| !nodes.contains_key(id))
            .collect();
        for id in sources {
            if let Some(n) = node_data(id) {
                nodes.insert(id, n);
            }
        }
        if induced {
            for id in nodes.keys() {
                for (rel, other) in neighbours(graph, *id, Some(Direction::Outgoing), &[]) {
                    if nodes.contains_key(&other) && !rels.contains_key(&rel) {
                        if let Some(r) = super::rel_data(graph, rel) {
                            rels.insert(rel, r);
                        }
                    }
                }
            }
        }
        Subgraph::listed(nodes.into_values().collect(), rels.into_values().collect())
    }

    pub fn node_count(&self) -> usize {
        match &self.source {
            Source::Graph(g) => g.node_count(),
            Source::Listed { nodes, .. } => nodes.len(),
        }
    }

    pub fn rel_count(&self) -> usize {
        match &self.source {
            Source::Graph(g) => g.rel_count(),
            Source::Listed { rels, .. } => rels.len(),
        }
    }

    /// The nodes, in id order.
    pub fn nodes(&self) -> Box<dyn Iterator<Item = Cow<'_, NodeData>> + '_> {
        match &self.source {
            Source::Graph(g) => Box::new(
                g.node_ids()
                    .filter_map(|id| graph_node(*g, id))
                    .map(Cow::Owned),
            ),
            Source::Listed { nodes, .. } => Box::new(nodes.iter().map(Cow::Borrowed)),
        }
    }

    /// The relationships, in id order.
    pub fn rels(&self) -> Box<dyn Iterator<Item = Cow<'_, RelData>> + '_> {
        match &self.source {
            Source::Graph(g) => Box::new(
                g.rel_ids()
                    .filter_map(|id| super::rel_data(*g, id).map(exported_rel))
                    .map(Cow::Owned),
            ),
            Source::Listed { rels, .. } => Box::new(rels.iter().map(Cow::Borrowed)),
        }
    }

    /// The node with this id, if the subgraph has it.
    pub fn node(&self, id: NodeId) -> Option<Cow<'_, NodeData>> {
        match &self.source {
            Source::Graph(g) => graph_node(*g, id).map(Cow::Owned),
            Source::Listed { nodes, .. } => nodes
                .binary_search_by_key(&id, |n| n.id)
                .ok()
                .map(|i| Cow::Borrowed(&nodes[i])),
        }
    }

    /// The relationship with this id, if the subgraph has it.
    pub fn rel(&self, id: RelId) -> Option<Cow<'_, RelData>> {
        match &self.source {
            Source::Graph(g) => super::rel_data(*g, id).map(exported_rel).map(Cow::Owned),
            Source::Listed { rels, .. } => rels
                .binary_search_by_key(&id, |r| r.id)
                .ok()
                .map(|i| Cow::Borrowed(&rels[i])),
        }
    }
}

fn graph_node(graph: &dyn GraphRead, id: NodeId) -> Option<NodeData> {
    let is_source = graph.citations().is_cited(id);
    super::node_data(graph, id).map(|n| exported_node(n, is_source))
}
