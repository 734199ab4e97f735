//! A script in the query language that rebuilds the subgraph; it also runs in Neo4j and
//! Memgraph. Nodes are created with a temporary key property, relationships are created
//! between nodes matched on that key, and the key is removed at the end: the script never
//! depends on internal ids, so it can load into a graph that already has data.
//!
//! Values are literals: strings with escapes, floats always with a fraction or exponent (so
//! they stay floats), NaN and infinities as `0.0/0.0` and `1.0/0.0`, temporal values as calls
//! of the function that builds them (`date('2026-04-01')`), since their bare ISO text is not a
//! literal (`2026-04-01` would read back as the integer 2021).
//!
//! Without an index each relationship's MATCH scans the nodes, so loading a large script is
//! slow; for large graphs the csv and json formats load in linear time.

use super::{NoEntities, Subgraph, counted};
use crate::format::write_value;
use crate::model::{Map, Value};
use crate::syntax::{KEYWORDS, write_literal};
use std::io::{self, Write};

/// A label, type or key as the language writes it: bare when it is a plain identifier that
/// is not a keyword, otherwise in backticks.
pub(crate) fn name(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(s));
    if plain {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
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

fn props(out: &mut String, props: &Map, extra: Option<(&str, u64)>) {
    if props.is_empty() && extra.is_none() {
        return;
    }
    if !out.ends_with('(') {
        out.push(' ');
    }
    out.push('{');
    let mut first = true;
    for (k, v) in props {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&name(k));
        out.push_str(": ");
        literal(out, v);
    }
    if let Some((key, id)) = extra {
        if !first {
            out.push_str(", ");
        }
        out.push_str(&format!("{}: {id}", name(key)));
    }
    out.push('}');
}

/// A temporary key no node of the subgraph uses.
fn temporary_key(sub: &Subgraph) -> String {
    let taken: std::collections::HashSet<std::sync::Arc<str>> = sub
        .nodes()
        .flat_map(|node| {
            node.props
                .keys()
                .filter(|k| k.starts_with("_kg_id"))
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect();
    let mut key = "_kg_id".to_string();
    let mut n = 1;
    while taken.contains(key.as_str()) {
        key = format!("_kg_id_{n}");
        n += 1;
    }
    key
}

pub fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let key = temporary_key(sub);
    let k = name(&key);
    writeln!(
        out,
        "// kg export: {}, {}, as a script in kg's query language that also runs in Neo4j and Memgraph.",
        counted(sub.node_count(), "node"),
        counted(sub.rel_count(), "relationship")
    )?;
    writeln!(
        out,
        "// Nodes get a temporary key {key}, relationships are created between nodes matched on it, and the key is removed at the end."
    )?;
    let mut line = String::new();
    for node in sub.nodes() {
        line.clear();
        line.push_str("CREATE (");
        for l in &node.labels {
            line.push(':');
            line.push_str(&name(l));
        }
        props(&mut line, &node.props, Some((&key, node.id.0)));
        line.push_str(");\n");
        out.write_all(line.as_bytes())?;
    }
    for rel in sub.rels() {
        line.clear();
        let target = if rel.start == rel.end {
            line.push_str(&format!("MATCH (a {{{k}: {}}}) ", rel.start));
            "a"
        } else {
            line.push_str(&format!(
                "MATCH (a {{{k}: {}}}), (b {{{k}: {}}}) ",
                rel.start, rel.end
            ));
            "b"
        };
        line.push_str("CREATE (a)-[:");
        line.push_str(&name(&rel.ty));
        props(&mut line, &rel.props, None);
        line.push_str(&format!("]->({target});\n"));
        out.write_all(line.as_bytes())?;
    }
    if sub.node_count() > 0 {
        writeln!(out, "MATCH (n) WHERE n.{k} IS NOT NULL REMOVE n.{k};")?;
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
