//! Connections as text, one line per path, hop by hop, and as JSON.

use super::Connection;
use crate::format::{to_json as value_json, value_text};
use crate::model::Value;
use crate::result::{NodeData, QueryResult, RelData};
use serde_json::json;

/// A node as a reader names it: its `name`, else its labels and id.
pub fn node_name(n: &NodeData) -> String {
    match n.props.get("name") {
        Some(Value::String(s)) => s.to_string(),
        _ => {
            let labels: String = n.labels.iter().map(|l| format!(":{l}")).collect();
            format!("({labels} {})", n.id.0)
        }
    }
}

/// `WORKS_AT role: 'revenue chief' | CNBC, Article`: the type, the properties (validity
/// among them) and the names of the sources.
fn rel_text(r: &RelData) -> String {
    let none = QueryResult::default();
    let mut out = r.ty.to_string();
    let props: Vec<String> = r
        .props
        .iter()
        .map(|(k, v)| format!("{k}: {}", value_text(v, &none)))
        .collect();
    if !props.is_empty() {
        out.push(' ');
        out.push_str(&props.join(", "));
    }
    if !r.cites.is_empty() {
        let names: Vec<&str> = r.cites.iter().map(|c| &*c.name).collect();
        out.push_str(" | ");
        out.push_str(&names.join(", "));
    }
    out
}

/// `Denise Dresser -[WORKS_AT role: 'revenue chief' | CNBC, Article]-> OpenAI <-[...]- ...`
pub fn to_text(c: &Connection) -> String {
    let mut out = String::new();
    for (i, node) in c.nodes.iter().enumerate() {
        out.push_str(&node_name(node));
        if let Some((rel, forward)) = c.rels.get(i) {
            let text = rel_text(rel);
            if *forward {
                out.push_str(&format!(" -[{text}]-> "));
            } else {
                out.push_str(&format!(" <-[{text}]- "));
            }
        }
    }
    out
}

/// One array of paths: `{nodes: [{name, labels}], rels: [{type, properties, sources,
/// forward}]}`, `sources` the names of the sources each relationship cites.
pub fn to_json(connections: &[Connection]) -> serde_json::Value {
    let none = QueryResult::default();
    serde_json::Value::Array(
        connections
            .iter()
            .map(|c| {
                json!({
                    "nodes": c.nodes.iter().map(|n| json!({
                        "name": node_name(n),
                        "labels": n.labels.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                    "rels": c.rels.iter().map(|(r, forward)| json!({
                        "type": r.ty.to_string(),
                        "properties": value_json(&Value::map(r.props.clone()), &none),
                        "sources": r.cites.iter().map(|s| s.name.to_string()).collect::<Vec<_>>(),
                        "forward": forward,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
