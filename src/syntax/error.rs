//! Syntax errors from pest's: the position, what was found and what was expected in words a
//! user knows, a keyword suggestion for a typo, and a hint for syntax kg does not have (see
//! `hints`).

use super::ast::Span;
use super::hints::hint;
use super::lexical::split_statements;
use super::parser::{Rule, is_reserved};
use super::suggest::{KEYWORDS, closest};
use crate::error::{Detail, QueryError};
use pest::error::{ErrorVariant, InputLocation};

pub(super) fn syntax_error(error: &pest::error::Error<Rule>, text: &str) -> QueryError {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let word = word_at(text, pos);
    // The word at the error, else its one character (whole, however many bytes), else
    // nothing at the end of the text.
    let width = match text.get(pos..).and_then(|rest| rest.chars().next()) {
        _ if !word.is_empty() => word.len(),
        Some(c) => c.len_utf8(),
        None => 0,
    };
    let span = Span::new(pos, pos + width);
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
        // pest's guard against running out of stack: not expected with the nesting checked
        // and the stack grown beforehand, but if it happens it is this.
        ErrorVariant::CustomError { message } if message.contains("limit reached") => {
            return super::lexical::too_deep("the statement", span);
        }
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found = if pos >= text.trim_end().len() {
        "end of input".to_string()
    } else if word.is_empty() {
        format!("'{}'", text[pos..].chars().next().unwrap_or(' '))
    } else {
        format!("'{word}'")
    };
    // pest fails at the end of the text, or at the `/` it could not take as a comment's
    // start: either way the comment is the problem.
    if let Some(at) = split_statements(text).open_comment.filter(|at| *at <= pos) {
        return QueryError::syntax(
            Detail::UnexpectedSyntax,
            "unterminated comment: no closing */",
            Span::new(at, at + 2),
        );
    }
    if let Some(quote) = text[pos..]
        .chars()
        .next()
        .filter(|c| *c == '\'' || *c == '"')
    {
        if !text[pos + 1..].contains(quote) {
            return QueryError::syntax(
                Detail::UnexpectedSyntax,
                format!("unterminated string: no closing {quote}"),
                Span::new(pos, pos + 1),
            );
        }
    }
    if let ErrorVariant::ParsingError { positives, .. } = &error.variant {
        let names_only = !positives.iter().any(|r| is_expression_start(*r));
        if names_only && positives.contains(&Rule::variable) && is_reserved(word) {
            return QueryError::syntax(
                Detail::UnexpectedSyntax,
                format!(
                    "'{word}' is a reserved word, so it cannot be a name as it is: write it in backticks, `{word}`"
                ),
                span,
            );
        }
    }
    if let Some(hint) = hint(text, pos) {
        return QueryError::syntax(Detail::UnsupportedFeature, hint.message, hint.span);
    }
    let mut message = format!("unexpected {found}");
    if !expected.is_empty() {
        message.push_str(&format!(", expected {expected}"));
    }
    if let Some(keyword) = closest(word, KEYWORDS.iter().map(String::as_str)) {
        message.push_str(&format!(": did you mean {keyword}?"));
    }
    QueryError::syntax(Detail::UnexpectedSyntax, message, span)
}

fn word_at(text: &str, pos: usize) -> &str {
    let rest = text.get(pos..).unwrap_or("");
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Turns the rules pest expected into words a user understands.
fn describe_expected(rules: &[Rule]) -> String {
    let mut words: Vec<String> = Vec::new();
    // The rules an expression can start with stand for "an expression" as a whole. A
    // variable, a node pattern or a shortest path start one only where other expression
    // starts are expected too: alone they are a pattern's parts or the name after AS.
    let expression_start = rules.iter().any(|r| is_expression_start(*r));
    if expression_start {
        words.push("an expression".into());
    }
    let also_expression_start =
        |r: Rule| matches!(r, Rule::variable | Rule::node_pattern | Rule::shortest_path);
    for rule in rules
        .iter()
        .filter(|r| !(expression_start && (is_expression_start(**r) || also_expression_start(**r))))
    {
        let name = format!("{rule:?}");
        let word = if let Some(kw) = name.strip_prefix("kw_") {
            kw.to_string()
        } else {
            match rule {
                Rule::EOI => "end of input".into(),
                Rule::expression => "an expression".into(),
                Rule::variable => "a variable name".into(),
                Rule::node_pattern => "a node pattern like (n)".into(),
                Rule::shortest_path => "shortestPath(...)".into(),
                Rule::label_name => "a label".into(),
                Rule::rel_type_name => "a relationship type".into(),
                Rule::property_key_name => "a property key".into(),
                Rule::script | Rule::statement | Rule::query | Rule::single_query => {
                    "a clause such as MATCH, RETURN or CREATE".into()
                }
                Rule::integer_literal => "an integer".into(),
                Rule::projection_body | Rule::projection_items | Rule::projection_item => {
                    "a projection".into()
                }
                Rule::node_labels => "a label".into(),
                Rule::properties => "a property map".into(),
                Rule::relationship_pattern | Rule::relationship_detail => {
                    "a relationship pattern".into()
                }
                _ if name.starts_with("op_")
                    || matches!(
                        rule,
                        Rule::property_lookup | Rule::index_or_slice | Rule::label_check
                    ) =>
                {
                    "an operator".into()
                }
                Rule::pattern | Rule::pattern_part | Rule::pattern_element => "a pattern".into(),
                Rule::procedure_name => "a procedure name".into(),
                Rule::subquery_scope => "( or { of a subquery".into(),
                Rule::call_subquery => "{ of a subquery".into(),
                Rule::yield_star | Rule::star => "*".into(),
                Rule::yield_field => "a result column".into(),
                Rule::escaped_name => "a variable name".into(),
                _ => name.replace('_', " "),
            }
        };
        if !words.contains(&word) {
            words.push(word);
        }
    }
    match words.len() {
        0 => String::new(),
        1 => words.remove(0),
        _ => {
            let last = words.pop().unwrap_or_default();
            format!("{} or {last}", words.join(", "))
        }
    }
}

fn is_expression_start(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::expression
            | Rule::op_neg
            | Rule::op_pos
            | Rule::op_not
            | Rule::parenthesized
            | Rule::list_comprehension
            | Rule::pattern_comprehension
            | Rule::quantifier_kind
            | Rule::function_name
            | Rule::invalid_number
            | Rule::boolean_literal
            | Rule::float_literal
            | Rule::integer_literal
            | Rule::string_literal
            | Rule::list_literal
            | Rule::map_literal
            | Rule::parameter
            | Rule::kw_CASE
            | Rule::kw_COUNT
            | Rule::kw_COLLECT
            | Rule::kw_EXISTS
            | Rule::kw_NOT
            | Rule::kw_NULL
            | Rule::kw_REDUCE
            | Rule::kw_TRUE
            | Rule::kw_FALSE
    )
}
