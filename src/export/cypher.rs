//! A script in the query language that rebuilds the subgraph, and that other engines run as
//! it is: Neo4j 5 and FalkorDB (Memgraph through its own dialect). Written the way APOC's cypher export writes one, so
//! it loads quickly: nodes are created in batches (`UNWIND` over a list of rows) with a
//! temporary label and key, relationships find their end nodes by that label and key, and
//! both are removed at the end. The script never depends on internal ids, so it can load
//! into a graph that already has data.
//!
//! Each statement is one line ending in `;` and comments are `//` lines, so every engine's
//! script runner (and a plain split on `;` at line ends) reads it the same way. Nodes are
//! grouped by label set and relationships by type, since labels and types cannot come from
//! a row; the temporary key is the node's position in the script, so exporting the imported
//! graph again writes the same script.
//!
//! Engines differ in how an index is declared and dropped, hence the [`Dialect`]s: the
//! portable script declares none, which costs kg nothing (it indexes a label and key on
//! the first lookup) but makes each relationship's lookup a label scan elsewhere.
//!
//! Values are literals: strings with escapes, floats always with a fraction or exponent (so
//! they stay floats), NaN and infinities as `0.0/0.0` and `1.0/0.0`, temporal values as calls
//! of the function that builds them (`date('2026-04-01')`), since their bare ISO text is not a
//! literal (`2026-04-01` would read back as the integer 2021).

use super::{NoEntities, Subgraph, counted};
use crate::format::write_value;
use crate::model::{Map, NodeId, RelId, Value};
use crate::syntax::{NameRule, quote_name, write_literal};
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashSet};
use std::io::{self, Write};
use std::sync::Arc;

/// Rows per `UNWIND` statement.
const BATCH: usize = 1000;
/// Nodes whose temporary label and key one statement removes: a bounded transaction in
/// engines that commit each statement.
const REMOVE_BATCH: usize = 10_000;

/// Which engine the script is for, as far as they differ: declaring and dropping the index
/// on the temporary key.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Runs unchanged in kg, Neo4j 5 and FalkorDB: an unnamed index on the temporary key,
    /// the one form the three share, left in place (they drop indexes in different forms).
    #[default]
    Portable,
    /// Neo4j 5: a named index on the temporary key, awaited before the rows and dropped at
    /// the end (Neo4j drops indexes only by name).
    Neo4j,
    /// FalkorDB: an index on the temporary key, dropped at the end (FalkorDB has no index
    /// names).
    FalkorDb,
    /// Memgraph: its own index syntax (`CREATE INDEX ON :Label(key)`), dropped at the end.
    Memgraph,
}

/// A label, type or key as every engine the script is for reads it: see
/// [`NameRule::Portable`].
pub(crate) fn name(s: &str) -> String {
    quote_name(s, NameRule::Portable).into_owned()
}

fn literal(out: &mut String, v: &Value) {
    match v {
        Value::Float(f) if f.is_nan() => out.push_str("0.0/0.0"),
        Value::Float(f) if f.is_infinite() => {
            out.push_str(if *f > 0.0 { "1.0/0.0" } else { "-1.0/0.0" });
        }
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                literal(out, item);
            }
            out.push(']');
        }
        temporal if temporal.temporal_kind().is_some() => {
            // Writing to a String cannot fail.
            let _ = write_literal(out, temporal);
        }
        other => write_value(out, other, &NoEntities),
    }
}

/// The keys any of `maps` has, in order: a row holds one value for each.
fn columns<'m>(maps: impl Iterator<Item = &'m Map>) -> Vec<Arc<str>> {
    let keys: BTreeSet<&Arc<str>> = maps.flat_map(|m| m.keys()).collect();
    keys.into_iter().cloned().collect()
}

/// Appends `, v1, v2, ...`: the map's value for each column, `null` where it has none,
/// which CREATE skips (a property is never null).
fn row_values(out: &mut String, map: &Map, columns: &[Arc<str>]) {
    for column in columns {
        out.push_str(", ");
        match map.get(column) {
            Some(v) => literal(out, v),
            None => out.push_str("null"),
        }
    }
}

