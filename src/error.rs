//! Errors of every layer, classified as openCypher classifies them (type, phase, detail), and
//! the one renderer that shows a user where the problem is.

use std::fmt;

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

/// The error type of the openCypher classification.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ErrorClass {
    SyntaxError,
    SemanticError,
    TypeError,
    ArgumentError,
    EntityNotFound,
    ConstraintVerificationFailed,
    ProcedureError,
    /// A parameter a statement needs at compile time (a standalone `CALL proc` without
    /// parentheses takes its arguments from parameters) was not given.
    ParameterMissing,
}

/// When the error is raised: while compiling the statement or while running it.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Phase {
    CompileTime,
    Runtime,
}

/// The detail of the classification, named as the openCypher TCK names it.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Detail {
    // Syntax and semantics found before running.
    UnexpectedSyntax,
    InvalidNumberLiteral,
    InvalidUnicodeLiteral,
    IntegerOverflow,
    FloatingPointOverflow,
    UndefinedVariable,
    VariableAlreadyBound,
    VariableTypeConflict,
    InvalidAggregation,
    NestedAggregation,
    AmbiguousAggregationExpression,
    InvalidArgumentType,
    InvalidParameterUse,
    NonConstantExpression,
    NegativeIntegerArgument,
    NoSingleRelationshipType,
    NoExpressionAlias,
    ColumnNameConflict,
    DifferentColumnsInUnion,
    InvalidClauseComposition,
    InvalidDelete,
    CreatingVarLength,
    RequiresDirectedRelationship,
    UnknownFunction,
    InvalidRelationshipPattern,
    UnsupportedFeature,
    /// CALL with more or fewer arguments than the procedure takes.
    InvalidNumberOfArguments,
    /// CALL without parentheses inside a query, of a procedure that takes arguments.
    InvalidArgumentPassingMode,
    /// CALL of a procedure that does not exist.
    ProcedureNotFound,
    /// A parameter needed to compile the statement was not given.
    MissingParameter,
    /// kg's own: nesting past `model::MAX_DEPTH`, in a statement's text (a compile-time
    /// SyntaxError) or in a value being built (a runtime ArgumentError).
    NestingTooDeep,
    // Found while running.
    InvalidArgumentValue,
    InvalidPropertyType,
    MapElementAccessByNonString,
    ListElementAccessByNonInteger,
    NumberOutOfRange,
    DeletedEntityAccess,
    DeleteConnectedNode,
    MergeReadOwnWrites,
    ParameterMissing,
    Overflow,
    DivisionByZero,
    InvalidRegex,
    Interrupted,
    /// kg's own: a statement stopped by `--timeout`.
    TimedOut,
    /// kg's own: a statement stopped by `--max-memory`.
    MemoryLimit,
    // Indexes and constraints.
    SchemaConflict,
    NoSuchSchemaObject,
    ConstraintValidationFailed,
    /// LOAD CSV could not open or read its file (or was given a URL it cannot read).
    ExternalResourceFailed,
    /// LOAD CSV met text that is not CSV as it reads it: an open quote, a record of the
    /// wrong length under WITH HEADERS, text that is not UTF-8.
    InvalidCsv,
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// An error in a statement: what kind, and where in the text.
#[derive(Clone, PartialEq, Debug)]
pub struct QueryError {
    pub class: ErrorClass,
    pub phase: Phase,
    pub detail: Detail,
    pub message: String,
    pub span: Option<Span>,
}

impl QueryError {
    /// Whether the statement was stopped from outside (an interrupt, a time or memory limit)
    /// rather than failing on its data: running it again would only stop it again.
    pub fn is_interruption(&self) -> bool {
        matches!(
            self.detail,
            Detail::Interrupted | Detail::TimedOut | Detail::MemoryLimit
        )
    }

    pub fn new(
        class: ErrorClass,
        phase: Phase,
        detail: Detail,
        message: impl Into<String>,
    ) -> Self {
        QueryError {
            class,
            phase,
            detail,
            message: message.into(),
            span: None,
        }
    }

    /// A compile-time syntax error (the TCK's "SyntaxError at compile time").
    pub fn syntax(detail: Detail, message: impl Into<String>, span: Span) -> Self {
        QueryError::new(ErrorClass::SyntaxError, Phase::CompileTime, detail, message).at(span)
    }

    pub fn runtime(class: ErrorClass, detail: Detail, message: impl Into<String>) -> Self {
        QueryError::new(class, Phase::Runtime, detail, message)
    }

    pub fn type_error(message: impl Into<String>) -> Self {
        QueryError::runtime(ErrorClass::TypeError, Detail::InvalidArgumentType, message)
    }

    /// A number or temporal value outside the range its type can hold.
    pub fn overflow(message: impl Into<String>) -> Self {
        QueryError::runtime(ErrorClass::ArgumentError, Detail::Overflow, message)
    }

    /// An entity deleted earlier in the statement, then read.
    pub fn deleted(what: &str) -> Self {
        QueryError::runtime(
            ErrorClass::EntityNotFound,
            Detail::DeletedEntityAccess,
            format!("the {what} was deleted earlier in this statement"),
        )
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Attaches a position if the error has none yet (inner positions are more precise).
    pub fn or_at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for QueryError {}

/// Line and column (both from 1, columns in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders an error the way users see it:
///
/// ```text
/// error: unknown function 'toLowr': did you mean toLower?
///  --> 1:17
///   |
/// 1 | RETURN toLowr('A')
///   |        ^^^^^^
/// ```
///
/// `origin` names where the text came from (a file, statement number), if anywhere.
pub fn render(error: &QueryError, source: &str, origin: Option<&str>) -> String {
    render_from(error, source, 1, origin)
}

/// [`render`] for a `source` that is the text of its file from line `first_line` on: a script
/// read as a stream keeps only the lines of the statement at hand.
pub fn render_from(
    error: &QueryError,
    source: &str,
    first_line: usize,
    origin: Option<&str>,
) -> String {
    let mut out = format!(
        "error: {} ({}.{})\n",
        error.message, error.class, error.detail
    );
    let Some(span) = error.span else {
        return out;
    };
    let (line, col) = line_col(source, span.start);
    let text_line = source.lines().nth(line - 1).unwrap_or("");
    let shown = line + first_line.max(1) - 1;
    let gutter = shown.to_string().len();
    let pad = " ".repeat(gutter);
    let location = match origin {
        Some(origin) => format!("{origin}:{shown}:{col}"),
        None => format!("{shown}:{col}"),
    };
    out.push_str(&format!(
        "{pad}--> {location}\n{pad} |\n{shown} | {text_line}\n"
    ));
    let line_chars = text_line.chars().count();
    let width = if span.end > span.start {
        let (end_line, end_col) = line_col(source, span.end);
        if end_line == line {
            end_col.saturating_sub(col)
        } else {
            // Up to the end of the line; `lines()` drops a `\r` that the column counted.
            (line_chars + 1).saturating_sub(col)
        }
    } else {
        1
    };
    let width = width.max(1);
    out.push_str(&format!(
        "{pad} | {}{}\n",
        " ".repeat(col - 1),
        "^".repeat(width)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_span() {
        let src = "MATCH (n)\nRETURN m";
        let err = QueryError::syntax(
            Detail::UndefinedVariable,
            "variable `m` not defined",
            Span::new(17, 18),
        );
        let text = render(&err, src, None);
        assert!(text.contains("--> 2:8"), "{text}");
        assert!(text.contains("2 | RETURN m\n  |        ^\n"), "{text}");
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col("é = x", 5), (1, 5));
    }
}
