//! The logical plan: what the executor runs. Names are resolved to symbols and variables to
//! row slots; from the syntax tree it keeps only the operator enums (`BinaryOp`, `CmpOp`,
//! `QuantifierKind`) and spans for runtime errors.

use crate::error::Span;
use crate::functions::Builtin;
use crate::functions::procedures::Procedure;
use crate::graph::{Direction, RangeOp, Symbol};
use crate::model::Value;
/// The operators of bound expressions are the syntax tree's: the executor takes them from here.
pub use crate::syntax::ast::{BinaryOp, CmpOp, QuantifierKind};
use std::sync::Arc;

/// Index of a value in a row. Every variable of a query part has its own slot.
pub type Slot = usize;

/// A statement ready to run: its single queries (`parts`) joined by UNION, and the output
/// columns.
#[derive(Debug, Clone)]
pub struct QueryPlan {
    pub parts: Vec<PartPlan>,
    /// `union_all[i]` is true for UNION ALL between part i and i+1.
    pub union_all: Vec<bool>,
    pub columns: Vec<String>,
    /// Whether the statement can change the graph (decides read-only fast paths).
    pub writes: bool,
    /// Parameters a standalone `CALL proc` without parentheses takes its arguments from:
    /// checked before the statement runs, as part of compiling it.
    pub implicit_params: Vec<(Arc<str>, Span)>,
    /// The labels, relationship types and property keys its reads name (for the notes on
    /// names the graph does not have).
    pub read_names: Vec<(NameKind, Arc<str>)>,
}

/// What a name read by a statement names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Label,
    Type,
    Key,
}

impl NameKind {
    pub fn noun(self) -> &'static str {
        match self {
            NameKind::Label => "label",
            NameKind::Type => "relationship type",
            NameKind::Key => "property key",
        }
    }
}

/// One single query: a sequence of stages over rows of `width` slots.
#[derive(Debug, Clone)]
pub struct PartPlan {
    pub stages: Vec<Stage>,
    pub width: usize,
    /// Slots of the output columns, in column order.
    pub outputs: Vec<Slot>,
    /// The variable each slot holds (none for the hidden ones), for EXPLAIN.
    pub slot_names: Vec<Option<Arc<str>>>,
}

/// Reads stream; writes are eager: a write stage takes every row its input produces before
/// changing anything, so that no clause sees a half-done earlier clause.
#[derive(Debug, Clone)]
pub enum Stage {
    Read(Op),
    Write(WriteOp),
}

/// Read operators. Each consumes the rows of its `input` and produces rows.
#[derive(Debug, Clone)]
pub enum Op {
    /// The rows handed to the stage (the outer row, for a subquery).
    Input,
    NodeScan {
        input: Box<Op>,
        slot: Slot,
        label: Option<Symbol>,
        filter: NodeFilter,
    },
    /// Nodes found through the declared index `index` on `label`/`key`, then checked
    /// against `filter`.
    NodeIndexSeek {
        input: Box<Op>,
        slot: Slot,
        seek: IndexSeek,
        filter: NodeFilter,
    },
    /// Checks that an already-bound node satisfies a pattern's labels and properties.
    CheckNode {
        input: Box<Op>,
        slot: Slot,
        filter: NodeFilter,
    },
    Expand(Box<Expand>),
    ShortestPath(Box<ShortestPath>),
    Filter {
        input: Box<Op>,
        predicate: BoundExpr,
    },
    /// For each input row, the rows of `inner` (run with that row as its input); when there
    /// are none, the row itself with `nullable` slots set to null.
    Optional {
        input: Box<Op>,
        inner: Box<Op>,
        nullable: Vec<Slot>,
    },
    Unwind {
        input: Box<Op>,
        list: BoundExpr,
        slot: Slot,
    },
    /// For each input row, a row per record of a CSV file.
    LoadCsv(Box<LoadCsv>),
    /// `CALL proc(args) YIELD ...`: for each input row, a row per row the procedure gives,
    /// with the yielded columns set; a procedure without result columns passes each row on
    /// once.
    ProcedureCall(Box<ProcedureCall>),
    /// `CALL { ... }` that only reads: for each input row, a row per row of the subquery
    /// (run with that row as its input) holding the input row and the `returns` slots of the
    /// inner row; a subquery that returns nothing passes each row on once.
    Apply(Box<Apply>),
    /// Sets slots of each row to computed values.
    Project {
        input: Box<Op>,
        items: Vec<(Slot, BoundExpr)>,
    },
    /// One row per group, holding the key slots and the aggregate slots.
    Aggregate {
        input: Box<Op>,
        keys: Vec<(Slot, BoundExpr)>,
        aggregates: Vec<(Slot, Aggregate)>,
    },
    Distinct {
        input: Box<Op>,
        slots: Vec<Slot>,
    },
    /// Orders the rows; with `top`, only that many first rows are needed (SKIP + LIMIT after
    /// it), so the rest need not be sorted.
    Sort {
        input: Box<Op>,
        keys: Vec<(BoundExpr, bool)>,
        top: Option<(Option<BoundExpr>, BoundExpr)>,
    },
    Skip {
        input: Box<Op>,
        count: BoundExpr,
    },
    Limit {
        input: Box<Op>,
        count: BoundExpr,
    },
}

