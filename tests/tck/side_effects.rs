//! Side effects as the reference harness measures them: the difference between the graph's
//! state just before and just after the query under test.
//!
//! The state is four sets: node ids, relationship ids, the distinct label NAMES in use, and
//! (entity, key, value) property triples. So creating two `:A` nodes in a graph that has no
//! `:A` yet is `+labels 1`, and changing a property's value is one `-properties` and one
//! `+properties`.

use crate::convert::{NoEntities, from_kg};
use crate::values::TckValue;
use kg::Database;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SideEffectKind {
    AddedNodes,
    DeletedNodes,
    AddedRelationships,
    DeletedRelationships,
    AddedLabels,
    DeletedLabels,
    AddedProperties,
    DeletedProperties,
}

impl SideEffectKind {
    const ALL: [SideEffectKind; 8] = [
        SideEffectKind::AddedNodes,
        SideEffectKind::DeletedNodes,
        SideEffectKind::AddedRelationships,
        SideEffectKind::DeletedRelationships,
        SideEffectKind::AddedLabels,
        SideEffectKind::DeletedLabels,
        SideEffectKind::AddedProperties,
        SideEffectKind::DeletedProperties,
    ];

    /// The name used in side effect tables, e.g. `+nodes`.
    pub fn name(self) -> &'static str {
        match self {
            SideEffectKind::AddedNodes => "+nodes",
            SideEffectKind::DeletedNodes => "-nodes",
            SideEffectKind::AddedRelationships => "+relationships",
            SideEffectKind::DeletedRelationships => "-relationships",
            SideEffectKind::AddedLabels => "+labels",
            SideEffectKind::DeletedLabels => "-labels",
            SideEffectKind::AddedProperties => "+properties",
            SideEffectKind::DeletedProperties => "-properties",
        }
    }

    pub fn from_name(name: &str) -> Option<SideEffectKind> {
        SideEffectKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
    }
}

/// Counts by kind; a kind that is not listed counts 0 (compare with `mismatch`, which knows).
#[derive(Clone, Debug, Default)]
pub struct SideEffects(BTreeMap<SideEffectKind, usize>);

impl SideEffects {
    pub fn set(&mut self, kind: SideEffectKind, count: usize) {
        self.0.insert(kind, count);
    }

    pub fn get(&self, kind: SideEffectKind) -> usize {
        self.0.get(&kind).copied().unwrap_or(0)
    }

    /// `None` if equal, else e.g. `+nodes expected 1, got 2; -labels expected 0, got 1`.
    pub fn mismatch(&self, actual: &SideEffects) -> Option<String> {
        let differences: Vec<String> = SideEffectKind::ALL
            .into_iter()
            .filter(|&kind| self.get(kind) != actual.get(kind))
            .map(|kind| {
                format!(
                    "{} expected {}, got {}",
                    kind.name(),
                    self.get(kind),
                    actual.get(kind)
                )
            })
            .collect();
        (!differences.is_empty()).then(|| differences.join("; "))
    }

    /// Only the non-zero counts, e.g. `+nodes 1, +labels 1`, or `none`.
    pub fn summary(&self) -> String {
        let listed: Vec<String> = SideEffectKind::ALL
            .into_iter()
            .filter(|&kind| self.get(kind) != 0)
            .map(|kind| format!("{} {}", kind.name(), self.get(kind)))
            .collect();
        if listed.is_empty() {
            "none".to_string()
        } else {
            listed.join(", ")
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Entity {
    Node(u64),
    Rel(u64),
}

/// What side effects are measured on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphState {
    nodes: BTreeSet<u64>,
    rels: BTreeSet<u64>,
    labels: BTreeSet<String>,
    properties: BTreeSet<(Entity, String, TckValue)>,
}

impl GraphState {
    pub fn measure(db: &Database) -> Result<GraphState, String> {
        let mut state = GraphState {
            nodes: BTreeSet::new(),
            rels: BTreeSet::new(),
            labels: BTreeSet::new(),
            properties: BTreeSet::new(),
        };
        for node in db.nodes() {
            state.nodes.insert(node.id.0);
            state
                .labels
                .extend(node.labels.iter().map(|l| l.to_string()));
            for (key, value) in &node.props {
                let value = from_kg(value, &NoEntities)?;
                state
                    .properties
                    .insert((Entity::Node(node.id.0), key.to_string(), value));
            }
        }
        for rel in db.rels() {
            state.rels.insert(rel.id.0);
            for (key, value) in &rel.props {
                let value = from_kg(value, &NoEntities)?;
                state
                    .properties
                    .insert((Entity::Rel(rel.id.0), key.to_string(), value));
            }
        }
        Ok(state)
    }

    /// The side effects of going from `self` to `later`.
    pub fn diff(&self, later: &GraphState) -> SideEffects {
        fn added<T: Ord>(before: &BTreeSet<T>, after: &BTreeSet<T>) -> usize {
            after.difference(before).count()
        }
        let mut effects = SideEffects::default();
        let counts = [
            (SideEffectKind::AddedNodes, added(&self.nodes, &later.nodes)),
            (
                SideEffectKind::DeletedNodes,
                added(&later.nodes, &self.nodes),
            ),
            (
                SideEffectKind::AddedRelationships,
                added(&self.rels, &later.rels),
            ),
            (
                SideEffectKind::DeletedRelationships,
                added(&later.rels, &self.rels),
            ),
            (
                SideEffectKind::AddedLabels,
                added(&self.labels, &later.labels),
            ),
            (
                SideEffectKind::DeletedLabels,
                added(&later.labels, &self.labels),
            ),
            (
                SideEffectKind::AddedProperties,
                added(&self.properties, &later.properties),
            ),
            (
                SideEffectKind::DeletedProperties,
                added(&later.properties, &self.properties),
            ),
        ];
        for (kind, count) in counts {
            if count != 0 {
                effects.set(kind, count);
            }
        }
        effects
    }
}
