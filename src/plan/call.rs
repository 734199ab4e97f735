//! CALL: procedure calls (arguments checked against the procedure's parameters, results
//! bound by YIELD) and subqueries (`CALL { ... }`, run for each incoming row).

use super::logical::*;
use super::planner::{Planner, Result, already_bound, composition};
use super::scope::{Scope, Var, VarKind};
use super::types::{StaticType, static_type};
use crate::error::{Detail, ErrorClass, Phase, QueryError};
use crate::functions::procedures::{ProcType, Procedure};
use crate::model::ValueType;
use crate::syntax::ast::{self, ClauseKind, Span, SubqueryScope, Yield};
use std::sync::Arc;

/// A planned procedure call.
pub(super) struct PlannedCall {
    pub op: Op,
    /// The columns of a standalone call: its result.
    pub columns: Vec<(String, Slot)>,
    /// The procedure has no result columns.
    pub void: bool,
}

/// A planned `CALL { ... }`: a read operator (and whether it is a unit subquery, returning
/// nothing), or a write stage.
pub(super) enum CallPlan {
    Read(Op, bool),
    /// The write stage, and the reading operators before it (which become a stage).
    Write(Box<WriteSubquery>, Op),
}

impl Planner<'_> {
    pub(super) fn plan_procedure_call(
        &mut self,
        input: Op,
        call: &ast::ProcedureCall,
        standalone: bool,
        scope: &mut Scope,
    ) -> Result<PlannedCall> {
        let name = &call.name;
        let procedure = self
            .procedures
            .lookup(&name.name)
            .ok_or_else(|| not_found(name, self.procedures))?;
        let args = self.procedure_args(&procedure, call, standalone, scope)?;
        let mut yields = Vec::new();
        let mut columns = Vec::new();
        let mut filter = None;
        let all = match &call.yields {
            None => standalone,
            Some(Yield::Star(span)) if !standalone => {
                return Err(QueryError::syntax(
                    Detail::UnexpectedSyntax,
                    "YIELD * is only allowed when CALL is the whole statement: name the columns, YIELD a, b",
                    *span,
                ));
            }
            Some(Yield::Star(_)) => true,
            Some(Yield::Items { items, filter: f }) => {
                let mut yielded: Vec<&Arc<str>> = Vec::new();
                for item in items {
                    let index = procedure
                        .outputs
                        .iter()
                        .position(|o| *o.name == *item.field.name)
                        .ok_or_else(|| unknown_column(&procedure, &item.field))?;
                    let var = item.alias.as_ref().unwrap_or(&item.field);
                    if scope.get(&var.name).is_some() || yielded.contains(&&var.name) {
                        return Err(already_bound(var));
                    }
                    yielded.push(&var.name);
                    let kind = var_kind(&procedure.outputs[index].ty);
                    let slot = self.declare(scope, var, kind).slot;
                    yields.push((index, slot));
                    if standalone {
                        columns.push((var.name.to_string(), slot));
                    }
                }
                filter = f.as_ref();
                false
            }
        };
        if all {
            for (index, output) in procedure.outputs.iter().enumerate() {
                let slot = self.slot();
                self.name_slot(slot, &output.name);
                yields.push((index, slot));
                columns.push((output.name.to_string(), slot));
            }
        }
        let void = procedure.outputs.is_empty();
        let filter = match filter {
            Some(f) => Some(self.bind_expr(f, scope)?),
            None => None,
        };
        let op = Op::ProcedureCall(Box::new(ProcedureCall {
            input,
            procedure,
            args,
            yields,
            filter,
            optional: call.optional,
            span: name.span,
        }));
        Ok(PlannedCall { op, columns, void })
    }

    /// The arguments as written, each checked against its parameter's type where the
    /// argument's type is known; without parentheses, the parameters of the same names.
    fn procedure_args(
        &mut self,
        procedure: &Procedure,
        call: &ast::ProcedureCall,
        standalone: bool,
        scope: &Scope,
    ) -> Result<Vec<BoundExpr>> {
        let name = &call.name;
        let Some(args) = &call.args else {
            if procedure.params.is_empty() {
                return Ok(Vec::new());
            }
            if !standalone {
                return Err(QueryError::syntax(
                    Detail::InvalidArgumentPassingMode,
                    format!(
                        "{} takes arguments: inside a query they are written in parentheses, {}",
                        procedure.name,
                        procedure.signature()
                    ),
                    name.span,
                ));
            }
            return Ok(procedure
                .params
                .iter()
                .map(|p| {
                    self.implicit_params.push((p.name.clone(), name.span));
                    BoundExpr::Param(p.name.clone(), name.span)
                })
                .collect());
        };
        if args.len() != procedure.params.len() {
            return Err(QueryError::syntax(
                Detail::InvalidNumberOfArguments,
                format!(
                    "{} takes {} argument{}, not {}: {}",
                    procedure.name,
                    procedure.params.len(),
                    if procedure.params.len() == 1 { "" } else { "s" },
                    args.len(),
                    procedure.signature()
                ),
                name.span,
            ));
        }
        let mut bound = Vec::with_capacity(args.len());
        for (arg, param) in args.iter().zip(&procedure.params) {
            let expr = self.bind_expr(arg, scope)?;
            let known = value_type(static_type(arg, scope));
            if !param.ty.could_take(known) {
                return Err(QueryError::syntax(
                    Detail::InvalidArgumentType,
                    format!(
                        "{} takes {} :: {}, not {}",
                        procedure.name,
                        param.name,
                        param.ty,
                        known.map_or("this".to_string(), |t| t.to_string())
                    ),
                    arg.span,
                ));
            }
            bound.push(expr);
        }
        Ok(bound)
    }

    /// `CALL { ... }`: the subquery sees the variables its scope clause or leading `WITH`
    /// imports (all of the outer ones, with `CALL (*)`), and adds those it returns. Parts
    /// joined by UNION each import for themselves and return into the first part's slots.
    pub(super) fn plan_call_subquery(
        &mut self,
        input: Op,
        sub: &ast::CallSubquery,
        scope: &mut Scope,
        span: Span,
    ) -> Result<CallPlan> {
        if sub.in_transactions.is_some() && self.subquery_depth > 0 {
            return Err(composition(
                "CALL { ... } IN TRANSACTIONS cannot be inside another CALL subquery: its batches commit on their own, which only the outermost query can do",
                sub.transactions_span,
            ));
        }
        let mut parts = Vec::with_capacity(sub.query.parts.len());
        let mut first: Option<(Vec<String>, Vec<Slot>, Scope)> = None;
        let mut writes = false;
        for (i, query) in sub.query.parts.iter().enumerate() {
            let inner_scope = imported(sub, query, scope)?;
            self.subquery_depth += 1;
            let planned = self.plan_single_query(query, inner_scope, false);
            self.subquery_depth -= 1;
            let (part, columns, part_writes, inner_end) = planned?;
            writes |= part_writes;
            if columns.is_empty() && !part_writes {
                return Err(composition(
                    "a CALL subquery that changes nothing must end with RETURN",
                    query.span,
                ));
            }
            let mut stages = part.stages;
            match &first {
                None => first = Some((columns, part.outputs, inner_end)),
                Some((names, slots, _)) => {
                    if *names != columns {
                        let at = sub.query.unions.get(i - 1).map_or(query.span, |u| u.span);
                        return Err(QueryError::syntax(
                            Detail::DifferentColumnsInUnion,
                            "all parts of a subquery combined with UNION must return the same column names",
                            at,
                        ));
                    }
                    // This part's columns go where the first part's are.
                    if let Some(Stage::Read(last)) = stages.last_mut() {
                        let read = std::mem::replace(last, Op::Input);
                        *last = Op::Project {
                            input: Box::new(read),
                            items: slots
                                .iter()
                                .zip(&part.outputs)
                                .map(|(to, from)| (*to, BoundExpr::Slot(*from)))
                                .collect(),
                        };
                    }
                }
            }
            parts.push(stages);
        }
        let Some((columns, outputs, inner_end)) = first else {
            return Err(composition("a CALL subquery needs a query", span));
        };
        let mut returns = Vec::with_capacity(columns.len());
        for (name, slot) in columns.iter().zip(&outputs) {
            if scope.get(name).is_some() {
                return Err(QueryError::syntax(
                    Detail::VariableAlreadyBound,
                    format!(
                        "variable `{name}` is already defined outside the subquery: return it under another name"
                    ),
                    sub.query.parts.first().map_or(span, return_span),
                ));
            }
            let name: Arc<str> = name.as_str().into();
            let kind = inner_end.get(&name).map_or(VarKind::Value, |v| v.kind);
            self.name_slot(*slot, &name);
            scope.bind(name, Var { slot: *slot, kind });
            returns.push(*slot);
        }
        let distinct = sub.query.unions.first().is_some_and(|u| !u.all);
        if sub.query.unions.iter().any(|u| u.all == distinct) {
            return Err(composition(
                "UNION and UNION ALL cannot be mixed in one subquery",
                span,
            ));
        }
        let batch = match &sub.in_transactions {
            None => None,
            Some(size) => Some(match size {
                Some(e) => self.bind_expr(e, &Scope::default())?,
                None => BoundExpr::Const(crate::model::Value::Int(1000)),
            }),
        };
        // IN TRANSACTIONS runs the subquery per row, committing batches, even when it only
        // reads (then there is nothing to commit).
        if !writes && batch.is_none() {
            let mut reads = Vec::with_capacity(parts.len());
            for mut stages in parts {
                match (stages.pop(), stages.is_empty()) {
                    (Some(Stage::Read(op)), true) => reads.push(op),
                    _ => return Err(composition("this CALL subquery cannot be planned", span)),
                }
            }
            let unit = returns.is_empty();
            return Ok(CallPlan::Read(
                Op::Apply(Box::new(Apply {
                    input,
                    parts: reads,
                    returns,
                    distinct,
                    optional: sub.optional,
                })),
                unit,
            ));
        }
        let span = if sub.in_transactions.is_some() {
            sub.transactions_span
        } else {
            span
        };
        Ok(CallPlan::Write(
            Box::new(WriteSubquery {
                parts,
                distinct,
                optional: sub.optional,
                returns,
                batch,
                span,
            }),
            input,
        ))
    }
}

