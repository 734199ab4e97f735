//! The graph's statistics by name: how many nodes carry each label, how many relationships
//! have each type, how many nodes and relationships have each property key, and how many
//! relationships of each type join each pair of label sets. This is the one place they are
//! counted: `kg schema` and the shell's `:schema` (`schema::describe`), the `db.*`
//! procedures, the notes on names a statement reads that the graph lacks, and the shell's
//! completion (`Database::statistics`) all read them from here.

use super::{EntityKind, GraphRead, Symbol};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Counts by name, each list sorted by name; names no entity uses are left out.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Statistics {
    /// Label and the number of nodes carrying it.
    pub labels: Vec<(Arc<str>, usize)>,
    /// Relationship type and the number of relationships having it.
    pub types: Vec<(Arc<str>, usize)>,
    /// Property key, what has it, and how many of those: a key used on nodes and on
    /// relationships comes twice, nodes first.
    pub keys: Vec<(Arc<str>, EntityKind, usize)>,
}

impl Statistics {
    /// The property keys in use on anything, sorted, each once.
    pub fn property_keys(&self) -> Vec<Arc<str>> {
        let mut keys: Vec<Arc<str>> = self.keys.iter().map(|(k, _, _)| k.clone()).collect();
        keys.dedup();
        keys
    }
}

/// The counts the graph keeps as it changes (its label sets, each type's adjacency, each
/// key's column), so this costs one look per name, never a walk over the entities.
pub fn statistics(graph: &dyn GraphRead) -> Statistics {
    let names = graph.names().all();
    let symbols = || (0..names.len()).map(|i| (Symbol(i as u32), &names[i]));
    let counted = |count: &dyn Fn(Symbol) -> usize| -> Vec<(Arc<str>, usize)> {
        let mut named: Vec<(Arc<str>, usize)> = symbols()
            .map(|(sym, name)| (name.clone(), count(sym)))
            .filter(|(_, n)| *n > 0)
            .collect();
        named.sort();
        named
    };
    let mut keys = Vec::new();
    for (sym, name) in symbols() {
        let on_nodes = graph.node_column(sym).map_or(0, |c| c.count());
        let on_rels = graph.rel_column(sym).map_or(0, |c| c.count());
        if on_nodes > 0 {
            keys.push((name.clone(), EntityKind::Node, on_nodes));
        }
        if on_rels > 0 {
            keys.push((name.clone(), EntityKind::Relationship, on_rels));
        }
    }
    // Stable, so a key's node entry stays before its relationship entry.
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    Statistics {
        labels: counted(&|sym| graph.label_count(sym)),
        types: counted(&|sym| graph.type_count(sym)),
        keys,
    }
}

/// Label names, in the order the graph keeps them.
type LabelSet = Vec<Arc<str>>;

/// Relationships of one type between nodes with one label set and nodes with another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeEnds {
    pub ty: Arc<str>,
    /// The start nodes' labels, in the order the graph keeps them (empty for no label).
    pub start: Vec<Arc<str>>,
    pub end: Vec<Arc<str>>,
    pub count: usize,
}

