//! One self-contained HTML page that draws the subgraph: inline CSS and script, no network
//! access. The data travels as JSON in a `<script type="application/json">` element, with
//! `<`, `>`, `&` and the JavaScript line separators written as `\u` escapes, so no value can
//! close the element or start markup; the viewer script then only ever sets `textContent`.
//! The little markup built from data (the title) is HTML-escaped.

use super::{NoEntities, Subgraph, counted, display_name};
use crate::format::value_text;
use crate::model::Map;
use serde_json::{Value as Json, json};
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::sync::Arc;

const CSS: &str = include_str!("html/viewer.css");
const SCRIPT: &str = include_str!("html/viewer.js");

/// Past this many nodes the page still works, but slowly.
const LARGE: usize = 2000;

/// Text for HTML element content or a double-quoted attribute.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside a `<script>` element: the characters that could end the element
/// or open a comment are `\u` escapes, which JSON reads back as the same characters. Outside
/// strings JSON never has them, so replacing every occurrence is exact.
pub(crate) fn script_safe_json(value: &Json) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Properties as `[key, text]` pairs, values in the query language's syntax so that their
/// types show (`'1'` is text, `1` an integer, `1.0` a float).
/// Citations show as one more row, `sources`, naming each source and the passage it
/// quotes, in place of the reserved properties that carry them in other formats.
fn props_json(props: &Map, cites: &[crate::result::Cite]) -> Json {
    let reserved = [
        crate::graph::CITE_ID,
        crate::graph::SOURCES,
        crate::graph::QUOTES,
    ];
    let mut rows: Vec<Json> = props
        .iter()
        .filter(|(k, _)| !reserved.contains(&&***k))
        .map(|(k, v)| json!([&**k, value_text(v, &NoEntities)]))
        .collect();
    if !cites.is_empty() {
        let each: Vec<String> = cites
            .iter()
            .map(|c| match &c.quote {
                Some(q) => format!("{} (“{q}”)", c.name),
                None => c.name.to_string(),
            })
            .collect();
        rows.push(json!(["sources", each.join("; ")]));
    }
    Json::Array(rows)
}

fn data_json(sub: &Subgraph) -> Json {
    let nodes: Vec<Json> = sub
        .nodes()
        .map(|n| {
            let caption = display_name(&n)
                .or_else(|| n.labels.first().map(|l| l.to_string()))
                .unwrap_or_else(|| format!("#{}", n.id));
            json!({
                "id": n.id.0,
                "labels": n.labels.iter().map(|l| &**l).collect::<Vec<_>>(),
                "caption": caption,
                "properties": props_json(&n.props, &n.cites),
            })
        })
        .collect();
    let rels: Vec<Json> = sub
        .rels()
        .map(|r| {
            json!({
                "id": r.id.0,
                "type": &*r.ty,
                "start": r.start.0,
                "end": r.end.0,
                "properties": props_json(&r.props, &r.cites),
            })
        })
        .collect();
    json!({"nodes": nodes, "relationships": rels})
}

/// "12 nodes (Company, Person), 30 relationships (WORKS_AT)": user data, escaped by callers.
fn summary(sub: &Subgraph) -> String {
    let labels: BTreeSet<Arc<str>> = sub.nodes().flat_map(|n| n.labels.clone()).collect();
    let types: BTreeSet<Arc<str>> = sub.rels().map(|r| r.ty.clone()).collect();
    let list = |names: BTreeSet<Arc<str>>| {
        if names.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = names.iter().map(|n| &**n).collect();
            format!(" ({})", names.join(", "))
        }
    };
    format!(
        "{}{}, {}{}",
        counted(sub.node_count(), "node"),
        list(labels),
        counted(sub.rel_count(), "relationship"),
        list(types)
    )
}

pub fn write(sub: &Subgraph, out: &mut dyn Write) -> io::Result<Vec<String>> {
    let title = escape_html(&summary(sub));
    let counts = format!(
        "{}, {}",
        counted(sub.node_count(), "node"),
        counted(sub.rel_count(), "relationship")
    );
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>kg export: {title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <header><h1>kg export</h1><span id=\"summary\">{counts}</span>\
         <span id=\"legend\"></span><button id=\"fit\" type=\"button\">Fit</button>\
         <span class=\"hint\">drag to pan, wheel to zoom, drag nodes, click for properties</span></header>\n\
         <main><svg id=\"canvas\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\
         <aside id=\"panel\"></aside></main>\n\
         <script type=\"application/json\" id=\"kg-data\">{}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        script_safe_json(&data_json(sub))
    )?;
    // The layout compares every pair of nodes on each step.
    if sub.node_count() > LARGE {
        return Ok(vec![format!(
            "html: the page draws {} nodes; past {LARGE} its layout is slow to settle: export a query's subgraph for a readable picture",
            sub.node_count()
        )]);
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_data_cannot_close_the_element() {
        let v = json!({"x": "</script><script>alert(1)</script>&\u{2028}"});
        let text = script_safe_json(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_html("<img src=x onerror=\"a\">&'"),
            "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;"
        );
    }
}
