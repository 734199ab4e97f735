//! GraphML, for networkx, Gephi, yEd and Cytoscape.
//!
//! Each property key gets a typed `<key>` (`boolean`, `long`, `double`, `string`) when all
//! its values share one scalar type. GraphML has no lists, and a key has one type: a key
//! holding lists or values of different types is declared `string` and every value of it is
//! written as JSON text (`[1, 2]`, `"text"`, `3`), which a reader decodes to get the types
//! back; such keys say so in their `<desc>`. Labels are the `labels` attribute of nodes, in
//! APOC's form `:A:B`; relationship types are the `type` attribute of edges.
//!
//! The XML is written by hand: the vocabulary is six elements, and [`escape`] covers every
//! character XML 1.0 cannot hold as it is.

use super::Subgraph;
use super::types::{PropType, prop_type};
use crate::format::to_json;
use crate::model::{Map, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum KeyType {
    Typed(&'static str),
    Json,
}

struct Key {
    id: String,
    name: String,
    ty: KeyType,
}

/// Counts characters XML 1.0 cannot hold at all (most control characters), which are
/// replaced by U+FFFD.
#[derive(Default)]
struct Escaper {
    replaced: usize,
}

impl Escaper {
    /// Escapes text for element content or (with `attr`) a double-quoted attribute, where
    /// tabs and newlines must be character references to survive attribute normalisation.
    fn escape(&mut self, s: &str, attr: bool) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attr => out.push_str("&quot;"),
                '\r' => out.push_str("&#13;"),
                '\n' if attr => out.push_str("&#10;"),
                '\t' if attr => out.push_str("&#9;"),
                '\n' | '\t' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    self.replaced += 1;
                    out.push('\u{FFFD}');
                }
                c => out.push(c),
            }
        }
        out
    }
}

/// What the values of one key have been, gathered in one pass over the entities.
#[derive(Default)]
struct Seen {
    /// The type of the first value (`Some(None)`: a value no key type fits).
    first: Option<Option<PropType>>,
    mixed: bool,
    lists: bool,
}

impl Seen {
    fn observe(&mut self, v: &Value) {
        let t = prop_type(v);
        self.lists |= matches!(v, Value::List(_));
        match self.first {
            None => self.first = Some(t),
            Some(first) if first != t => self.mixed = true,
            Some(_) => {}
        }
    }

    fn key_type(&self) -> KeyType {
        if self.mixed {
            return KeyType::Json;
        }
        match self.first.flatten() {
            Some(PropType::Scalar(s)) => KeyType::Typed(match s {
                super::types::Scalar::Bool => "boolean",
                super::types::Scalar::Int => "long",
                super::types::Scalar::Float => "double",
                super::types::Scalar::String => "string",
                // GraphML has no temporal types: ISO text (the note says so).
                super::types::Scalar::Temporal(_) => "string",
            }),
            _ => KeyType::Json,
        }
    }
}

/// Gathers the keys of these property maps.
fn observe_all<'a>(seen: &mut BTreeMap<Arc<str>, Seen>, props: impl Iterator<Item = &'a Map>) {
    for map in props {
        for (k, v) in map {
            match seen.get_mut(k) {
                Some(s) => s.observe(v),
                None => {
                    let mut s = Seen::default();
                    s.observe(v);
                    seen.insert(k.clone(), s);
                }
            }
        }
    }
}

/// One `<key>` per property key of nodes (or of edges), named after the key. A property
/// named like the built-in attribute (`labels`, `type`) gets a `prop_` prefix.
fn keys(
    values: BTreeMap<Arc<str>, Seen>,
    prefix: &str,
    reserved: &str,
    notes: &mut Vec<String>,
) -> BTreeMap<Arc<str>, Key> {
    let mut out = BTreeMap::new();
    for (i, (k, seen)) in values.into_iter().enumerate() {
        let mut name = k.to_string();
        if name == reserved {
            name = format!("prop_{name}");
            notes.push(format!(
                "GraphML: the property '{k}' is written as '{name}', because '{reserved}' holds the {}",
                if reserved == "labels" {
                    "node labels"
                } else {
                    "relationship type"
                }
            ));
        }
        let ty = seen.key_type();
        if let Some(PropType::Scalar(super::types::Scalar::Temporal(kind))) = seen.first.flatten() {
            notes.push(format!(
                "GraphML has no {} type: property '{k}' is a string key holding ISO 8601 text",
                kind.name()
            ));
        }
        if ty == KeyType::Json {
            let what = if seen.lists {
                "lists"
            } else {
                "values of several types"
            };
            notes.push(format!(
                "GraphML: property '{k}' holds {what}; it is declared string and its values are JSON text"
            ));
        }
        let key = Key {
            id: format!("{prefix}{i}"),
            name,
            ty,
        };
        out.insert(k, key);
    }
    out
}

