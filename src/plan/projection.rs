//! WITH and RETURN: projection, aggregation, DISTINCT, ORDER BY, SKIP and LIMIT.

use super::bind::{
    AggregateSlots, contains_aggregate, for_each_child, misplaced_aggregate, visit_aggregates,
};
use super::functions::lookup_aggregate;
use super::logical::*;
use super::planner::{Planner, Result};
use super::scope::{Scope, Var, VarKind};
use crate::error::{Detail, QueryError};
use crate::model::Value;
use crate::syntax::ast::{Expr, ExprKind, Projection};
use std::sync::Arc;

/// One projected column.
struct Item {
    name: Arc<str>,
    expr: Expr,
}

impl Planner<'_> {
    /// Plans a WITH (`is_return` false) or RETURN. Returns the operator, the scope after it
    /// and the output columns.
    pub fn plan_projection(
        &mut self,
        input: Op,
        body: &Projection,
        filter: Option<&Expr>,
        scope: &Scope,
        is_return: bool,
    ) -> Result<(Op, Scope, Vec<(String, Slot)>)> {
        let items = self.projection_items(body, scope, is_return)?;
        let aggregating = items.iter().any(|i| contains_aggregate(&i.expr));
        let mut new_scope = Scope::default();
        let mut columns = Vec::with_capacity(items.len());
        let mut op;
        // Aggregates, by address of their syntax node, and what ORDER BY may refer to.
        let mut agg_slots = AggregateSlots::new();
        if aggregating {
            let mut keys = Vec::new();
            let mut aggregates = Vec::new();
            let mut finals = Vec::new();
            let mut key_vars: Vec<Arc<str>> = Vec::new();
            for item in &items {
                if !contains_aggregate(&item.expr) {
                    if let ExprKind::Variable(v) = &item.expr.kind {
                        key_vars.push(v.clone());
                    }
                }
            }
            for item in &items {
                if contains_aggregate(&item.expr) {
                    self.plan_aggregates(&item.expr, scope, &mut aggregates, &mut agg_slots)?;
                }
            }
            for extra in &body.order_by {
                if contains_aggregate(&extra.expr) {
                    self.plan_aggregates(&extra.expr, scope, &mut aggregates, &mut agg_slots)?;
                }
            }
            let key_exprs: Vec<&Expr> =
                items.iter().filter(|i| !contains_aggregate(&i.expr)).map(|i| &i.expr).collect();
            let mut keep = Vec::new();
            for item in &items {
                let slot = self.slot();
                if contains_aggregate(&item.expr) {
                    check_grouping(&item.expr, &key_exprs, &key_vars)?;
                    for v in &key_vars {
                        if let Some(var) = scope.get(v) {
                            keep.push(var.slot);
                        }
                    }
                    finals.push((slot, self.bind_with(&item.expr, scope, Some(&agg_slots))?));
                } else {
                    keys.push((slot, self.bind_expr(&item.expr, scope)?));
                }
                new_scope.bind(item.name.clone(), Var { slot, kind: kind_of(&item.expr, scope) });
                columns.push((item.name.to_string(), slot));
            }
            keep.sort_unstable();
            keep.dedup();
            op = Op::Aggregate { input: Box::new(input), keys, aggregates, keep };
            if !finals.is_empty() {
                op = Op::Project { input: Box::new(op), items: finals };
            }
        } else {
            let mut projected = Vec::with_capacity(items.len());
            for item in &items {
                let bound = self.bind_expr(&item.expr, scope)?;
                // A variable passed through keeps its slot: no copy, and its kind survives.
                let slot = match &bound {
                    BoundExpr::Slot(s) => *s,
                    _ => self.slot(),
                };
                if !matches!(bound, BoundExpr::Slot(s) if s == slot) {
                    projected.push((slot, bound));
                }
                new_scope.bind(item.name.clone(), Var { slot, kind: kind_of(&item.expr, scope) });
                columns.push((item.name.to_string(), slot));
            }
            op = if projected.is_empty() {
                input
            } else {
                Op::Project { input: Box::new(input), items: projected }
            };
        }
        if body.distinct {
            op = Op::Distinct {
                input: Box::new(op),
                slots: columns.iter().map(|(_, s)| *s).collect(),
            };
        }
        if !body.order_by.is_empty() {
            // ORDER BY sees the projected names and, unless the projection hid them (DISTINCT
            // or aggregation), the variables from before it.
            let mut order_scope =
                if body.distinct || aggregating { Scope::default() } else { scope.clone() };
            for (name, var) in new_scope.names() {
                order_scope.bind(name.clone(), *var);
            }
            let mut keys = Vec::with_capacity(body.order_by.len());
            for sort in &body.order_by {
                let expr = match matching_item(&sort.expr, &items, &columns) {
                    Some(slot) => BoundExpr::Slot(slot),
                    None => {
                        if !aggregating && contains_aggregate(&sort.expr) {
                            return Err(misplaced_aggregate(sort.expr.span));
                        }
                        let aggs = aggregating.then_some(&agg_slots);
                        self.bind_with(&sort.expr, &order_scope, aggs)?
                    }
                };
                keys.push((expr, sort.descending));
            }
            op = Op::Sort { input: Box::new(op), keys };
        }
        if let Some(skip) = &body.skip {
            op = Op::Skip { input: Box::new(op), count: self.bind_count(skip)? };
        }
        if let Some(limit) = &body.limit {
            op = Op::Limit { input: Box::new(op), count: self.bind_count(limit)? };
        }
        if let Some(filter) = filter {
            if contains_aggregate(filter) {
                return Err(misplaced_aggregate(filter.span));
            }
            let predicate = self.bind_expr(filter, &new_scope)?;
            op = Op::Filter { input: Box::new(op), predicate };
        }
        Ok((op, new_scope, columns))
    }

    fn projection_items(
        &self,
        body: &Projection,
        scope: &Scope,
        is_return: bool,
    ) -> Result<Vec<Item>> {
        let mut items = Vec::new();
        if body.star {
            let mut names: Vec<&Arc<str>> = scope.names().map(|(n, _)| n).collect();
            if names.is_empty() {
                return Err(QueryError::syntax(
                    Detail::UnexpectedSyntax,
                    "RETURN * and WITH * need at least one variable in scope",
                    body.span,
                ));
            }
            names.sort();
            for name in names {
                let expr = Expr::new(ExprKind::Variable(name.clone()), body.span);
                items.push(Item { name: name.clone(), expr });
            }
        }
        for item in &body.items {
            let (name, named) = match &item.alias {
                Some(alias) => (alias.name.clone(), true),
                None => match &item.expr.kind {
                    ExprKind::Variable(v) => (v.clone(), true),
                    _ => (Arc::from(item.text.as_str()), false),
                },
            };
            if !is_return && !named {
                return Err(QueryError::syntax(
                    Detail::NoExpressionAlias,
                    "expressions in WITH must be aliased (use AS)",
                    item.expr.span,
                ));
            }
            if items.iter().any(|i: &Item| i.name == name) {
                return Err(QueryError::syntax(
                    Detail::ColumnNameConflict,
                    format!("multiple result columns with the same name `{name}`"),
                    item.alias.as_ref().map_or(item.expr.span, |a| a.span),
                ));
            }
            items.push(Item { name, expr: item.expr.clone() });
        }
        Ok(items)
    }

    /// Plans each aggregate call inside `expr` and records its slot.
    fn plan_aggregates(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        aggregates: &mut Vec<(Slot, Aggregate)>,
        slots: &mut AggregateSlots,
    ) -> Result<()> {
        let mut calls = Vec::new();
        visit_aggregates(expr, &mut |e| calls.push(e));
        for call in calls {
            let aggregate = match &call.kind {
                ExprKind::CountStar => Aggregate {
                    kind: AggKind::CountStar,
                    distinct: false,
                    arg: None,
                    param: None,
                    span: call.span,
                },
                ExprKind::FunctionCall { name, distinct, args } => {
                    let kind = lookup_aggregate(&name.name).unwrap_or(AggKind::Count);
                    let percentile =
                        matches!(kind, AggKind::PercentileCont | AggKind::PercentileDisc);
                    let arity = if percentile { 2 } else { 1 };
                    if args.len() != arity {
                        return Err(QueryError::syntax(
                            Detail::InvalidArgumentType,
                            format!("{} takes {arity} argument(s)", name.name),
                            call.span,
                        ));
                    }
                    if args.iter().any(contains_aggregate) {
                        return Err(QueryError::syntax(
                            Detail::NestedAggregation,
                            "aggregate functions cannot be nested",
                            call.span,
                        ));
                    }
                    let arg = Some(self.bind_expr(&args[0], scope)?);
                    let param = match args.get(1) {
                        Some(p) => Some(self.bind_expr(p, scope)?),
                        None => None,
                    };
                    Aggregate { kind, distinct: *distinct, arg, param, span: call.span }
                }
                _ => continue,
            };
            let slot = self.slot();
            slots.insert(call as *const Expr, slot);
            aggregates.push((slot, aggregate));
        }
        Ok(())
    }

    /// SKIP and LIMIT take a constant: a literal, a parameter, or an expression of them.
    fn bind_count(&mut self, expr: &Expr) -> Result<BoundExpr> {
        let bound = self.bind_expr(expr, &Scope::default()).map_err(|e| {
            if e.detail == Detail::UndefinedVariable {
                QueryError::syntax(
                    Detail::NonConstantExpression,
                    "SKIP and LIMIT need a constant value, not a variable",
                    expr.span,
                )
            } else {
                e
            }
        })?;
        if let BoundExpr::Const(v) = &bound {
            match v {
                Value::Int(i) if *i < 0 => {
                    return Err(QueryError::syntax(
                        Detail::NegativeIntegerArgument,
                        format!("SKIP and LIMIT need a non-negative integer, not {i}"),
                        expr.span,
                    ));
                }
                Value::Int(_) => {}
                _ => {
                    return Err(QueryError::syntax(
                        Detail::InvalidArgumentType,
                        "SKIP and LIMIT need an integer",
                        expr.span,
                    ));
                }
            }
        }
        Ok(bound)
    }
}