/// How many relationships of each type join each pair of label sets, sorted: the one count
/// that needs a walk over every relationship. `check` is called before each one, so that a
/// statement's limits can stop the walk.
pub fn type_ends<E>(
    graph: &dyn GraphRead,
    mut check: impl FnMut() -> Result<(), E>,
) -> Result<Vec<TypeEnds>, E> {
    let names = graph.names();
    let labels = |id| -> LabelSet {
        graph
            .node_labels(id)
            .iter()
            .map(|l| names.name(*l))
            .collect()
    };
    let mut counts: BTreeMap<(Arc<str>, LabelSet, LabelSet), usize> = BTreeMap::new();
    for id in graph.rel_ids() {
        check()?;
        let (Some(ty), Some((start, end))) = (graph.rel_type(id), graph.rel_ends(id)) else {
            continue;
        };
        *counts
            .entry((names.name(ty), labels(start), labels(end)))
            .or_default() += 1;
    }
    Ok(counts
        .into_iter()
        .map(|((ty, start, end), count)| TypeEnds {
            ty,
            start,
            end,
            count,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{MemoryGraph, Mutation};
    use crate::model::{NodeId, RelId, Value};

    fn node(id: u64, labels: &[&str], keys: &[&str]) -> Mutation {
        Mutation::CreateNode {
            id: NodeId(id),
            labels: labels.iter().map(|l| Arc::from(*l)).collect(),
            props: keys
                .iter()
                .map(|k| (Arc::from(*k), Value::Int(1)))
                .collect(),
        }
    }

    fn rel(id: u64, ty: &str, start: u64, end: u64, keys: &[&str]) -> Mutation {
        Mutation::CreateRel {
            id: RelId(id),
            ty: Arc::from(ty),
            start: NodeId(start),
            end: NodeId(end),
            props: keys
                .iter()
                .map(|k| (Arc::from(*k), Value::Int(1)))
                .collect(),
        }
    }

    /// The same counts by a walk over every entity, to hold the kept counts against.
    fn walked(g: &dyn GraphRead) -> Statistics {
        let names = g.names();
        let mut labels = BTreeMap::new();
        let mut types = BTreeMap::new();
        let mut keys = BTreeMap::new();
        for id in g.node_ids() {
            for l in g.node_labels(id) {
                *labels.entry(names.name(*l)).or_insert(0) += 1;
            }
            for (k, _) in g.node_props(id) {
                *keys.entry((names.name(k), 0)).or_insert(0) += 1;
            }
        }
        for id in g.rel_ids() {
            *types
                .entry(names.name(g.rel_type(id).unwrap()))
                .or_insert(0) += 1;
            for (k, _) in g.rel_props(id) {
                *keys.entry((names.name(k), 1)).or_insert(0) += 1;
            }
        }
        let kind = |k| match k {
            0 => EntityKind::Node,
            _ => EntityKind::Relationship,
        };
        Statistics {
            labels: labels.into_iter().collect(),
            types: types.into_iter().collect(),
            keys: keys
                .into_iter()
                .map(|((name, k), n)| (name, kind(k), n))
                .collect(),
        }
    }

    #[test]
    fn kept_counts_match_a_walk_through_creates_deletes_and_undos() {
        let mut g = MemoryGraph::new();
        let changes = [
            node(0, &["Person", "Author"], &["name", "born"]),
            node(1, &["Person"], &["name"]),
            node(2, &["Book"], &["title", "name"]),
            node(3, &[], &[]),
            rel(0, "WROTE", 0, 2, &["year"]),
            rel(1, "KNOWS", 0, 1, &[]),
            rel(2, "KNOWS", 1, 3, &["name"]),
        ];
        for m in changes {
            g.apply(m).unwrap();
        }
        assert_eq!(statistics(&g), walked(&g));
        let stats = statistics(&g);
        assert_eq!(
            stats.property_keys(),
            ["born", "name", "title", "year"].map(Arc::from)
        );
        assert_eq!(
            stats.keys[1..3],
            [
                (Arc::from("name"), EntityKind::Node, 3),
                (Arc::from("name"), EntityKind::Relationship, 1),
            ]
        );
        let mut undos = Vec::new();
        for m in [
            Mutation::DeleteRel { id: RelId(2) },
            Mutation::DeleteNode { id: NodeId(3) },
            Mutation::RemoveLabel {
                id: NodeId(0),
                label: Arc::from("Author"),
            },
            Mutation::SetNodeProperty {
                id: NodeId(2),
                key: Arc::from("title"),
                value: Value::Null,
            },
        ] {
            undos.push(g.apply(m).unwrap());
            assert_eq!(statistics(&g), walked(&g));
        }
        let stats = statistics(&g);
        assert_eq!(
            stats.labels,
            [(Arc::from("Book"), 1), (Arc::from("Person"), 2)]
        );
        assert_eq!(
            stats.types,
            [(Arc::from("KNOWS"), 1), (Arc::from("WROTE"), 1)]
        );
        for undo in undos.into_iter().rev().flatten() {
            g.apply(undo).unwrap();
            assert_eq!(statistics(&g), walked(&g));
        }
    }

    #[test]
    fn type_ends_count_each_pair_of_label_sets() {
        let mut g = MemoryGraph::new();
        for m in [
            node(0, &["A"], &[]),
            node(1, &["B", "C"], &[]),
            node(2, &[], &[]),
            rel(0, "R", 0, 1, &[]),
            rel(1, "R", 0, 1, &[]),
            rel(2, "R", 1, 2, &[]),
        ] {
            g.apply(m).unwrap();
        }
        let ends = type_ends(&g, || Ok::<(), ()>(())).unwrap();
        let set = |names: &[&str]| -> LabelSet { names.iter().map(|n| Arc::from(*n)).collect() };
        assert_eq!(
            ends,
            [
                TypeEnds {
                    ty: Arc::from("R"),
                    start: set(&["A"]),
                    end: set(&["B", "C"]),
                    count: 2,
                },
                TypeEnds {
                    ty: Arc::from("R"),
                    start: set(&["B", "C"]),
                    end: set(&[]),
                    count: 1,
                },
            ]
        );
        let mut stops = 0;
        assert_eq!(
            type_ends(&g, || {
                stops += 1;
                if stops == 2 { Err("stopped") } else { Ok(()) }
            }),
            Err("stopped")
        );
    }
}
