//! Expressions: variables to slots, names to symbols, functions resolved, and the checks that
//! openCypher makes before running (undefined variables, aggregates where none may be).

use super::logical::*;
use super::planner::{Planner, Result};
use super::scope::{Scope, VarKind};
use super::types::{StaticType, binary_type, element_type, static_type, var_kind_for_type};
use crate::error::{Detail, QueryError};
use crate::functions::{self, Builtin};
use crate::model::Value;
use crate::syntax::ast::{self, ExistsBody, Expr, ExprKind, MapProjectionItem, Span};
use crate::syntax::closest;
use std::collections::HashMap;
use std::sync::Arc;

/// Sub-expressions already computed into a slot, read instead of evaluated: aggregate calls
/// (by the address of their syntax node) and grouping keys (by their text), for expressions
/// evaluated after aggregation or DISTINCT.
#[derive(Default, Clone)]
pub(super) struct Substitutions {
    pub aggregates: HashMap<*const Expr, Slot>,
    keys: Vec<GroupingKey>,
}

#[derive(Clone)]
struct GroupingKey {
    text: String,
    slot: Slot,
    /// The variables the key reads: where an inner scope rebinds one, the same text means
    /// something else.
    vars: Vec<Arc<str>>,
}

impl Substitutions {
    /// Records a projected expression computed into `slot`. A bare variable is not recorded:
    /// the projection binds its name in scope instead, where inner scopes can shadow it.
    pub fn add_key(&mut self, expr: &Expr, slot: Slot) {
        if matches!(
            expr.kind,
            ExprKind::Variable(_) | ExprKind::Literal(_) | ExprKind::Parameter(_)
        ) {
            return;
        }
        let mut vars = Vec::new();
        collect_variables(expr, &mut vars);
        self.keys.push(GroupingKey {
            text: expr.to_string(),
            slot,
            vars,
        });
    }

    fn lookup(&self, expr: &Expr) -> Option<Slot> {
        if let Some(slot) = self.aggregates.get(&(expr as *const Expr)) {
            return Some(*slot);
        }
        if self.keys.is_empty()
            || matches!(
                expr.kind,
                ExprKind::Variable(_) | ExprKind::Literal(_) | ExprKind::Parameter(_)
            )
        {
            return None;
        }
        let text = expr.to_string();
        self.keys.iter().find(|k| k.text == text).map(|k| k.slot)
    }

    /// The substitutions valid in `inner`, a scope opened inside `outer`: keys reading a
    /// name that `inner` binds anew are dropped.
    fn inside(&self, outer: &Scope, inner: &Scope) -> Option<Substitutions> {
        let rebound: Vec<&Arc<str>> = inner
            .names()
            .filter(|(n, v)| outer.get(n).map(|o| o.slot) != Some(v.slot))
            .map(|(n, _)| n)
            .collect();
        if !self
            .keys
            .iter()
            .any(|k| k.vars.iter().any(|v| rebound.contains(&v)))
        {
            return None;
        }
        let mut inner_subst = self.clone();
        inner_subst
            .keys
            .retain(|k| !k.vars.iter().any(|v| rebound.contains(&v)));
        Some(inner_subst)
    }
}

/// The substitutions for an inner scope: `aggs` itself unless the scope shadows a key.
fn inner_subst<'a>(
    aggs: Option<&'a Substitutions>,
    outer: &Scope,
    inner: &Scope,
    owned: &'a mut Option<Substitutions>,
) -> Option<&'a Substitutions> {
    let aggs = aggs?;
    *owned = aggs.inside(outer, inner);
    let owned: &'a Option<Substitutions> = owned;
    Some(owned.as_ref().unwrap_or(aggs))
}

/// Every variable `expr` mentions (not inside patterns or subqueries).
pub(super) fn collect_variables(expr: &Expr, out: &mut Vec<Arc<str>>) {
    if let ExprKind::Variable(v) = &expr.kind {
        out.push(v.clone());
    }
    expr.for_each_child(&mut |c| collect_variables(c, out));
}

