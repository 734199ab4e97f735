//! Functions of nodes, relationships and paths.

use super::{Builtin, Call, Category, Result, one, scalar};
use crate::error::QueryError;
use crate::graph::GraphRead;
use crate::model::{Map, Value};

const G: Category = Category::Graph;

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "id",
        G,
        &[one("input", "NODE | RELATIONSHIP")],
        "INTEGER",
        "the id of a node or relationship (kg never hands an id out twice)",
        |c| match c.arg(0) {
            Value::Node(id) => Ok(Value::Int(id.0 as i64)),
            Value::Rel(id) => Ok(Value::Int(id.0 as i64)),
            _ => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "elementId",
        G,
        &[one("input", "NODE | RELATIONSHIP")],
        "STRING",
        "the id of a node or relationship as text: n12 for node 12, r7 for relationship 7",
        |c| match c.arg(0) {
            Value::Node(id) => Ok(Value::str(&format!("n{}", id.0))),
            Value::Rel(id) => Ok(Value::str(&format!("r{}", id.0))),
            _ => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "labels",
        G,
        &[one("input", "NODE")],
        "LIST<STRING>",
        "the labels of a node",
        labels,
    )
    .typed(),
    scalar(
        "type",
        G,
        &[one("input", "RELATIONSHIP")],
        "STRING",
        "the type of a relationship",
        rel_type,
    )
    .typed(),
    scalar(
        "keys",
        G,
        &[one("input", "NODE | RELATIONSHIP | MAP")],
        "LIST<STRING>",
        "the property keys of a node or relationship, or the keys of a map",
        |c| match properties_of(c.arg(0), c.graph)? {
            Some(map) => Ok(Value::list(
                map.keys().map(|k| Value::String(k.clone())).collect(),
            )),
            None => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "properties",
        G,
        &[one("input", "NODE | RELATIONSHIP | MAP")],
        "MAP",
        "the properties of a node or relationship as a map (a map is returned as it is)",
        |c| match properties_of(c.arg(0), c.graph)? {
            Some(map) => Ok(Value::map(map)),
            None => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "startNode",
        G,
        &[one("input", "RELATIONSHIP")],
        "NODE",
        "the node a relationship starts at",
        |c| end_node(c, true),
    )
    .typed(),
    scalar(
        "endNode",
        G,
        &[one("input", "RELATIONSHIP")],
        "NODE",
        "the node a relationship ends at",
        |c| end_node(c, false),
    )
    .typed(),
    scalar(
        "nodes",
        G,
        &[one("input", "PATH")],
        "LIST<NODE>",
        "the nodes of a path, in order",
        |c| match c.arg(0) {
            Value::Path(p) => Ok(Value::list(
                p.nodes.iter().map(|n| Value::Node(*n)).collect(),
            )),
            _ => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "relationships",
        G,
        &[one("input", "PATH")],
        "LIST<RELATIONSHIP>",
        "the relationships of a path, in order",
        relationships,
    )
    .typed(),
    scalar(
        "rels",
        G,
        &[one("input", "PATH")],
        "LIST<RELATIONSHIP>",
        "the relationships of a path (another name for relationships)",
        relationships,
    )
    .typed(),
    scalar(
        "length",
        G,
        &[one("input", "PATH | STRING | LIST<ANY>")],
        "INTEGER",
        "the number of relationships of a path (of characters of a string, of elements of a list)",
        |c| match c.arg(0) {
            Value::Path(p) => Ok(Value::Int(p.len() as i64)),
            Value::String(s) => Ok(Value::Int(s.chars().count() as i64)),
            Value::List(l) => Ok(Value::Int(l.len() as i64)),
            _ => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "exists",
        G,
        &[one("input", "ANY")],
        "BOOLEAN",
        "whether a property is there: exists(n.name) is n.name IS NOT NULL",
        |c| Ok(Value::Bool(!c.arg(0).is_null())),
    )
    .sees_nulls(),
];

fn labels(c: &Call) -> Result<Value> {
    match c.arg(0) {
        Value::Node(id) if c.graph.is_deleted_node(*id) => Err(QueryError::deleted("node")),
        Value::Node(id) => {
            let names = c.graph.names();
            Ok(Value::list(
                c.graph
                    .node_labels(*id)
                    .iter()
                    .map(|l| Value::String(names.name(*l).clone()))
                    .collect(),
            ))
        }
        _ => Err(c.bad(0)),
    }
}

fn rel_type(c: &Call) -> Result<Value> {
    match c.arg(0) {
        Value::Rel(id) => Ok(match c.graph.rel_type(*id) {
            Some(ty) => Value::String(c.graph.names().name(ty).clone()),
            None => c
                .graph
                .deleted_rel_type(*id)
                .map_or(Value::Null, Value::String),
        }),
        _ => Err(c.bad(0)),
    }
}

fn end_node(c: &Call, start: bool) -> Result<Value> {
    match c.arg(0) {
        Value::Rel(id) => Ok(match c.graph.rel_ends(*id) {
            Some((s, e)) => Value::Node(if start { s } else { e }),
            None => Value::Null,
        }),
        _ => Err(c.bad(0)),
    }
}

fn relationships(c: &Call) -> Result<Value> {
    match c.arg(0) {
        Value::Path(p) => Ok(Value::list(p.rels.iter().map(|r| Value::Rel(*r)).collect())),
        _ => Err(c.bad(0)),
    }
}

/// The properties of a node or relationship (none for one that is gone), or a map itself;
/// `None` for any other value.
pub fn properties_of(base: &Value, graph: &dyn GraphRead) -> Result<Option<Map>> {
    let names = graph.names();
    let props = match base {
        Value::Node(id) if graph.node_exists(*id) => graph.node_props(*id),
        Value::Node(id) if graph.is_deleted_node(*id) => return Err(QueryError::deleted("node")),
        Value::Rel(id) if graph.rel_exists(*id) => graph.rel_props(*id),
        Value::Rel(id) if graph.is_deleted_rel(*id) => {
            return Err(QueryError::deleted("relationship"));
        }
        Value::Node(_) | Value::Rel(_) => Vec::new(),
        Value::Map(m) => return Ok(Some((**m).clone())),
        _ => return Ok(None),
    };
    Ok(Some(
        props
            .into_iter()
            .map(|(k, v)| (names.name(k).clone(), v))
            .collect(),
    ))
}
