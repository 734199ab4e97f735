//! LOAD CSV's reading, shared by both executors: the URL to a local path, the file opened
//! and streamed a record at a time (never read whole), each record a list of strings or, with
//! headers, a map by the header's names. An unquoted empty field is null, a quoted one `''`
//! (as in Neo4j); blank lines are skipped. Errors name the file, line and column.
//!
//! Files are read with the permissions of the user running kg, from any path it names: kg is
//! embedded, so there is no server whose files a query could reach beyond its user's own.

use super::context::{Ctx, Result, Row, check_limits};
use super::eval::eval;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::{Map, Value};
use crate::plan::LoadCsv;
use crate::text::{LineError, QuoteError, Record, RecordReader};
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Arc;

/// The records of one file, as values for the clause's variable.
pub struct CsvRows {
    reader: RecordReader<BufReader<File>>,
    record: Record,
    /// The header's names, with headers.
    names: Option<Vec<Arc<str>>>,
    path: PathBuf,
    /// The file's absolute path, for `file()`.
    pub absolute: Value,
    span: crate::error::Span,
}

/// Opens the file `load`'s URL names for `row`; `None` when the URL is null.
pub fn open(load: &LoadCsv, row: &Row, ctx: &Ctx) -> Result<Option<CsvRows>> {
    let url = match eval(&load.url, row, ctx)? {
        Value::Null => return Ok(None),
        Value::String(s) => s,
        other => {
            return Err(QueryError::type_error(format!(
                "LOAD CSV needs the file's URL or path as a string, not {}",
                other.value_type()
            ))
            .at(load.span));
        }
    };
    let path = local_path(&url).map_err(|e| e.at(load.span))?;
    let file = File::open(&path).map_err(|e| {
        failed(format!("cannot read {}: {}", path.display(), io_reason(&e))).at(load.span)
    })?;
    let reader = RecordReader::new(BufReader::with_capacity(1 << 16, file), load.delimiter)
        .with_backslash_escapes();
    let absolute = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    let mut rows = CsvRows {
        reader,
        record: Record::default(),
        names: None,
        absolute: Value::str(&absolute.to_string_lossy()),
        path,
        span: load.span,
    };
    if load.headers {
        rows.names = Some(match rows.next_record()? {
            Some(()) => (0..rows.record.len())
                .map(|i| Arc::from(rows.record.field(i).0))
                .collect(),
            None => Vec::new(),
        });
    }
    Ok(Some(rows))
}

impl CsvRows {
    /// The line the last record read starts on.
    pub fn line(&self) -> Value {
        Value::Int(self.record.line as i64)
    }

    /// The next record's value: a list of its fields, or a map by the header's names.
    pub fn next_value(&mut self) -> Result<Option<Value>> {
        if self.next_record()?.is_none() {
            return Ok(None);
        }
        let field = |i: usize| match self.record.field(i) {
            ("", false) => Value::Null,
            (text, _) => Value::str(text),
        };
        let Some(names) = &self.names else {
            return Ok(Some(Value::list(
                (0..self.record.len()).map(field).collect(),
            )));
        };
        if self.record.len() != names.len() {
            return Err(self.invalid(
                self.record.line,
                None,
                &format!(
                    "{} {}, but the header has {}",
                    self.record.len(),
                    if self.record.len() == 1 {
                        "field"
                    } else {
                        "fields"
                    },
                    names.len()
                ),
            ));
        }
        let mut map = Map::new();
        for (i, name) in names.iter().enumerate() {
            map.insert(name.clone(), field(i));
        }
        Ok(Some(Value::map(map)))
    }

    /// Reads the next record that is not a blank line into `self.record`.
    fn next_record(&mut self) -> Result<Option<()>> {
        loop {
            check_limits()?;
            let line = self.reader.line();
            match self.reader.read(&mut self.record) {
                Ok(Ok(true)) if self.record.is_blank() => continue,
                Ok(Ok(true)) => return Ok(Some(())),
                Ok(Ok(false)) => return Ok(None),
                Ok(Err(e)) => {
                    let why = match e.reason {
                        QuoteError::Unterminated => {
                            "a quoted field is not closed before the end of the file"
                        }
                        QuoteError::TextAfterQuote => "unexpected character after a closing quote",
                    };
                    return Err(self.invalid(e.line, Some(e.field as u64), why));
                }
                Err(LineError::Utf8 { line, column }) => {
                    return Err(self.invalid(
                        line,
                        Some(column),
                        "not UTF-8 text (kg reads text as UTF-8)",
                    ));
                }
                Err(
                    e @ (LineError::LineTooLong { .. }
                    | LineError::StatementTooLong { .. }
                    | LineError::RecordTooLong { .. }),
                ) => {
                    return Err(QueryError::runtime(
                        ErrorClass::ArgumentError,
                        Detail::InvalidCsv,
                        format!("{}: {e}", self.path.display()),
                    )
                    .at(self.span));
                }
                Err(LineError::Io(e)) => {
                    return Err(failed(format!(
                        "{}, line {line}: cannot read on: {}",
                        self.path.display(),
                        io_reason(&e)
                    ))
                    .at(self.span));
                }
            }
        }
    }

    fn invalid(&self, line: u64, column: Option<u64>, why: &str) -> QueryError {
        let column = column.map(|c| format!(", column {c}")).unwrap_or_default();
        QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::InvalidCsv,
            format!("{}, line {line}{column}: {why}", self.path.display()),
        )
        .at(self.span)
    }
}

fn failed(message: String) -> QueryError {
    QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::ExternalResourceFailed,
        message,
    )
}

/// The OS's reason without its error code: "No such file or directory".
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The local file a URL names. `file:///data/people.csv` is the absolute path if that file
/// exists, else `data/people.csv` in the working directory (Neo4j reads `file:///` URLs
/// relative to its import folder, so scripts written for it keep working); a plain path is
/// relative to the working directory. Other schemes are refused.
fn local_path(url: &str) -> Result<PathBuf> {
    let Some(rest) = strip_scheme(url, "file:") else {
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(failed(format!(
                "kg reads local files only, not {scheme}:// URLs: download {url} first and load the file"
            )));
        }
        return Ok(PathBuf::from(url));
    };
    let decoded = percent_decode(rest)
        .ok_or_else(|| failed(format!("{url} is not a valid file URL (a % not followed by two hex digits, or not UTF-8 once decoded)")))?;
    // file:///p, file://localhost/p and file:/p all name /p.
    let path = decoded
        .strip_prefix("//localhost")
        .or_else(|| decoded.strip_prefix("//"))
        .unwrap_or(&decoded);
    let absolute = PathBuf::from(path);
    if absolute.is_absolute() && !absolute.exists() {
        return Ok(PathBuf::from(path.trim_start_matches('/')));
    }
    Ok(absolute)
}

fn strip_scheme<'a>(url: &'a str, scheme: &str) -> Option<&'a str> {
    let head = url.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| &url[scheme.len()..])
}

/// `%20` and the like, as URLs write bytes; `None` for a broken escape.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_name_local_paths() {
        assert_eq!(
            local_path("file:///no-such-dir/a%20b.csv").unwrap(),
            PathBuf::from("no-such-dir/a b.csv")
        );
        let tmp = std::env::temp_dir();
        let url = format!("file://{}", tmp.display());
        assert_eq!(local_path(&url).unwrap(), tmp);
        assert_eq!(
            local_path("data/x.csv").unwrap(),
            PathBuf::from("data/x.csv")
        );
        assert!(local_path("https://example.org/x.csv").is_err());
        assert!(local_path("file:///x%2").is_err());
    }
}
