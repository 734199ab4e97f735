//! Values as text in the query language's own syntax (`'text'`, `[1, 2]`, `(:Label {k: v})`,
//! `<(:A)-[:T]->(:B)>`), and as JSON.

use crate::model::float_text;
use crate::model::{Map, Value};
use crate::result::{NodeData, QueryResult, RelData};
use crate::syntax::{NameRule, quote_name, write_string_literal};
use serde_json::json;
use std::fmt::Write;

/// Looks up the data of the entities a value mentions.
pub trait Entities {
    fn node(&self, id: crate::model::NodeId) -> Option<&NodeData>;
    fn rel(&self, id: crate::model::RelId) -> Option<&RelData>;
}

impl Entities for QueryResult {
    fn node(&self, id: crate::model::NodeId) -> Option<&NodeData> {
        QueryResult::node(self, id)
    }
    fn rel(&self, id: crate::model::RelId) -> Option<&RelData> {
        QueryResult::rel(self, id)
    }
}

/// A label, type or key in backticks where the language needs them.
fn write_key(out: &mut String, key: &str) {
    out.push_str(&quote_name(key, NameRule::Key));
}

fn write_map(out: &mut String, map: &Map, entities: &dyn Entities) {
    out.push('{');
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_key(out, k);
        out.push_str(": ");
        write_value(out, v, entities);
    }
    out.push('}');
}

fn write_node(out: &mut String, data: Option<&NodeData>) {
    out.push('(');
    if let Some(n) = data {
        for l in &n.labels {
            out.push(':');
            write_key(out, l);
        }
        if !n.props.is_empty() {
            if !n.labels.is_empty() {
                out.push(' ');
            }
            write_map(out, &n.props, &NoEntities);
        }
    }
    out.push(')');
}

fn write_rel(out: &mut String, data: Option<&RelData>) {
    out.push('[');
    if let Some(r) = data {
        out.push(':');
        write_key(out, &r.ty);
        if !r.props.is_empty() {
            out.push(' ');
            write_map(out, &r.props, &NoEntities);
        }
    }
    out.push(']');
}

struct NoEntities;

impl Entities for NoEntities {
    fn node(&self, _: crate::model::NodeId) -> Option<&NodeData> {
        None
    }
    fn rel(&self, _: crate::model::RelId) -> Option<&RelData> {
        None
    }
}

/// Appends `v` in the query language's value syntax.
pub fn write_value(out: &mut String, v: &Value, entities: &dyn Entities) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&float_text(*f)),
        Value::String(s) => {
            // Writing to a String cannot fail.
            let _ = write_string_literal(out, s);
        }
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, entities);
            }
            out.push(']');
        }
        Value::Map(map) => write_map(out, map, entities),
        Value::Node(id) => write_node(out, entities.node(*id)),
        Value::Rel(id) => write_rel(out, entities.rel(*id)),
        Value::Path(p) => {
            out.push('<');
            write_node(out, entities.node(p.nodes[0]));
            for (i, rel) in p.rels.iter().enumerate() {
                let data = entities.rel(*rel);
                let forward = data.is_none_or(|r| r.start == p.nodes[i]);
                out.push_str(if forward { "-" } else { "<-" });
                write_rel(out, data);
                out.push_str(if forward { "->" } else { "-" });
                write_node(out, entities.node(p.nodes[i + 1]));
            }
            out.push('>');
        }
        // Temporal values show as their ISO text, unquoted, as other graph tools show them.
        temporal => out.push_str(&temporal.temporal_text().unwrap_or_default()),
    }
}

pub fn value_text(v: &Value, entities: &dyn Entities) -> String {
    let mut out = String::new();
    write_value(&mut out, v, entities);
    out
}

fn float_json(f: f64) -> serde_json::Value {
    // JSON has no NaN or infinities; they travel as strings, as Neo4j's tools write them.
    serde_json::Number::from_f64(f).map_or_else(|| json!(float_text(f)), serde_json::Value::Number)
}

fn map_json(map: &Map, entities: &dyn Entities) -> serde_json::Value {
    serde_json::Value::Object(
        map.iter()
            .map(|(k, v)| (k.to_string(), to_json(v, entities)))
            .collect(),
    )
}

pub fn node_json(n: &NodeData) -> serde_json::Value {
    json!({
        "id": n.id.0,
        "labels": n.labels.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
        "properties": map_json(&n.props, &NoEntities),
    })
}

pub fn rel_json(r: &RelData) -> serde_json::Value {
    json!({
        "id": r.id.0,
        "type": r.ty.to_string(),
        "start": r.start.0,
        "end": r.end.0,
        "properties": map_json(&r.props, &NoEntities),
    })
}

/// A value as JSON: nodes `{id, labels, properties}`, relationships
/// `{id, type, start, end, properties}`, paths `{nodes, relationships}`.
pub fn to_json(v: &Value, entities: &dyn Entities) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => float_json(*f),
        Value::String(s) => json!(&**s),
        Value::List(items) => {
            serde_json::Value::Array(items.iter().map(|i| to_json(i, entities)).collect())
        }
        Value::Map(map) => map_json(map, entities),
        Value::Node(id) => entities.node(*id).map_or(json!({"id": id.0}), node_json),
        Value::Rel(id) => entities.rel(*id).map_or(json!({"id": id.0}), rel_json),
        Value::Path(p) => json!({
            "nodes": p.nodes.iter().map(|n| to_json(&Value::Node(*n), entities)).collect::<Vec<_>>(),
            "relationships": p.rels.iter().map(|r| to_json(&Value::Rel(*r), entities)).collect::<Vec<_>>(),
        }),
        temporal => json!(temporal.temporal_text().unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_print_in_query_syntax() {
        let v = Value::list(vec![
            Value::str("it's"),
            Value::Float(2.0),
            Value::Int(3),
            Value::Null,
        ]);
        assert_eq!(value_text(&v, &NoEntities), "['it\\'s', 2.0, 3, null]");
    }
}
