//! Pest pairs to AST for CALL: procedure calls and subqueries.

use super::ast::*;
use super::build::{build_query, ident, span_of, unquote};
use super::expr::{build_expression, build_inner_expression};
use super::parser::{Pair, Rule};
use crate::error::QueryError;

type Result<T> = std::result::Result<T, QueryError>;

/// The kind of a `call_clause`: the pair inside it is a procedure call or a subquery.
pub(super) fn build_call(pair: Pair, span: Span) -> Result<ClauseKind> {
    let mut optional = false;
    let mut inner = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::kw_OPTIONAL => optional = true,
            Rule::procedure_call | Rule::call_subquery => inner = Some(p),
            _ => {}
        }
    }
    let inner = inner.ok_or_else(|| super::build::incomplete(span))?;
    Ok(match inner.as_rule() {
        Rule::procedure_call => {
            let mut call = build_procedure_call(inner)?;
            call.optional = optional;
            ClauseKind::CallProcedure(Box::new(call))
        }
        _ => {
            let mut sub = build_subquery(inner, span)?;
            sub.optional = optional;
            ClauseKind::CallSubquery(Box::new(sub))
        }
    })
}

fn build_procedure_call(pair: Pair) -> Result<ProcedureCall> {
    let mut name = None;
    let mut args = None;
    let mut yields = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::procedure_name => {
                let text: Vec<String> = p
                    .as_str()
                    .split('.')
                    .map(|part| unquote(part.trim()))
                    .collect();
                name = Some(Ident {
                    name: text.join(".").into(),
                    span: span_of(&p),
                });
            }
            Rule::procedure_args => {
                args = Some(
                    p.into_inner()
                        .filter(|a| a.as_rule() == Rule::expression)
                        .map(build_expression)
                        .collect::<Result<Vec<_>>>()?,
                );
            }
            Rule::yield_clause => yields = Some(build_yield(p)?),
            _ => {}
        }
    }
    Ok(ProcedureCall {
        name: name.ok_or_else(|| {
            QueryError::syntax(
                crate::error::Detail::UnexpectedSyntax,
                "CALL needs a procedure name",
                Span::default(),
            )
        })?,
        args,
        yields,
        optional: false,
    })
}

fn build_yield(pair: Pair) -> Result<Yield> {
    let mut items = Vec::new();
    let mut filter = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::yield_star => return Ok(Yield::Star(span_of(&p))),
            Rule::yield_item => {
                let mut parts = p.into_inner().filter(|x| x.as_rule() != Rule::kw_AS);
                let field = parts.next().map(ident);
                let alias = parts.next().map(ident);
                if let Some(field) = field {
                    items.push(YieldItem { field, alias });
                }
            }
            Rule::where_clause => filter = Some(build_inner_expression(p)?),
            _ => {}
        }
    }
    Ok(Yield::Items { items, filter })
}

fn build_subquery(pair: Pair, span: Span) -> Result<CallSubquery> {
    let mut query = None;
    let mut scope = None;
    let mut in_transactions = None;
    let mut transactions_span = span;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::subquery_scope => {
                let mut vars = Vec::new();
                let mut all = false;
                for v in p.into_inner() {
                    match v.as_rule() {
                        Rule::star => all = true,
                        Rule::variable => vars.push(ident(v)),
                        _ => {}
                    }
                }
                scope = Some(if all {
                    SubqueryScope::All
                } else {
                    SubqueryScope::Vars(vars)
                });
            }
            // One level of recursion per subquery inside another.
            Rule::query => query = Some(crate::stack::guarded(|| build_query(p))?),
            Rule::in_transactions => {
                transactions_span = span_of(&p);
                let size = p
                    .into_inner()
                    .find(|x| x.as_rule() == Rule::expression)
                    .map(build_expression)
                    .transpose()?;
                in_transactions = Some(size);
            }
            _ => {}
        }
    }
    Ok(CallSubquery {
        query: query.ok_or_else(|| super::build::incomplete(span))?,
        scope,
        in_transactions,
        transactions_span,
        optional: false,
    })
}
