//! The clause-by-clause planner of a query part, and UNION.

use super::call::CallPlan;
use super::logical::*;
use super::scope::{Scope, Var, VarKind};
use crate::error::{Detail, QueryError};
use crate::functions::procedures::Procedures;
use crate::graph::{GraphRead, Symbol};
use crate::syntax::ast::{self, ClauseKind, Span};

pub(super) type Result<T> = std::result::Result<T, QueryError>;

pub(super) struct Planner<'g> {
    /// The catalog: names, counts and declared indexes. Read only: planning never changes
    /// the graph (interning a name adds to the symbol table, not to the graph).
    pub graph: &'g dyn GraphRead,
    pub next_slot: Slot,
    /// The variable each slot holds, for EXPLAIN; slots of no variable have none.
    pub slot_names: Vec<Option<std::sync::Arc<str>>>,
    /// The line and file slots of the last LOAD CSV planned, which `linenumber()` and
    /// `file()` read.
    pub load_csv: Option<(Slot, Slot)>,
    /// The procedures CALL may name.
    pub procedures: &'g Procedures,
    /// Parameters that a standalone call takes its arguments from.
    pub implicit_params: Vec<(std::sync::Arc<str>, Span)>,
    /// How many CALL subqueries the clause being planned is inside.
    pub subquery_depth: usize,
    /// The date the MATCH being planned sees the graph at (kg's AS OF): every element of its
    /// pattern must be valid then.
    pub as_of: Option<BoundExpr>,
    /// The date of `--as-of` / `:as-of`, for every MATCH without its own AS OF.
    pub default_as_of: Option<crate::model::Value>,
    /// The labels, types and keys the statement's reads name.
    pub read_names: Vec<(NameKind, std::sync::Arc<str>)>,
}

/// Plans a whole statement (single queries joined by UNION), with the built-in procedures.
pub fn plan_query(query: &ast::Query, graph: &dyn GraphRead) -> Result<QueryPlan> {
    plan_query_with(query, graph, &Procedures::default(), None)
}

/// Plans a whole statement whose CALLs find `procedures` and whose MATCH clauses without
/// AS OF see the graph as of `as_of`.
pub fn plan_query_with(
    query: &ast::Query,
    graph: &dyn GraphRead,
    procedures: &Procedures,
    as_of: Option<&crate::model::Value>,
) -> Result<QueryPlan> {
    let mut parts = Vec::new();
    let mut columns: Option<Vec<String>> = None;
    let mut writes = false;
    let mut implicit_params = Vec::new();
    let mut read_names = Vec::new();
    for (i, single) in query.parts.iter().enumerate() {
        let mut planner = Planner {
            graph,
            next_slot: 0,
            slot_names: Vec::new(),
            load_csv: None,
            procedures,
            implicit_params: Vec::new(),
            subquery_depth: 0,
            as_of: None,
            default_as_of: as_of.cloned(),
            read_names: Vec::new(),
        };
        let (part, cols, part_writes, _) =
            planner.plan_single_query(single, Scope::default(), true)?;
        implicit_params.append(&mut planner.implicit_params);
        writes |= part_writes;
        for name in planner.read_names {
            if !read_names.contains(&name) {
                read_names.push(name);
            }
        }
        if let Some(prev) = &columns {
            if *prev != cols {
                let span = query.unions.get(i - 1).map_or(single.span, |u| u.span);
                return Err(QueryError::syntax(
                    Detail::DifferentColumnsInUnion,
                    "all queries combined with UNION must return the same column names",
                    span,
                ));
            }
        }
        columns = Some(cols);
        parts.push(part);
    }
    let union_all: Vec<bool> = query.unions.iter().map(|u| u.all).collect();
    if let Some(first) = query.unions.first() {
        if let Some(other) = query.unions.iter().find(|u| u.all != first.all) {
            return Err(QueryError::syntax(
                Detail::InvalidClauseComposition,
                "UNION and UNION ALL cannot be mixed in one statement",
                other.span,
            ));
        }
    }
    Ok(QueryPlan {
        parts,
        union_all,
        columns: columns.unwrap_or_default(),
        writes,
        implicit_params,
        read_names,
    })
}