fn value_text(v: &Value, ty: KeyType) -> String {
    match (ty, v) {
        (KeyType::Json, v) => to_json(v, &super::NoEntities).to_string(),
        (_, Value::String(s)) => s.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Int(i)) => i.to_string(),
        (_, Value::Float(f)) => crate::model::float_text(*f),
        (_, other) => match other.temporal_text() {
            Some(text) => text,
            None => to_json(other, &super::NoEntities).to_string(),
        },
    }
}

fn write_key(out: &mut dyn Write, esc: &mut Escaper, key: &Key, domain: &str) -> io::Result<()> {
    let ty = match key.ty {
        KeyType::Typed(t) => t,
        KeyType::Json => "string",
    };
    write!(
        out,
        "  <key id=\"{}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{ty}\"",
        key.id,
        esc.escape(&key.name, true)
    )?;
    if key.ty == KeyType::Json {
        writeln!(
            out,
            "><desc>JSON text: a list, or values of several types</desc></key>"
        )
    } else {
        writeln!(out, "/>")
    }
}

fn write_data(
    out: &mut dyn Write,
    esc: &mut Escaper,
    props: &Map,
    keys: &BTreeMap<Arc<str>, Key>,
) -> io::Result<()> {
    for (k, v) in props {
        if let Some(key) = keys.get(k) {
            write!(
                out,
                "<data key=\"{}\">{}</data>",
                key.id,
                esc.escape(&value_text(v, key.ty), false)
            )?;
        }
    }
    Ok(())
}

pub fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let mut notes = Vec::new();
    let mut node_seen = BTreeMap::new();
    for node in sub.nodes() {
        observe_all(&mut node_seen, std::iter::once(&node.props));
    }
    let mut rel_seen = BTreeMap::new();
    for rel in sub.rels() {
        observe_all(&mut rel_seen, std::iter::once(&rel.props));
    }
    let node_keys = keys(node_seen, "n", "labels", &mut notes);
    let rel_keys = keys(rel_seen, "e", "type", &mut notes);
    let mut esc = Escaper::default();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<!-- kg export: {}, {}. Node labels are in 'labels' (:A:B), relationship types in 'type'. -->",
        super::counted(sub.node_count(), "node"),
        super::counted(sub.rel_count(), "relationship")
    )?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
    )?;
    writeln!(
        out,
        "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>"
    )?;
    writeln!(
        out,
        "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>"
    )?;
    for key in node_keys.values() {
        write_key(out, &mut esc, key, "node")?;
    }
    for key in rel_keys.values() {
        write_key(out, &mut esc, key, "edge")?;
    }
    writeln!(out, "  <graph id=\"G\" edgedefault=\"directed\">")?;
    for node in sub.nodes() {
        let labels: String = node.labels.iter().map(|l| format!(":{l}")).collect();
        write!(
            out,
            "    <node id=\"n{}\"><data key=\"labels\">{}</data>",
            node.id,
            esc.escape(&labels, false)
        )?;
        write_data(out, &mut esc, &node.props, &node_keys)?;
        writeln!(out, "</node>")?;
    }
    for rel in sub.rels() {
        write!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"><data key=\"type\">{}</data>",
            rel.id,
            rel.start,
            rel.end,
            esc.escape(&rel.ty, false)
        )?;
        write_data(out, &mut esc, &rel.props, &rel_keys)?;
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    if esc.replaced > 0 {
        notes.push(format!(
            "GraphML: {} control characters that XML cannot hold were replaced by U+FFFD",
            esc.replaced
        ));
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        let mut esc = Escaper::default();
        assert_eq!(
            esc.escape("<a href=\"x\">&\u{1}\r", true),
            "&lt;a href=&quot;x&quot;&gt;&amp;\u{FFFD}&#13;"
        );
        assert_eq!(esc.replaced, 1);
        assert_eq!(esc.escape("a\nb\"", false), "a\nb\"");
    }

    fn key_type(values: &[Value]) -> KeyType {
        let mut seen = Seen::default();
        values.iter().for_each(|v| seen.observe(v));
        seen.key_type()
    }

    #[test]
    fn uniform_keys_are_typed_and_mixed_ones_json() {
        let (one, two) = (Value::Int(1), Value::Float(2.0));
        assert_eq!(
            key_type(&[one.clone(), one.clone()]),
            KeyType::Typed("long")
        );
        assert_eq!(key_type(&[one, two]), KeyType::Json);
        assert_eq!(key_type(&[Value::list(vec![Value::Int(1)])]), KeyType::Json);
    }
}
