//! Updating clauses: CREATE, MERGE, SET, REMOVE, DELETE and FOREACH.

use super::logical::*;
use super::planner::{Planner, Result, already_bound, composition};
use super::scope::{Scope, VarKind};
use crate::error::{Detail, QueryError};
use crate::syntax::ast::{self, ClauseKind, Expr, ExprKind, RelDirection};

impl Planner<'_> {
    /// Plans an updating clause. Only FOREACH hands over any other clause, which it may not
    /// contain.
    pub fn plan_update(&mut self, clause: &ast::Clause, scope: &mut Scope) -> Result<WriteOp> {
        Ok(match &clause.kind {
            ClauseKind::Create { pattern } => {
                let before = scope.clone();
                WriteOp::Create(self.plan_create(pattern, &before, scope, true)?)
            }
            ClauseKind::Merge {
                part,
                on_create,
                on_match,
            } => {
                let before = scope.clone();
                check_no_self_reference(part, &before)?;
                if part.element.chain.is_empty() {
                    if let Some(v) = &part.element.start.var {
                        if before.get(&v.name).is_some() {
                            return Err(already_bound(v));
                        }
                    }
                }
                let matcher =
                    self.plan_pattern(Op::Input, std::slice::from_ref(part), None, scope)?;
                let create = self.plan_create(std::slice::from_ref(part), &before, scope, false)?;
                let on_create = self.plan_set_items(on_create, scope)?;
                let on_match = self.plan_set_items(on_match, scope)?;
                WriteOp::Merge(Box::new(Merge {
                    matcher,
                    create,
                    on_create,
                    on_match,
                }))
            }
            ClauseKind::Set { items } => WriteOp::Set(self.plan_set_items(items, scope)?),
            ClauseKind::Remove { items } => {
                let mut actions = Vec::with_capacity(items.len());
                for item in items {
                    actions.push(match item {
                        ast::RemoveItem::Labels { var, labels } => RemoveAction::Labels {
                            target: BoundExpr::Slot(scope.require(&var.name, var.span)?.slot),
                            labels: labels.iter().map(|l| l.name.clone()).collect(),
                        },
                        ast::RemoveItem::Property(expr) => {
                            let (target, key) = self.property_target(expr, scope)?;
                            RemoveAction::Property { target, key }
                        }
                    });
                }
                WriteOp::Remove(actions)
            }
            ClauseKind::Delete { detach, targets } => {
                let mut bound = Vec::with_capacity(targets.len());
                for t in targets {
                    if !deletable(t) {
                        return Err(QueryError::syntax(
                            Detail::InvalidDelete,
                            "DELETE takes nodes, relationships or paths, not other values",
                            t.span,
                        ));
                    }
                    let t_type = super::types::static_type(t, scope);
                    if !t_type.could_be(&[
                        super::types::StaticType::Node,
                        super::types::StaticType::Rel,
                        super::types::StaticType::Path,
                        super::types::StaticType::List,
                    ]) {
                        return Err(QueryError::syntax(
                            Detail::InvalidArgumentType,
                            format!("DELETE cannot take {}", t_type.name()),
                            t.span,
                        ));
                    }
                    bound.push(self.bind_expr(t, scope)?);
                }
                WriteOp::Delete {
                    targets: bound,
                    detach: *detach,
                }
            }
            ClauseKind::Cite {
                sources,
                targets,
                remove,
            } => {
                let mut bound_sources = Vec::with_capacity(sources.len());
                for s in sources {
                    let quote = s
                        .quote
                        .as_ref()
                        .map(|q| self.bind_expr(q, scope))
                        .transpose()?;
                    bound_sources.push((self.bind_expr(&s.source, scope)?, quote, s.source.span));
                }
                let mut bound_targets = Vec::with_capacity(targets.len());
                for t in targets {
                    bound_targets.push((self.bind_expr(t, scope)?, t.span));
                }
                WriteOp::Cite {
                    sources: bound_sources,
                    targets: bound_targets,
                    remove: *remove,
                }
            }
            ClauseKind::Foreach { var, list, clauses } => {
                let list = self.bind_expr(list, scope)?;
                let mut inner = scope.clone();
                let slot = self.declare(&mut inner, var, VarKind::Value).slot;
                let mut stages = Vec::with_capacity(clauses.len());
                for c in clauses {
                    stages.push(Stage::Write(self.plan_update(c, &mut inner)?));
                }
                WriteOp::Foreach { list, slot, stages }
            }
            ClauseKind::Match { .. }
            | ClauseKind::Unwind { .. }
            | ClauseKind::LoadCsv { .. }
            | ClauseKind::With { .. }
            | ClauseKind::Return { .. }
            | ClauseKind::CallProcedure(_)
            | ClauseKind::CallSubquery(_) => {
                return Err(composition(
                    "FOREACH may only contain updating clauses",
                    clause.span,
                ));
            }
        })
    }

    /// The nodes and relationships a CREATE (or the create half of a MERGE) makes. Variables
    /// in `before` already exist; the rest are declared in `scope` (MERGE's matcher has
    /// declared them already).
    fn plan_create(
        &mut self,
        pattern: &[ast::PatternPart],
        before: &Scope,
        scope: &mut Scope,
        declare: bool,
    ) -> Result<CreatePattern> {
        let mut out = CreatePattern::default();
        for part in pattern {
            if part.shortest.is_some() {
                return Err(composition("shortestPath cannot be created", part.span));
            }
            let element = &part.element;
            let mut steps = Vec::new();
            let start = self.create_node(
                &element.start,
                before,
                scope,
                declare,
                element.chain.is_empty(),
                &mut out,
            )?;
            steps.push(start);
            let mut prev = start;
            for (rel, node) in &element.chain {
                let next = self.create_node(node, before, scope, declare, false, &mut out)?;
                // Bound before the relationship's variable is declared: the map cannot read
                // the relationship it describes.
                let props = self.create_props(rel.props.as_ref(), scope)?;
                let slot = match &rel.var {
                    Some(v) if before.get(&v.name).is_some() => return Err(already_bound(v)),
                    Some(v) if declare => {
                        if scope.get(&v.name).is_some() {
                            return Err(already_bound(v));
                        }
                        self.declare(scope, v, VarKind::Rel).slot
                    }
                    Some(v) => scope.require(&v.name, v.span)?.slot,
                    None => self.slot(),
                };
                if rel.types.len() != 1 {
                    return Err(QueryError::syntax(
                        Detail::NoSingleRelationshipType,
                        "a relationship must have exactly one type to be created",
                        rel.span,
                    ));
                }
                if rel.range.is_some() {
                    return Err(QueryError::syntax(
                        Detail::CreatingVarLength,
                        "variable-length relationships cannot be created",
                        rel.span,
                    ));
                }
                // MERGE matches an undirected relationship either way round and, finding none,
                // creates it left to right; CREATE needs the direction spelled out.
                let (start, end) = match rel.direction {
                    RelDirection::Right => (prev, next),
                    RelDirection::Left => (next, prev),
                    RelDirection::Both if !declare => (prev, next),
                    RelDirection::Both => {
                        return Err(QueryError::syntax(
                            Detail::RequiresDirectedRelationship,
                            "a relationship must have a direction to be created",
                            rel.span,
                        ));
                    }
                };
                out.rels.push(CreateRel {
                    slot,
                    ty: rel.types[0].name.clone(),
                    start,
                    end,
                    props,
                    span: rel.span,
                });
                steps.push(slot);
                steps.push(next);
                prev = next;
            }
            if let Some(v) = &part.var {
                let slot = if declare {
                    if scope.get(&v.name).is_some() {
                        return Err(already_bound(v));
                    }
                    self.declare(scope, v, VarKind::Path).slot
                } else {
                    scope.require(&v.name, v.span)?.slot
                };
                out.paths.push((slot, steps));
            }
        }
        Ok(out)
    }

    fn create_node(
        &mut self,
        node: &ast::NodePattern,
        before: &Scope,
        scope: &mut Scope,
        declare: bool,
        alone: bool,
        out: &mut CreatePattern,
    ) -> Result<Slot> {
        if let Some(v) = &node.var {
            if let Some(var) = before.expect_kind(&v.name, VarKind::Node, v.span)? {
                if alone || !node.labels.is_empty() || node.props.is_some() {
                    return Err(already_bound(v));
                }
                return Ok(var.slot);
            }
            if let Some(var) = scope.get(&v.name) {
                // A node the pattern creates is described where it first appears; labels or
                // properties on a repeat would be lost (MERGE included).
                if out.nodes.iter().any(|n| n.slot == var.slot) {
                    if !node.labels.is_empty() || node.props.is_some() {
                        return Err(already_bound(v));
                    }
                    return Ok(var.slot);
                }
                // MERGE's matcher declared the variable already.
                if !declare {
                    let props = self.create_props(node.props.as_ref(), scope)?;
                    out.nodes.push(create_node(var.slot, node, props));
                    return Ok(var.slot);
                }
                return Err(already_bound(v));
            }
        }
        // Bound before the node's variable is declared: the map cannot read the node it
        // describes.
        let props = self.create_props(node.props.as_ref(), scope)?;
        let slot = match &node.var {
            Some(v) => self.declare(scope, v, VarKind::Node).slot,
            None => self.slot(),
        };
        out.nodes.push(create_node(slot, node, props));
        Ok(slot)
    }

    /// Property maps of created entities may read variables bound before the clause and the
    /// entities the clause created before them.
    fn create_props(&mut self, props: Option<&Expr>, scope: &Scope) -> Result<Option<BoundExpr>> {
        match props {
            None => Ok(None),
            Some(p) => {
                if super::bind::contains_aggregate(p) {
                    return Err(super::bind::misplaced_aggregate(p.span));
                }
                Ok(Some(self.bind_expr(p, scope)?))
            }
        }
    }

    fn plan_set_items(&mut self, items: &[ast::SetItem], scope: &Scope) -> Result<Vec<SetAction>> {
        let mut actions = Vec::with_capacity(items.len());
        for item in items {
            actions.push(match item {
                ast::SetItem::Property { target, value } => {
                    let (target_expr, key) = self.property_target(target, scope)?;
                    let value = self.bind_checked(value, scope)?;
                    SetAction::Property {
                        target: target_expr,
                        key,
                        value,
                        span: target.span,
                    }
                }
                ast::SetItem::Replace { var, value } | ast::SetItem::Merge { var, value } => {
                    let target = BoundExpr::Slot(scope.require(&var.name, var.span)?.slot);
                    let replace = matches!(item, ast::SetItem::Replace { .. });
                    let value = self.bind_checked(value, scope)?;
                    SetAction::Properties {
                        target,
                        value,
                        replace,
                        span: var.span,
                    }
                }
                ast::SetItem::Labels { var, labels } => SetAction::Labels {
                    target: BoundExpr::Slot(scope.require(&var.name, var.span)?.slot),
                    labels: labels.iter().map(|l| l.name.clone()).collect(),
                },
            });
        }
        Ok(actions)
    }

    fn bind_checked(&mut self, expr: &Expr, scope: &Scope) -> Result<BoundExpr> {
        if super::bind::contains_aggregate(expr) {
            return Err(super::bind::misplaced_aggregate(expr.span));
        }
        self.bind_expr(expr, scope)
    }

    /// `base.key` as the target of SET or REMOVE.
    fn property_target(
        &mut self,
        expr: &Expr,
        scope: &Scope,
    ) -> Result<(BoundExpr, std::sync::Arc<str>)> {
        match &expr.kind {
            ExprKind::Property(base, key) => Ok((self.bind_expr(base, scope)?, key.name.clone())),
            _ => Err(QueryError::syntax(
                Detail::UnexpectedSyntax,
                "expected a property such as n.name",
                expr.span,
            )),
        }
    }
}