/// A lookup in a declared node index.
#[derive(Debug, Clone)]
pub struct IndexSeek {
    pub index: Arc<str>,
    pub label: Symbol,
    pub key: Symbol,
    pub lookup: IndexLookup,
}

#[derive(Debug, Clone)]
pub enum IndexLookup {
    /// `key = value`
    Equal(BoundExpr),
    /// `key < value` and the like.
    Range(RangeOp, BoundExpr),
}

/// Labels and properties a node must have to match a node pattern.
#[derive(Debug, Clone, Default)]
pub struct NodeFilter {
    pub labels: Vec<Symbol>,
    pub props: Vec<(Symbol, BoundExpr)>,
}

impl NodeFilter {
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.props.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Expand {
    pub input: Op,
    pub from: Slot,
    /// Where the relationship (or, for variable length, the list of them) goes.
    pub rel: Slot,
    pub to: Slot,
    /// Whether `to` is already bound, so the expansion only checks it.
    pub to_bound: bool,
    pub dir: Option<Direction>,
    pub types: Vec<Symbol>,
    pub rel_props: Vec<(Symbol, BoundExpr)>,
    pub to_filter: NodeFilter,
    pub var_length: Option<(u64, u64)>,
    /// Relationship slots bound earlier in the same MATCH: a match never reuses one.
    pub distinct_from: Vec<Slot>,
}

/// `LOAD CSV [WITH HEADERS] FROM url AS row [FIELDTERMINATOR 'c']`.
#[derive(Debug, Clone)]
pub struct LoadCsv {
    pub input: Op,
    /// Evaluated per input row: a `file:` URL or a path.
    pub url: BoundExpr,
    /// The first record names the fields: rows are maps, not lists.
    pub headers: bool,
    pub delimiter: u8,
    pub slot: Slot,
    /// Each row's line number and the file's absolute path: what `linenumber()` and
    /// `file()` read.
    pub line_slot: Slot,
    pub file_slot: Slot,
    /// Where errors about the file point: the URL.
    pub span: Span,
}

/// A read-only `CALL { ... }`.
#[derive(Debug, Clone)]
pub struct Apply {
    pub input: Op,
    /// The subquery's parts: one, or those it joins with UNION, each setting `returns`.
    pub parts: Vec<Op>,
    pub returns: Vec<Slot>,
    /// UNION (not UNION ALL): the rows one input row gets are distinct.
    pub distinct: bool,
    /// `OPTIONAL CALL`: an input row the subquery returns no rows for stays, with `returns`
    /// null.
    pub optional: bool,
}

/// A procedure call: its arguments, and which result columns go to which slots.
#[derive(Debug, Clone)]
pub struct ProcedureCall {
    pub input: Op,
    pub procedure: Arc<Procedure>,
    pub args: Vec<BoundExpr>,
    /// (result column, slot) of each yielded column.
    pub yields: Vec<(usize, Slot)>,
    /// `YIELD ... WHERE`: the rows kept.
    pub filter: Option<BoundExpr>,
    /// `OPTIONAL CALL`: an input row the procedure gives no rows for (that pass the filter)
    /// stays, its yields null.
    pub optional: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ShortestPath {
    pub input: Op,
    pub from: Slot,
    pub to: Slot,
    pub path: Slot,
    /// The pattern's relationship variable: a list for a variable-length pattern
    /// (`[r*..5]`), one relationship for a single hop (`[r]`).
    pub rel: Slot,
    pub rel_is_list: bool,
    pub dir: Option<Direction>,
    pub types: Vec<Symbol>,
    pub min: u64,
    pub max: u64,
    pub all: bool,
    /// Predicates over the path variable that every returned path must satisfy.
    pub predicate: Option<BoundExpr>,
}

pub use crate::functions::AggKind;

#[derive(Debug, Clone)]
pub struct Aggregate {
    pub kind: AggKind,
    pub distinct: bool,
    pub arg: Option<BoundExpr>,
    /// The percentile, for percentileCont/Disc.
    pub param: Option<BoundExpr>,
    pub span: Span,
}

/// Writes. Each runs over all rows of its input stage, in order.
#[derive(Debug, Clone)]
pub enum WriteOp {
    Create(CreatePattern),
    Merge(Box<Merge>),
    Set(Vec<SetAction>),
    Remove(Vec<RemoveAction>),
    Delete {
        targets: Vec<BoundExpr>,
        detach: bool,
    },
    /// kg extension: attach :Source nodes to entities as citations.
    Cite {
        /// Each source expression, the quote expression if any, and the source's span.
        sources: Vec<(BoundExpr, Option<BoundExpr>, Span)>,
        targets: Vec<(BoundExpr, Span)>,
        /// UNCITE: remove these sources' citations instead.
        remove: bool,
    },
    Foreach {
        list: BoundExpr,
        slot: Slot,
        stages: Vec<Stage>,
    },
    /// `CALL { ... }` that changes the graph: the subquery's stages run for each input row in
    /// turn, so each run sees the changes of the runs before it.
    Subquery(Box<WriteSubquery>),
}

#[derive(Debug, Clone)]
pub struct WriteSubquery {
    /// The stages of each part of the subquery (several when it joins them with UNION).
    pub parts: Vec<Vec<Stage>>,
    /// UNION (not UNION ALL): the rows one input row gets are distinct.
    pub distinct: bool,
    /// `OPTIONAL CALL`: an input row the subquery returns no rows for stays, with `returns`
    /// null.
    pub optional: bool,
    /// The slots its RETURN sets: each input row gives a row per inner row, the input row
    /// with these slots of the inner row. Empty for a unit subquery, which passes each
    /// input row on once.
    pub returns: Vec<Slot>,
    /// `IN TRANSACTIONS [OF n ROWS]`: the number of input rows per transaction, each batch
    /// committed as it completes.
    pub batch: Option<BoundExpr>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct CreatePattern {
    pub nodes: Vec<CreateNode>,
    pub rels: Vec<CreateRel>,
    /// Named paths to assemble after creation: (slot, alternating node/rel slots).
    pub paths: Vec<(Slot, Vec<Slot>)>,
}

#[derive(Debug, Clone)]
pub struct CreateNode {
    pub slot: Slot,
    pub labels: Vec<Arc<str>>,
    pub props: Option<BoundExpr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CreateRel {
    pub slot: Slot,
    pub ty: Arc<str>,
    pub start: Slot,
    pub end: Slot,
    pub props: Option<BoundExpr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Merge {
    /// Finds existing matches, with the row as input.
    pub matcher: Op,
    pub create: CreatePattern,
    pub on_create: Vec<SetAction>,
    pub on_match: Vec<SetAction>,
}

#[derive(Debug, Clone)]
pub enum SetAction {
    Property {
        target: BoundExpr,
        key: Arc<str>,
        value: BoundExpr,
        span: Span,
    },
    /// `n = map` (replace) or `n += map` (merge).
    Properties {
        target: BoundExpr,
        value: BoundExpr,
        replace: bool,
        span: Span,
    },
    Labels {
        target: BoundExpr,
        labels: Vec<Arc<str>>,
    },
}

#[derive(Debug, Clone)]
pub enum RemoveAction {
    Property {
        target: BoundExpr,
        key: Arc<str>,
    },
    Labels {
        target: BoundExpr,
        labels: Vec<Arc<str>>,
    },
}

#[derive(Debug, Clone)]
pub enum MapProjectionEntry {
    AllProperties,
    Property(Arc<str>, Symbol),
    Value(Arc<str>, BoundExpr),
}

/// One step of a path being assembled: a node slot, or a relationship slot (single or the
/// list of a variable-length hop).
#[derive(Debug, Clone, Copy)]
pub enum PathStep {
    Node(Slot),
    Rel(Slot),
    RelList(Slot),
}

/// An expression with variables resolved to slots and names to symbols.
#[derive(Debug, Clone)]
pub enum BoundExpr {
    Const(Value),
    Slot(Slot),
    Param(Arc<str>, Span),
    Property {
        base: Box<BoundExpr>,
        key: Symbol,
        span: Span,
    },
    Index {
        base: Box<BoundExpr>,
        index: Box<BoundExpr>,
        span: Span,
    },
    Slice {
        base: Box<BoundExpr>,
        from: Option<Box<BoundExpr>>,
        to: Option<Box<BoundExpr>>,
        span: Span,
    },
    HasLabels {
        base: Box<BoundExpr>,
        labels: Vec<Symbol>,
    },
    Not(Box<BoundExpr>),
    Neg(Box<BoundExpr>, Span),
    /// `first op1 e1 op2 e2 ...` applied left to right, flat however long (see
    /// [`crate::syntax::ast::ExprKind::Binary`]); each step has the span of the text up to its
    /// right operand, for errors.
    Binary {
        first: Box<BoundExpr>,
        rest: Vec<(BinaryOp, BoundExpr, Span)>,
    },
    Comparison {
        first: Box<BoundExpr>,
        rest: Vec<(CmpOp, BoundExpr)>,
    },
    IsNull {
        expr: Box<BoundExpr>,
        negated: bool,
    },
    Case {
        operand: Option<Box<BoundExpr>>,
        alternatives: Vec<(BoundExpr, BoundExpr)>,
        default: Option<Box<BoundExpr>>,
    },
    /// Lists, maps and comprehensions carry their span for the one error building them may
    /// raise: a value nested past the limit.
    List(Vec<BoundExpr>, Span),
    Map(Vec<(Arc<str>, BoundExpr)>, Span),
    Call {
        function: &'static Builtin,
        args: Vec<BoundExpr>,
        span: Span,
    },
    ListComprehension {
        slot: Slot,
        list: Box<BoundExpr>,
        filter: Option<Box<BoundExpr>>,
        map: Option<Box<BoundExpr>>,
        span: Span,
    },
    Quantifier {
        kind: QuantifierKind,
        slot: Slot,
        list: Box<BoundExpr>,
        filter: Box<BoundExpr>,
    },
    Reduce {
        acc: Slot,
        init: Box<BoundExpr>,
        slot: Slot,
        list: Box<BoundExpr>,
        expr: Box<BoundExpr>,
    },
    /// True when the subplan, run with the current row as input, yields a row.
    Exists(Box<Op>),
    /// The number of rows the subplan yields, run with the current row as input.
    Count(Box<Op>),
    /// The values of `map` over every row of the subplan.
    Collect {
        plan: Box<Op>,
        map: Box<BoundExpr>,
        span: Span,
    },
    MapProjection {
        base: Box<BoundExpr>,
        entries: Vec<MapProjectionEntry>,
        span: Span,
    },
    Path(Vec<PathStep>),
    /// The first path found by a shortestPath subplan, or null.
    FirstPath {
        plan: Box<Op>,
        slot: Slot,
    },
}

impl Op {
    /// The operators this one reads rows from: its input, then the plans Optional and Apply
    /// run from each of its rows. `Input` has none; subplans inside expressions (EXISTS and
    /// its kin) are not among them.
    pub fn inputs(&self) -> Vec<&Op> {
        match self {
            Op::Input => Vec::new(),
            Op::NodeScan { input, .. }
            | Op::NodeIndexSeek { input, .. }
            | Op::CheckNode { input, .. }
            | Op::Filter { input, .. }
            | Op::Unwind { input, .. }
            | Op::Project { input, .. }
            | Op::Aggregate { input, .. }
            | Op::Distinct { input, .. }
            | Op::Sort { input, .. }
            | Op::Skip { input, .. }
            | Op::Limit { input, .. } => vec![input],
            Op::Optional { input, inner, .. } => vec![input, inner],
            Op::Expand(e) => vec![&e.input],
            Op::ShortestPath(sp) => vec![&sp.input],
            Op::LoadCsv(l) => vec![&l.input],
            Op::ProcedureCall(call) => vec![&call.input],
            Op::Apply(a) => std::iter::once(&a.input).chain(&a.parts).collect(),
        }
    }
}

impl BoundExpr {
    /// Calls `f` on each direct sub-expression: also the bodies of comprehensions, quantifiers
    /// and reduce (where their own slots are bound, which callers must allow for) and
    /// COLLECT's map; never anything inside a subplan (EXISTS, COUNT, COLLECT, a shortest
    /// path). Walks over the tree recurse through this, one guarded level at a time.
    pub fn for_each_child<'e>(&'e self, f: &mut dyn FnMut(&'e BoundExpr)) {
        crate::stack::guarded(|| self.for_each_child_unguarded(f));
    }

    fn for_each_child_unguarded<'e>(&'e self, f: &mut dyn FnMut(&'e BoundExpr)) {
        let opt = |e: &'e Option<Box<BoundExpr>>, f: &mut dyn FnMut(&'e BoundExpr)| {
            if let Some(e) = e {
                f(e);
            }
        };
        match self {
            BoundExpr::Const(_)
            | BoundExpr::Slot(_)
            | BoundExpr::Param(..)
            | BoundExpr::Path(_)
            | BoundExpr::Exists(_)
            | BoundExpr::Count(_)
            | BoundExpr::FirstPath { .. } => {}
            BoundExpr::Property { base, .. }
            | BoundExpr::HasLabels { base, .. }
            | BoundExpr::Not(base)
            | BoundExpr::Neg(base, _)
            | BoundExpr::IsNull { expr: base, .. }
            | BoundExpr::Collect { map: base, .. } => f(base),
            BoundExpr::MapProjection { base, entries, .. } => {
                f(base);
                for entry in entries {
                    if let MapProjectionEntry::Value(_, v) = entry {
                        f(v);
                    }
                }
            }
            BoundExpr::Index { base, index, .. } => {
                f(base);
                f(index);
            }
            BoundExpr::Slice { base, from, to, .. } => {
                f(base);
                opt(from, f);
                opt(to, f);
            }
            BoundExpr::Binary { first, rest } => {
                f(first);
                rest.iter().for_each(|(_, e, _)| f(e));
            }
            BoundExpr::Comparison { first, rest } => {
                f(first);
                rest.iter().for_each(|(_, e)| f(e));
            }
            BoundExpr::Case {
                operand,
                alternatives,
                default,
            } => {
                opt(operand, f);
                for (when, then) in alternatives {
                    f(when);
                    f(then);
                }
                opt(default, f);
            }
            BoundExpr::List(items, _) | BoundExpr::Call { args: items, .. } => {
                items.iter().for_each(f);
            }
            BoundExpr::Map(entries, _) => entries.iter().for_each(|(_, v)| f(v)),
            BoundExpr::ListComprehension {
                list, filter, map, ..
            } => {
                f(list);
                opt(filter, f);
                opt(map, f);
            }
            BoundExpr::Quantifier { list, filter, .. } => {
                f(list);
                f(filter);
            }
            BoundExpr::Reduce {
                init, list, expr, ..
            } => {
                f(init);
                f(list);
                f(expr);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(s: Slot) -> Box<BoundExpr> {
        Box::new(BoundExpr::Slot(s))
    }

    /// Every slot read anywhere below `expr`, through `for_each_child` alone.
    fn all_slots(expr: &BoundExpr, out: &mut Vec<Slot>) {
        if let BoundExpr::Slot(s) = expr {
            out.push(*s);
        }
        expr.for_each_child(&mut |c| all_slots(c, out));
    }

    #[test]
    fn every_sub_expression_is_a_child_in_order() {
        let span = Span::default();
        let expr = BoundExpr::Case {
            operand: Some(slot(0)),
            alternatives: vec![(
                BoundExpr::Slice {
                    base: slot(1),
                    from: Some(slot(2)),
                    to: None,
                    span,
                },
                BoundExpr::MapProjection {
                    base: slot(3),
                    entries: vec![
                        MapProjectionEntry::AllProperties,
                        MapProjectionEntry::Value("k".into(), BoundExpr::Slot(4)),
                    ],
                    span,
                },
            )],
            default: Some(Box::new(BoundExpr::Reduce {
                acc: 9,
                init: slot(5),
                slot: 10,
                list: Box::new(BoundExpr::List(
                    vec![BoundExpr::Slot(6), BoundExpr::Slot(7)],
                    span,
                )),
                expr: Box::new(BoundExpr::Collect {
                    plan: Box::new(Op::Input),
                    map: slot(8),
                    span,
                }),
            })),
        };
        let mut slots = Vec::new();
        all_slots(&expr, &mut slots);
        assert_eq!(slots, (0..=8).collect::<Vec<_>>());
    }

    #[test]
    fn inputs_come_outer_first() {
        let scan = |input: Op| Op::NodeScan {
            input: Box::new(input),
            slot: 0,
            label: None,
            filter: NodeFilter::default(),
        };
        let outer = scan(Op::Input);
        let optional = Op::Optional {
            input: Box::new(outer),
            inner: Box::new(Op::Input),
            nullable: vec![],
        };
        let inputs = optional.inputs();
        assert!(matches!(
            inputs.as_slice(),
            [Op::NodeScan { .. }, Op::Input]
        ));
        assert!(Op::Input.inputs().is_empty());
    }
}
