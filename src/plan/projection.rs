//! WITH and RETURN: projection, aggregation, DISTINCT, ORDER BY, SKIP and LIMIT.

use super::bind::{
    Substitutions, collect_variables, contains_aggregate, misplaced_aggregate, visit_aggregates,
};
use super::logical::*;
use super::planner::{Planner, Result};
use super::scope::{Scope, Var, VarKind};
use crate::error::{Detail, QueryError};
use crate::model::Value;
use crate::syntax::ast::{ExistsBody, Expr, ExprKind, PatternElement, Projection, Span};
use std::sync::Arc;

/// A projection's plan, the scope after it, and its columns with their slots.
type Projected = (Op, Scope, Vec<(String, Slot)>);

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
    ) -> Result<Projected> {
        let (items, unaliased) = self.projection_items(body, scope, is_return)?;
        let aggregating = items.iter().any(|i| contains_aggregate(&i.expr));
        let mut new_scope = Scope::default();
        let mut columns = Vec::with_capacity(items.len());
        let mut op;
        let mut subst = Substitutions::default();
        // Variables projected as they are, by their old names: read after the projection
        // from their new slot when no projected name hides them.
        let mut key_vars: Vec<(Arc<str>, Var)> = Vec::new();
        if aggregating {
            let mut aggregates = Vec::new();
            for item in &items {
                self.plan_aggregates(&item.expr, scope, &mut aggregates, &mut subst)?;
            }
            // ORDER BY may repeat an aggregate of the projection, but not add its own: the
            // variables it would aggregate over are gone by then.
            let mut projected: Vec<(String, Slot)> = Vec::new();
            for item in &items {
                visit_aggregates(&item.expr, &mut |e, _| {
                    if let Some(slot) = subst.aggregates.get(&(e as *const Expr)) {
                        projected.push((e.to_string(), *slot));
                    }
                });
            }
            for sort in &body.order_by {
                let mut calls = Vec::new();
                visit_aggregates(&sort.expr, &mut |e, _| calls.push(e));
                for call in calls {
                    let text = call.to_string();
                    let Some((_, slot)) = projected.iter().find(|(t, _)| *t == text) else {
                        return Err(QueryError::syntax(
                            Detail::UndefinedVariable,
                            format!(
                                "ORDER BY can only use aggregates that are projected; {text} is not"
                            ),
                            call.span,
                        ));
                    };
                    subst.aggregates.insert(call as *const Expr, *slot);
                }
            }
            let grouping = Grouping::new(&items, scope);
            let mut keys = Vec::new();
            let mut finals = Vec::new();
            for item in &items {
                let slot = self.slot();
                let var = Var {
                    slot,
                    kind: projected_kind(&item.expr, scope),
                };
                if contains_aggregate(&item.expr) {
                    grouping.check(&item.expr, None, &[])?;
                    finals.push((slot, &item.expr));
                } else {
                    keys.push((slot, self.bind_expr(&item.expr, scope)?));
                    subst.add_key(&item.expr, slot);
                    if let ExprKind::Variable(v) = &item.expr.kind {
                        key_vars.push((v.clone(), var));
                    }
                }
                self.name_slot(slot, &item.name);
                new_scope.bind(item.name.clone(), var);
                columns.push((item.name.to_string(), slot));
            }
            // The aggregated row holds only keys and aggregates: a key variable is read from
            // its key's slot.
            let mut after = scope.clone();
            for (name, var) in &key_vars {
                after.bind(name.clone(), *var);
            }
            let finals = finals
                .into_iter()
                .map(|(slot, e)| Ok((slot, self.bind_with(e, &after, Some(&subst))?)))
                .collect::<Result<Vec<_>>>()?;
            op = Op::Aggregate {
                input: Box::new(input),
                keys,
                aggregates,
            };
            if !finals.is_empty() {
                op = Op::Project {
                    input: Box::new(op),
                    items: finals,
                };
            }
            for sort in &body.order_by {
                if contains_aggregate(&sort.expr) {
                    grouping.check(&sort.expr, Some(&new_scope), &[])?;
                }
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
                subst.add_key(&item.expr, slot);
                let var = Var {
                    slot,
                    kind: projected_kind(&item.expr, scope),
                };
                if let ExprKind::Variable(v) = &item.expr.kind {
                    key_vars.push((v.clone(), var));
                }
                self.name_slot(slot, &item.name);
                new_scope.bind(item.name.clone(), var);
                columns.push((item.name.to_string(), slot));
            }
            op = if projected.is_empty() {
                input
            } else {
                Op::Project {
                    input: Box::new(input),
                    items: projected,
                }
            };
        }
        if body.distinct {
            op = Op::Distinct {
                input: Box::new(op),
                slots: columns.iter().map(|(_, s)| *s).collect(),
            };
        }
        // ORDER BY and WITH's WHERE see the projected names and, unless the projection hid
        // them (DISTINCT or aggregation), the variables from before it.
        let mut visible = if body.distinct || aggregating {
            let mut hidden = Scope::default();
            for (name, var) in &key_vars {
                hidden.bind(name.clone(), *var);
            }
            hidden
        } else {
            scope.clone()
        };
        for (name, var) in new_scope.names() {
            visible.bind(name.clone(), *var);
        }
        // After DISTINCT or aggregation the old variables are gone, but an expression that
        // repeats a projected one reads its column.
        let subst = (body.distinct || aggregating).then_some(&subst);
        if !body.order_by.is_empty() {
            let mut keys = Vec::with_capacity(body.order_by.len());
            for sort in &body.order_by {
                let expr = match matching_item(&sort.expr, &items, &columns) {
                    Some(slot) => BoundExpr::Slot(slot),
                    None => {
                        if !aggregating && contains_aggregate(&sort.expr) {
                            return Err(misplaced_aggregate(sort.expr.span));
                        }
                        self.bind_with(&sort.expr, &visible, subst)?
                    }
                };
                keys.push((expr, sort.descending));
            }
            op = Op::Sort {
                input: Box::new(op),
                keys,
                top: None,
            };
        }
        let skip = body.skip.as_ref().map(|s| self.bind_count(s)).transpose()?;
        let limit = body
            .limit
            .as_ref()
            .map(|l| self.bind_count(l))
            .transpose()?;
        if let (Op::Sort { top, .. }, Some(limit)) = (&mut op, &limit) {
            *top = Some((skip.clone(), limit.clone()));
        }
        if let Some(count) = skip {
            op = Op::Skip {
                input: Box::new(op),
                count,
            };
        }
        if let Some(count) = limit {
            op = Op::Limit {
                input: Box::new(op),
                count,
            };
        }
        if let Some(filter) = filter {
            if contains_aggregate(filter) {
                return Err(misplaced_aggregate(filter.span));
            }
            let predicate = self.bind_with(filter, &visible, subst)?;
            op = Op::Filter {
                input: Box::new(op),
                predicate,
            };
        }
        if let Some(e) = unaliased {
            return Err(e);
        }
        Ok((op, new_scope, columns))
    }

    fn projection_items(
        &self,
        body: &Projection,
        scope: &Scope,
        is_return: bool,
    ) -> Result<(Vec<Item>, Option<QueryError>)> {
        let mut items = Vec::new();
        // Reported after the aggregation checks, which openCypher makes first.
        let mut unaliased = None;
        if body.star {
            let mut names: Vec<&Arc<str>> = scope.names().map(|(n, _)| n).collect();
            // `WITH *` may pass on nothing (`CREATE () WITH * CREATE ()`, in the TCK); a
            // RETURN would have no column.
            if names.is_empty() && is_return {
                return Err(QueryError::syntax(
                    Detail::UnexpectedSyntax,
                    "RETURN * needs at least one variable in scope",
                    body.span,
                ));
            }
            names.sort();
            for name in names {
                let expr = Expr::new(ExprKind::Variable(name.clone()), body.span);
                items.push(Item {
                    name: name.clone(),
                    expr,
                });
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
            if !is_return && !named && unaliased.is_none() {
                unaliased = Some(QueryError::syntax(
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
            items.push(Item {
                name,
                expr: item.expr.clone(),
            });
        }
        Ok((items, unaliased))
    }

    /// Plans each aggregate call inside `expr` and records its slot.
    fn plan_aggregates(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        aggregates: &mut Vec<(Slot, Aggregate)>,
        subst: &mut Substitutions,
    ) -> Result<()> {
        let mut calls = Vec::new();
        visit_aggregates(expr, &mut |e, kind| calls.push((e, kind)));
        for (call, kind) in calls {
            let aggregate = match &call.kind {
                ExprKind::FunctionCall {
                    name,
                    distinct,
                    args,
                } => {
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
                    if mentions_rand(&args[0]) {
                        return Err(QueryError::syntax(
                            Detail::NonConstantExpression,
                            "an aggregate cannot take rand(): its result would not be repeatable",
                            args[0].span,
                        ));
                    }
                    let arg = Some(self.bind_expr(&args[0], scope)?);
                    let param = match args.get(1) {
                        Some(p) => Some(self.bind_expr(p, scope)?),
                        None => None,
                    };
                    Aggregate {
                        kind,
                        distinct: *distinct,
                        arg,
                        param,
                        span: call.span,
                    }
                }
                // count(*)
                _ => Aggregate {
                    kind,
                    distinct: false,
                    arg: None,
                    param: None,
                    span: call.span,
                },
            };
            let slot = self.slot();
            subst.aggregates.insert(call as *const Expr, slot);
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
        let literal = match &expr.kind {
            ExprKind::Literal(v) => Some(v.clone()),
            ExprKind::Unary(crate::syntax::ast::UnaryOp::Neg, inner) => match &inner.kind {
                ExprKind::Literal(Value::Int(i)) => {
                    Some(Value::Int(i.checked_neg().ok_or_else(|| {
                        QueryError::syntax(
                            Detail::IntegerOverflow,
                            format!("-({i}) is too large for an integer"),
                            expr.span,
                        )
                    })?))
                }
                ExprKind::Literal(Value::Float(f)) => Some(Value::Float(-f)),
                _ => None,
            },
            _ => None,
        };
        if let Some(v) = &literal {
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

/// The kind of a projected expression: a variable keeps its kind; otherwise what its static
/// type says.
fn projected_kind(expr: &Expr, scope: &Scope) -> VarKind {
    match &expr.kind {
        ExprKind::Variable(v) => scope.get(v).map_or(VarKind::Value, |var| var.kind),
        _ => super::types::var_kind_for_type(super::types::static_type(expr, scope)),
    }
}

/// The slot of a projection item the sort expression names or else repeats. A name wins over
/// a repeated text: in `WITH a AS b, b AS a ORDER BY a`, `a` is the second column.
fn matching_item(expr: &Expr, items: &[Item], columns: &[(String, Slot)]) -> Option<Slot> {
    let slot = |i: usize| columns.get(i).map(|(_, s)| *s);
    if let ExprKind::Variable(v) = &expr.kind {
        if let Some(i) = items.iter().position(|item| item.name == *v) {
            return slot(i);
        }
    }
    let text = expr.to_string();
    let i = items
        .iter()
        .position(|item| item.expr.to_string() == text)?;
    slot(i)
}

/// The grouping keys of an aggregating projection, to check that what stands next to an
/// aggregate has one value per group.
struct Grouping<'s> {
    /// Texts of the key expressions that are variables or property lookups.
    simple_keys: Vec<String>,
    /// Variables that are keys themselves.
    key_vars: Vec<Arc<str>>,
    /// Variables mentioned anywhere in a key.
    mentioned: Vec<Arc<str>>,
    /// The scope before the projection: a pattern naming one of its variables means that
    /// variable, a pattern naming any other name binds a new one.
    before: &'s Scope,
}

impl<'s> Grouping<'s> {
    fn new(items: &[Item], before: &'s Scope) -> Self {
        let mut g = Grouping {
            simple_keys: Vec::new(),
            key_vars: Vec::new(),
            mentioned: Vec::new(),
            before,
        };
        for item in items.iter().filter(|i| !contains_aggregate(&i.expr)) {
            match &item.expr.kind {
                ExprKind::Variable(v) => g.key_vars.push(v.clone()),
                ExprKind::Property(..) => g.simple_keys.push(item.expr.to_string()),
                _ => {}
            }
            collect_variables(&item.expr, &mut g.mentioned);
        }
        g
    }

    /// Outside its aggregate calls, `expr` may only use key variables and keys that are
    /// property lookups; a more complex key may not be repeated inside (openCypher's rule).
    /// For ORDER BY (`visible` given), a variable no key mentions is simply out of scope.
    /// `local` holds the variables of the comprehensions and patterns `expr` is inside of.
    fn check(&self, expr: &Expr, visible: Option<&Scope>, local: &[Arc<str>]) -> Result<()> {
        let with = |names: &[&Arc<str>]| {
            let mut inner = local.to_vec();
            inner.extend(names.iter().map(|n| Arc::clone(n)));
            inner
        };
        match &expr.kind {
            ExprKind::CountStar => Ok(()),
            ExprKind::FunctionCall { name, .. }
                if crate::functions::lookup(&name.name)
                    .is_some_and(|f| f.aggregate().is_some()) =>
            {
                Ok(())
            }
            ExprKind::Property(..) if self.simple_keys.contains(&expr.to_string()) => Ok(()),
            ExprKind::Variable(v) => self.check_name(v, expr.span, visible, local),
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                self.check(list, visible, local)?;
                let inner = with(&[&var.name]);
                for e in [filter, map].into_iter().flatten() {
                    self.check(e, visible, &inner)?;
                }
                Ok(())
            }
            ExprKind::Quantifier {
                var, list, filter, ..
            } => {
                self.check(list, visible, local)?;
                let inner = with(&[&var.name]);
                match filter {
                    Some(f) => self.check(f, visible, &inner),
                    None => Ok(()),
                }
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => {
                self.check(init, visible, local)?;
                self.check(list, visible, local)?;
                self.check(expr, visible, &with(&[&acc.name, &var.name]))
            }
            ExprKind::PatternComprehension {
                path_var,
                pattern,
                filter,
                map,
            } => {
                let mut inner = self.check_pattern(pattern, visible, local)?;
                inner.extend(path_var.iter().map(|v| v.name.clone()));
                for e in filter.iter().chain(std::iter::once(map)) {
                    self.check(e, visible, &inner)?;
                }
                Ok(())
            }
            ExprKind::PatternPredicate(pattern) => {
                self.check_pattern(pattern, visible, local).map(|_| ())
            }
            ExprKind::ShortestPath(part) => self
                .check_pattern(&part.element, visible, local)
                .map(|_| ()),
            ExprKind::Exists(body) | ExprKind::CountSubquery(body) => match &**body {
                ExistsBody::Pattern { pattern, filter } => {
                    let mut inner = local.to_vec();
                    for part in pattern {
                        inner = self.check_pattern(&part.element, visible, &inner)?;
                        inner.extend(part.var.iter().map(|v| v.name.clone()));
                    }
                    match filter {
                        Some(f) => self.check(f, visible, &inner),
                        None => Ok(()),
                    }
                }
                // A subquery's own clauses are checked when it is planned.
                ExistsBody::Query(_) => Ok(()),
            },
            ExprKind::CollectSubquery(_) => Ok(()),
            _ => {
                let mut result = Ok(());
                expr.for_each_child(&mut |c| {
                    if result.is_ok() {
                        result = self.check(c, visible, local);
                    }
                });
                result
            }
        }
    }

    fn check_name(
        &self,
        v: &Arc<str>,
        span: Span,
        visible: Option<&Scope>,
        local: &[Arc<str>],
    ) -> Result<()> {
        if local.contains(v)
            || self.key_vars.contains(v)
            || visible.is_some_and(|s| s.get(v).is_some())
        {
            return Ok(());
        }
        if visible.is_some() && !self.mentioned.contains(v) {
            return Err(QueryError::syntax(
                Detail::UndefinedVariable,
                format!("variable `{v}` is not defined after the aggregation"),
                span,
            ));
        }
        Err(QueryError::syntax(
            Detail::AmbiguousAggregationExpression,
            format!("`{v}` is used next to an aggregate but is not a grouping key"),
            span,
        ))
    }

    /// Checks the variables and property maps of a pattern; returns `local` with the
    /// variables the pattern binds anew.
    fn check_pattern(
        &self,
        pattern: &PatternElement,
        visible: Option<&Scope>,
        local: &[Arc<str>],
    ) -> Result<Vec<Arc<str>>> {
        let mut inner = local.to_vec();
        let nodes = std::iter::once(&pattern.start).chain(pattern.chain.iter().map(|(_, n)| n));
        let node_parts = nodes.map(|n| (n.var.as_ref(), n.props.as_ref()));
        let rel_parts = pattern
            .chain
            .iter()
            .map(|(r, _)| (r.var.as_ref(), r.props.as_ref()));
        for (var, props) in node_parts.chain(rel_parts) {
            if let Some(props) = props {
                self.check(props, visible, &inner)?;
            }
            let Some(var) = var else { continue };
            let outer = match visible {
                Some(s) => s.get(&var.name).is_some(),
                None => self.before.get(&var.name).is_some(),
            };
            if outer && !inner.contains(&var.name) {
                self.check_name(&var.name, var.span, visible, &inner)?;
            } else {
                inner.push(var.name.clone());
            }
        }
        Ok(inner)
    }
}

fn mentions_rand(expr: &Expr) -> bool {
    if let ExprKind::FunctionCall { name, .. } = &expr.kind {
        if name.name.eq_ignore_ascii_case("rand") {
            return true;
        }
    }
    let mut found = false;
    expr.for_each_child(&mut |c| found |= mentions_rand(c));
    found
}