fn create_node(slot: Slot, node: &ast::NodePattern, props: Option<BoundExpr>) -> CreateNode {
    CreateNode {
        slot,
        labels: node.labels.iter().map(|l| l.name.clone()).collect(),
        props,
        span: node.span,
    }
}

/// MERGE declares its pattern's variables when matching, before the create half binds the
/// property maps; like CREATE's, a map cannot read the entity it describes.
fn check_no_self_reference(part: &ast::PatternPart, before: &Scope) -> Result<()> {
    let element = &part.element;
    let nodes = std::iter::once(&element.start).chain(element.chain.iter().map(|(_, n)| n));
    let node_maps = nodes.map(|n| (n.var.as_ref(), n.props.as_ref()));
    let rel_maps = element
        .chain
        .iter()
        .map(|(r, _)| (r.var.as_ref(), r.props.as_ref()));
    for (var, props) in node_maps.chain(rel_maps) {
        let (Some(var), Some(props)) = (var, props) else {
            continue;
        };
        if before.get(&var.name).is_some() {
            continue;
        }
        if let Some(span) = find_variable(props, &var.name) {
            return Err(QueryError::syntax(
                Detail::UndefinedVariable,
                format!(
                    "variable `{}` is not defined yet: a property map cannot read the entity it creates",
                    var.name
                ),
                span,
            ));
        }
    }
    Ok(())
}

fn find_variable(expr: &Expr, name: &str) -> Option<crate::syntax::ast::Span> {
    if matches!(&expr.kind, ExprKind::Variable(v) if &**v == name) {
        return Some(expr.span);
    }
    let mut found = None;
    expr.for_each_child(&mut |c| {
        if found.is_none() {
            found = find_variable(c, name);
        }
    });
    found
}

/// `DELETE n:Label` reads like removing a label but is not: it is refused outright.
fn deletable(expr: &Expr) -> bool {
    !matches!(expr.kind, ExprKind::HasLabels(..))
}