impl Planner<'_> {
    pub fn slot(&mut self) -> Slot {
        let s = self.next_slot;
        self.next_slot += 1;
        s
    }

    pub fn sym(&mut self, name: &str) -> Symbol {
        self.graph.names().intern(name)
    }

    /// The symbol of a label, type or key a read names, noted for the statement's
    /// notifications (a name the graph does not have is likely misspelt).
    pub fn read_sym(&mut self, kind: NameKind, name: &str) -> Symbol {
        if !self
            .read_names
            .iter()
            .any(|(k, n)| *k == kind && &**n == name)
        {
            self.read_names.push((kind, name.into()));
        }
        self.sym(name)
    }

    /// Binds a fresh variable.
    pub fn declare(&mut self, scope: &mut Scope, ident: &ast::Ident, kind: VarKind) -> Var {
        let var = Var {
            slot: self.slot(),
            kind,
        };
        self.name_slot(var.slot, &ident.name);
        scope.bind(ident.name.clone(), var);
        var
    }

    /// Records the variable a slot holds, for EXPLAIN (the first name a slot gets stays).
    pub fn name_slot(&mut self, slot: Slot, name: &std::sync::Arc<str>) {
        if self.slot_names.len() <= slot {
            self.slot_names.resize(slot + 1, None);
        }
        self.slot_names[slot].get_or_insert_with(|| name.clone());
    }

    /// Plans one single query. `top_level` is false for subqueries (EXISTS, CALL), which
    /// need not end with RETURN. Returns the plan, its column names, whether it writes and
    /// the variables in scope at its end.
    pub fn plan_single_query(
        &mut self,
        query: &ast::SingleQuery,
        mut scope: Scope,
        top_level: bool,
    ) -> Result<(PartPlan, Vec<String>, bool, Scope)> {
        let mut stages = Vec::new();
        let mut current = Op::Input;
        let mut outputs = Vec::new();
        let mut columns = Vec::new();
        let mut writes = false;
        let mut after_update = false;
        let last = query.clauses.len().saturating_sub(1);
        for (i, clause) in query.clauses.iter().enumerate() {
            let mut may_end = false;
            if columns.len() + outputs.len() > 0 {
                return Err(composition(
                    "RETURN can only be the last clause",
                    clause.span,
                ));
            }
            if after_update
                && matches!(
                    clause.kind,
                    ClauseKind::Match { .. }
                        | ClauseKind::Unwind { .. }
                        | ClauseKind::LoadCsv { .. }
                )
            {
                return Err(composition(
                    "a WITH clause is required between an updating clause and a reading clause",
                    clause.span,
                ));
            }
            match &clause.kind {
                ClauseKind::Create { .. }
                | ClauseKind::Merge { .. }
                | ClauseKind::Set { .. }
                | ClauseKind::Remove { .. }
                | ClauseKind::Delete { .. }
                | ClauseKind::Cite { .. }
                | ClauseKind::Foreach { .. } => {
                    writes = true;
                    after_update = true;
                    let read = std::mem::replace(&mut current, Op::Input);
                    if !matches!(read, Op::Input) || stages.is_empty() {
                        stages.push(Stage::Read(read));
                    }
                    let write = self.plan_update(clause, &mut scope)?;
                    stages.push(Stage::Write(write));
                    // An updating clause may end a query.
                    continue;
                }
                ClauseKind::Match {
                    optional,
                    pattern,
                    filter,
                    as_of,
                } => {
                    let date = match as_of {
                        Some(e) => Some(self.bind_expr(e, &scope)?),
                        None => self.default_as_of.clone().map(BoundExpr::Const),
                    };
                    let outer = std::mem::replace(&mut self.as_of, date);
                    let planned =
                        self.plan_match(current, pattern, filter.as_ref(), *optional, &mut scope);
                    self.as_of = outer;
                    current = planned?;
                }
                ClauseKind::Unwind { list, var } => {
                    let list = self.bind_expr(list, &scope)?;
                    if scope.get(&var.name).is_some() {
                        return Err(already_bound(var));
                    }
                    let slot = self.declare(&mut scope, var, VarKind::Value).slot;
                    current = Op::Unwind {
                        input: Box::new(current),
                        list,
                        slot,
                    };
                }
                ClauseKind::LoadCsv {
                    headers,
                    url,
                    var,
                    terminator,
                } => {
                    current =
                        self.plan_load_csv(current, *headers, url, var, terminator, &mut scope)?;
                }
                ClauseKind::With { body, filter } => {
                    after_update = false;
                    let (op, new_scope, _) =
                        self.plan_projection(current, body, filter.as_ref(), &scope, false)?;
                    current = op;
                    scope = new_scope;
                }
                ClauseKind::Return { body } => {
                    let (op, new_scope, cols) =
                        self.plan_projection(current, body, None, &scope, true)?;
                    current = op;
                    scope = new_scope;
                    for (name, slot) in cols {
                        columns.push(name);
                        outputs.push(slot);
                    }
                }
                ClauseKind::CallProcedure(call) => {
                    let standalone = top_level && query.clauses.len() == 1;
                    let planned =
                        self.plan_procedure_call(current, call, standalone, &mut scope)?;
                    current = planned.op;
                    for (name, slot) in planned.columns {
                        columns.push(name);
                        outputs.push(slot);
                    }
                    // A standalone call is the whole query; a call of a procedure without
                    // results may end one, as an updating clause may.
                    may_end = standalone || planned.void;
                }
                ClauseKind::CallSubquery(sub) => {
                    let input = std::mem::replace(&mut current, Op::Input);
                    // One level of recursion per subquery inside another.
                    let planned = crate::stack::guarded(|| {
                        self.plan_call_subquery(input, sub, &mut scope, clause.span)
                    })?;
                    match planned {
                        CallPlan::Read(op, unit) => {
                            current = op;
                            may_end = unit;
                        }
                        CallPlan::Write(write, read) => {
                            writes = true;
                            if !matches!(read, Op::Input) || stages.is_empty() {
                                stages.push(Stage::Read(read));
                            }
                            let unit = write.returns.is_empty();
                            stages.push(Stage::Write(WriteOp::Subquery(write)));
                            if unit {
                                // A unit subquery that writes may end a query.
                                continue;
                            }
                        }
                    }
                }
            }
            // A reading clause may not end a query, even after writes (`CREATE (n) WITH n`).
            if i == last && top_level && columns.is_empty() && !may_end {
                return Err(composition(
                    "a query must end with RETURN or an updating clause",
                    clause.span,
                ));
            }
        }
        if !matches!(current, Op::Input) || stages.is_empty() {
            stages.push(Stage::Read(current));
        }
        let width = self.next_slot;
        let mut slot_names = self.slot_names.clone();
        slot_names.resize(width, None);
        Ok((
            PartPlan {
                stages,
                width,
                outputs,
                slot_names,
            },
            columns,
            writes,
            scope,
        ))
    }
}

