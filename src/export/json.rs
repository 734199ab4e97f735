//! JSON: one document whose elements are the node and relationship objects of
//! `kg query --format json`; and JSON lines in the layout of Neo4j APOC's JSON export
//! (`{"type":"node","id":"0","labels":[..],"properties":{..}}`,
//! `{"type":"relationship","id":"0","label":"T","start":{"id":..,"labels":[..]},..}`), which
//! APOC's `apoc.import.json` and other existing loaders read.
//!
//! Elements are written one per line, so memory does not grow with the export and the file
//! diffs well. JSON has no NaN or infinities: such floats are written as strings, as Neo4j's
//! tools write them, and read back as strings.

use super::Subgraph;
use crate::exec::{NodeData, RelData};
use crate::format::{node_json, rel_json};
use serde_json::{Map, Value as Json, json};
use std::io::{self, Write};

fn write_json(out: &mut dyn Write, value: &Json) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)
}

pub fn write_document(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let mut non_finite = 0;
    out.write_all(b"{\"nodes\":[")?;
    for (i, node) in sub.nodes().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        non_finite += count_non_finite(&node.props);
        write_json(out, &node_json(&node))?;
    }
    out.write_all(b"\n],\"relationships\":[")?;
    for (i, rel) in sub.rels().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        non_finite += count_non_finite(&rel.props);
        write_json(out, &rel_json(&rel))?;
    }
    out.write_all(b"\n]}\n")?;
    Ok(non_finite_note(non_finite))
}

fn labels_json(node: Option<&NodeData>) -> Json {
    Json::Array(
        node.map(|n| n.labels.iter().map(|l| json!(&**l)).collect())
            .unwrap_or_default(),
    )
}

fn apoc_node(node: &NodeData) -> Json {
    let mut base = node_json(node);
    let mut obj = Map::new();
    obj.insert("type".into(), json!("node"));
    // APOC writes ids as strings.
    obj.insert("id".into(), json!(node.id.0.to_string()));
    obj.insert("labels".into(), base["labels"].take());
    obj.insert("properties".into(), base["properties"].take());
    Json::Object(obj)
}

fn apoc_rel(rel: &RelData, sub: &Subgraph) -> Json {
    let mut base = rel_json(rel);
    let end = |id: crate::model::NodeId| json!({"id": id.0.to_string(), "labels": labels_json(sub.node(id).as_deref())});
    let mut obj = Map::new();
    obj.insert("type".into(), json!("relationship"));
    obj.insert("id".into(), json!(rel.id.0.to_string()));
    obj.insert("label".into(), json!(&*rel.ty));
    obj.insert("start".into(), end(rel.start));
    obj.insert("end".into(), end(rel.end));
    obj.insert("properties".into(), base["properties"].take());
    Json::Object(obj)
}

pub fn write_lines(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let mut non_finite = 0;
    for node in sub.nodes() {
        non_finite += count_non_finite(&node.props);
        write_json(out, &apoc_node(&node))?;
        out.write_all(b"\n")?;
    }
    for rel in sub.rels() {
        non_finite += count_non_finite(&rel.props);
        write_json(out, &apoc_rel(&rel, sub))?;
        out.write_all(b"\n")?;
    }
    Ok(non_finite_note(non_finite))
}

/// Properties holding NaN or an infinity (alone or in a list).
fn count_non_finite(props: &crate::model::Map) -> usize {
    fn non_finite(v: &crate::model::Value) -> bool {
        match v {
            crate::model::Value::Float(f) => !f.is_finite(),
            crate::model::Value::List(items) => items.iter().any(non_finite),
            _ => false,
        }
    }
    props.values().filter(|v| non_finite(v)).count()
}

/// JSON cannot hold NaN or infinities; say so when the subgraph has any.
fn non_finite_note(count: usize) -> Vec<String> {
    if count == 0 {
        return Vec::new();
    }
    vec![format!(
        "JSON has no NaN or infinity: {count} such float properties were written as strings ('NaN', 'Infinity')"
    )]
}
