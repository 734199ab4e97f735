//! Index and constraint commands: declarations change through `Mutation`s in the statement's
//! transaction, like data, so they are logged, undone and replayed the same way.

use super::Database;
use super::Error;
use crate::exec::{QueryResult, WriteStats};
use crate::graph::{
    ConstraintDef, ConstraintKind, EntityKind, GraphRead, GraphWrite, IndexDef, Mutation,
    Transaction,
};
use crate::model::Value;
use crate::syntax::ast::{Ident, SchemaCommand, Span};
use std::sync::Arc;

fn list(items: &[&str]) -> Value {
    Value::list(items.iter().map(|s| Value::str(s)).collect())
}

impl Database {
    pub(super) fn run_schema(
        &mut self,
        command: &SchemaCommand,
        span: Span,
    ) -> Result<QueryResult, Error> {
        let change = match command {
            SchemaCommand::ShowIndexes => return Ok(self.show_indexes()),
            SchemaCommand::ShowConstraints => return Ok(self.show_constraints()),
            SchemaCommand::ShowProcedures => return Ok(self.show_procedures()),
            SchemaCommand::ShowFunctions => return Ok(show_functions()),
            SchemaCommand::CreateIndex {
                name,
                if_not_exists,
                relationships,
                label,
                key,
            } => {
                let entity = if *relationships {
                    EntityKind::Relationship
                } else {
                    EntityKind::Node
                };
                let schema = self.graph.schema();
                let names = self.graph.names();
                let same = |label: &Ident, key: &Ident| {
                    let (l, k) = (names.get(&label.name)?, names.get(&key.name)?);
                    schema.index(entity, l, k)
                };
                let exists = name.as_ref().is_some_and(|n| schema.name_taken(&n.name))
                    || same(label, key).is_some();
                if *if_not_exists && exists {
                    None
                } else {
                    let name = match name {
                        Some(n) => Arc::clone(&n.name),
                        None => {
                            self.graph
                                .default_declaration_name("index", &label.name, &key.name)
                        }
                    };
                    Some(Mutation::CreateIndex(IndexDef {
                        name,
                        entity,
                        label: label.name.clone(),
                        key: key.name.clone(),
                    }))
                }
            }
            SchemaCommand::CreateConstraint {
                name,
                if_not_exists,
                label,
                key,
                unique,
            } => {
                let kind = if *unique {
                    ConstraintKind::Unique
                } else {
                    ConstraintKind::NotNull
                };
                let schema = self.graph.schema();
                let exists = name.as_ref().is_some_and(|n| schema.name_taken(&n.name))
                    || schema
                        .constraints
                        .iter()
                        .any(|c| c.kind == kind && c.label == label.name && c.key == key.name);
                if *if_not_exists && exists {
                    None
                } else {
                    let prefix = if *unique { "unique" } else { "exists" };
                    let name = match name {
                        Some(n) => Arc::clone(&n.name),
                        None => self
                            .graph
                            .default_declaration_name(prefix, &label.name, &key.name),
                    };
                    Some(Mutation::CreateConstraint(ConstraintDef {
                        name,
                        kind,
                        label: label.name.clone(),
                        key: key.name.clone(),
                    }))
                }
            }
            SchemaCommand::DropIndex { name, if_exists } => {
                let known = self.graph.schema().index_named(&name.name).is_some();
                (known || !*if_exists).then(|| Mutation::DropIndex {
                    name: name.name.clone(),
                })
            }
            SchemaCommand::DropConstraint { name, if_exists } => {
                let known = self.graph.schema().constraint_named(&name.name).is_some();
                (known || !*if_exists).then(|| Mutation::DropConstraint {
                    name: name.name.clone(),
                })
            }
        };
        let Some(change) = change else {
            return Ok(QueryResult::default());
        };
        let savepoint = self.log.savepoint();
        let applied = {
            let mut tx = Transaction::new(&mut self.graph, &mut self.log);
            let applied = tx.apply(change);
            if applied.is_err() {
                tx.rollback_to(savepoint);
            }
            applied
        };
        applied.map_err(|e| Error::Query(crate::exec::graph_error(e).at(span)))?;
        let stats = WriteStats::from_mutations(&self.log.mutations()[savepoint..]);
        self.after_statement(savepoint)?;
        Ok(QueryResult {
            stats,
            ..QueryResult::default()
        })
    }

    /// Every procedure, built in or registered, by name.
    fn show_procedures(&self) -> QueryResult {
        let rows = self
            .procedures
            .all()
            .iter()
            .map(|p| {
                vec![
                    Value::String(p.name.clone()),
                    Value::str(&p.signature()),
                    Value::String(p.description.clone()),
                ]
            })
            .collect();
        table(&["name", "signature", "description"], rows)
    }

    fn show_indexes(&self) -> QueryResult {
        let rows = self
            .graph
            .schema()
            .indexes
            .iter()
            .map(|i| {
                vec![
                    Value::String(i.def.name.clone()),
                    Value::str("RANGE"),
                    Value::str(match i.def.entity {
                        EntityKind::Node => "NODE",
                        EntityKind::Relationship => "RELATIONSHIP",
                    }),
                    list(&[&i.def.label]),
                    list(&[&i.def.key]),
                    i.owner.clone().map_or(Value::Null, Value::String),
                    Value::Int(i.len() as i64),
                ]
            })
            .collect();
        table(
            &[
                "name",
                "type",
                "entityType",
                "labelsOrTypes",
                "properties",
                "owningConstraint",
                "entries",
            ],
            rows,
        )
    }

    fn show_constraints(&self) -> QueryResult {
        let rows = self
            .graph
            .schema()
            .constraints
            .iter()
            .map(|c| {
                vec![
                    Value::String(c.name.clone()),
                    Value::str(match c.kind {
                        ConstraintKind::Unique => "UNIQUENESS",
                        ConstraintKind::NotNull => "NODE_PROPERTY_EXISTENCE",
                    }),
                    Value::str("NODE"),
                    list(&[&c.label]),
                    list(&[&c.key]),
                    match c.kind {
                        ConstraintKind::Unique => Value::String(c.name.clone()),
                        ConstraintKind::NotNull => Value::Null,
                    },
                ]
            })
            .collect();
        table(
            &[
                "name",
                "type",
                "entityType",
                "labelsOrTypes",
                "properties",
                "ownedIndex",
            ],
            rows,
        )
    }
}

fn table(columns: &[&str], rows: Vec<Vec<Value>>) -> QueryResult {
    QueryResult {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        ..QueryResult::default()
    }
}

/// Every built-in function, by name.
fn show_functions() -> QueryResult {
    let mut functions: Vec<_> = crate::functions::all().to_vec();
    functions.sort_by_key(|f| f.name.to_lowercase());
    let rows = functions
        .iter()
        .map(|f| {
            vec![
                Value::str(f.name),
                Value::str(&f.signature()),
                Value::str(f.description),
            ]
        })
        .collect();
    table(&["name", "signature", "description"], rows)
}