/// The scope a subquery starts with.
fn imported(sub: &ast::CallSubquery, query: &ast::SingleQuery, outer: &Scope) -> Result<Scope> {
    let mut inner = Scope::default();
    match &sub.scope {
        Some(SubqueryScope::All) => return Ok(outer.clone()),
        Some(SubqueryScope::Vars(vars)) => {
            for v in vars {
                inner.bind(v.name.clone(), outer.require(&v.name, v.span)?);
            }
            if let Some(first) = query.clauses.first() {
                if let ClauseKind::With { body, .. } = &first.kind {
                    if importing_names(body).is_some() {
                        return Err(composition(
                            "a CALL subquery imports with its scope clause, CALL (a, b) { ... }, or with a leading WITH, not both",
                            first.span,
                        ));
                    }
                }
            }
        }
        None => {
            let Some(first) = query.clauses.first() else {
                return Ok(inner);
            };
            let ClauseKind::With { body, .. } = &first.kind else {
                return Ok(inner);
            };
            let Some(names) = importing_names(body) else {
                return Ok(inner);
            };
            if body.star {
                return Ok(outer.clone());
            }
            // `WITH a WHERE ...` both imports and filters, as written.
            for ident in names {
                inner.bind(ident.name.clone(), outer.require(&ident.name, ident.span)?);
            }
        }
    }
    Ok(inner)
}

