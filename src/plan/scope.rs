//! Variables in scope while planning a query part, with the kind of value each holds.

use super::logical::Slot;
use crate::error::{Detail, QueryError};
use crate::syntax::ast::Span;
use std::sync::Arc;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum VarKind {
    Node,
    Rel,
    /// The relationships of a variable-length hop.
    RelList,
    Path,
    /// Anything, as far as planning knows.
    Value,
    /// A value of a type known at planning time (never an entity).
    Known(super::types::StaticType),
}

impl VarKind {
    pub fn describe(self) -> &'static str {
        match self {
            VarKind::Node => "a node",
            VarKind::Rel => "a relationship",
            VarKind::RelList => "a list of relationships",
            VarKind::Path => "a path",
            VarKind::Value => "a value",
            VarKind::Known(t) => t.name(),
        }
    }
}

#[derive(Copy, Clone, Debug)]
pub struct Var {
    pub slot: Slot,
    pub kind: VarKind,
}

/// Names visible at a point of a query, in the order they were bound.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    vars: Vec<(Arc<str>, Var)>,
}

impl Scope {
    pub fn get(&self, name: &str) -> Option<Var> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| *v)
    }

    pub fn bind(&mut self, name: Arc<str>, var: Var) {
        self.vars.retain(|(n, _)| *n != name);
        self.vars.push((name, var));
    }

    /// Names in binding order, for `RETURN *` (which sorts them) and error messages.
    pub fn names(&self) -> impl Iterator<Item = (&Arc<str>, &Var)> {
        self.vars.iter().map(|(n, v)| (n, v))
    }

    pub fn require(&self, name: &str, span: Span) -> Result<Var, QueryError> {
        self.get(name).ok_or_else(|| {
            QueryError::syntax(
                Detail::UndefinedVariable,
                format!("variable `{name}` is not defined"),
                span,
            )
        })
    }

    /// Checks that a bound variable can be used as `kind`.
    pub fn expect_kind(
        &self,
        name: &str,
        kind: VarKind,
        span: Span,
    ) -> Result<Option<Var>, QueryError> {
        match self.get(name) {
            Some(var) if var.kind == kind => Ok(Some(var)),
            Some(var) if var.kind == VarKind::Value && kind != VarKind::Path => Ok(Some(var)),
            Some(var)
                if var.kind == VarKind::Known(super::types::StaticType::List)
                    && kind == VarKind::RelList =>
            {
                Ok(Some(var))
            }
            Some(var) => Err(QueryError::syntax(
                Detail::VariableTypeConflict,
                format!(
                    "variable `{name}` is {} here but was bound as {}",
                    kind.describe(),
                    var.kind.describe()
                ),
                span,
            )),
            None => Ok(None),
        }
    }
}
