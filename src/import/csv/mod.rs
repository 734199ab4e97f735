//! The neo4j-admin CSV layout. Headers name each column's role: `:ID` or `name:ID(Group)`
//! (a node's id, stored as the string property `name` when named), `:LABEL` (labels split on
//! `;`), `:START_ID(Group)`, `:END_ID(Group)`, `:TYPE`, `:IGNORE`, and properties as
//! `name:type` with [`TYPES`], each optionally an array `type[]` split on `;`. An untyped
//! `name` is a string.
//!
//! A file with `:START_ID` is a relationship file; every node file is read before any
//! relationship file. Records are read and parsed on a second thread while the first builds the graph.
//!
//! Fields: an unquoted empty field is no value; a quoted empty one (`""`) is an empty string
//! (an empty list in an array column). Temporal values are ISO 8601 text. Points, which kg
//! does not have yet, are read as strings, with a note.

mod load;
mod pooling;
mod records;

pub use load::load;

use super::builder::Builder;
use super::error::{ImportError, Location, RowError};
use crate::model::Value;
use crate::model::temporal::TemporalKind;
use crate::text::{Record, RecordReader};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// neo4j-admin's default field delimiter, the only one kg reads (and the csv export writes).
const FIELD_DELIMITER: u8 = b',';

/// The property types a header may name, for the documentation and the error message.
const TYPES: &str = "int, long, short, byte, float, double, boolean, string, char, date, localtime, time, localdatetime, datetime, duration or point";

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Bool,
    String,
    Temporal(TemporalKind),
}

#[derive(Clone, Debug)]
enum Column {
    Id {
        key: Option<Arc<str>>,
        group: u32,
    },
    Label,
    StartId {
        group: u32,
    },
    EndId {
        group: u32,
    },
    Type,
    Ignore,
    Prop {
        key: Arc<str>,
        kind: Kind,
        array: bool,
    },
}

struct Header {
    columns: Vec<Column>,
    names: Vec<String>,
    rels: bool,
}

fn header_error(file: &Path, column: usize, name: &str, message: impl Into<String>) -> ImportError {
    ImportError::Header {
        file: file.to_path_buf(),
        column,
        name: name.to_string(),
        message: message.into(),
    }
}

/// `ID(Companies)` -> ("ID", "Companies").
fn split_group(spec: &str) -> (&str, &str) {
    match spec.split_once('(') {
        Some((role, rest)) => (role, rest.strip_suffix(')').unwrap_or(rest)),
        None => (spec, ""),
    }
}

fn parse_header(
    file: &Path,
    rec: &Record,
    builder: &mut Builder,
    notes: &mut Vec<String>,
) -> Result<Header, ImportError> {
    let mut columns = Vec::with_capacity(rec.len());
    let mut names = Vec::with_capacity(rec.len());
    for i in 0..rec.len() {
        let (text, _) = rec.field(i);
        let n = i + 1;
        names.push(text.to_string());
        let (name, spec) = match text.rfind(':') {
            Some(p) => (&text[..p], &text[p + 1..]),
            None => (text, "string"),
        };
        let (role, group) = split_group(spec);
        let group_no = builder.group(group);
        let column = match role.to_ascii_uppercase().as_str() {
            "ID" => Column::Id {
                key: (!name.is_empty()).then(|| builder.name(name)),
                group: group_no,
            },
            "LABEL" => Column::Label,
            "START_ID" => Column::StartId { group: group_no },
            "END_ID" => Column::EndId { group: group_no },
            "TYPE" => Column::Type,
            "IGNORE" => Column::Ignore,
            _ => {
                if name.is_empty() {
                    return Err(header_error(
                        file,
                        n,
                        text,
                        "a property column needs a name before ':'",
                    ));
                }
                let lower = spec.to_ascii_lowercase();
                let (base, array) = match lower.strip_suffix("[]") {
                    Some(base) => (base, true),
                    None => (lower.as_str(), false),
                };
                let kind = match base {
                    "int" | "long" | "short" | "byte" => Kind::Int,
                    "float" | "double" => Kind::Float,
                    "boolean" => Kind::Bool,
                    "string" | "char" => Kind::String,
                    "point" => {
                        notes.push(format!(
                            "{}: column '{text}' is read as strings: kg has no {base} values yet",
                            file.display()
                        ));
                        Kind::String
                    }
                    other => match TemporalKind::from_name(other) {
                        Some(temporal) => Kind::Temporal(temporal),
                        None => {
                            return Err(header_error(
                                file,
                                n,
                                text,
                                format!(
                                    "unknown type '{other}' (expected {TYPES}, or one of them with [])"
                                ),
                            ));
                        }
                    },
                };
                Column::Prop {
                    key: builder.name(name),
                    kind,
                    array,
                }
            }
        };
        columns.push(column);
    }
    let has = |f: fn(&Column) -> bool| columns.iter().filter(|c| f(c)).count();
    let starts = has(|c| matches!(c, Column::StartId { .. }));
    let ends = has(|c| matches!(c, Column::EndId { .. }));
    let types = has(|c| matches!(c, Column::Type));
    let ids = has(|c| matches!(c, Column::Id { .. }));
    let layout = |message: &str| ImportError::Layout {
        file: file.to_path_buf(),
        message: message.to_string(),
    };
    let rels = starts + ends > 0;
    if rels && (starts != 1 || ends != 1 || types != 1) {
        return Err(layout(
            "a relationship file needs exactly one :START_ID, one :END_ID and one :TYPE column",
        ));
    }
    if rels && ids > 0 {
        return Err(layout("a relationship file cannot have an :ID column"));
    }
    if !rels && (ids > 1 || types > 0) {
        return Err(layout(
            "a node file has at most one :ID column and no :TYPE column (relationship files need :START_ID and :END_ID)",
        ));
    }
    Ok(Header {
        columns,
        names,
        rels,
    })
}

