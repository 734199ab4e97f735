//! Functions of strings. Lengths and positions count characters (Unicode scalar values), not
//! bytes.

use super::{Builtin, Call, Category, Param, Result, one, opt, scalar};
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

const S: Category = Category::String;
const INPUT: &[Param] = &[one("input", "STRING")];
const TRIM: &[Param] = &[one("input", "STRING"), opt("trimCharacterString", "STRING")];

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "toLower",
        S,
        INPUT,
        "STRING",
        "the string in lower case",
        |c| Ok(text(c.string(0)?.to_lowercase())),
    ),
    scalar(
        "lower",
        S,
        INPUT,
        "STRING",
        "the string in lower case (another name for toLower)",
        |c| Ok(text(c.string(0)?.to_lowercase())),
    ),
    scalar(
        "toUpper",
        S,
        INPUT,
        "STRING",
        "the string in upper case",
        |c| Ok(text(c.string(0)?.to_uppercase())),
    ),
    scalar(
        "upper",
        S,
        INPUT,
        "STRING",
        "the string in upper case (another name for toUpper)",
        |c| Ok(text(c.string(0)?.to_uppercase())),
    ),
    scalar(
        "trim",
        S,
        INPUT,
        "STRING",
        "the string without leading and trailing whitespace",
        |c| Ok(text(c.string(0)?.trim())),
    ),
    scalar(
        "btrim",
        S,
        TRIM,
        "STRING",
        "the string without leading and trailing whitespace, or without the characters given",
        |c| trim(c, true, true),
    ),
    scalar(
        "ltrim",
        S,
        TRIM,
        "STRING",
        "the string without leading whitespace, or without the leading characters given",
        |c| trim(c, true, false),
    ),
    scalar(
        "rtrim",
        S,
        TRIM,
        "STRING",
        "the string without trailing whitespace, or without the trailing characters given",
        |c| trim(c, false, true),
    ),
    scalar(
        "replace",
        S,
        &[
            one("original", "STRING"),
            one("search", "STRING"),
            one("replace", "STRING"),
        ],
        "STRING",
        "the string with every occurrence of search replaced",
        |c| {
            if c.args.iter().skip(1).any(Value::is_null) {
                return Ok(Value::Null);
            }
            let (s, from, to) = (c.string(0)?, c.string(1)?, c.string(2)?);
            // A short text can become a huge one: check before building it.
            let grows = (s.matches(from).count() as u64).saturating_mul(to.len() as u64);
            crate::limits::reserve((s.len() as u64).saturating_add(grows))?;
            Ok(text(s.replace(from, to)))
        },
    ),
    scalar(
        "substring",
        S,
        &[
            one("original", "STRING"),
            one("start", "INTEGER"),
            opt("length", "INTEGER"),
        ],
        "STRING",
        "the characters from start (counted from 0), all or length of them",
        substring,
    ),
    scalar(
        "left",
        S,
        &[one("original", "STRING"), one("length", "INTEGER")],
        "STRING",
        "the first length characters",
        |c| end_part(c, true),
    ),
    scalar(
        "right",
        S,
        &[one("original", "STRING"), one("length", "INTEGER")],
        "STRING",
        "the last length characters",
        |c| end_part(c, false),
    ),
    scalar(
        "split",
        S,
        &[
            one("original", "STRING"),
            one("splitDelimiters", "STRING | LIST<STRING>"),
        ],
        "LIST<STRING>",
        "the parts between the delimiter (or any of a list of them); '' splits into characters",
        split,
    ),
    scalar(
        "normalize",
        S,
        &[
            one("input", "STRING"),
            opt("normalForm", "NFC | NFD | NFKC | NFKD"),
        ],
        "STRING",
        "the string in a Unicode normal form: NFC (the default), NFD, NFKC or NFKD",
        normalize,
    ),
    scalar(
        "char_length",
        S,
        INPUT,
        "INTEGER",
        "the number of characters of a string",
        |c| Ok(Value::Int(c.string(0)?.chars().count() as i64)),
    ),
    scalar(
        "character_length",
        S,
        INPUT,
        "INTEGER",
        "the number of characters of a string (another name for char_length)",
        |c| Ok(Value::Int(c.string(0)?.chars().count() as i64)),
    ),
];

