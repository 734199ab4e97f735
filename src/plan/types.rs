//! What can be known about an expression's type before running it. openCypher requires some
//! type errors at compile time (`NOT 1`, `x IN 5`, `MATCH (n)` on a bound integer); where the
//! type is not known statically the check happens at run time instead.

use super::scope::{Scope, VarKind};
use crate::model::Value;
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, UnaryOp};

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum StaticType {
    /// Not known before running.
    Any,
    Null,
    Bool,
    Int,
    Float,
    String,
    List,
    Map,
    Node,
    Rel,
    Path,
}

impl StaticType {
    pub fn of_value(v: &Value) -> Self {
        match v {
            Value::Null => StaticType::Null,
            Value::Bool(_) => StaticType::Bool,
            Value::Int(_) => StaticType::Int,
            Value::Float(_) => StaticType::Float,
            Value::String(_) => StaticType::String,
            Value::List(_) => StaticType::List,
            Value::Map(_) => StaticType::Map,
            Value::Node(_) => StaticType::Node,
            Value::Rel(_) => StaticType::Rel,
            Value::Path(_) => StaticType::Path,
            // Temporal values: no compile-time rule needs their type.
            _ => StaticType::Any,
        }
    }

    /// Whether a value of this type could be `wanted` (unknown and null always could).
    pub fn could_be(self, wanted: &[StaticType]) -> bool {
        matches!(self, StaticType::Any | StaticType::Null) || wanted.contains(&self)
    }

    pub fn is_number(self) -> bool {
        matches!(self, StaticType::Int | StaticType::Float)
    }

    pub fn name(self) -> &'static str {
        match self {
            StaticType::Any => "a value",
            StaticType::Null => "null",
            StaticType::Bool => "a boolean",
            StaticType::Int => "an integer",
            StaticType::Float => "a float",
            StaticType::String => "a string",
            StaticType::List => "a list",
            StaticType::Map => "a map",
            StaticType::Node => "a node",
            StaticType::Rel => "a relationship",
            StaticType::Path => "a path",
        }
    }
}

/// The static type of a variable of the given kind.
pub fn type_of_var_kind(kind: VarKind) -> StaticType {
    match kind {
        VarKind::Node => StaticType::Node,
        VarKind::Rel => StaticType::Rel,
        VarKind::RelList => StaticType::List,
        VarKind::Path => StaticType::Path,
        VarKind::Value => StaticType::Any,
        VarKind::Known(t) => t,
    }
}

/// The kind a variable bound to `t` gets.
pub fn var_kind_for_type(t: StaticType) -> VarKind {
    match t {
        StaticType::Node => VarKind::Node,
        StaticType::Rel => VarKind::Rel,
        StaticType::Path => VarKind::Path,
        StaticType::Any | StaticType::Null => VarKind::Value,
        other => VarKind::Known(other),
    }
}

pub fn static_type(expr: &Expr, scope: &Scope) -> StaticType {
    crate::stack::guarded(|| static_type_of(expr, scope))
}

fn static_type_of(expr: &Expr, scope: &Scope) -> StaticType {
    use StaticType as T;
    match &expr.kind {
        ExprKind::Literal(v) => T::of_value(v),
        ExprKind::List(_)
        | ExprKind::ListComprehension { .. }
        | ExprKind::PatternComprehension { .. } => T::List,
        ExprKind::Map(_) | ExprKind::MapProjection { .. } => T::Map,
        ExprKind::Variable(v) => scope
            .get(v)
            .map_or(T::Any, |var| type_of_var_kind(var.kind)),
        ExprKind::Comparison(..)
        | ExprKind::IsNull(..)
        | ExprKind::HasLabels(..)
        | ExprKind::Quantifier { .. }
        | ExprKind::Exists(_)
        | ExprKind::PatternPredicate(_) => T::Bool,
        ExprKind::Unary(UnaryOp::Not, _) => T::Bool,
        ExprKind::Unary(_, e) => match static_type(e, scope) {
            t @ (T::Int | T::Float) => t,
            _ => T::Any,
        },
        ExprKind::Binary(first, rest) => rest
            .iter()
            .fold(static_type(first, scope), |left, (op, e)| {
                binary_type(*op, left, static_type(e, scope))
            }),
        ExprKind::CountStar | ExprKind::CountSubquery(_) => T::Int,
        ExprKind::CollectSubquery(_) => T::List,
        ExprKind::ShortestPath(_) => T::Path,
        _ => T::Any,
    }
}

/// The type of `l op r` given the operands' types.
pub fn binary_type(op: BinaryOp, l: StaticType, r: StaticType) -> StaticType {
    use StaticType as T;
    match op {
        BinaryOp::And
        | BinaryOp::Or
        | BinaryOp::Xor
        | BinaryOp::StartsWith
        | BinaryOp::EndsWith
        | BinaryOp::Contains
        | BinaryOp::In
        | BinaryOp::Regex => T::Bool,
        BinaryOp::Pow => T::Float,
        _ => match (l, r) {
            (T::Int, T::Int) => T::Int,
            (a, b) if a.is_number() && b.is_number() => T::Float,
            (T::String, T::String) if op == BinaryOp::Add => T::String,
            (T::List, _) | (_, T::List) if op == BinaryOp::Add => T::List,
            _ => T::Any,
        },
    }
}

/// The element type of a list literal whose elements all share one known type.
pub fn element_type(expr: &Expr, scope: &Scope) -> StaticType {
    let ExprKind::List(items) = &expr.kind else {
        return StaticType::Any;
    };
    let mut types = items.iter().map(|i| static_type(i, scope));
    match types.next() {
        Some(first) if types.all(|t| t == first) => first,
        _ => StaticType::Any,
    }
}