fn parse_scalar(text: &str, kind: Kind) -> Result<Value, RowError> {
    Ok(match kind {
        Kind::String => Value::str(text),
        Kind::Int => {
            let t = text.trim();
            match t.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_)
                    if !t.is_empty()
                        && t.trim_start_matches(['-', '+'])
                            .chars()
                            .all(|c| c.is_ascii_digit()) =>
                {
                    return Err(RowError::IntegerOutOfRange(t.to_string()));
                }
                Err(_) => return Err(RowError::BadInteger(text.to_string())),
            }
        }
        Kind::Float => {
            let t = text.trim();
            let f = t
                .parse::<f64>()
                .map_err(|_| RowError::BadFloat(text.to_string()))?;
            // `inf` and `Infinity` say what they mean; `1e999` only overflows.
            let spelt = t.trim_start_matches(['-', '+']).starts_with(['i', 'I']);
            if f.is_infinite() && !spelt {
                return Err(RowError::FloatTooLarge(t.to_string()));
            }
            Value::Float(f)
        }
        Kind::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(RowError::BadBoolean(text.to_string())),
        },
        Kind::Temporal(k) => k.parse(text).ok_or_else(|| RowError::BadTemporal {
            kind: k.name(),
            text: text.to_string(),
        })?,
    })
}

fn parse_field(
    text: &str,
    quoted: bool,
    kind: Kind,
    array: bool,
    array_delimiter: char,
) -> Result<Option<Value>, RowError> {
    if text.is_empty() {
        return Ok(match (quoted, array, kind) {
            (true, true, _) => Some(Value::list(Vec::new())),
            (true, false, Kind::String) => Some(Value::str("")),
            _ => None,
        });
    }
    if !array {
        return parse_scalar(text, kind).map(Some);
    }
    let items = text
        .split(array_delimiter)
        .map(|t| parse_scalar(t, kind))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Value::list(items)))
}

/// The input files: directories stand for the CSV files in them, in name order.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| ImportError::io(path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(ImportError::Layout {
                    file: path.clone(),
                    message: "the directory holds no .csv files".into(),
                });
            }
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn open(path: &Path) -> Result<RecordReader<BufReader<File>>, ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    Ok(RecordReader::new(
        BufReader::with_capacity(1 << 16, file),
        FIELD_DELIMITER,
    ))
}

/// Reads the header of a file: its first record.
fn read_header(
    path: &Path,
    builder: &mut Builder,
    notes: &mut Vec<String>,
) -> Result<Header, ImportError> {
    let mut reader = open(path)?;
    let mut rec = Record::default();
    match reader
        .read(&mut rec)
        .map_err(|e| ImportError::line(path, e))?
    {
        Ok(true) => parse_header(path, &rec, builder, notes),
        Ok(false) => Err(ImportError::Layout {
            file: path.to_path_buf(),
            message: "the file is empty: a header is needed".into(),
        }),
        Err(e) => Err(ImportError::Row {
            location: Location {
                file: path.to_path_buf(),
                line: e.line,
                column: Some(e.field as u64),
                column_name: None,
            },
            reason: e.reason.into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_neo4j_admin_rules() {
        let f = |t, q, k, a| parse_field(t, q, k, a, ';');
        assert_eq!(f("", false, Kind::String, false), Ok(None));
        assert_eq!(f("", true, Kind::String, false), Ok(Some(Value::str(""))));
        assert_eq!(f("", true, Kind::Int, true), Ok(Some(Value::list(vec![]))));
        assert_eq!(
            f("1;2", false, Kind::Int, true),
            Ok(Some(Value::list(vec![Value::Int(1), Value::Int(2)])))
        );
        assert_eq!(
            f("x", false, Kind::Int, false),
            Err(RowError::BadInteger("x".into()))
        );
        assert_eq!(
            f("99999999999999999999", false, Kind::Int, false),
            Err(RowError::IntegerOutOfRange("99999999999999999999".into()))
        );
        assert_eq!(
            f("TRUE", false, Kind::Bool, false),
            Ok(Some(Value::Bool(true)))
        );
    }

    #[test]
    fn groups_come_from_parentheses() {
        assert_eq!(split_group("ID(Company)"), ("ID", "Company"));
        assert_eq!(split_group("START_ID"), ("START_ID", ""));
    }
}
