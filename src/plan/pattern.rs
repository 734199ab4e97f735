//! MATCH patterns: choosing where to start, expanding along relationships, and placing each
//! WHERE condition right after the step that binds its last variable.

use super::logical::*;
use super::planner::{Planner, Result, already_bound};
use super::scope::{Scope, VarKind};
use crate::error::{Detail, QueryError};
use crate::graph::{Direction, EntityKind, RangeOp, Symbol};
use crate::syntax::ast::{self, BinaryOp, Expr, ExprKind, RelDirection, ShortestKind, Span};
use std::collections::HashSet;

struct NodeStep {
    slot: Slot,
    filter: NodeFilter,
    /// `key op value` conditions of WHERE on this node, with values known before the
    /// pattern: an index on the key can narrow the scan (the condition is still checked).
    ranges: Vec<(crate::graph::Symbol, RangeOp, BoundExpr)>,
}

struct Hop {
    slot: Slot,
    /// A slot the hop's relationship must equal (the variable was bound by an earlier clause).
    equals: Option<Slot>,
    types: Vec<crate::graph::Symbol>,
    direction: RelDirection,
    props: Vec<(crate::graph::Symbol, BoundExpr)>,
    var_length: Option<(u64, u64)>,
    span: Span,
}

/// A WHERE condition waiting for the step that binds the last slot it reads (`deps` is
/// `None` when it runs a subplan: it waits for the whole pattern then).
struct Pending {
    deps: Option<Vec<Slot>>,
    expr: BoundExpr,
    span: Span,
}

struct Chain {
    nodes: Vec<NodeStep>,
    hops: Vec<Hop>,
    path: Option<Slot>,
    shortest: Option<ShortestKind>,
}

fn conjuncts(expr: &Expr, out: &mut Vec<Expr>) {
    match &expr.kind {
        ExprKind::Binary(first, rest) if rest.iter().all(|(op, _)| *op == BinaryOp::And) => {
            conjuncts(first, out);
            rest.iter().for_each(|(_, e)| conjuncts(e, out));
        }
        _ => out.push(expr.clone()),
    }
}

