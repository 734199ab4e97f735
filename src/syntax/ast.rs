//! The abstract syntax tree: plain data, a [`Span`] on every node that a user could be told
//! about. Nothing here refers to pest.

use crate::model::Value;
use std::sync::Arc;

pub use crate::error::Span;

/// A name as written, with its position.
#[derive(Clone, PartialEq, Debug)]
pub struct Ident {
    pub name: Arc<str>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Script {
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub kind: StatementKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StatementKind {
    Query(Query),
    Explain(Query),
    /// Runs the query and reports what each operator of its plan did.
    Profile(Query),
    Schema(SchemaCommand),
    Begin,
    Commit,
    Rollback,
}

/// Declaring, dropping and listing indexes and constraints.
#[derive(Clone, Debug)]
pub enum SchemaCommand {
    CreateIndex {
        name: Option<Ident>,
        if_not_exists: bool,
        /// On relationships of a type rather than nodes of a label.
        relationships: bool,
        label: Ident,
        key: Ident,
    },
    DropIndex {
        name: Ident,
        if_exists: bool,
    },
    ShowIndexes,
    CreateConstraint {
        name: Option<Ident>,
        if_not_exists: bool,
        label: Ident,
        key: Ident,
        /// `IS UNIQUE`, else `IS NOT NULL`.
        unique: bool,
    },
    DropConstraint {
        name: Ident,
        if_exists: bool,
    },
    ShowConstraints,
    /// `SHOW PROCEDURES`: every procedure with its signature and description.
    ShowProcedures,
    /// `SHOW FUNCTIONS`: every function with its signature and description.
    ShowFunctions,
}

/// Single queries joined by UNION (`unions[i].all` says whether the union between part i and
/// i+1 is UNION ALL).
#[derive(Clone, Debug)]
pub struct Query {
    pub parts: Vec<SingleQuery>,
    pub unions: Vec<Union>,
}

#[derive(Clone, Debug)]
pub struct Union {
    pub all: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct SingleQuery {
    pub clauses: Vec<Clause>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Clause {
    pub kind: ClauseKind,
    pub span: Span,
}

/// One source of a CITE clause, with the passage it quotes.
#[derive(Clone, Debug)]
pub struct CiteSource {
    pub source: Expr,
    pub quote: Option<Expr>,
}

#[derive(Clone, Debug)]
pub enum ClauseKind {
    Match {
        optional: bool,
        pattern: Vec<PatternPart>,
        filter: Option<Expr>,
        /// kg extension: `AS OF date`, the date at which every element must be valid.
        as_of: Option<Expr>,
    },
    Unwind {
        list: Expr,
        var: Ident,
    },
    With {
        body: Projection,
        filter: Option<Expr>,
    },
    Return {
        body: Projection,
    },
    Create {
        pattern: Vec<PatternPart>,
    },
    Merge {
        part: PatternPart,
        on_create: Vec<SetItem>,
        on_match: Vec<SetItem>,
    },
    Set {
        items: Vec<SetItem>,
    },
    Remove {
        items: Vec<RemoveItem>,
    },
    Delete {
        detach: bool,
        targets: Vec<Expr>,
    },
    /// kg extension: `CITE source [QUOTE text], ... FOR entity, ...`.
    Cite {
        sources: Vec<CiteSource>,
        targets: Vec<Expr>,
        /// `UNCITE`: the sources' citations are removed instead.
        remove: bool,
    },
    Foreach {
        var: Ident,
        list: Expr,
        clauses: Vec<Clause>,
    },
    /// `LOAD CSV [WITH HEADERS] FROM url AS var [FIELDTERMINATOR 'c']`.
    LoadCsv {
        headers: bool,
        url: Expr,
        var: Ident,
        /// The field terminator as written (unescaped), with its span.
        terminator: Option<(String, Span)>,
    },
    /// `CALL name(args) [YIELD ...]`.
    CallProcedure(Box<ProcedureCall>),
    /// `CALL [(vars)] { query } [IN TRANSACTIONS [OF n ROWS]]`.
    CallSubquery(Box<CallSubquery>),
}

/// `CALL name(args) [YIELD field [AS var], ... [WHERE ...]]`.
#[derive(Clone, Debug)]
pub struct ProcedureCall {
    /// The dotted name, as written (backticks removed).
    pub name: Ident,
    /// `None` without parentheses: a standalone call then takes its arguments from the
    /// parameters named like the procedure's.
    pub args: Option<Vec<Expr>>,
    pub yields: Option<Yield>,
    /// `OPTIONAL CALL`: a row the procedure gives no rows for stays, its yields null.
    pub optional: bool,
}

#[derive(Clone, Debug)]
pub enum Yield {
    /// `YIELD *`: every result column (standalone calls only).
    Star(Span),
    Items {
        items: Vec<YieldItem>,
        filter: Option<Expr>,
    },
}

#[derive(Clone, Debug)]
pub struct YieldItem {
    /// The result column.
    pub field: Ident,
    /// The variable it is bound to, when not its own name.
    pub alias: Option<Ident>,
}

/// A subquery run for each incoming row.
#[derive(Clone, Debug)]
pub struct CallSubquery {
    pub query: Query,
    /// Neo4j 5's scope clause: `CALL (a, b) { ... }` imports a and b, `CALL (*) { ... }`
    /// everything; `None` when absent (then a leading `WITH a, b` imports).
    pub scope: Option<SubqueryScope>,
    /// `IN TRANSACTIONS [OF n ROWS]`: the batch size, `None` for the default.
    pub in_transactions: Option<Option<Expr>>,
    /// The span of `IN TRANSACTIONS ...`, or of the whole clause.
    pub transactions_span: Span,
    /// `OPTIONAL CALL { ... }`: a row the subquery returns no rows for stays, what it
    /// returns null.
    pub optional: bool,
}

#[derive(Clone, Debug)]
pub enum SubqueryScope {
    All,
    Vars(Vec<Ident>),
}

#[derive(Clone, Debug)]
pub struct Projection {
    pub distinct: bool,
    /// `RETURN *` / `WITH *`, possibly followed by more items.
    pub star: bool,
    pub items: Vec<ProjectionItem>,
    pub order_by: Vec<SortItem>,
    pub skip: Option<Expr>,
    pub limit: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ProjectionItem {
    pub expr: Expr,
    pub alias: Option<Ident>,
    /// The expression's text as written: the column name when there is no alias.
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct SortItem {
    pub expr: Expr,
    pub descending: bool,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ShortestKind {
    Single,
    All,
}

/// One comma-separated part of a pattern, optionally named (`p = ...`).
#[derive(Clone, Debug)]
pub struct PatternPart {
    pub var: Option<Ident>,
    pub shortest: Option<ShortestKind>,
    pub element: PatternElement,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct PatternElement {
    pub start: NodePattern,
    pub chain: Vec<(RelPattern, NodePattern)>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct NodePattern {
    pub var: Option<Ident>,
    pub labels: Vec<Ident>,
    pub props: Option<Expr>,
    pub span: Span,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum RelDirection {
    /// `-->`
    Right,
    /// `<--`
    Left,
    /// `--` or `<-->`
    Both,
}

#[derive(Clone, Debug)]
pub struct RelPattern {
    pub var: Option<Ident>,
    pub types: Vec<Ident>,
    pub direction: RelDirection,
    /// Variable length: `*` is `(None, None)`, `*2` is `(Some(2), Some(2))`.
    pub range: Option<(Option<u64>, Option<u64>)>,
    pub props: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum SetItem {
    Property { target: Expr, value: Expr },
    Replace { var: Ident, value: Expr },
    Merge { var: Ident, value: Expr },
    Labels { var: Ident, labels: Vec<Ident> },
}

#[derive(Clone, Debug)]
pub enum RemoveItem {
    Labels { var: Ident, labels: Vec<Ident> },
    Property(Expr),
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// Levels of expressions below this one (a literal is 0, `[1]` and `-x` are 1): the
    /// builder refuses a tree deeper than [`crate::model::MAX_DEPTH`], so that the recursive
    /// walks over it (binding, printing, evaluation, dropping) stay within the stack.
    pub depth: u32,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
}

/// The binary operators but comparisons (which chain: see [`ExprKind::Comparison`]).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum BinaryOp {
    Or,
    Xor,
    And,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    StartsWith,
    EndsWith,
    Contains,
    In,
    Regex,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum QuantifierKind {
    All,
    Any,
    None,
    Single,
}

#[derive(Clone, Debug)]
pub enum MapProjectionItem {
    AllProperties,
    Property(Ident),
    Literal(Ident, Expr),
    Variable(Ident),
}

#[derive(Clone, Debug)]
pub enum ExistsBody {
    Pattern {
        pattern: Vec<PatternPart>,
        filter: Option<Expr>,
    },
    Query(SingleQuery),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Literal(Value),
    /// An integer literal too large for i64; an error unless negated to i64::MIN.
    IntegerOverflow(String),
    List(Vec<Expr>),
    Map(Vec<(Ident, Expr)>),
    Parameter(Arc<str>),
    Variable(Arc<str>),
    Property(Box<Expr>, Ident),
    Index(Box<Expr>, Box<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    HasLabels(Box<Expr>, Vec<Ident>),
    Unary(UnaryOp, Box<Expr>),
    /// `a + b - c`: operators of one precedence level applied left to right, kept as one flat
    /// list so that a chain of any length is one level deep (`((a + b) - c)` as a tree would
    /// be as deep as the chain is long, and every walk over it would recurse per term).
    Binary(Box<Expr>, Vec<(BinaryOp, Expr)>),
    /// `a < b <= c` is one chain: `a < b AND b <= c` with `b` evaluated once.
    Comparison(Box<Expr>, Vec<(CmpOp, Expr)>),
    IsNull(Box<Expr>, bool),
    Case {
        operand: Option<Box<Expr>>,
        alternatives: Vec<(Expr, Expr)>,
        default: Option<Box<Expr>>,
    },
    CountStar,
    FunctionCall {
        name: Ident,
        distinct: bool,
        args: Vec<Expr>,
    },
    ListComprehension {
        var: Ident,
        list: Box<Expr>,
        filter: Option<Box<Expr>>,
        map: Option<Box<Expr>>,
    },
    PatternComprehension {
        path_var: Option<Ident>,
        pattern: Box<PatternElement>,
        filter: Option<Box<Expr>>,
        map: Box<Expr>,
    },
    Quantifier {
        kind: QuantifierKind,
        var: Ident,
        list: Box<Expr>,
        filter: Option<Box<Expr>>,
    },
    Reduce {
        acc: Ident,
        init: Box<Expr>,
        var: Ident,
        list: Box<Expr>,
        expr: Box<Expr>,
    },
    Exists(Box<ExistsBody>),
    /// `COUNT { pattern }` or `COUNT { query }`: the number of rows.
    CountSubquery(Box<ExistsBody>),
    /// `COLLECT { query }`: the values its one returned column takes.
    CollectSubquery(Box<SingleQuery>),
    PatternPredicate(Box<PatternElement>),
    ShortestPath(Box<PatternPart>),
    MapProjection {
        var: Ident,
        items: Vec<MapProjectionItem>,
    },
}

/// Dropping a subquery drops the clauses inside it, which may hold subqueries in turn: each
/// level is a guarded step (see `crate::stack`).
impl Drop for CallSubquery {
    fn drop(&mut self) {
        let query = std::mem::replace(
            &mut self.query,
            Query {
                parts: Vec::new(),
                unions: Vec::new(),
            },
        );
        crate::stack::guarded(|| drop(query));
    }
}

/// Cloning recurses once per level of the tree, so each level is a guarded step (see
/// `crate::stack`): the planner copies expressions as deep as the limit allows.
impl Clone for Expr {
    fn clone(&self) -> Self {
        crate::stack::guarded(|| Expr {
            kind: self.kind.clone(),
            span: self.span,
            depth: self.depth,
        })
    }
}

/// Dropping recurses once per level too.
impl Drop for Expr {
    fn drop(&mut self) {
        let kind = std::mem::replace(&mut self.kind, ExprKind::CountStar);
        crate::stack::guarded(|| drop(kind));
    }
}

impl BinaryOp {
    /// The precedence level, loosest first: operators of one level chain left to right.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::Xor => 2,
            BinaryOp::And => 3,
            BinaryOp::StartsWith
            | BinaryOp::EndsWith
            | BinaryOp::Contains
            | BinaryOp::In
            | BinaryOp::Regex => 6,
            BinaryOp::Add | BinaryOp::Sub => 7,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 8,
            BinaryOp::Pow => 9,
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        let mut depth = 0;
        kind.for_each_child(&mut |child| depth = depth.max(child.depth.saturating_add(1)));
        Expr { kind, span, depth }
    }

    /// See [`ExprKind::for_each_child`]. Walks over the tree recurse through this, one
    /// guarded step per level (see `crate::stack`).
    pub fn for_each_child<'e>(&'e self, f: &mut dyn FnMut(&'e Expr)) {
        crate::stack::guarded(|| self.kind.for_each_child(f));
    }
}

impl ExprKind {
    /// Calls `f` on each direct sub-expression: also the bodies of comprehensions, quantifiers
    /// and reduce (where their own variables are bound, which callers must allow for) and a
    /// pattern comprehension's WHERE and map; never the property maps of a pattern nor
    /// anything inside EXISTS, COUNT or COLLECT subqueries, a pattern predicate or a shortest path.
    pub fn for_each_child<'e>(&'e self, f: &mut dyn FnMut(&'e Expr)) {
        match self {
            ExprKind::Literal(_)
            | ExprKind::IntegerOverflow(_)
            | ExprKind::Parameter(_)
            | ExprKind::Variable(_)
            | ExprKind::CountStar
            | ExprKind::Exists(_)
            | ExprKind::CountSubquery(_)
            | ExprKind::CollectSubquery(_)
            | ExprKind::PatternPredicate(_)
            | ExprKind::ShortestPath(_) => {}
            ExprKind::List(items) => items.iter().for_each(f),
            ExprKind::Map(entries) => entries.iter().for_each(|(_, v)| f(v)),
            ExprKind::Property(b, _) | ExprKind::HasLabels(b, _) | ExprKind::Unary(_, b) => f(b),
            ExprKind::IsNull(b, _) => f(b),
            ExprKind::Index(a, b) => {
                f(a);
                f(b);
            }
            ExprKind::Slice(a, b, c) => {
                f(a);
                if let Some(b) = b {
                    f(b);
                }
                if let Some(c) = c {
                    f(c);
                }
            }
            ExprKind::Binary(first, rest) => {
                f(first);
                rest.iter().for_each(|(_, e)| f(e));
            }
            ExprKind::Comparison(first, rest) => {
                f(first);
                rest.iter().for_each(|(_, e)| f(e));
            }
            ExprKind::Case {
                operand,
                alternatives,
                default,
            } => {
                if let Some(o) = operand {
                    f(o);
                }
                for (w, t) in alternatives {
                    f(w);
                    f(t);
                }
                if let Some(d) = default {
                    f(d);
                }
            }
            ExprKind::FunctionCall { args, .. } => args.iter().for_each(f),
            ExprKind::ListComprehension {
                list, filter, map, ..
            } => {
                f(list);
                if let Some(w) = filter {
                    f(w);
                }
                if let Some(m) = map {
                    f(m);
                }
            }
            ExprKind::PatternComprehension { filter, map, .. } => {
                if let Some(w) = filter {
                    f(w);
                }
                f(map);
            }
            ExprKind::Quantifier { list, filter, .. } => {
                f(list);
                if let Some(w) = filter {
                    f(w);
                }
            }
            ExprKind::Reduce {
                init, list, expr, ..
            } => {
                f(init);
                f(list);
                f(expr);
            }
            ExprKind::MapProjection { items, .. } => {
                for item in items {
                    if let MapProjectionItem::Literal(_, e) = item {
                        f(e);
                    }
                }
            }
        }
    }
}
