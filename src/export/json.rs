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
use crate::format::{node_json, rel_json};
use crate::result::{NodeData, RelData};
use serde_json::{Map, Value as Json, json};
use std::io::{self, Write};

fn write_json(out: &mut dyn Write, value: &Json) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)
}

pub fn write_document(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let mut flattened = Flattened::default();
    out.write_all(b"{\"nodes\":[")?;
    for (i, node) in sub.nodes().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        flattened.count(&node.props);
        write_json(out, &node_json(&node))?;
    }
    out.write_all(b"\n],\"relationships\":[")?;
    for (i, rel) in sub.rels().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        flattened.count(&rel.props);
        write_json(out, &rel_json(&rel))?;
    }
    out.write_all(b"\n]}\n")?;
    Ok(flattened.notes())
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
    let mut flattened = Flattened::default();
    for node in sub.nodes() {
        flattened.count(&node.props);
        write_json(out, &apoc_node(&node))?;
        out.write_all(b"\n")?;
    }
    for rel in sub.rels() {
        flattened.count(&rel.props);
        write_json(out, &apoc_rel(&rel, sub))?;
        out.write_all(b"\n")?;
    }
    Ok(flattened.notes())
}

/// Properties JSON cannot hold as what they are, counted to say so: NaN and infinities, and
/// temporal values (written as their ISO 8601 text).
#[derive(Default)]
struct Flattened {
    non_finite: usize,
    temporal: usize,
}

impl Flattened {
    fn count(&mut self, props: &crate::model::Map) {
        fn any(v: &crate::model::Value, test: fn(&crate::model::Value) -> bool) -> bool {
            match v {
                crate::model::Value::List(items) => items.iter().any(|i| any(i, test)),
                other => test(other),
            }
        }
        for v in props.values() {
            self.non_finite += usize::from(any(
                v,
                |v| matches!(v, crate::model::Value::Float(f) if !f.is_finite()),
            ));
            self.temporal += usize::from(any(v, |v| v.temporal_kind().is_some()));
        }
    }

    fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.non_finite > 0 {
            notes.push(format!(
                "JSON has no NaN or infinity: {} such float properties were written as strings ('NaN', 'Infinity')",
                self.non_finite
            ));
        }
        if self.temporal > 0 {
            notes.push(format!(
                "JSON has no dates or times: {} temporal properties were written as ISO 8601 strings (the csv and cypher exports keep their types)",
                self.temporal
            ));
        }
        notes
    }
}
