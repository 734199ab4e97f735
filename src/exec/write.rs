//! Updating clauses. Each takes every row its input produced, then changes the graph through
//! [`Mutation`]s only.

use super::context::{Ctx, Result, Row, Statement};
use super::eval::eval;
use super::row::open;
use super::run_stages;
use crate::error::Span;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::graph::{
    Cited, Direction, GraphError, GraphRead, GraphWrite, Mutation, Transaction, neighbours,
};
use crate::model::{NodeId, PathValue, RelId, Value};
use crate::plan::{BoundExpr, CreatePattern, Merge, RemoveAction, SetAction, WriteOp};
use std::collections::HashSet;
use std::sync::Arc;

mod cite;
pub use cite::{SOURCE_LABEL, source_name};

pub struct Writer<'t, 'g> {
    pub tx: &'t mut Transaction<'g>,
    pub stmt: &'t Statement<'t>,
    pub width: usize,
}

pub fn graph_error(e: GraphError) -> QueryError {
    match e {
        GraphError::NodeHasRelationships(id) => QueryError::runtime(
            ErrorClass::ConstraintVerificationFailed,
            Detail::DeleteConnectedNode,
            format!(
                "cannot delete node {id} because it still has relationships; use DETACH DELETE"
            ),
        ),
        GraphError::UnstorableValue(t) => QueryError::runtime(
            ErrorClass::TypeError,
            Detail::InvalidPropertyType,
            format!("a property cannot hold a {t}"),
        ),
        GraphError::SchemaConflict(message) => {
            QueryError::runtime(ErrorClass::SemanticError, Detail::SchemaConflict, message)
        }
        e @ GraphError::NoSuchDeclaration { .. } => QueryError::runtime(
            ErrorClass::SemanticError,
            Detail::NoSuchSchemaObject,
            e.to_string(),
        ),
        e @ GraphError::OutOfMemory(_) => QueryError::runtime(
            ErrorClass::SemanticError,
            Detail::MemoryLimit,
            e.to_string(),
        ),
        GraphError::ConstraintViolation { message, .. } => QueryError::runtime(
            ErrorClass::ConstraintVerificationFailed,
            Detail::ConstraintValidationFailed,
            message,
        ),
        other => QueryError::runtime(
            ErrorClass::EntityNotFound,
            Detail::DeletedEntityAccess,
            other.to_string(),
        ),
    }
}

/// Refuses a value a property cannot hold, pointing at the clause that tried.
fn storable(v: &Value, span: Span) -> Result<()> {
    if v.is_storable() {
        Ok(())
    } else {
        Err(graph_error(GraphError::UnstorableValue(v.value_type())).at(span))
    }
}

impl Writer<'_, '_> {
    fn eval(&self, expr: &crate::plan::BoundExpr, row: &Row) -> Result<Value> {
        let ctx = Ctx::new(&*self.tx, self.stmt, self.width);
        eval(expr, row, &ctx)
    }

    fn apply(&mut self, m: Mutation) -> Result<()> {
        self.tx.apply(m).map_err(graph_error)
    }

