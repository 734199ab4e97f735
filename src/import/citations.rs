//! Citations read back: exports write them as reserved properties (`_kg_cite_id` on a cited
//! source, `_kg_sources` and `_kg_quotes` on what cites it; see `export::Subgraph`), and an
//! import turns them back into citations once every file has loaded, through mutations, so
//! that a failed import rolls them back with the rest.

use crate::graph::{CITE_ID, Citation, Cited, GraphRead, Mutation, QUOTES, SOURCES};
use crate::model::{NodeId, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The mutations that make the reserved properties of `graph` citations again and remove
/// them; an error names a citation whose source is not in the graph.
pub fn restore(graph: &dyn GraphRead) -> Result<Vec<Mutation>, String> {
    let names = graph.names();
    let (Some(sources_key), cite_key, quotes_key) =
        (names.get(SOURCES), names.get(CITE_ID), names.get(QUOTES))
    else {
        return Ok(Vec::new());
    };
    let mut by_cite_id: HashMap<Arc<str>, NodeId> = HashMap::new();
    let mut out = Vec::new();
    if let Some(key) = cite_key {
        for id in graph.node_ids() {
            if let Value::String(s) = graph.node_prop(id, key) {
                by_cite_id.insert(s, id);
                out.push(Mutation::SetNodeProperty {
                    id,
                    key: CITE_ID.into(),
                    value: Value::Null,
                });
            }
        }
    }
    let citations = |sources: Value, quotes: Value| -> Result<Vec<Citation>, String> {
        let Value::List(sources) = sources else {
            return Err(format!("{SOURCES} must be a list of texts"));
        };
        let quotes = match quotes {
            Value::List(q) => q.to_vec(),
            _ => Vec::new(),
        };
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let Value::String(s) = s else {
                    return Err(format!("{SOURCES} must be a list of texts"));
                };
                let source = *by_cite_id.get(s).ok_or_else(|| {
                    format!("a citation names source {s}, which no node's {CITE_ID} is")
                })?;
                let quote = match quotes.get(i) {
                    Some(Value::String(q)) if !q.is_empty() => Some(q.clone()),
                    _ => None,
                };
                Ok(Citation { source, quote })
            })
            .collect()
    };
    let quote_of = |v: Option<Value>| v.unwrap_or(Value::Null);
    for id in graph.node_ids() {
        let sources = graph.node_prop(id, sources_key);
        if sources.is_null() {
            continue;
        }
        let quotes = quote_of(quotes_key.map(|k| graph.node_prop(id, k)));
        out.push(Mutation::SetCitations {
            entity: Cited::Node(id),
            citations: citations(sources, quotes)?,
        });
        for key in [SOURCES, QUOTES] {
            out.push(Mutation::SetNodeProperty {
                id,
                key: key.into(),
                value: Value::Null,
            });
        }
    }
    for id in graph.rel_ids() {
        let sources = graph.rel_prop(id, sources_key);
        if sources.is_null() {
            continue;
        }
        let quotes = quote_of(quotes_key.map(|k| graph.rel_prop(id, k)));
        out.push(Mutation::SetCitations {
            entity: Cited::Rel(id),
            citations: citations(sources, quotes)?,
        });
        for key in [SOURCES, QUOTES] {
            out.push(Mutation::SetRelProperty {
                id,
                key: key.into(),
                value: Value::Null,
            });
        }
    }
    // Citations first: the source ids they name are read before they are removed.
    out.sort_by_key(|m| !matches!(m, Mutation::SetCitations { .. }));
    Ok(out)
}
