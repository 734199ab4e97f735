//! kg's knowledge functions (extensions, not openCypher): the sources an entity cites, and
//! whether it is valid at a date.

use super::{Builtin, Call, Category, Result, one, scalar};
use crate::error::QueryError;
use crate::graph::{Citation, Cited, GraphRead};
use crate::model::{Map, Value};
use chrono::NaiveDate;
use std::sync::Arc;

const G: Category = Category::Graph;

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "sources",
        G,
        &[one("input", "NODE | RELATIONSHIP")],
        "LIST<NODE>",
        "kg extension: the :Source nodes a node or relationship cites (attached with CITE), in the order they were cited",
        |c| {
            let cites = citations_of(c)?;
            Ok(Value::list(
                cites.iter().map(|x| Value::Node(x.source)).collect(),
            ))
        },
    )
    .typed(),
    scalar(
        "citations",
        G,
        &[one("input", "NODE | RELATIONSHIP")],
        "LIST<MAP>",
        "kg extension: the citations of a node or relationship, each {source: the :Source node, quote: the passage quoted or null}",
        |c| {
            let cites = citations_of(c)?;
            Ok(Value::list(
                cites
                    .iter()
                    .map(|x| {
                        let mut m = Map::new();
                        m.insert(Arc::from("source"), Value::Node(x.source));
                        m.insert(
                            Arc::from("quote"),
                            x.quote.clone().map_or(Value::Null, Value::String),
                        );
                        Value::map(m)
                    })
                    .collect(),
            ))
        },
    )
    .typed(),
    scalar(
        "validAt",
        G,
        &[
            one("input", "NODE | RELATIONSHIP | PATH | LIST<ANY>"),
            one("date", "DATE | STRING"),
        ],
        "BOOLEAN",
        "kg extension: whether a node or relationship (every one of a path or list) is valid at the date: valid_from <= date <= valid_to, a missing bound being open; what AS OF tests",
        |c| {
            let date = as_date(c.arg(1)).ok_or_else(|| {
                QueryError::type_error(format!(
                    "AS OF and validAt take a date or its text (YYYY-MM-DD), not {}",
                    match c.arg(1) {
                        Value::String(s) => format!("'{s}'"),
                        other => other.value_type().to_string(),
                    }
                ))
            })?;
            Ok(Value::Bool(all_valid(c, c.arg(0), date)?))
        },
    ),
];

/// `--as-of` and `:as-of`: ISO 8601 text of a date (`2026-03-01`, also `2026-W09-7`).
pub fn parse_as_of(text: &str) -> std::result::Result<NaiveDate, String> {
    crate::model::temporal::parse_date(text.trim())
        .ok_or_else(|| format!("'{text}' is not a date: write it as YYYY-MM-DD"))
}

/// The date of `AS OF`, `validAt` and `--as-of`: a date, or ISO 8601 text of one.
pub fn as_date(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date(d) => Some(*d),
        Value::String(s) => crate::model::temporal::parse_date(s),
        _ => None,
    }
}

fn all_valid(c: &Call, v: &Value, date: NaiveDate) -> Result<bool> {
    match v {
        Value::Null => Ok(true),
        Value::Node(id) => entity_valid(c.graph, Cited::Node(*id), date),
        Value::Rel(id) => entity_valid(c.graph, Cited::Rel(*id), date),
        Value::Path(p) => {
            for n in &p.nodes {
                if !entity_valid(c.graph, Cited::Node(*n), date)? {
                    return Ok(false);
                }
            }
            for r in &p.rels {
                if !entity_valid(c.graph, Cited::Rel(*r), date)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Value::List(items) => {
            for item in items.iter() {
                if !all_valid(c, item, date)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        _ => Err(c.bad(0)),
    }
}

/// Whether a node or relationship is valid at `date` (what AS OF tests), for callers outside
/// the function registry.
pub fn valid_at(graph: &dyn GraphRead, entity: Cited, date: NaiveDate) -> Result<bool> {
    entity_valid(graph, entity, date)
}

/// `valid_from <= date <= valid_to`; an entity without a bound is valid on that side.
fn entity_valid(graph: &dyn GraphRead, entity: Cited, date: NaiveDate) -> Result<bool> {
    for (key, after) in [("valid_from", true), ("valid_to", false)] {
        let Some(sym) = graph.names().get(key) else {
            continue;
        };
        let bound = match entity {
            Cited::Node(id) => graph.node_prop(id, sym),
            Cited::Rel(id) => graph.rel_prop(id, sym),
        };
        let bound = match bound {
            Value::Null => continue,
            Value::Date(d) => d,
            other => {
                return Err(QueryError::type_error(format!(
                    "{key} must be a date to tell validity, but it is {} here",
                    other.value_type()
                )));
            }
        };
        if (after && date < bound) || (!after && date > bound) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn citations_of(c: &Call) -> Result<Vec<Citation>> {
    let entity = match c.arg(0) {
        Value::Node(id) if c.graph.is_deleted_node(*id) => {
            return Err(QueryError::deleted("node"));
        }
        Value::Rel(id) if c.graph.is_deleted_rel(*id) => {
            return Err(QueryError::deleted("relationship"));
        }
        Value::Node(id) => Cited::Node(*id),
        Value::Rel(id) => Cited::Rel(*id),
        _ => return Err(c.bad(0)),
    };
    crate::limits::reserve(c.graph.citations().of(entity).len() as u64 * 16)?;
    Ok(c.graph.citations().of(entity).to_vec())
}
