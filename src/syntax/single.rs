//! Text that must be one expression: a parameter's value (`--param`, the shell's `:param`) or
//! a parameter's name. The text is checked in the syntax tree before anything runs, since a
//! value such as `1 AS value; CREATE ...` would smuggle a whole script in.

use super::ast;
use super::parse_script;

/// The one item of a script that is a single plain `RETURN` of one item.
pub fn single_item(script: &ast::Script) -> Option<&ast::ProjectionItem> {
    let [statement] = script.statements.as_slice() else {
        return None;
    };
    let ast::StatementKind::Query(query) = &statement.kind else {
        return None;
    };
    let [part] = query.parts.as_slice() else {
        return None;
    };
    let [clause] = part.clauses.as_slice() else {
        return None;
    };
    let ast::ClauseKind::Return { body } = &clause.kind else {
        return None;
    };
    let plain = !body.distinct
        && !body.star
        && body.order_by.is_empty()
        && body.skip.is_none()
        && body.limit.is_none();
    match body.items.as_slice() {
        [item] if plain => Some(item),
        _ => None,
    }
}

/// A parameter's name as `$name` writes it (the `$` may be given): a plain name, or any text
/// in backticks. `None` if `$text` is not a parameter.
pub fn parameter_name(text: &str) -> Option<String> {
    let text = text.trim();
    let bare = text.strip_prefix('$').unwrap_or(text);
    let query = format!("RETURN ${bare}");
    let script = parse_script(&query).ok()?;
    let item = single_item(&script)?;
    match &item.expr.kind {
        ast::ExprKind::Parameter(name) if item.text == query["RETURN ".len()..] => {
            Some(name.to_string())
        }
        _ => None,
    }
}