/// The variables of an importing WITH: one that only names variables (or is `WITH *`).
fn importing_names(body: &ast::Projection) -> Option<Vec<ast::Ident>> {
    if body.distinct || !body.order_by.is_empty() || body.skip.is_some() || body.limit.is_some() {
        return None;
    }
    let mut names = Vec::new();
    for item in &body.items {
        let ast::ExprKind::Variable(name) = &item.expr.kind else {
            return None;
        };
        if item.alias.as_ref().is_some_and(|a| a.name != *name) {
            return None;
        }
        names.push(ast::Ident {
            name: name.clone(),
            span: item.expr.span,
        });
    }
    Some(names)
}

fn return_span(query: &ast::SingleQuery) -> Span {
    query.clauses.last().map_or(query.span, |c| c.span)
}

fn var_kind(ty: &ProcType) -> VarKind {
    match ty {
        ProcType::Node => VarKind::Node,
        ProcType::Relationship => VarKind::Rel,
        ProcType::Path => VarKind::Path,
        _ => VarKind::Value,
    }
}

/// The type an argument is known to have before running, if any.
fn value_type(t: StaticType) -> Option<ValueType> {
    Some(match t {
        StaticType::Any => return None,
        StaticType::Null => ValueType::Null,
        StaticType::Bool => ValueType::Boolean,
        StaticType::Int => ValueType::Integer,
        StaticType::Float => ValueType::Float,
        StaticType::String => ValueType::String,
        StaticType::List => ValueType::List,
        StaticType::Map => ValueType::Map,
        StaticType::Node => ValueType::Node,
        StaticType::Rel => ValueType::Relationship,
        StaticType::Path => ValueType::Path,
    })
}