impl Planner<'_> {
    pub fn plan_match(
        &mut self,
        input: Op,
        pattern: &[ast::PatternPart],
        filter: Option<&Expr>,
        optional: bool,
        scope: &mut Scope,
    ) -> Result<Op> {
        if !optional {
            return self.plan_pattern(input, pattern, filter, scope);
        }
        let before: HashSet<Slot> = scope.names().map(|(_, v)| v.slot).collect();
        let inner = self.plan_pattern(Op::Input, pattern, filter, scope)?;
        let nullable = scope
            .names()
            .map(|(_, v)| v.slot)
            .filter(|s| !before.contains(s))
            .collect();
        Ok(Op::Optional {
            input: Box::new(input),
            inner: Box::new(inner),
            nullable,
        })
    }

    /// Plans the matching of `pattern` on top of `input`, declaring its new variables in
    /// `scope`, with `filter` applied as early as its variables allow.
    pub fn plan_pattern(
        &mut self,
        input: Op,
        pattern: &[ast::PatternPart],
        filter: Option<&Expr>,
        scope: &mut Scope,
    ) -> Result<Op> {
        let mut bound: HashSet<Slot> = scope.names().map(|(_, v)| v.slot).collect();
        let mut declared_rels: HashSet<std::sync::Arc<str>> = HashSet::new();
        let outer = bound.clone();
        let as_of = self.as_of.clone();
        let mut chains = Vec::with_capacity(pattern.len());
        for part in pattern {
            chains.push(self.declare_chain(part, scope, &mut declared_rels)?);
        }
        let mut predicates = Vec::new();
        let valid_at = crate::functions::lookup("validAt");
        if let (Some(date), Some(valid_at), Some(first)) = (&as_of, valid_at, pattern.first()) {
            // AS OF: each node and relationship (or list of them, for a variable length) is
            // tested where it is bound, like a WHERE condition on it alone.
            for chain in &chains {
                let slots = chain.nodes.iter().map(|n| (n.slot, None));
                let hops = chain.hops.iter().map(|h| (h.slot, Some(h.span)));
                for (slot, span) in slots.chain(hops) {
                    let expr = BoundExpr::Call {
                        function: valid_at,
                        args: vec![BoundExpr::Slot(slot), date.clone()],
                        span: span.unwrap_or(first.span),
                    };
                    predicates.push(Pending {
                        deps: slots_of(&expr),
                        expr,
                        span: span.unwrap_or(first.span),
                    });
                }
            }
        }
        if let Some(filter) = filter {
            let mut parts = Vec::new();
            conjuncts(filter, &mut parts);
            for p in &parts {
                if super::bind::contains_aggregate(p) {
                    return Err(super::bind::misplaced_aggregate(p.span));
                }
                let bound_expr = self.bind_expr(p, scope)?;
                // `WHERE n.key = value` is the same test as `(n {key: value})`: moved into the
                // node's pattern it can pick the start of the match or use an index.
                if let Some((slot, key, value)) = self.property_equality(p, scope, &outer)? {
                    let node = chains
                        .iter_mut()
                        .flat_map(|c| c.nodes.iter_mut())
                        .find(|n| n.slot == slot);
                    if let Some(node) = node {
                        node.filter.props.push((key, value));
                        continue;
                    }
                }
                if let Some((slot, key, op, value)) = self.property_range(p, scope, &outer)? {
                    if let Some(node) = chains
                        .iter_mut()
                        .flat_map(|c| c.nodes.iter_mut())
                        .find(|n| n.slot == slot)
                    {
                        node.ranges.push((key, op, value));
                    }
                }
                predicates.push(Pending {
                    deps: slots_of(&bound_expr),
                    expr: bound_expr,
                    span: p.span,
                });
            }
        }
        let mut op = input;
        let mut rel_slots: Vec<Slot> = Vec::new();
        let mut pending: Vec<usize> = (0..chains.len()).collect();
        while !pending.is_empty() {
            // Prefer a chain connected to what is already bound, to avoid cartesian products.
            let pick = pending
                .iter()
                .position(|&i| chains[i].nodes.iter().any(|n| bound.contains(&n.slot)))
                .unwrap_or(0);
            let chain = &chains[pending.remove(pick)];
            op = self.plan_chain(op, chain, &mut bound, &mut rel_slots, &mut predicates)?;
        }
        Ok(filter_all(op, predicates))
    }

    /// `var.key = expr` (either way round) where `expr` reads only what was bound before the
    /// pattern: the node's slot, the key and the bound value.
    fn property_equality(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        outer: &HashSet<Slot>,
    ) -> Result<Option<(Slot, crate::graph::Symbol, BoundExpr)>> {
        let ExprKind::Comparison(first, rest) = &expr.kind else {
            return Ok(None);
        };
        let [(ast::CmpOp::Eq, second)] = rest.as_slice() else {
            return Ok(None);
        };
        for (prop, other) in [(&**first, second), (second, &**first)] {
            if let Some(found) = self.seekable(prop, other, scope, outer)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// `prop` a property of a node the pattern binds and `other` an expression that reads only
    /// what was bound before it: the node's slot, the key and the bound value.
    fn seekable(
        &mut self,
        prop: &Expr,
        other: &Expr,
        scope: &Scope,
        outer: &HashSet<Slot>,
    ) -> Result<Option<(Slot, crate::graph::Symbol, BoundExpr)>> {
        let ExprKind::Property(base, key) = &prop.kind else {
            return Ok(None);
        };
        let ExprKind::Variable(var) = &base.kind else {
            return Ok(None);
        };
        let Some(v) = scope.get(var) else {
            return Ok(None);
        };
        if v.kind != VarKind::Node || outer.contains(&v.slot) {
            return Ok(None);
        }
        let value = self.bind_expr(other, scope)?;
        if !slots_of(&value).is_some_and(|deps| deps.iter().all(|s| outer.contains(s))) {
            return Ok(None);
        }
        Ok(Some((
            v.slot,
            self.read_sym(NameKind::Key, &key.name),
            value,
        )))
    }

    /// `var.key < expr` (either way round, any of `<`, `<=`, `>`, `>=`) where `expr` reads only
    /// what was bound before the pattern.
    fn property_range(
        &mut self,
        expr: &Expr,
        scope: &Scope,
        outer: &HashSet<Slot>,
    ) -> Result<Option<(Slot, crate::graph::Symbol, RangeOp, BoundExpr)>> {
        let ExprKind::Comparison(first, rest) = &expr.kind else {
            return Ok(None);
        };
        let [(op, second)] = rest.as_slice() else {
            return Ok(None);
        };
        let (op, flipped) = match op {
            ast::CmpOp::Lt => (RangeOp::Lt, RangeOp::Gt),
            ast::CmpOp::Le => (RangeOp::Le, RangeOp::Ge),
            ast::CmpOp::Gt => (RangeOp::Gt, RangeOp::Lt),
            ast::CmpOp::Ge => (RangeOp::Ge, RangeOp::Le),
            _ => return Ok(None),
        };
        for (prop, other, op) in [(&**first, second, op), (second, &**first, flipped)] {
            if let Some((slot, key, value)) = self.seekable(prop, other, scope, outer)? {
                return Ok(Some((slot, key, op, value)));
            }
        }
        Ok(None)
    }

    fn declare_chain(
        &mut self,
        part: &ast::PatternPart,
        scope: &mut Scope,
        declared_rels: &mut HashSet<std::sync::Arc<str>>,
    ) -> Result<Chain> {
        let element = &part.element;
        let mut nodes = Vec::with_capacity(element.chain.len() + 1);
        let mut hops = Vec::with_capacity(element.chain.len());
        nodes.push(self.declare_node(&element.start, scope)?);
        for (rel, node) in &element.chain {
            hops.push(self.declare_hop(rel, scope, declared_rels)?);
            nodes.push(self.declare_node(node, scope)?);
        }
        let path = match &part.var {
            Some(v) => {
                if scope.get(&v.name).is_some() {
                    return Err(already_bound(v));
                }
                Some(self.declare(scope, v, VarKind::Path).slot)
            }
            None => None,
        };
        if part.shortest.is_some() && hops.len() != 1 {
            return Err(QueryError::syntax(
                Detail::UnexpectedSyntax,
                "shortestPath needs a pattern with exactly one relationship",
                part.span,
            ));
        }
        Ok(Chain {
            nodes,
            hops,
            path,
            shortest: part.shortest,
        })
    }

    fn declare_node(&mut self, node: &ast::NodePattern, scope: &mut Scope) -> Result<NodeStep> {
        let slot = match &node.var {
            Some(v) => match scope.expect_kind(&v.name, VarKind::Node, v.span)? {
                Some(var) => var.slot,
                None => self.declare(scope, v, VarKind::Node).slot,
            },
            None => self.slot(),
        };
        let labels = node
            .labels
            .iter()
            .map(|l| self.read_sym(NameKind::Label, &l.name))
            .collect();
        let props = self.bind_props(node.props.as_ref(), scope)?;
        Ok(NodeStep {
            slot,
            filter: NodeFilter { labels, props },
            ranges: Vec::new(),
        })
    }

    fn declare_hop(
        &mut self,
        rel: &ast::RelPattern,
        scope: &mut Scope,
        declared_rels: &mut HashSet<std::sync::Arc<str>>,
    ) -> Result<Hop> {
        let var_length = rel.range.map(|(min, max)| {
            let min = min.unwrap_or(1);
            (min, max.unwrap_or(u64::MAX))
        });
        let kind = if var_length.is_some() {
            VarKind::RelList
        } else {
            VarKind::Rel
        };
        let (slot, equals) = match &rel.var {
            Some(v) => {
                if !declared_rels.insert(v.name.clone()) {
                    return Err(already_bound(v));
                }
                match scope.expect_kind(&v.name, kind, v.span)? {
                    Some(var) => (self.slot(), Some(var.slot)),
                    None => (self.declare(scope, v, kind).slot, None),
                }
            }
            None => (self.slot(), None),
        };
        let types = rel
            .types
            .iter()
            .map(|t| self.read_sym(NameKind::Type, &t.name))
            .collect();
        let props = self.bind_props(rel.props.as_ref(), scope)?;
        Ok(Hop {
            slot,
            equals,
            types,
            direction: rel.direction,
            props,
            var_length,
            span: rel.span,
        })
    }

    /// A pattern's property map becomes one equality check per key. A parameter in its place
    /// (`MATCH (n $param)`) is refused with InvalidParameterUse, as openCypher requires of
    /// MATCH and MERGE (TCK Match1 [6], Match2 [8], Merge1 [16], Merge5 [27]); CREATE takes
    /// one.
    fn bind_props(
        &mut self,
        props: Option<&Expr>,
        scope: &Scope,
    ) -> Result<Vec<(crate::graph::Symbol, BoundExpr)>> {
        match props.map(|p| (&p.kind, p.span)) {
            None => Ok(Vec::new()),
            Some((ExprKind::Map(entries), _)) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    if super::bind::contains_aggregate(v) {
                        return Err(super::bind::misplaced_aggregate(v.span));
                    }
                    let key = self.read_sym(NameKind::Key, &k.name);
                    out.push((key, self.bind_expr(v, scope)?));
                }
                Ok(out)
            }
            Some((_, span)) => Err(QueryError::syntax(
                Detail::InvalidParameterUse,
                "a parameter cannot stand for a pattern's properties; write {key: $value}",
                span,
            )),
        }
    }

    fn plan_chain(
        &mut self,
        input: Op,
        chain: &Chain,
        bound: &mut HashSet<Slot>,
        rel_slots: &mut Vec<Slot>,
        predicates: &mut Vec<Pending>,
    ) -> Result<Op> {
        let start = self.choose_start(chain, bound);
        let first = &chain.nodes[start];
        let mut op = if bound.contains(&first.slot) {
            if first.filter.is_empty() {
                input
            } else {
                Op::CheckNode {
                    input: Box::new(input),
                    slot: first.slot,
                    filter: first.filter.clone(),
                }
            }
        } else {
            let scan = self.node_scan(input, first, bound);
            bound.insert(first.slot);
            scan
        };
        op = attach_ready(op, bound, predicates);
        if let Some(kind) = chain.shortest {
            return self.plan_shortest(op, chain, start, kind, bound, predicates);
        }
        let rightward = (start..chain.hops.len()).map(|i| (i, i, i + 1, false));
        let leftward = (0..start).rev().map(|i| (i, i + 1, i, true));
        for (hop_index, from, to, reversed) in rightward.chain(leftward) {
            let hop = &chain.hops[hop_index];
            let to_node = &chain.nodes[to];
            let dir = match (hop.direction, reversed) {
                (RelDirection::Both, _) => None,
                (RelDirection::Right, false) | (RelDirection::Left, true) => {
                    Some(Direction::Outgoing)
                }
                _ => Some(Direction::Incoming),
            };
            let to_bound = bound.contains(&to_node.slot);
            op = Op::Expand(Box::new(Expand {
                input: op,
                from: chain.nodes[from].slot,
                rel: hop.slot,
                to: to_node.slot,
                to_bound,
                dir,
                types: hop.types.clone(),
                rel_props: hop.props.clone(),
                to_filter: to_node.filter.clone(),
                var_length: hop.var_length,
                distinct_from: rel_slots.clone(),
            }));
            rel_slots.push(hop.slot);
            bound.insert(to_node.slot);
            bound.insert(hop.slot);
            if let Some(other) = hop.equals {
                op = Op::Filter {
                    input: Box::new(op),
                    predicate: BoundExpr::Comparison {
                        first: Box::new(BoundExpr::Slot(hop.slot)),
                        rest: vec![(ast::CmpOp::Eq, BoundExpr::Slot(other))],
                    },
                };
            }
            op = attach_ready(op, bound, predicates);
        }
        if let Some(path) = chain.path {
            op = Op::Project {
                input: Box::new(op),
                items: vec![(path, BoundExpr::Path(path_steps(chain)))],
            };
            bound.insert(path);
            op = attach_ready(op, bound, predicates);
        }
        Ok(op)
    }

    /// Finds the nodes of an unbound node pattern: through a declared index when the pattern
    /// has a label and an indexed property whose value (or bound) is known before the scan,
    /// else by its smallest label.
    fn node_scan(&mut self, input: Op, node: &NodeStep, bound: &HashSet<Slot>) -> Op {
        let filter = node.filter.clone();
        let known = |value: &BoundExpr| {
            slots_of(value).is_some_and(|deps| deps.iter().all(|s| bound.contains(s)))
        };
        let graph = self.graph;
        let index = |label: Symbol, key: Symbol| graph.index(EntityKind::Node, label, key);
        let mut best: Option<(usize, IndexSeek)> = None;
        for &label in &filter.labels {
            for (key, value) in &filter.props {
                if let Some(ix) = index(label, *key).filter(|_| known(value)) {
                    let rows = ix.len() / ix.distinct().max(1);
                    if best.as_ref().is_none_or(|(r, _)| rows < *r) {
                        let lookup = IndexLookup::Equal(value.clone());
                        best = Some((rows, seek_of(ix, label, *key, lookup)));
                    }
                }
            }
            for (key, op, value) in &node.ranges {
                if let Some(ix) = index(label, *key).filter(|_| known(value)) {
                    // A range is guessed to keep a third, as SQL planners guess.
                    let rows = ix.len() / 3;
                    if best.as_ref().is_none_or(|(r, _)| rows < *r) {
                        let lookup = IndexLookup::Range(*op, value.clone());
                        best = Some((rows, seek_of(ix, label, *key, lookup)));
                    }
                }
            }
        }
        if let Some((_, seek)) = best {
            return Op::NodeIndexSeek {
                input: Box::new(input),
                slot: node.slot,
                seek,
                filter,
            };
        }
        let label = filter
            .labels
            .iter()
            .copied()
            .min_by_key(|l| self.graph.label_count(*l));
        Op::NodeScan {
            input: Box::new(input),
            slot: node.slot,
            label,
            filter,
        }
    }

    /// The shortest paths between the chain's two nodes; `start` is the one `plan_chain`
    /// bound or checked already.
    fn plan_shortest(
        &mut self,
        mut op: Op,
        chain: &Chain,
        start: usize,
        kind: ShortestKind,
        bound: &mut HashSet<Slot>,
        predicates: &mut Vec<Pending>,
    ) -> Result<Op> {
        let (from, to) = (&chain.nodes[0], &chain.nodes[1]);
        let other = if start == 0 { to } else { from };
        if bound.contains(&other.slot) {
            if !other.filter.is_empty() {
                op = Op::CheckNode {
                    input: Box::new(op),
                    slot: other.slot,
                    filter: other.filter.clone(),
                };
            }
        } else {
            op = self.node_scan(op, other, bound);
            bound.insert(other.slot);
        }
        op = attach_ready(op, bound, predicates);
        let hop = &chain.hops[0];
        let path = match chain.path {
            Some(p) => p,
            None => self.slot(),
        };
        let (min, max) = hop.var_length.unwrap_or((1, 1));
        let dir = match hop.direction {
            RelDirection::Both => None,
            RelDirection::Right => Some(Direction::Outgoing),
            RelDirection::Left => Some(Direction::Incoming),
        };
        bound.insert(path);
        bound.insert(hop.slot);
        // Conditions on the path are checked on each candidate, so that the search returns
        // the shortest path that satisfies them rather than filtering the shortest away. The
        // relationship's property map and an earlier binding of its variable are such
        // conditions too, on the list of relationships the search puts in its slot.
        let mut on_path: Vec<(BoundExpr, Span)> = take_ready(bound, predicates)
            .into_iter()
            .map(|p| (p.expr, p.span))
            .collect();
        for (key, value) in &hop.props {
            let each = self.slot();
            let equal = BoundExpr::Comparison {
                first: Box::new(BoundExpr::Property {
                    base: Box::new(BoundExpr::Slot(each)),
                    key: *key,
                    span: hop.span,
                }),
                rest: vec![(ast::CmpOp::Eq, value.clone())],
            };
            on_path.push((
                BoundExpr::Quantifier {
                    kind: ast::QuantifierKind::All,
                    slot: each,
                    list: Box::new(BoundExpr::Slot(hop.slot)),
                    filter: Box::new(equal),
                },
                hop.span,
            ));
        }
        if let Some(earlier) = hop.equals {
            let earlier = if hop.var_length.is_some() {
                BoundExpr::Slot(earlier)
            } else {
                BoundExpr::List(vec![BoundExpr::Slot(earlier)], hop.span)
            };
            on_path.push((
                BoundExpr::Comparison {
                    first: Box::new(BoundExpr::Slot(hop.slot)),
                    rest: vec![(ast::CmpOp::Eq, earlier)],
                },
                hop.span,
            ));
        }
        let mut on_path = on_path.into_iter();
        let predicate = on_path.next().map(|(first, mut span)| {
            let rest: Vec<_> = on_path
                .map(|(p, p_span)| {
                    span = span.join(p_span);
                    (BinaryOp::And, p, span)
                })
                .collect();
            if rest.is_empty() {
                first
            } else {
                BoundExpr::Binary {
                    first: Box::new(first),
                    rest,
                }
            }
        });
        Ok(Op::ShortestPath(Box::new(ShortestPath {
            input: op,
            from: from.slot,
            to: to.slot,
            path,
            rel: hop.slot,
            rel_is_list: hop.var_length.is_some(),
            dir,
            types: hop.types.clone(),
            min,
            max,
            all: kind == ShortestKind::All,
            predicate,
        })))
    }

    /// The node to start a chain from: one already bound, else the most selective.
    fn choose_start(&self, chain: &Chain, bound: &HashSet<Slot>) -> usize {
        if let Some(i) = chain.nodes.iter().position(|n| bound.contains(&n.slot)) {
            return i;
        }
        let cost = |n: &NodeStep| -> usize {
            let label_count = n
                .filter
                .labels
                .iter()
                .map(|l| self.graph.label_count(*l))
                .min()
                .unwrap_or_else(|| self.graph.node_count());
            if n.filter.props.is_empty() {
                label_count.saturating_mul(4)
            } else {
                label_count
            }
        };
        (0..chain.nodes.len())
            .min_by_key(|&i| cost(&chain.nodes[i]))
            .unwrap_or(0)
    }
}

