//! Graphviz DOT, for `dot -Tsvg` and friends. Nodes show their labels and a name-like
//! property, edges their type; every property goes into the tooltip (shown on hover in SVG).
//!
//! DOT attributes are text only: value types do not survive, and the file and the report
//! both say so.

use super::{NoEntities, Subgraph, counted, display_name};
use crate::format::value_text;
use crate::model::Map;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

/// ColorBrewer's "Set3": pale enough for black text, distinct enough for a dozen labels.
pub(crate) const PALETTE: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];

const FLATTENED: &str = "DOT carries text only: labels, relationship types and property values were written as text (node and edge labels, tooltips in the query language's value syntax); value types are not kept";

/// A DOT double-quoted string. Backslash starts DOT's own escapes (`\n`, `\N`, `\G`...), so
/// it is doubled; line breaks become `\n`; other control characters a space.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn tooltip(props: &Map) -> String {
    props
        .iter()
        .map(|(k, v)| format!("{k}: {}", value_text(v, &NoEntities)))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let mut colours: BTreeMap<Arc<str>, &str> = BTreeMap::new();
    for node in sub.nodes() {
        if let Some(first) = node.labels.first() {
            let next = PALETTE[colours.len() % PALETTE.len()];
            colours.entry(first.clone()).or_insert(next);
        }
    }
    writeln!(
        out,
        "// kg export: {}, {}.",
        counted(sub.node_count(), "node"),
        counted(sub.rel_count(), "relationship")
    )?;
    writeln!(out, "// {FLATTENED}.")?;
    writeln!(out, "digraph kg {{")?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eeeeee\", fontname=\"Helvetica\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    for node in sub.nodes() {
        let mut label: String = node.labels.iter().map(|l| format!(":{l}")).collect();
        if let Some(name) = display_name(&node) {
            if !label.is_empty() {
                label.push('\n');
            }
            label.push_str(&name);
        }
        write!(out, "  n{} [label={}", node.id, quoted(&label))?;
        if let Some(colour) = node.labels.first().and_then(|l| colours.get(l)) {
            write!(out, ", fillcolor=\"{colour}\"")?;
        }
        if !node.props.is_empty() {
            write!(out, ", tooltip={}", quoted(&tooltip(&node.props)))?;
        }
        writeln!(out, "];")?;
    }
    for rel in sub.rels() {
        write!(
            out,
            "  n{} -> n{} [label={}",
            rel.start,
            rel.end,
            quoted(&rel.ty)
        )?;
        if !rel.props.is_empty() {
            write!(out, ", tooltip={}", quoted(&tooltip(&rel.props)))?;
        }
        writeln!(out, "];")?;
    }
    writeln!(out, "}}")?;
    Ok(vec![FLATTENED.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(quoted("a\"b\\n\nc\u{1}"), "\"a\\\"b\\\\n\\nc \"");
    }
}