/// Procedures of Neo4j's that kg answers otherwise, with what to write instead.
const INSTEAD: &[(&str, &str)] = &[
    ("db.indexes", "write SHOW INDEXES"),
    ("db.constraints", "write SHOW CONSTRAINTS"),
    ("dbms.procedures", "write SHOW PROCEDURES"),
    ("dbms.functions", "write SHOW FUNCTIONS"),
    ("db.schema", "write CALL db.schema.visualization()"),
    (
        "apoc.meta.schema",
        "write CALL db.schema.nodeTypeProperties()",
    ),
    (
        "apoc.meta.data",
        "write CALL db.schema.nodeTypeProperties()",
    ),
    (
        "db.awaitindexes",
        "leave it out: kg's indexes are ready as soon as they are declared",
    ),
    (
        "db.awaitindex",
        "leave it out: kg's indexes are ready as soon as they are declared",
    ),
];

fn not_found(
    name: &ast::Ident,
    procedures: &crate::functions::procedures::Procedures,
) -> QueryError {
    let lower = name.name.to_ascii_lowercase();
    let advice = if let Some((_, instead)) = INSTEAD.iter().find(|(n, _)| *n == lower) {
        instead.to_string()
    } else if let Some(plugin) = ["apoc.", "gds.", "genai.", "dbms."]
        .into_iter()
        .find(|p| lower.starts_with(p))
    {
        let mut text = format!(
            "{plugin}* procedures belong to Neo4j's server or its plugins, which kg does not have"
        );
        if plugin == "apoc." {
            text.push_str(
                " (kg has LOAD CSV, kg import and kg export for what apoc.load and apoc.export do)",
            );
        }
        text
    } else {
        let all = procedures.all();
        match crate::syntax::closest(&name.name, all.iter().map(|p| &*p.name)) {
            Some(close) => format!("did you mean {close}? (SHOW PROCEDURES lists kg's)"),
            None => "SHOW PROCEDURES lists kg's".to_string(),
        }
    };
    QueryError::new(
        ErrorClass::ProcedureError,
        Phase::CompileTime,
        Detail::ProcedureNotFound,
        format!("there is no procedure named {}: {advice}", name.name),
    )
    .at(name.span)
}

fn unknown_column(procedure: &Procedure, field: &ast::Ident) -> QueryError {
    let outputs: Vec<&str> = procedure.outputs.iter().map(|o| &*o.name).collect();
    QueryError::syntax(
        Detail::UndefinedVariable,
        format!(
            "{} has no result column `{}`: it yields {}",
            procedure.name,
            field.name,
            if outputs.is_empty() {
                "nothing".to_string()
            } else {
                outputs.join(", ")
            }
        ),
        field.span,
    )
}