fn path_steps(chain: &Chain) -> Vec<PathStep> {
    let mut steps = vec![PathStep::Node(chain.nodes[0].slot)];
    for (hop, node) in chain.hops.iter().zip(&chain.nodes[1..]) {
        steps.push(if hop.var_length.is_some() {
            PathStep::RelList(hop.slot)
        } else {
            PathStep::Rel(hop.slot)
        });
        steps.push(PathStep::Node(node.slot));
    }
    steps
}

/// Adds a filter for every predicate whose variables are all bound now.
fn attach_ready(op: Op, bound: &HashSet<Slot>, predicates: &mut Vec<Pending>) -> Op {
    let ready = take_ready(bound, predicates);
    filter_all(op, ready)
}

/// Removes and returns the predicates whose variables are all bound now.
fn take_ready(bound: &HashSet<Slot>, predicates: &mut Vec<Pending>) -> Vec<Pending> {
    let (ready, waiting) = std::mem::take(predicates).into_iter().partition(|p| {
        p.deps
            .as_ref()
            .is_some_and(|d| d.iter().all(|s| bound.contains(s)))
    });
    *predicates = waiting;
    ready
}

/// One filter for all of `predicates`, as an AND chain that filtering reads conjunct by
/// conjunct (see `exec::eval::is_true`): a filter per predicate would nest the plan as deep as
/// a generated WHERE is long.
fn filter_all(op: Op, predicates: Vec<Pending>) -> Op {
    let mut predicates = predicates.into_iter();
    let Some(first) = predicates.next() else {
        return op;
    };
    let rest: Vec<_> = predicates
        .map(|p| (BinaryOp::And, p.expr, p.span))
        .collect();
    let predicate = if rest.is_empty() {
        first.expr
    } else {
        BoundExpr::Binary {
            first: Box::new(first.expr),
            rest,
        }
    };
    Op::Filter {
        input: Box::new(op),
        predicate,
    }
}