impl Planner<'_> {
    /// Binds an expression in which aggregates are not allowed.
    pub fn bind_expr(&mut self, expr: &Expr, scope: &Scope) -> Result<BoundExpr> {
        self.bind_with(expr, scope, None)
    }

    pub fn bind_with(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        aggs: Option<&Substitutions>,
    ) -> Result<BoundExpr> {
        // One level of recursion per level of the expression (and of subqueries in it).
        crate::stack::guarded(|| self.bind_node(expr, scope, aggs))
    }

    fn bind_node(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        aggs: Option<&Substitutions>,
    ) -> Result<BoundExpr> {
        if let Some(slot) = aggs.and_then(|a| a.lookup(expr)) {
            return Ok(BoundExpr::Slot(slot));
        }
        let span = expr.span;
        let b = |p: &mut Self, e: &Expr| p.bind_with(e, scope, aggs).map(Box::new);
        Ok(match &expr.kind {
            ExprKind::Literal(v) => BoundExpr::Const(v.clone()),
            ExprKind::IntegerOverflow(text) => {
                return Err(QueryError::syntax(
                    Detail::IntegerOverflow,
                    format!("integer literal {text} is too large"),
                    span,
                ));
            }
            ExprKind::List(items) => BoundExpr::List(
                items
                    .iter()
                    .map(|e| self.bind_with(e, scope, aggs))
                    .collect::<Result<_>>()?,
                span,
            ),
            ExprKind::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    out.push((k.name.clone(), self.bind_with(v, scope, aggs)?));
                }
                BoundExpr::Map(out, span)
            }
            ExprKind::Parameter(name) => BoundExpr::Param(name.clone(), span),
            ExprKind::Variable(name) => BoundExpr::Slot(scope.require(name, span)?.slot),
            ExprKind::Property(base, key) => {
                let t = static_type(base, scope);
                if !t.could_be(&[StaticType::Map, StaticType::Node, StaticType::Rel]) {
                    return Err(QueryError::new(
                        crate::error::ErrorClass::TypeError,
                        crate::error::Phase::CompileTime,
                        Detail::InvalidArgumentType,
                        format!("cannot read a property of {}", t.name()),
                    )
                    .at(base.span));
                }
                let base = b(self, base)?;
                // Only a key read from what is surely a node or relationship is a graph's
                // property key (a map's or a date's is not) for the misspelling notes.
                let key = if matches!(t, StaticType::Node | StaticType::Rel) {
                    self.read_sym(NameKind::Key, &key.name)
                } else {
                    self.sym(&key.name)
                };
                BoundExpr::Property { base, key, span }
            }
            ExprKind::Index(base, index) => BoundExpr::Index {
                base: b(self, base)?,
                index: b(self, index)?,
                span,
            },
            ExprKind::Slice(base, from, to) => BoundExpr::Slice {
                base: b(self, base)?,
                from: from.as_deref().map(|e| b(self, e)).transpose()?,
                to: to.as_deref().map(|e| b(self, e)).transpose()?,
                span,
            },
            ExprKind::HasLabels(base, labels) => {
                let base = b(self, base)?;
                let labels = labels
                    .iter()
                    .map(|l| self.read_sym(NameKind::Label, &l.name))
                    .collect();
                BoundExpr::HasLabels { base, labels }
            }
            ExprKind::Unary(op, e) => {
                if *op == ast::UnaryOp::Not {
                    expect_type(e, scope, &[StaticType::Bool], "NOT")?;
                } else {
                    expect_type(e, scope, &[StaticType::Int, StaticType::Float], "a sign")?;
                }
                let e = b(self, e)?;
                match op {
                    ast::UnaryOp::Not => BoundExpr::Not(e),
                    ast::UnaryOp::Neg => BoundExpr::Neg(e, span),
                    // Unary plus is the identity on numbers and a type error on anything
                    // else: `e * 1` is exactly that (it keeps -0.0 and cannot overflow),
                    // where `0 + e` would concatenate strings and lists.
                    ast::UnaryOp::Pos => BoundExpr::Binary {
                        first: e,
                        rest: vec![(ast::BinaryOp::Mul, BoundExpr::Const(Value::Int(1)), span)],
                    },
                }
            }
            ExprKind::Binary(first, rest) => {
                // The type and text of everything left of each operator, as it grows.
                let mut left = (static_type(first, scope), first.span);
                let first = b(self, first)?;
                let mut steps = Vec::with_capacity(rest.len());
                for (op, e) in rest {
                    let right = static_type(e, scope);
                    check_operands(*op, left, (right, e.span))?;
                    left = (binary_type(*op, left.0, right), left.1.join(e.span));
                    steps.push((*op, self.bind_with(e, scope, aggs)?, left.1));
                }
                BoundExpr::Binary { first, rest: steps }
            }
            ExprKind::Comparison(first, rest) => {
                let first = b(self, first)?;
                let mut bound = Vec::with_capacity(rest.len());
                for (op, e) in rest {
                    bound.push((*op, self.bind_with(e, scope, aggs)?));
                }
                BoundExpr::Comparison { first, rest: bound }
            }
            ExprKind::IsNull(e, negated) => BoundExpr::IsNull {
                expr: b(self, e)?,
                negated: *negated,
            },
            ExprKind::Case {
                operand,
                alternatives,
                default,
            } => {
                let operand = operand.as_deref().map(|e| b(self, e)).transpose()?;
                let mut alts = Vec::with_capacity(alternatives.len());
                for (w, t) in alternatives {
                    alts.push((
                        self.bind_with(w, scope, aggs)?,
                        self.bind_with(t, scope, aggs)?,
                    ));
                }
                let default = default.as_deref().map(|e| b(self, e)).transpose()?;
                BoundExpr::Case {
                    operand,
                    alternatives: alts,
                    default,
                }
            }
            ExprKind::CountStar => return Err(misplaced_aggregate(span)),
            ExprKind::FunctionCall {
                name,
                distinct,
                args,
            } => self.bind_call(name, *distinct, args, scope, aggs, span)?,
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                let list = b(self, list)?;
                let mut inner = scope.clone();
                let slot = self.declare(&mut inner, var, VarKind::Value).slot;
                let mut owned = None;
                let inner_aggs = inner_subst(aggs, scope, &inner, &mut owned);
                let filter = filter
                    .as_deref()
                    .map(|e| self.bind_with(e, &inner, inner_aggs))
                    .transpose()?;
                let map = map
                    .as_deref()
                    .map(|e| self.bind_with(e, &inner, inner_aggs))
                    .transpose()?;
                BoundExpr::ListComprehension {
                    slot,
                    list,
                    filter: filter.map(Box::new),
                    map: map.map(Box::new),
                    span,
                }
            }
            ExprKind::Quantifier {
                kind,
                var,
                list,
                filter,
            } => {
                let var_kind = var_kind_for_type(element_type(list, scope));
                let list = b(self, list)?;
                let mut inner = scope.clone();
                let slot = self.declare(&mut inner, var, var_kind).slot;
                let mut owned = None;
                let inner_aggs = inner_subst(aggs, scope, &inner, &mut owned);
                let filter = match filter {
                    Some(f) => self.bind_with(f, &inner, inner_aggs)?,
                    None => BoundExpr::Slot(slot),
                };
                BoundExpr::Quantifier {
                    kind: *kind,
                    slot,
                    list,
                    filter: Box::new(filter),
                }
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => {
                let init = b(self, init)?;
                let list = b(self, list)?;
                let mut inner = scope.clone();
                let acc = self.declare(&mut inner, acc, VarKind::Value).slot;
                let slot = self.declare(&mut inner, var, VarKind::Value).slot;
                let mut owned = None;
                let inner_aggs = inner_subst(aggs, scope, &inner, &mut owned);
                let expr = Box::new(self.bind_with(expr, &inner, inner_aggs)?);
                BoundExpr::Reduce {
                    acc,
                    init,
                    slot,
                    list,
                    expr,
                }
            }
            ExprKind::PatternPredicate(element) => {
                let part = ast::PatternPart {
                    var: None,
                    shortest: None,
                    element: (**element).clone(),
                    span,
                };
                self.check_no_new_variables(&part, scope)?;
                let mut inner = scope.clone();
                let plan =
                    self.plan_pattern(Op::Input, std::slice::from_ref(&part), None, &mut inner)?;
                BoundExpr::Exists(Box::new(plan))
            }
            ExprKind::Exists(body) => {
                let plan = match &**body {
                    ExistsBody::Pattern { pattern, filter } => {
                        let mut inner = scope.clone();
                        self.plan_pattern(Op::Input, pattern, filter.as_ref(), &mut inner)?
                    }
                    ExistsBody::Query(query) => self.plan_subquery(query, scope)?,
                };
                BoundExpr::Exists(Box::new(plan))
            }
            ExprKind::CountSubquery(body) => {
                let plan = match &**body {
                    ExistsBody::Pattern { pattern, filter } => {
                        let mut inner = scope.clone();
                        self.plan_pattern(Op::Input, pattern, filter.as_ref(), &mut inner)?
                    }
                    ExistsBody::Query(query) => self.plan_subquery(query, scope)?,
                };
                BoundExpr::Count(Box::new(plan))
            }
            ExprKind::CollectSubquery(query) => {
                let (plan, outputs) = self.plan_returning_subquery(query, scope, "a COLLECT")?;
                let [slot] = outputs.as_slice() else {
                    return Err(QueryError::syntax(
                        Detail::InvalidClauseComposition,
                        format!(
                            "a COLLECT subquery must return exactly one column, not {}",
                            outputs.len()
                        ),
                        query.clauses.last().map_or(span, |c| c.span),
                    ));
                };
                BoundExpr::Collect {
                    plan: Box::new(plan),
                    map: Box::new(BoundExpr::Slot(*slot)),
                    span,
                }
            }
            ExprKind::PatternComprehension {
                path_var,
                pattern,
                filter,
                map,
            } => {
                let part = ast::PatternPart {
                    var: path_var.clone(),
                    shortest: None,
                    element: (**pattern).clone(),
                    span,
                };
                let mut inner = scope.clone();
                let plan = self.plan_pattern(
                    Op::Input,
                    std::slice::from_ref(&part),
                    filter.as_deref(),
                    &mut inner,
                )?;
                let mut owned = None;
                let inner_aggs = inner_subst(aggs, scope, &inner, &mut owned);
                let map = Box::new(self.bind_with(map, &inner, inner_aggs)?);
                BoundExpr::Collect {
                    plan: Box::new(plan),
                    map,
                    span,
                }
            }
            ExprKind::ShortestPath(part) => {
                let mut inner = scope.clone();
                let plan =
                    self.plan_pattern(Op::Input, std::slice::from_ref(&**part), None, &mut inner)?;
                let slot = self.shortest_path_slot(&plan).ok_or_else(|| {
                    QueryError::syntax(Detail::UnexpectedSyntax, "invalid shortest path", span)
                })?;
                BoundExpr::FirstPath {
                    plan: Box::new(plan),
                    slot,
                }
            }
            ExprKind::MapProjection { var, items } => {
                let base = Box::new(BoundExpr::Slot(scope.require(&var.name, var.span)?.slot));
                let mut entries = Vec::with_capacity(items.len());
                for item in items {
                    entries.push(match item {
                        MapProjectionItem::AllProperties => MapProjectionEntry::AllProperties,
                        MapProjectionItem::Property(k) => MapProjectionEntry::Property(
                            k.name.clone(),
                            self.read_sym(NameKind::Key, &k.name),
                        ),
                        MapProjectionItem::Literal(k, e) => MapProjectionEntry::Value(
                            k.name.clone(),
                            self.bind_with(e, scope, aggs)?,
                        ),
                        MapProjectionItem::Variable(v) => MapProjectionEntry::Value(
                            v.name.clone(),
                            BoundExpr::Slot(scope.require(&v.name, v.span)?.slot),
                        ),
                    });
                }
                BoundExpr::MapProjection {
                    base,
                    entries,
                    span,
                }
            }
        })
    }

    fn bind_call(
        &mut self,
        name: &ast::Ident,
        distinct: bool,
        args: &[Expr],
        scope: &Scope,
        aggs: Option<&Substitutions>,
        span: Span,
    ) -> Result<BoundExpr> {
        let Some(function) = functions::lookup(&name.name) else {
            let mut message = format!("unknown function '{}'", name.name);
            let plugin = ["apoc.", "genai.", "gds."]
                .into_iter()
                .find(|p| name.name.to_ascii_lowercase().starts_with(p));
            if let Some(plugin) = plugin {
                message.push_str(&format!(
                    ": {plugin}* functions come from a plugin of Neo4j's server, which kg does not load (the shell's :help functions lists kg's own)"
                ));
            } else if let Some(s) = closest(&name.name, functions::names()) {
                message.push_str(&format!(": did you mean {s}?"));
            }
            return Err(QueryError::syntax(
                Detail::UnknownFunction,
                message,
                name.span,
            ));
        };
        if function.aggregate().is_some() {
            return Err(misplaced_aggregate(span));
        }
        let (min, max) = function.arity();
        if args.len() < min || args.len() > max {
            return Err(QueryError::syntax(
                Detail::InvalidArgumentType,
                format!(
                    "{} takes {}, not {}: {}",
                    function.name,
                    arguments(min, max),
                    args.len(),
                    function.signature()
                ),
                span,
            ));
        }
        if distinct {
            return Err(QueryError::syntax(
                Detail::UnexpectedSyntax,
                format!(
                    "DISTINCT belongs to aggregate functions, not to {}",
                    name.name
                ),
                span,
            ));
        }
        check_arguments(function, args, scope)?;
        if let Some(slot) = self.load_csv_slot(function) {
            return Ok(slot);
        }
        let args = args
            .iter()
            .enumerate()
            .map(|(i, a)| match keyword_argument(function, i, a, scope) {
                Some(keyword) => Ok(BoundExpr::Const(Value::str(keyword))),
                None => self.bind_with(a, scope, aggs),
            })
            .collect::<Result<_>>()?;
        Ok(BoundExpr::Call {
            function,
            args,
            span,
        })
    }

    /// `linenumber()` and `file()` read the slots of the LOAD CSV before them; without one they
    /// are the functions' own (null).
    fn load_csv_slot(&self, function: &Builtin) -> Option<BoundExpr> {
        let (line, file) = self.load_csv?;
        match function.name {
            "linenumber" => Some(BoundExpr::Slot(line)),
            "file" => Some(BoundExpr::Slot(file)),
            _ => None,
        }
    }

    /// Pattern predicates may only use variables bound outside them.
    fn check_no_new_variables(&self, part: &ast::PatternPart, scope: &Scope) -> Result<()> {
        let element = &part.element;
        let nodes = std::iter::once(&element.start).chain(element.chain.iter().map(|(_, n)| n));
        for node in nodes {
            if let Some(v) = &node.var {
                scope.require(&v.name, v.span)?;
            }
        }
        for (rel, _) in &element.chain {
            if let Some(v) = &rel.var {
                scope.require(&v.name, v.span)?;
            }
        }
        Ok(())
    }

    fn plan_subquery(&mut self, query: &ast::SingleQuery, scope: &Scope) -> Result<Op> {
        let what = "an EXISTS or COUNT";
        Ok(self.plan_returning_subquery(query, scope, what)?.0)
    }

    /// A subquery of an expression (EXISTS, COUNT, COLLECT), which sees every variable of
    /// the outer query: its read operator and the slots of its RETURN, if it has one.
    fn plan_returning_subquery(
        &mut self,
        query: &ast::SingleQuery,
        scope: &Scope,
        what: &str,
    ) -> Result<(Op, Vec<Slot>)> {
        let (part, _, _, _) = self.plan_single_query(query, scope.clone(), false)?;
        // A subquery that reads only is one read stage; anything else has a write stage.
        let mut stages = part.stages;
        match (stages.pop(), stages.is_empty()) {
            (Some(Stage::Read(op)), true) => Ok((op, part.outputs)),
            _ => Err(QueryError::syntax(
                Detail::InvalidClauseComposition,
                format!("{what} subquery cannot change the graph"),
                query.span,
            )),
        }
    }

    fn shortest_path_slot(&self, plan: &Op) -> Option<Slot> {
        match plan {
            Op::ShortestPath(sp) => Some(sp.path),
            Op::Filter { input, .. }
            | Op::NodeScan { input, .. }
            | Op::NodeIndexSeek { input, .. }
            | Op::CheckNode { input, .. } => self.shortest_path_slot(input),
            _ => None,
        }
    }
}

