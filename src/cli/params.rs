//! Query parameters from `--param name=value` and `--params file.json`.

use super::Fatal;
use kg::syntax::ast;
use kg::{Database, Params, Value};
use std::path::Path;
use std::sync::Arc;

pub fn collect(pairs: &[String], file: Option<&Path>) -> Result<Params, Fatal> {
    let mut params = Params::new();
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Fatal::data(format!("cannot read {}: {e}", path.display())))?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Fatal::data(format!("{}: not valid JSON: {e}", path.display())))?;
        let serde_json::Value::Object(map) = json else {
            return Err(Fatal::data(format!(
                "{}: parameters must be a JSON object",
                path.display()
            )));
        };
        for (k, v) in map {
            params.insert(k, from_json(&v));
        }
    }
    for pair in pairs {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| Fatal::usage(format!("--param {pair}: expected NAME=VALUE")))?;
        params.insert(
            name.trim().trim_start_matches('$').to_string(),
            literal(value)?,
        );
    }
    Ok(params)
}

/// Evaluates a literal (`10`, `'text'`, `[1, 2]`, `{k: 'v'}`) with the query engine itself, so
/// parameters have exactly the language's syntax. The text must be one expression: it is
/// checked in the syntax tree before anything runs.
pub fn literal(text: &str) -> Result<Value, Fatal> {
    let query = format!("RETURN {text} AS value");
    let fail = |why: String| Fatal::usage(format!("parameter value {text}: {why}"));
    let script = kg::syntax::parse_script(&query).map_err(|e| fail(e.message))?;
    if !is_single_expression(&script, text) {
        return Err(fail(
            "expected a single value such as 10, 'text', [1, 2] or {k: 'v'}".into(),
        ));
    }
    let mut results = Database::in_memory()
        .run(&query, &Params::new())
        .map_err(|e| fail(e.to_string()))?;
    results
        .pop()
        .and_then(|mut r| r.rows.pop())
        .and_then(|mut row| row.pop())
        .ok_or_else(|| fail("not a value".into()))
}

/// Whether `RETURN {text} AS value` parsed as exactly that: one projection of the whole text.
fn is_single_expression(script: &ast::Script, text: &str) -> bool {
    let [statement] = script.statements.as_slice() else {
        return false;
    };
    let ast::StatementKind::Query(query) = &statement.kind else {
        return false;
    };
    let [part] = query.parts.as_slice() else {
        return false;
    };
    let [clause] = part.clauses.as_slice() else {
        return false;
    };
    let ast::ClauseKind::Return { body } = &clause.kind else {
        return false;
    };
    let plain = !body.distinct
        && !body.star
        && body.order_by.is_empty()
        && body.skip.is_none()
        && body.limit.is_none();
    plain && body.items.len() == 1 && body.items[0].text == text.trim()
}

pub fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(items) => Value::list(items.iter().map(from_json).collect()),
        serde_json::Value::Object(map) => Value::map(
            map.iter()
                .map(|(k, v)| (Arc::from(k.as_str()), from_json(v)))
                .collect(),
        ),
    }
}
