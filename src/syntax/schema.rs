//! Pest pairs to AST for the index and constraint commands.

use super::ast::{Ident, SchemaCommand};
use super::build::ident;
use super::parser::{Pair, Rule};
use crate::error::{Detail, QueryError};

type Result<T> = std::result::Result<T, QueryError>;

/// The parts of a command by rule, for the builders below.
struct Parts<'i> {
    name: Option<Ident>,
    if_clause: bool,
    target: Option<(Pair<'i>, bool)>,
    property: Option<Pair<'i>>,
    unique: bool,
}

fn parts(pair: Pair) -> Parts {
    let mut parts = Parts {
        name: None,
        if_clause: false,
        target: None,
        property: None,
        unique: false,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::schema_object => parts.name = Some(ident(p)),
            Rule::if_not_exists | Rule::if_exists => parts.if_clause = true,
            Rule::node_target => parts.target = Some((p, false)),
            Rule::rel_target => parts.target = Some((p, true)),
            Rule::property_of => parts.property = Some(p),
            Rule::unique => parts.unique = true,
            _ => {}
        }
    }
    parts
}

/// The two names of `(n:Label)`, `()-[r:TYPE]-()` or `n.key`.
fn two_names(pair: Pair) -> Result<(Ident, Ident)> {
    let span = super::build::span_of(&pair);
    let mut names = pair
        .into_inner()
        .filter(|p| {
            matches!(
                p.as_rule(),
                Rule::variable | Rule::label_name | Rule::rel_type_name | Rule::property_key_name
            )
        })
        .map(ident);
    match (names.next(), names.next()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(super::build::incomplete(span)),
    }
}

/// The property `n.key` of the command's variable; another variable is an error at it.
fn property_of(pair: Pair, var: &Ident) -> Result<Ident> {
    let (of, key) = two_names(pair)?;
    if of.name != var.name {
        return Err(QueryError::syntax(
            Detail::UndefinedVariable,
            format!(
                "the property must be of `{}`, the variable the command is for",
                var.name
            ),
            of.span,
        ));
    }
    Ok(key)
}

pub(super) fn build_schema_command(pair: Pair) -> Result<SchemaCommand> {
    let span = super::build::span_of(&pair);
    let missing = || super::build::incomplete(span);
    let Some(command) = pair.into_inner().next() else {
        return Err(missing());
    };
    let rule = command.as_rule();
    let parts = parts(command);
    Ok(match rule {
        Rule::show_indexes => SchemaCommand::ShowIndexes,
        Rule::show_constraints => SchemaCommand::ShowConstraints,
        Rule::show_procedures => SchemaCommand::ShowProcedures,
        Rule::show_functions => SchemaCommand::ShowFunctions,
        Rule::drop_index => SchemaCommand::DropIndex {
            name: parts.name.ok_or_else(missing)?,
            if_exists: parts.if_clause,
        },
        Rule::drop_constraint => SchemaCommand::DropConstraint {
            name: parts.name.ok_or_else(missing)?,
            if_exists: parts.if_clause,
        },
        Rule::create_index | Rule::create_constraint => {
            let (target, relationships) = parts.target.ok_or_else(missing)?;
            let (var, label) = two_names(target)?;
            let key = property_of(parts.property.ok_or_else(missing)?, &var)?;
            if rule == Rule::create_index {
                SchemaCommand::CreateIndex {
                    name: parts.name,
                    if_not_exists: parts.if_clause,
                    relationships,
                    label,
                    key,
                }
            } else {
                SchemaCommand::CreateConstraint {
                    name: parts.name,
                    if_not_exists: parts.if_clause,
                    label,
                    key,
                    unique: parts.unique,
                }
            }
        }
        _ => return Err(missing()),
    })
}