fn wrong_type(span: Span, t: StaticType, what: &str) -> QueryError {
    QueryError::syntax(
        Detail::InvalidArgumentType,
        format!("{what} cannot take {}", t.name()),
        span,
    )
}

/// Fails at compile time when `expr` certainly is not of a `wanted` type.
pub(super) fn expect_type(
    expr: &Expr,
    scope: &Scope,
    wanted: &[StaticType],
    what: &str,
) -> Result<()> {
    expect((static_type(expr, scope), expr.span), wanted, what)
}

/// Fails when an operand of type `t`, written at `span`, certainly is not of a `wanted` type.
fn expect((t, span): (StaticType, Span), wanted: &[StaticType], what: &str) -> Result<()> {
    if t.could_be(wanted) {
        Ok(())
    } else {
        Err(wrong_type(span, t, what))
    }
}

/// The operands' types against the operator, each given with its text's span.
fn check_operands(op: ast::BinaryOp, l: (StaticType, Span), r: (StaticType, Span)) -> Result<()> {
    use StaticType as T;
    use ast::BinaryOp as B;
    let numbers = [T::Int, T::Float];
    match op {
        B::And | B::Or | B::Xor => {
            expect(l, &[T::Bool], "a boolean operator")?;
            expect(r, &[T::Bool], "a boolean operator")
        }
        B::In => expect(r, &[T::List], "the right side of IN"),
        B::Sub | B::Mul | B::Div | B::Mod | B::Pow => {
            expect(l, &numbers, "arithmetic")?;
            expect(r, &numbers, "arithmetic")
        }
        B::Add => {
            if l.0 == T::List || r.0 == T::List {
                return Ok(());
            }
            expect(l, &[T::Int, T::Float, T::String], "+")?;
            expect(r, &[T::Int, T::Float, T::String], "+")
        }
        _ => Ok(()),
    }
}