fn text(s: impl Into<Arc<str>>) -> Value {
    Value::String(s.into())
}

/// `btrim`, `ltrim` and `rtrim`: whitespace, or every character of the second argument.
fn trim(c: &Call, start: bool, end: bool) -> Result<Value> {
    let s = c.string(0)?;
    let out = match c.args.get(1) {
        None => match (start, end) {
            (true, true) => s.trim(),
            (true, false) => s.trim_start(),
            _ => s.trim_end(),
        },
        Some(Value::Null) => return Ok(Value::Null),
        Some(_) => {
            let chars = c.string(1)?;
            let strip = |ch: char| chars.contains(ch);
            match (start, end) {
                (true, true) => s.trim_matches(strip),
                (true, false) => s.trim_start_matches(strip),
                _ => s.trim_end_matches(strip),
            }
        }
    };
    Ok(text(out))
}

fn negative(what: &str) -> QueryError {
    QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::NumberOutOfRange,
        format!("{what} must be non-negative"),
    )
}

fn substring(c: &Call) -> Result<Value> {
    let s = c.string(0)?;
    if c.arg(1).is_null() || c.args.get(2).is_some_and(Value::is_null) {
        return Ok(Value::Null);
    }
    let start = c.int(1)?;
    let len = c.args.get(2).map(|_| c.int(2)).transpose()?;
    if start < 0 || len.is_some_and(|l| l < 0) {
        return Err(negative("substring start and length"));
    }
    let chars = s.chars().skip(start as usize);
    Ok(text(match len {
        Some(l) => chars.take(l as usize).collect::<String>(),
        None => chars.collect::<String>(),
    }))
}

fn end_part(c: &Call, left: bool) -> Result<Value> {
    let s = c.string(0)?;
    if c.arg(1).is_null() {
        return Ok(Value::Null);
    }
    let n = c.int(1)?;
    if n < 0 {
        return Err(negative("length"));
    }
    let count = s.chars().count();
    let n = (n as usize).min(count);
    Ok(text(if left {
        s.chars().take(n).collect::<String>()
    } else {
        s.chars().skip(count - n).collect::<String>()
    }))
}

fn split(c: &Call) -> Result<Value> {
    let s = c.string(0)?;
    let delimiters: Vec<&str> = match c.arg(1) {
        Value::Null => return Ok(Value::Null),
        Value::String(d) => vec![d],
        Value::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                match item {
                    Value::String(d) => out.push(&**d),
                    Value::Null => return Ok(Value::Null),
                    _ => return Err(c.bad(1)),
                }
            }
            out
        }
        _ => return Err(c.bad(1)),
    };
    // An empty delimiter splits into characters, not around the empty string.
    if delimiters.iter().all(|d| d.is_empty()) {
        return Ok(Value::list(
            s.chars()
                .map(|ch| Value::str(ch.encode_utf8(&mut [0; 4])))
                .collect(),
        ));
    }
    let delimiters: Vec<&str> = delimiters.into_iter().filter(|d| !d.is_empty()).collect();
    let mut parts = Vec::new();
    let mut rest = s;
    // At each step the earliest delimiter wins, the longest of those starting there.
    while let Some((at, len)) = delimiters
        .iter()
        .filter_map(|d| rest.find(d).map(|i| (i, d.len())))
        .min_by_key(|&(i, len)| (i, std::cmp::Reverse(len)))
    {
        parts.push(Value::str(&rest[..at]));
        rest = &rest[at + len..];
    }
    parts.push(Value::str(rest));
    Ok(Value::list(parts))
}

fn normalize(c: &Call) -> Result<Value> {
    let s = c.string(0)?;
    let form = match c.args.get(1) {
        None => "NFC",
        Some(Value::Null) => return Ok(Value::Null),
        Some(_) => c.string(1)?,
    };
    let out: String = match form.to_ascii_uppercase().as_str() {
        "NFC" => s.nfc().collect(),
        "NFD" => s.nfd().collect(),
        "NFKC" => s.nfkc().collect(),
        "NFKD" => s.nfkd().collect(),
        _ => {
            return Err(QueryError::runtime(
                ErrorClass::ArgumentError,
                Detail::InvalidArgumentValue,
                format!("unknown normal form '{form}': use NFC, NFD, NFKC or NFKD"),
            ));
        }
    };
    Ok(text(out))
}
