//! What a graph contains: labels, relationship types with the labels they connect, and
//! property keys, each with counts. Used by `kg schema`, the shell's `:schema` and completion.

use crate::graph::GraphRead;
use crate::model::Value;
use crate::result::QueryResult;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Default, Clone)]
pub struct Schema {
    /// Label and number of nodes carrying it.
    pub labels: Vec<(Arc<str>, usize)>,
    /// Type, start labels, end labels, count.
    pub types: Vec<(Arc<str>, String, String, usize)>,
    /// Key, "node" or "relationship", number of entities having it.
    pub keys: Vec<(Arc<str>, &'static str, usize)>,
}

fn label_set(graph: &dyn GraphRead, id: crate::model::NodeId) -> String {
    let names = graph.names();
    let labels: Vec<String> = graph
        .node_labels(id)
        .iter()
        .map(|l| format!(":{}", names.name(*l)))
        .collect();
    if labels.is_empty() {
        "()".into()
    } else {
        labels.join("")
    }
}

pub fn describe(graph: &dyn GraphRead) -> Schema {
    let names = graph.names();
    let mut labels: BTreeMap<Arc<str>, usize> = BTreeMap::new();
    let mut keys: BTreeMap<(Arc<str>, &'static str), usize> = BTreeMap::new();
    for id in graph.node_ids() {
        for l in graph.node_labels(id) {
            *labels.entry(names.name(*l).clone()).or_default() += 1;
        }
        for (k, _) in graph.node_props(id) {
            *keys.entry((names.name(k).clone(), "node")).or_default() += 1;
        }
    }
    let mut types: BTreeMap<(Arc<str>, String, String), usize> = BTreeMap::new();
    for id in graph.rel_ids() {
        let (Some(ty), Some((start, end))) = (graph.rel_type(id), graph.rel_ends(id)) else {
            continue;
        };
        let key = (
            names.name(ty).clone(),
            label_set(graph, start),
            label_set(graph, end),
        );
        *types.entry(key).or_default() += 1;
        for (k, _) in graph.rel_props(id) {
            *keys
                .entry((names.name(k).clone(), "relationship"))
                .or_default() += 1;
        }
    }
    Schema {
        labels: labels.into_iter().collect(),
        types: types
            .into_iter()
            .map(|((t, s, e), n)| (t, s, e, n))
            .collect(),
        keys: keys.into_iter().map(|((k, on), n)| (k, on, n)).collect(),
    }
}

impl Schema {
    /// The schema as three results (labels, relationship types, property keys), so that every
    /// output format prints it.
    pub fn as_results(&self) -> [QueryResult; 3] {
        let result = |columns: &[&str], rows: Vec<Vec<Value>>| QueryResult {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
            ..QueryResult::default()
        };
        let count = |n: usize| Value::Int(n as i64);
        [
            result(
                &["label", "nodes"],
                self.labels
                    .iter()
                    .map(|(l, n)| vec![Value::String(l.clone()), count(*n)])
                    .collect(),
            ),
            result(
                &["type", "from", "to", "relationships"],
                self.types
                    .iter()
                    .map(|(t, s, e, n)| {
                        vec![
                            Value::String(t.clone()),
                            Value::str(s),
                            Value::str(e),
                            count(*n),
                        ]
                    })
                    .collect(),
            ),
            result(
                &["key", "on", "count"],
                self.keys
                    .iter()
                    .map(|(k, on, n)| vec![Value::String(k.clone()), Value::str(on), count(*n)])
                    .collect(),
            ),
        ]
    }
}