/// "1 argument", "2 or 3 arguments", "at least 1 argument".
fn arguments(min: usize, max: usize) -> String {
    let noun = |n: usize| if n == 1 { "argument" } else { "arguments" };
    match (min, max) {
        (min, usize::MAX) => format!("at least {min} {}", noun(min)),
        (min, max) if min == max => format!("{min} {}", noun(min)),
        (min, max) if max == min + 1 => format!("{min} or {max} {}", noun(max)),
        (min, max) => format!("{min} to {max} {}", noun(max)),
    }
}

/// A bare name where a function takes a keyword: `normalize(s, NFKC)` (as Neo4j writes it),
/// unless a variable of that name is in scope.
fn keyword_argument(
    function: &Builtin,
    i: usize,
    arg: &Expr,
    scope: &Scope,
) -> Option<&'static str> {
    let ExprKind::Variable(name) = &arg.kind else {
        return None;
    };
    if function.name != "normalize" || i != 1 || scope.get(name).is_some() {
        return None;
    }
    ["NFC", "NFD", "NFKC", "NFKD"]
        .into_iter()
        .find(|form| form.eq_ignore_ascii_case(name))
}

/// Argument types that are wrong whatever the values: `labels(path)`, `type(node)`, ... The
/// first parameter's type in the function's signature says what it takes.
fn check_arguments(function: &Builtin, args: &[Expr], scope: &Scope) -> Result<()> {
    use StaticType as T;
    let (Some(first), Some(param)) = (args.first(), function.params.first()) else {
        return Ok(());
    };
    if function.name == "size" && matches!(first.kind, ExprKind::PatternPredicate(_)) {
        return Err(QueryError::syntax(
            Detail::UnexpectedSyntax,
            "size() of a pattern is not supported; use COUNT or a pattern comprehension",
            first.span,
        ));
    }
    if !function.typed_first_arg {
        return Ok(());
    }
    let wanted: Vec<StaticType> = param
        .ty
        .split(" | ")
        .filter_map(|ty| {
            Some(match ty {
                "NODE" => T::Node,
                "RELATIONSHIP" => T::Rel,
                "PATH" => T::Path,
                "STRING" => T::String,
                "MAP" => T::Map,
                _ if ty.starts_with("LIST") => T::List,
                _ => return None,
            })
        })
        .collect();
    expect_type(first, scope, &wanted, function.name)
}

