//! The abstract syntax tree: plain data, a [`Span`] on every node that a user could be told
//! about. Nothing here refers to pest.

use crate::model::Value;
use std::sync::Arc;

/// Byte offsets into the text that was parsed.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

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
    Begin,
    Commit,
    Rollback,
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

#[derive(Clone, Debug)]
pub enum ClauseKind {
    Match {
        optional: bool,
        pattern: Vec<PatternPart>,
        filter: Option<Expr>,
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
    /// Procedure calls and CALL subqueries (`CALL { query }`) parse, so that they can be
    /// refused clearly; their contents are not kept.
    Call,
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

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
}

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
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
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
    PatternPredicate(Box<PatternElement>),
    ShortestPath(Box<PatternPart>),
    MapProjection {
        var: Ident,
        items: Vec<MapProjectionItem>,
    },
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }
}
