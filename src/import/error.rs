//! Import errors. A bad row names its file, line, column and reason; errors that are not
//! about one row (unreadable file, bad header, unknown format) stop the import whatever
//! `--skip-bad` says.

use std::fmt;
use std::path::PathBuf;

/// Where in an input file something is. Lines and columns count from 1; for CSV the column
/// is the field's position in the record (except in an encoding error), elsewhere the
/// character on the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: u64,
    pub column: Option<u64>,
    /// The CSV header of the column, when there is one.
    pub column_name: Option<String>,
}

impl Location {
    pub fn line(file: &std::path::Path, line: u64) -> Self {
        Location {
            file: file.to_path_buf(),
            line,
            column: None,
            column_name: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}", self.file.display(), self.line)?;
        if let Some(c) = self.column {
            write!(f, ", column {c}")?;
        }
        if let Some(name) = &self.column_name {
            write!(f, " ({name})")?;
        }
        Ok(())
    }
}

/// Why a row (a CSV record, a JSON element, a statement of a script) was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RowError {
    #[error("wrong column count: the header has {expected} columns, this row {found}")]
    WrongColumnCount { expected: usize, found: usize },
    #[error("missing node id")]
    MissingId,
    #[error("duplicate node id '{0}'")]
    DuplicateId(String),
    #[error("missing start node id")]
    MissingStartId,
    #[error("missing end node id")]
    MissingEndId,
    #[error("start node id '{0}' matches no node")]
    UnknownStartNode(String),
    #[error("end node id '{0}' matches no node")]
    UnknownEndNode(String),
    #[error("missing relationship type")]
    MissingType,
    #[error("bad integer '{0}'")]
    BadInteger(String),
    #[error("bad float '{0}'")]
    BadFloat(String),
    /// As the literal `1e400` is refused: a number past the 64-bit range, not infinity.
    #[error("floating point number is too large: {0} (64-bit)")]
    FloatTooLarge(String),
    #[error("bad boolean '{0}' (expected true or false)")]
    BadBoolean(String),
    #[error("bad {kind} '{text}' (expected ISO 8601 text)")]
    BadTemporal { kind: &'static str, text: String },
    #[error("integer {0} is out of range (64-bit)")]
    IntegerOutOfRange(String),
    #[error("property '{key}' cannot be stored: {reason}")]
    Unstorable { key: String, reason: String },
    #[error("missing '{0}'")]
    MissingField(&'static str),
    #[error("'{field}' must be {expected}")]
    WrongField {
        field: &'static str,
        expected: &'static str,
    },
    #[error("a quoted field is not closed before the end of the file")]
    UnterminatedQuote,
    #[error("unexpected character after a closing quote")]
    TextAfterQuote,
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("{0}")]
    Statement(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Text that is not UTF-8: the file cannot be read on, whatever `skip_bad` says.
    #[error("cannot read {location}: not UTF-8 text (kg reads text files as UTF-8)")]
    NotUtf8 { location: Location },
    /// A line, statement or record past `MAX_STATEMENT_BYTES`: the file cannot be read on.
    #[error("cannot read {}: {reason}", path.display())]
    TooLong { path: PathBuf, reason: String },
    #[error("{location}: {reason}")]
    Row {
        location: Location,
        reason: RowError,
    },
    #[error("{}, header column {column} ('{name}'): {message}", file.display())]
    Header {
        file: PathBuf,
        column: usize,
        name: String,
        message: String,
    },
    #[error("{}: {message}", file.display())]
    Layout { file: PathBuf, message: String },
    #[error(
        "cannot tell the format of {} from its name: give --format (json, jsonl, cypher or csv)",
        path.display()
    )]
    UnknownFormat { path: PathBuf },
    /// A statement of a script failed; `rendered` shows it with its position and a caret.
    #[error("{rendered}")]
    Statement { rendered: String },
    /// A script's BEGIN, COMMIT or ROLLBACK.
    #[error(
        "{location}: {statement} is not allowed in an imported script: an import is one transaction (all files load or none do), so its scripts cannot begin, commit or roll back transactions of their own"
    )]
    TransactionControl {
        location: Location,
        statement: &'static str,
    },
    #[error("a transaction is open: commit or roll it back before importing")]
    TransactionOpen,
    #[error("cannot write the bad-row log {}: {source}", path.display())]
    BadLog {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot apply the import: {0}")]
    Apply(String),
}

impl ImportError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        ImportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A line of `path` that could not be read.
    pub(crate) fn line(path: &std::path::Path, e: crate::text::LineError) -> Self {
        match e {
            crate::text::LineError::Io(source) => Self::io(path, source),
            crate::text::LineError::Utf8 { line, column } => ImportError::NotUtf8 {
                location: Location {
                    column: Some(column),
                    ..Location::line(path, line)
                },
            },
            e @ (crate::text::LineError::LineTooLong { .. }
            | crate::text::LineError::StatementTooLong { .. }
            | crate::text::LineError::RecordTooLong { .. }) => ImportError::TooLong {
                path: path.to_path_buf(),
                reason: e.to_string(),
            },
        }
    }
}

impl From<crate::text::QuoteError> for RowError {
    fn from(e: crate::text::QuoteError) -> Self {
        match e {
            crate::text::QuoteError::Unterminated => RowError::UnterminatedQuote,
            crate::text::QuoteError::TextAfterQuote => RowError::TextAfterQuote,
        }
    }
}