pub(super) fn misplaced_aggregate(span: Span) -> QueryError {
    QueryError::syntax(
        Detail::InvalidAggregation,
        "aggregate functions are only allowed in RETURN and WITH",
        span,
    )
}

/// Whether an expression contains an aggregate call (not looking inside subqueries).
pub(super) fn contains_aggregate(expr: &Expr) -> bool {
    let mut found = false;
    visit_aggregates(expr, &mut |_, _| found = true);
    found
}

/// Calls `f` on every aggregate call in `expr` with its kind, outermost first, not descending
/// into them.
pub(super) fn visit_aggregates<'e>(expr: &'e Expr, f: &mut dyn FnMut(&'e Expr, AggKind)) {
    match &expr.kind {
        ExprKind::CountStar => f(expr, AggKind::CountStar),
        ExprKind::FunctionCall { name, args, .. } => {
            match functions::lookup(&name.name).and_then(Builtin::aggregate) {
                Some(kind) => f(expr, kind),
                None => args.iter().for_each(|a| visit_aggregates(a, f)),
            }
        }
        // Aggregates inside a comprehension's body would run per element: not allowed, so
        // they are not collected here and binding rejects them.
        ExprKind::ListComprehension { list, .. } | ExprKind::Quantifier { list, .. } => {
            visit_aggregates(list, f);
        }
        ExprKind::Reduce { init, list, .. } => {
            visit_aggregates(init, f);
            visit_aggregates(list, f);
        }
        ExprKind::PatternComprehension { .. } => {}
        _ => expr.for_each_child(&mut |c| visit_aggregates(c, f)),
    }
}