    pub fn run(&mut self, op: &WriteOp, rows: Vec<Row>) -> Result<Vec<Row>> {
        match op {
            WriteOp::Create(pattern) => {
                let mut out = rows;
                for row in &mut out {
                    self.create(pattern, row, false)?;
                }
                Ok(out)
            }
            WriteOp::Merge(merge) => {
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    self.merge(merge, row, &mut out)?;
                }
                Ok(out)
            }
            WriteOp::Set(actions) => {
                for row in &rows {
                    for action in actions {
                        self.set(action, row)?;
                    }
                }
                Ok(rows)
            }
            WriteOp::Remove(actions) => {
                for row in &rows {
                    for action in actions {
                        self.remove(action, row)?;
                    }
                }
                Ok(rows)
            }
            WriteOp::Delete { targets, detach } => {
                self.delete(targets, *detach, &rows)?;
                Ok(rows)
            }
            WriteOp::Cite {
                sources,
                targets,
                remove,
            } => {
                for row in &rows {
                    self.cite(sources, targets, *remove, row)?;
                }
                Ok(rows)
            }
            WriteOp::Foreach { list, slot, stages } => {
                for row in &rows {
                    let items = match self.eval(list, row)? {
                        Value::Null => continue,
                        Value::List(items) => items,
                        other => {
                            return Err(QueryError::type_error(format!(
                                "FOREACH needs a list, not {}",
                                other.value_type()
                            )));
                        }
                    };
                    for item in items.iter() {
                        let mut inner = row.clone();
                        inner[*slot] = item.clone();
                        run_stages(stages, vec![inner], self.tx, self.stmt, self.width)?;
                    }
                }
                Ok(rows)
            }
            WriteOp::Subquery(sub) => self.subquery(sub, rows.into_iter().map(Ok)),
        }
    }

    /// Properties for a new entity from a map value; null entries are left out (or, for
    /// MERGE, refused: a null can never be matched afterwards).
    fn props(
        &self,
        expr: Option<&crate::plan::BoundExpr>,
        row: &Row,
        merging: bool,
        span: Span,
    ) -> Result<Vec<(Arc<str>, Value)>> {
        let Some(expr) = expr else {
            return Ok(Vec::new());
        };
        match self.eval(expr, row)? {
            Value::Map(map) => {
                let mut out = Vec::with_capacity(map.len());
                for (k, v) in map.iter() {
                    if v.is_null() {
                        if merging {
                            return Err(QueryError::runtime(
                                ErrorClass::SemanticError,
                                Detail::MergeReadOwnWrites,
                                format!("cannot MERGE with a null value for property `{k}`"),
                            )
                            .at(span));
                        }
                        continue;
                    }
                    storable(v, span)?;
                    out.push((k.clone(), v.clone()));
                }
                Ok(out)
            }
            Value::Null => Ok(Vec::new()),
            other => Err(QueryError::type_error(format!(
                "properties must be a map, not {}",
                other.value_type()
            ))
            .at(span)),
        }
    }

    fn create(&mut self, pattern: &CreatePattern, row: &mut Row, merging: bool) -> Result<()> {
        for node in &pattern.nodes {
            let props = self.props(node.props.as_ref(), row, merging, node.span)?;
            let id = self.tx.allocate_node_id();
            self.apply(Mutation::CreateNode {
                id,
                labels: node.labels.clone(),
                props,
            })?;
            row[node.slot] = Value::Node(id);
        }
        for rel in &pattern.rels {
            let props = self.props(rel.props.as_ref(), row, merging, rel.span)?;
            let (Value::Node(start), Value::Node(end)) = (&row[rel.start], &row[rel.end]) else {
                return Err(QueryError::runtime(
                    ErrorClass::SemanticError,
                    Detail::InvalidArgumentValue,
                    "cannot create a relationship to or from a missing (null) node",
                )
                .at(rel.span));
            };
            let (start, end) = (*start, *end);
            let id = self.tx.allocate_rel_id();
            self.apply(Mutation::CreateRel {
                id,
                ty: rel.ty.clone(),
                start,
                end,
                props,
            })?;
            row[rel.slot] = Value::Rel(id);
        }
        for (slot, steps) in &pattern.paths {
            let mut path = PathValue {
                nodes: Vec::new(),
                rels: Vec::new(),
            };
            for (i, s) in steps.iter().enumerate() {
                match (&row[*s], i % 2) {
                    (Value::Node(n), 0) => path.nodes.push(*n),
                    (Value::Rel(r), 1) => path.rels.push(*r),
                    _ => {}
                }
            }
            row[*slot] = Value::Path(Arc::new(path));
        }
        Ok(())
    }

    fn merge(&mut self, merge: &Merge, row: Row, out: &mut Vec<Row>) -> Result<()> {
        let matches: Vec<Row> = {
            let ctx = Ctx::new(&*self.tx, self.stmt, self.width);
            open(
                &merge.matcher,
                &ctx,
                Box::new(std::iter::once(Ok(row.clone()))),
            )
            .collect::<Result<_>>()?
        };
        if matches.is_empty() {
            let mut created = row;
            self.create(&merge.create, &mut created, true)?;
            for action in &merge.on_create {
                self.set(action, &created)?;
            }
            out.push(created);
        } else {
            for m in matches {
                for action in &merge.on_match {
                    self.set(action, &m)?;
                }
                out.push(m);
            }
        }
        Ok(())
    }

    fn set(&mut self, action: &SetAction, row: &Row) -> Result<()> {
        match action {
            SetAction::Property {
                target,
                key,
                value,
                span,
            } => {
                let target = self.eval(target, row)?;
                let value = self.eval(value, row)?;
                storable(&value, *span)?;
                self.set_property(&target, key.clone(), value, *span)
            }
            SetAction::Properties {
                target,
                value,
                replace,
                span,
            } => {
                let target = self.eval(target, row)?;
                if target.is_null() {
                    return Ok(());
                }
                let new = match self.eval(value, row)? {
                    Value::Map(m) => (*m).clone(),
                    Value::Null => Default::default(),
                    v @ (Value::Node(_) | Value::Rel(_)) => {
                        let ctx = Ctx::new(&*self.tx, self.stmt, self.width);
                        crate::functions::properties_of(&v, ctx.graph)?.unwrap_or_default()
                    }
                    other => {
                        return Err(QueryError::type_error(format!(
                            "SET needs a map of properties, not {}",
                            other.value_type()
                        ))
                        .at(*span));
                    }
                };
                if *replace {
                    let existing = self.existing_keys(&target);
                    for k in existing {
                        if !new.contains_key(&k) {
                            self.set_property(&target, k, Value::Null, *span)?;
                        }
                    }
                }
                for (k, v) in new {
                    storable(&v, *span)?;
                    self.set_property(&target, k, v, *span)?;
                }
                Ok(())
            }
            SetAction::Labels { target, labels } => self.change_labels(target, labels, row, true),
        }
    }

    fn existing_keys(&self, target: &Value) -> Vec<Arc<str>> {
        let names = self.tx.names();
        let props = match target {
            Value::Node(id) => self.tx.node_props(*id),
            Value::Rel(id) => self.tx.rel_props(*id),
            _ => Vec::new(),
        };
        props
            .into_iter()
            .map(|(k, _)| names.name(k).clone())
            .collect()
    }

    fn set_property(
        &mut self,
        target: &Value,
        key: Arc<str>,
        value: Value,
        span: Span,
    ) -> Result<()> {
        match target {
            Value::Null => Ok(()),
            Value::Node(id) => {
                if !self.tx.node_exists(*id) {
                    return Ok(());
                }
                self.apply(Mutation::SetNodeProperty {
                    id: *id,
                    key,
                    value,
                })
            }
            Value::Rel(id) => {
                if !self.tx.rel_exists(*id) {
                    return Ok(());
                }
                self.apply(Mutation::SetRelProperty {
                    id: *id,
                    key,
                    value,
                })
            }
            other => Err(QueryError::type_error(format!(
                "properties can only be set on nodes and relationships, not {}",
                other.value_type()
            ))
            .at(span)),
        }
    }

    fn remove(&mut self, action: &RemoveAction, row: &Row) -> Result<()> {
        match action {
            RemoveAction::Property { target, key } => {
                let target = self.eval(target, row)?;
                self.set_property(&target, key.clone(), Value::Null, Span::default())
            }
            RemoveAction::Labels { target, labels } => {
                self.change_labels(target, labels, row, false)
            }
        }
    }

    /// SET (`add`) or REMOVE labels; a null target changes nothing.
    fn change_labels(
        &mut self,
        target: &BoundExpr,
        labels: &[Arc<str>],
        row: &Row,
        add: bool,
    ) -> Result<()> {
        let id = match self.eval(target, row)? {
            Value::Null => return Ok(()),
            Value::Node(id) => id,
            other => {
                let what = if add { "set on" } else { "removed from" };
                return Err(QueryError::type_error(format!(
                    "labels can only be {what} nodes, not {}",
                    other.value_type()
                )));
            }
        };
        for label in labels {
            let label = label.clone();
            self.apply(if add {
                Mutation::AddLabel { id, label }
            } else {
                Mutation::RemoveLabel { id, label }
            })?;
        }
        Ok(())
    }

    fn delete(&mut self, targets: &[BoundExpr], detach: bool, rows: &[Row]) -> Result<()> {
        let mut nodes: Vec<NodeId> = Vec::new();
        let mut rels: Vec<RelId> = Vec::new();
        for row in rows {
            for t in targets {
                collect_deletions(&self.eval(t, row)?, &mut nodes, &mut rels)?;
            }
        }
        if detach {
            for n in &nodes {
                for dir in [Direction::Outgoing, Direction::Incoming] {
                    rels.extend(neighbours(&*self.tx, *n, Some(dir), &[]).map(|(r, _)| r));
                }
            }
        }
        let mut seen_rels = HashSet::new();
        for r in rels {
            if seen_rels.insert(r) && self.tx.rel_exists(r) {
                self.uncite(Cited::Rel(r))?;
                self.apply(Mutation::DeleteRel { id: r })?;
            }
        }
        let mut seen_nodes = HashSet::new();
        for n in nodes {
            if seen_nodes.insert(n) && self.tx.node_exists(n) {
                self.uncite(Cited::Node(n))?;
                self.apply(Mutation::DeleteNode { id: n })?;
            }
        }
        Ok(())
    }
}

fn collect_deletions(v: &Value, nodes: &mut Vec<NodeId>, rels: &mut Vec<RelId>) -> Result<()> {
    match v {
        Value::Null => {}
        Value::Node(id) => nodes.push(*id),
        Value::Rel(id) => rels.push(*id),
        Value::Path(p) => {
            nodes.extend(p.nodes.iter().copied());
            rels.extend(p.rels.iter().copied());
        }
        Value::List(items) => {
            for item in items.iter() {
                collect_deletions(item, nodes, rels)?;
            }
        }
        other => {
            return Err(QueryError::type_error(format!(
                "DELETE takes nodes, relationships and paths, not {}",
                other.value_type()
            )));
        }
    }
    Ok(())
}