impl Planner<'_> {
    fn plan_load_csv(
        &mut self,
        input: Op,
        headers: bool,
        url: &ast::Expr,
        var: &ast::Ident,
        terminator: &Option<(String, Span)>,
        scope: &mut Scope,
    ) -> Result<Op> {
        let delimiter = match terminator {
            None => b',',
            Some((text, span)) => match text.as_bytes() {
                [byte] if byte.is_ascii() => *byte,
                _ => {
                    return Err(QueryError::syntax(
                        Detail::InvalidArgumentValue,
                        format!(
                            "FIELDTERMINATOR must be one ASCII character, such as ';' or '\\t', not '{text}'"
                        ),
                        *span,
                    ));
                }
            },
        };
        let url_span = url.span;
        let url = self.bind_expr(url, scope)?;
        if scope.get(&var.name).is_some() {
            return Err(already_bound(var));
        }
        let slot = self.declare(scope, var, VarKind::Value).slot;
        let (line_slot, file_slot) = (self.slot(), self.slot());
        self.load_csv = Some((line_slot, file_slot));
        Ok(Op::LoadCsv(Box::new(LoadCsv {
            input,
            url,
            headers,
            delimiter,
            slot,
            line_slot,
            file_slot,
            span: url_span,
        })))
    }
}

pub(super) fn composition(message: &str, span: Span) -> QueryError {
    QueryError::syntax(Detail::InvalidClauseComposition, message, span)
}

pub(super) fn already_bound(ident: &ast::Ident) -> QueryError {
    QueryError::syntax(
        Detail::VariableAlreadyBound,
        format!("variable `{}` is already defined", ident.name),
        ident.span,
    )
}
