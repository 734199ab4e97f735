//! What a graph contains: labels, relationship types with the labels they connect, and
//! property keys, each with counts (counted by `graph::stats`), as `kg schema` and the
//! shell's `:schema` print them (`Database::schema`).

use crate::graph::{EntityKind, GraphRead};
use crate::model::Value;
use crate::result::QueryResult;
use std::collections::BTreeMap;
use std::convert::Infallible;
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

/// A label set as the schema prints it: `:A:B`, or `()` for none.
fn label_set(labels: &[Arc<str>]) -> String {
    if labels.is_empty() {
        return "()".into();
    }
    labels.iter().map(|l| format!(":{l}")).collect()
}

/// The graph's schema, from the counts of [`crate::graph::statistics`] and
/// [`crate::graph::type_ends`].
pub fn describe(graph: &dyn GraphRead) -> Schema {
    let stats = crate::graph::statistics(graph);
    let Ok(ends) = crate::graph::type_ends(graph, || Ok::<(), Infallible>(()));
    // Sorted by the printed label sets, which can differ from the order of the sets.
    let mut types: BTreeMap<(Arc<str>, String, String), usize> = BTreeMap::new();
    for e in ends {
        *types
            .entry((e.ty, label_set(&e.start), label_set(&e.end)))
            .or_default() += e.count;
    }
    Schema {
        labels: stats.labels,
        types: types
            .into_iter()
            .map(|((t, s, e), n)| (t, s, e, n))
            .collect(),
        keys: stats
            .keys
            .into_iter()
            .map(|(k, on, n)| {
                let on = match on {
                    EntityKind::Node => "node",
                    EntityKind::Relationship => "relationship",
                };
                (k, on, n)
            })
            .collect(),
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
