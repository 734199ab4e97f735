//! One expression evaluated on the database, for parameters given as text.

use super::{Database, Error, Params};
use crate::model::Value;
use crate::syntax::{parse_script, single_item};

/// Why a text did not give a value.
#[derive(Debug)]
pub enum ValueError {
    /// The text is more than one expression (`1 AS value; CREATE ...`).
    NotOneExpression,
    /// The expression failed to parse or to evaluate; `query` is the text that ran, for the
    /// caret display.
    Failed { error: Error, query: String },
}

impl Database {
    /// The value of one expression, evaluated with `params` (it may refer to the graph and to
    /// other parameters). The text is checked in the syntax tree before anything runs.
    pub fn evaluate(&mut self, text: &str, params: &Params) -> Result<Value, ValueError> {
        let query = format!("RETURN {text} AS value");
        let failed = |error: Error, query: &str| ValueError::Failed {
            error,
            query: query.to_string(),
        };
        let script = parse_script(&query).map_err(|e| failed(e.into(), &query))?;
        if single_item(&script).is_none_or(|item| item.text != text.trim()) {
            return Err(ValueError::NotOneExpression);
        }
        let mut results = self.run(&query, params).map_err(|e| failed(e, &query))?;
        results
            .pop()
            .and_then(|mut r| r.rows.pop())
            .and_then(|mut row| row.pop())
            .ok_or(ValueError::NotOneExpression)
    }
}