/// The slots an expression reads, or `None` when it runs a subplan (whose needs are not
/// tracked, so it is placed after the whole pattern).
pub fn slots_of(expr: &BoundExpr) -> Option<Vec<Slot>> {
    let mut out = Vec::new();
    let mut local = Vec::new();
    collect_slots(expr, &mut out, &mut local).then_some(out)
}

/// Adds the slots `expr` reads that are not `local` (bound inside it by a comprehension,
/// quantifier or reduce) to `out`; false when it runs a subplan.
fn collect_slots(expr: &BoundExpr, out: &mut Vec<Slot>, local: &mut Vec<Slot>) -> bool {
    match expr {
        BoundExpr::Slot(s) if !local.contains(s) => out.push(*s),
        BoundExpr::Path(steps) => {
            for step in steps {
                let (PathStep::Node(s) | PathStep::Rel(s) | PathStep::RelList(s)) = step;
                out.push(*s);
            }
        }
        BoundExpr::ListComprehension { slot, .. } | BoundExpr::Quantifier { slot, .. } => {
            local.push(*slot);
        }
        BoundExpr::Reduce { acc, slot, .. } => {
            local.push(*acc);
            local.push(*slot);
        }
        BoundExpr::Exists(_)
        | BoundExpr::Count(_)
        | BoundExpr::Collect { .. }
        | BoundExpr::FirstPath { .. } => return false,
        _ => {}
    }
    let mut ok = true;
    expr.for_each_child(&mut |c| ok = ok && collect_slots(c, out, local));
    ok
}

fn seek_of(
    index: &crate::graph::PropertyIndex,
    label: Symbol,
    key: Symbol,
    lookup: IndexLookup,
) -> IndexSeek {
    IndexSeek {
        index: index.def.name.clone(),
        label,
        key,
        lookup,
    }
}