/// `{key: row[0], name: row[1], ...}`: the properties a row holds from index `first` on,
/// after the temporary key if there is one.
fn row_map(key: Option<&str>, columns: &[Arc<str>], first: usize) -> String {
    let mut parts: Vec<String> = key.map(|k| format!("{k}: row[0]")).into_iter().collect();
    for (i, column) in columns.iter().enumerate() {
        parts.push(format!("{}: row[{}]", name(column), first + i));
    }
    format!("{{{}}}", parts.join(", "))
}

/// `base`, or `base_1`, `base_2`, ...: the first that `taken` does not hold.
fn unused(base: &str, taken: &HashSet<Arc<str>>) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while taken.contains(candidate.as_str()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// Ids in first-seen order of their group (a label set, a relationship type).
struct Groups<K, Id> {
    index: FxHashMap<K, usize>,
    groups: Vec<(K, Vec<Id>)>,
}

impl<K: std::hash::Hash + Eq + Clone, Id> Groups<K, Id> {
    fn new() -> Self {
        Groups {
            index: FxHashMap::default(),
            groups: Vec::new(),
        }
    }

    fn push(&mut self, key: &K, id: Id) {
        let i = match self.index.get(key) {
            Some(i) => *i,
            None => {
                self.groups.push((key.clone(), Vec::new()));
                self.index.insert(key.clone(), self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        self.groups[i].1.push(id);
    }
}

/// What the script names that no entity of the subgraph may use already.
struct Temporary {
    label: String,
    key: String,
}

impl Temporary {
    fn index_statement(&self, dialect: Dialect) -> Option<String> {
        let (l, k) = (name(&self.label), name(&self.key));
        match dialect {
            // The one form Neo4j 5, FalkorDB and kg share: unnamed. Neo4j and FalkorDB drop
            // indexes in forms the others refuse, so the portable script leaves it, empty
            // once the temporary label is gone.
            Dialect::Portable | Dialect::FalkorDb => {
                Some(format!("CREATE INDEX FOR (n:{l}) ON (n.{k});"))
            }
            Dialect::Neo4j => Some(format!(
                "CREATE INDEX {} FOR (n:{l}) ON (n.{k});\nCALL db.awaitIndexes(300);",
                self.index_name()
            )),
            Dialect::Memgraph => Some(format!("CREATE INDEX ON :{l}({k});")),
        }
    }

    fn drop_statement(&self, dialect: Dialect) -> Option<String> {
        let (l, k) = (name(&self.label), name(&self.key));
        match dialect {
            Dialect::Portable => None,
            Dialect::Neo4j => Some(format!("DROP INDEX {};", self.index_name())),
            Dialect::FalkorDb => Some(format!("DROP INDEX FOR (n:{l}) ON (n.{k});")),
            Dialect::Memgraph => Some(format!("DROP INDEX ON :{l}({k});")),
        }
    }

    fn index_name(&self) -> String {
        name(&format!("{}{}", self.label, self.key))
    }
}

pub fn write(sub: &Subgraph, dialect: Dialect, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let mut labels_taken = HashSet::new();
    let mut keys_taken = HashSet::new();
    let mut node_groups: Groups<Vec<Arc<str>>, NodeId> = Groups::new();
    for node in sub.nodes() {
        labels_taken.extend(node.labels.iter().cloned());
        keys_taken.extend(node.props.keys().cloned());
        node_groups.push(&node.labels, node.id);
    }
    let mut rel_groups: Groups<Arc<str>, RelId> = Groups::new();
    for rel in sub.rels() {
        rel_groups.push(&rel.ty, rel.id);
    }
    let temp = Temporary {
        label: unused("_KgExport", &labels_taken),
        key: unused("_kg_id", &keys_taken),
    };
    let (l, k) = (name(&temp.label), name(&temp.key));

    writeln!(
        out,
        "// kg export: {}, {}, as a script in kg's query language for {}.",
        counted(sub.node_count(), "node"),
        counted(sub.rel_count(), "relationship"),
        match dialect {
            Dialect::Portable => "kg, Neo4j 5 and FalkorDB",
            Dialect::Neo4j => "Neo4j 5",
            Dialect::FalkorDb => "FalkorDB",
            Dialect::Memgraph => "Memgraph",
        }
    )?;
    writeln!(
        out,
        "// Nodes get a temporary label {} and key {}, relationships find their end nodes by them, and both are removed at the end.",
        temp.label, temp.key
    )?;
    if dialect == Dialect::Portable {
        writeln!(
            out,
            "// The index on :{}({}) stays, empty, at the end: --dialect neo4j or falkordb drop theirs.",
            temp.label, temp.key
        )?;
    }
    if sub.node_count() == 0 {
        return Ok(Vec::new());
    }
    if let Some(statement) = temp.index_statement(dialect) {
        writeln!(out, "{statement}")?;
    }

    // The key of each node is its place in the script, as text: FalkorDB looks up strings
    // in an index several times faster than integers.
    let mut key_of: FxHashMap<NodeId, usize> = FxHashMap::default();
    let mut line = String::new();
    for (labels, ids) in &node_groups.groups {
        let mut label_text = format!(":{l}");
        for label in labels {
            label_text.push(':');
            label_text.push_str(&name(label));
        }
        for chunk in ids.chunks(BATCH) {
            let nodes: Vec<_> = chunk.iter().filter_map(|id| sub.node(*id)).collect();
            let columns = columns(nodes.iter().map(|n| &n.props));
            line.clear();
            line.push_str("UNWIND [");
            for node in &nodes {
                let seq = key_of.len();
                key_of.insert(node.id, seq);
                if !line.ends_with('[') {
                    line.push_str(", ");
                }
                line.push_str(&format!("['{seq}'"));
                row_values(&mut line, &node.props, &columns);
                line.push(']');
            }
            line.push_str(&format!(
                "] AS row CREATE ({label_text} {});\n",
                row_map(Some(&k), &columns, 1)
            ));
            out.write_all(line.as_bytes())?;
        }
    }

    for (ty, ids) in &rel_groups.groups {
        for chunk in ids.chunks(BATCH) {
            let rels: Vec<_> = chunk.iter().filter_map(|id| sub.rel(*id)).collect();
            let columns = columns(rels.iter().map(|r| &r.props));
            line.clear();
            line.push_str("UNWIND [");
            for rel in &rels {
                // Every relationship's end nodes are among the subgraph's nodes.
                let (Some(start), Some(end)) = (key_of.get(&rel.start), key_of.get(&rel.end))
                else {
                    continue;
                };
                if !line.ends_with('[') {
                    line.push_str(", ");
                }
                line.push_str(&format!("['{start}', '{end}'"));
                row_values(&mut line, &rel.props, &columns);
                line.push(']');
            }
            let props = if columns.is_empty() {
                String::new()
            } else {
                format!(" {}", row_map(None, &columns, 2))
            };
            line.push_str(&format!(
                "] AS row MATCH (a:{l} {{{k}: row[0]}}) MATCH (b:{l} {{{k}: row[1]}}) CREATE (a)-[:{}{props}]->(b);\n",
                name(ty),
            ));
            out.write_all(line.as_bytes())?;
        }
    }

    for _ in 0..key_of.len().div_ceil(REMOVE_BATCH) {
        writeln!(
            out,
            "MATCH (n:{l}) WITH n LIMIT {REMOVE_BATCH} REMOVE n:{l}, n.{k};"
        )?;
    }
    if let Some(statement) = temp.drop_statement(dialect) {
        writeln!(out, "{statement}")?;
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_when_not_plain() {
        assert_eq!(name("Company"), "Company");
        assert_eq!(name("has space"), "`has space`");
        assert_eq!(name("a`b"), "`a``b`");
        assert_eq!(name("match"), "`match`");
        assert_eq!(name("1st"), "`1st`");
    }

    #[test]
    fn floats_stay_floats() {
        let mut s = String::new();
        literal(
            &mut s,
            &Value::list(vec![Value::Float(2.0), Value::Float(f64::INFINITY)]),
        );
        assert_eq!(s, "[2.0, 1.0/0.0]");
    }

    #[test]
    fn temporal_values_are_function_calls() {
        let cases = [
            ("date", "2026-04-01"),
            ("localtime", "09:00:30.5"),
            ("time", "09:00+01:00"),
            ("localdatetime", "2026-04-01T09:00"),
            ("datetime", "2026-04-01T09:00-05:30"),
            ("duration", "P1M2DT3.5S"),
        ];
        for (kind, text) in cases {
            let kind = crate::model::temporal::TemporalKind::from_name(kind).unwrap();
            let mut s = String::new();
            literal(&mut s, &kind.parse(text).unwrap());
            assert_eq!(s, format!("{}('{text}')", kind.name()));
        }
    }
}