/// The kind of a projected expression: a variable keeps its kind.
fn kind_of(expr: &Expr, scope: &Scope) -> VarKind {
    match &expr.kind {
        ExprKind::Variable(v) => scope.get(v).map_or(VarKind::Value, |var| var.kind),
        _ => VarKind::Value,
    }
}

/// The slot of a projection item the sort expression names or repeats.
fn matching_item(expr: &Expr, items: &[Item], columns: &[(String, Slot)]) -> Option<Slot> {
    let text = expr.to_string();
    items.iter().zip(columns).find_map(|(item, (_, slot))| {
        let same_expr = item.expr.to_string() == text;
        let same_name = matches!(&expr.kind, ExprKind::Variable(v) if *v == item.name);
        (same_expr || same_name).then_some(*slot)
    })
}

/// Outside its aggregate calls, an aggregating item may only use grouping keys: otherwise
/// the value would differ within a group.
fn check_grouping(expr: &Expr, keys: &[&Expr], key_vars: &[Arc<str>]) -> Result<()> {
    let text = expr.to_string();
    if keys.iter().any(|k| k.to_string() == text) {
        return Ok(());
    }
    match &expr.kind {
        ExprKind::CountStar => Ok(()),
        ExprKind::FunctionCall { name, .. } if lookup_aggregate(&name.name).is_some() => Ok(()),
        ExprKind::Variable(v) if !key_vars.contains(v) => Err(QueryError::syntax(
            Detail::AmbiguousAggregationExpression,
            format!("`{v}` is used next to an aggregate but is not a grouping key"),
            expr.span,
        )),
        ExprKind::ListComprehension { .. }
        | ExprKind::Quantifier { .. }
        | ExprKind::Reduce { .. }
        | ExprKind::PatternComprehension { .. } => Ok(()),
        _ => {
            let mut result = Ok(());
            for_each_child(expr, &mut |c| {
                if result.is_ok() {
                    result = check_grouping(c, keys, key_vars);
                }
            });
            result
        }
    }
}
