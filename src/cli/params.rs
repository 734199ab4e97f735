//! Query parameters from `--param name=value`, `--params file.json` and the shell's `:param`.

use super::Fatal;
use kg::{Database, Params, Value};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

pub fn collect(pairs: &[String], file: Option<&Path>) -> Result<Params, Fatal> {
    let mut params = Params::new();
    if let Some(path) = file {
        let text = read_bounded(path)?;
        let json = kg::import::json_from_str(&text).map_err(|e| {
            let why = kg::import::describe_json_error(&e.to_string());
            Fatal::data(format!("{}: not valid JSON: {why}", path.display()))
        })?;
        let serde_json::Value::Object(map) = json else {
            return Err(Fatal::data(format!(
                "{}: parameters must be a JSON object",
                path.display()
            )));
        };
        for (k, v) in map {
            let value = from_json(&v)
                .map_err(|e| Fatal::data(format!("{}: parameter {k}: {e}", path.display())))?;
            params.insert(k, value);
        }
    }
    for pair in pairs {
        let (name_text, value) = pair
            .split_once('=')
            .ok_or_else(|| Fatal::usage(format!("--param {pair}: expected NAME=VALUE")))?;
        let name = kg::syntax::parameter_name(name_text).ok_or_else(|| {
            Fatal::usage(format!(
                "--param {pair}: '{}' is not a parameter name (a name such as limit, or `a name` in backticks)",
                name_text.trim()
            ))
        })?;
        let value = literal(value).map_err(|e| match bare_word(value) {
            Some(word) => Fatal::usage(format!(
                "--param {pair}: values are written as in the query language, where {word} would be a variable; text needs quotes: --param \"{}={}\"",
                name_text.trim(),
                kg::syntax::string_literal(word)
            )),
            None => e,
        })?;
        params.insert(name, value);
    }
    Ok(params)
}

/// The value when it is one word that is not a literal (`Nordlys`, not `true` or `10`): most
/// likely text that was meant to be quoted.
pub fn bare_word(value: &str) -> Option<&str> {
    let word = value.trim();
    let first = word.chars().next()?;
    let plain = (first.is_alphabetic() || first == '_')
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
    let literal = ["true", "false", "null", "nan", "infinity"]
        .iter()
        .any(|l| word.eq_ignore_ascii_case(l));
    (plain && !literal).then_some(word)
}

/// Evaluates a literal (`10`, `'text'`, `[1, 2]`, `{k: 'v'}`) with the query engine itself, so
/// parameters have exactly the language's syntax.
pub fn literal(text: &str) -> Result<Value, Fatal> {
    Database::in_memory()
        .evaluate(text, &Params::new())
        .map_err(|e| {
            let why = match e {
                kg::db::ValueError::NotOneExpression => NOT_ONE.to_string(),
                kg::db::ValueError::Failed { error, .. } => error.to_string(),
            };
            Fatal::usage(format!("parameter value {text}: {why}"))
        })
}

pub const NOT_ONE: &str = "expected a single value such as 10, 'text', [1, 2] or {k: 'v'}";

/// The whole of a parameters file, which may be at most `MAX_STATEMENT_BYTES` long (it
/// could be `/dev/zero`).
fn read_bounded(path: &Path) -> Result<String, Fatal> {
    let cannot = |e: std::io::Error| Fatal::data(format!("cannot read {}: {e}", path.display()));
    let limit = kg::syntax::MAX_STATEMENT_BYTES;
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_string(&mut text))
        .map_err(cannot)?;
    if text.len() > limit {
        return Err(Fatal::data(format!(
            "cannot read {}: longer than {}, the most kg reads as a parameters file",
            path.display(),
            kg::import::limit_text()
        )));
    }
    Ok(text)
}

/// A parameter name as `:param` takes it back: bare if it reads back as itself, otherwise in
/// backticks.
pub fn written(name: &str) -> String {
    if kg::syntax::parameter_name(name).as_deref() == Some(name) {
        name.to_string()
    } else {
        kg::syntax::quote_name(name, kg::syntax::NameRule::Always).into_owned()
    }
}

/// A JSON value as a parameter: anything JSON holds, with numbers read as imports read them.
pub fn from_json(v: &serde_json::Value) -> Result<Value, kg::import::RowError> {
    Ok(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => kg::import::json_number(n)?,
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(items) => {
            Value::list(items.iter().map(from_json).collect::<Result<_, _>>()?)
        }
        serde_json::Value::Object(map) => Value::map(
            map.iter()
                .map(|(k, v)| Ok((Arc::from(k.as_str()), from_json(v)?)))
                .collect::<Result<_, kg::import::RowError>>()?,
        ),
    })
}
