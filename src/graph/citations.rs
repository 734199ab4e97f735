//! Citations: which `:Source` nodes back a node or a relationship, optionally with the passage
//! quoted. They are an attachment of the cited entity, kept beside the graph rather than as
//! relationships, so pattern matching, path searches, degrees and `--induced` exports never
//! walk through them. Changed only by [`Mutation::SetCitations`](super::Mutation), like every
//! other change.

use super::GraphRead;
use crate::model::{NodeId, RelId, Value};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How citations travel through export formats (reserved properties, read back by the
/// import): a cited source's id, as text.
pub const CITE_ID: &str = "_kg_cite_id";
/// The reserved property of a citing entity: the `_kg_cite_id`s of its sources, in order.
pub const SOURCES: &str = "_kg_sources";
/// The reserved property of a citing entity whose citations quote: one text per source.
pub const QUOTES: &str = "_kg_quotes";

/// A node or relationship that cites sources.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub enum Cited {
    Node(NodeId),
    Rel(RelId),
}

/// One source an entity cites, with the passage it quotes, if any.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Citation {
    pub source: NodeId,
    pub quote: Option<Arc<str>>,
}

/// Every entity's citations, and per source node the entities citing it (to drop them when
/// the source goes).
#[derive(Default, Clone, Debug)]
pub struct Citations {
    by_entity: BTreeMap<Cited, Vec<Citation>>,
    by_source: BTreeMap<NodeId, BTreeSet<Cited>>,
}

impl Citations {
    pub fn of(&self, entity: Cited) -> &[Citation] {
        self.by_entity.get(&entity).map_or(&[], Vec::as_slice)
    }

    /// The entities citing `source`, in id order (nodes first).
    pub fn citing(&self, source: NodeId) -> Vec<Cited> {
        self.by_source
            .get(&source)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    pub fn is_cited(&self, source: NodeId) -> bool {
        self.by_source.get(&source).is_some_and(|s| !s.is_empty())
    }

    /// Every entity with citations, in id order (nodes first).
    pub fn all(&self) -> impl Iterator<Item = (Cited, &[Citation])> {
        self.by_entity.iter().map(|(e, c)| (*e, c.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.by_entity.is_empty()
    }

    /// Replaces the citations of `entity` and returns the old ones.
    pub(super) fn replace(&mut self, entity: Cited, new: Vec<Citation>) -> Vec<Citation> {
        let old = if new.is_empty() {
            self.by_entity.remove(&entity).unwrap_or_default()
        } else {
            self.by_entity
                .insert(entity, new.clone())
                .unwrap_or_default()
        };
        for c in &old {
            if let Some(set) = self.by_source.get_mut(&c.source) {
                set.remove(&entity);
                if set.is_empty() {
                    self.by_source.remove(&c.source);
                }
            }
        }
        for c in &new {
            self.by_source.entry(c.source).or_default().insert(entity);
        }
        old
    }
}

/// `citations` with `add` merged in: a source already cited keeps its place and takes the new
/// quote when one is given; new sources go at the end.
pub fn merged(mut citations: Vec<Citation>, add: Citation) -> Vec<Citation> {
    match citations.iter_mut().find(|c| c.source == add.source) {
        Some(c) => {
            if add.quote.is_some() {
                c.quote = add.quote;
            }
        }
        None => citations.push(add),
    }
    citations
}

/// The label a cited node must carry.
pub const SOURCE_LABEL: &str = "Source";

/// The name a source goes by in explanations: its `name`, else its id.
pub fn source_name(graph: &dyn GraphRead, id: NodeId) -> Arc<str> {
    let key = graph.names().get("name");
    match key.map(|k| graph.node_prop(id, k)) {
        Some(Value::String(s)) => s,
        _ => Arc::from(format!("node {}", id.0).as_str()),
    }
}
