//! The pest parser and its error conversion.

use super::ast::{Script, Span};
use super::build;
use super::suggest::{KEYWORDS, closest};
use crate::error::{Detail, QueryError};
use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/cypher.pest"]
pub(super) struct CypherParser;

pub(super) type Pair<'i> = pest::iterators::Pair<'i, Rule>;

/// Keywords are atomic rules and so appear among a rule's children; builders skip them.
pub(super) fn is_keyword(pair: &Pair) -> bool {
    format!("{:?}", pair.as_rule()).starts_with("kw_")
}

/// The keywords a user writes, from the grammar's `kw_*` rules (the one list of them). Those
/// written like function calls (`count(*)`, `any(x IN l WHERE ...)`, `reduce(...)`) are
/// offered among the function names instead.
pub(super) fn keywords() -> Vec<String> {
    Rule::all_rules()
        .iter()
        .filter(|r| {
            !matches!(
                r,
                Rule::kw_COUNT | Rule::kw_ANY | Rule::kw_NONE | Rule::kw_SINGLE | Rule::kw_REDUCE
            )
        })
        .filter_map(|r| {
            let name = format!("{r:?}");
            let word = name.strip_prefix("kw_")?;
            Some(match word {
                "SHORTESTPATH" => "shortestPath".to_string(),
                "ALLSHORTESTPATHS" => "allShortestPaths".to_string(),
                _ => word.to_string(),
            })
        })
        .collect()
}

/// Whether `word` is reserved: usable as a variable only in backticks.
pub(super) fn is_reserved(word: &str) -> bool {
    CypherParser::parse(Rule::reserved, word)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|p| p.as_span().end() == word.len())
}

/// The stack pest needs per level of nesting, with margin: its rules recurse through several
/// functions per bracket, a debug build's frames several times larger. The test
/// `pest_stack_per_level_is_within_the_allowance` measures it: at most 895 bytes a level in a
/// release build and 7.3 KiB in a debug build, for EXISTS { ... } inside one another.
const PARSER_STACK_PER_LEVEL: usize = if cfg!(debug_assertions) {
    12 * 1024
} else {
    2 * 1024
};

/// What the parser and the calls around it need besides.
const PARSER_STACK_BASE: usize = 512 * 1024;

/// Parses a script of `;`-separated statements.
///
/// The nesting is checked lexically first: pest recurses once per level of brackets and CASE
/// (its own guard would stop it short of the stack's end, at a depth that depends on the
/// thread), so it runs only on text within [`crate::model::MAX_DEPTH`], with the stack that
/// much nesting needs.
pub fn parse_script(text: &str) -> Result<Script, QueryError> {
    let depth = super::lexical::check_nesting(text)?;
    let stack = PARSER_STACK_BASE + depth * PARSER_STACK_PER_LEVEL;
    crate::stack::with_at_least(stack, || {
        let mut pairs =
            CypherParser::parse(Rule::script, text).map_err(|e| syntax_error(&e, text))?;
        let script = pairs.next().ok_or_else(|| {
            QueryError::syntax(Detail::UnexpectedSyntax, "empty input", Span::new(0, 0))
        })?;
        build::build_script(script)
    })
}

fn syntax_error(error: &pest::error::Error<Rule>, text: &str) -> QueryError {
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
    if let Some(at) = super::lexical::split_statements(text)
        .open_comment
        .filter(|at| *at <= pos)
    {
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
            | Rule::kw_EXISTS
            | Rule::kw_NOT
            | Rule::kw_NULL
            | Rule::kw_REDUCE
            | Rule::kw_TRUE
            | Rule::kw_FALSE
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_keyword_gets_a_suggestion() {
        let err = parse_script("MACTH (n) RETURN n").unwrap_err();
        assert_eq!(err.detail, Detail::UnexpectedSyntax);
        assert!(
            err.message.contains("did you mean MATCH?"),
            "{}",
            err.message
        );
        assert_eq!(err.span, Some(Span::new(0, 5)));
    }

    #[test]
    fn rejects_incomplete_patterns() {
        for bad in [
            "MATCH (n RETURN n",
            "MATCH (a)-[:T(b) RETURN a",
            "RETURN 1 +",
            "RETURN [1, 2",
        ] {
            assert!(parse_script(bad).is_err(), "{bad}");
        }
    }

    /// How deep pest itself gets on a thread with `stack` bytes before its own guard stops
    /// it ("stack limit reached"), for the statement `text(depth)`.
    fn deepest_parsed(stack: usize, text: fn(usize) -> String) -> usize {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || {
                let parses = |depth: usize| match CypherParser::parse(Rule::script, &text(depth)) {
                    Ok(_) => true,
                    Err(e) if e.to_string().contains("limit reached") => false,
                    Err(e) => panic!("{e}"),
                };
                let (mut good, mut bad) = (1, 2);
                while parses(bad) {
                    (good, bad) = (bad, bad * 2);
                }
                while bad - good > 1 {
                    let mid = (good + bad) / 2;
                    if parses(mid) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                good
            })
            .unwrap()
            .join()
            .unwrap()
    }

    fn nest(open: &str, leaf: &str, close: &str, depth: usize) -> String {
        format!(
            "RETURN {}{leaf}{} AS v",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    /// Measures what pest spends per level of each kind of nesting (on a thread of known
    /// size, up to its own guard) and checks that the stack `parse_script` grants covers it.
    /// `cargo test --lib pest_stack -- --nocapture` prints the figures.
    #[cfg(all(
        any(target_os = "linux", target_os = "macos", target_os = "windows"),
        any(target_arch = "x86_64", target_arch = "aarch64")
    ))]
    #[test]
    fn pest_stack_per_level_is_within_the_allowance() {
        const STACK: usize = 2 << 20;
        type Text = fn(usize) -> String;
        let kinds: [(&str, Text); 8] = [
            ("parentheses", |d| nest("(", "1", ")", d)),
            ("lists", |d| nest("[", "1", "]", d)),
            ("maps", |d| nest("{a: ", "1", "}", d)),
            ("CASE", |d| nest("CASE WHEN true THEN ", "1", " END", d)),
            ("function calls", |d| nest("f(", "1", ")", d)),
            ("comprehensions", |d| nest("[x IN ", "x", "]", d)),
            ("EXISTS", |d| {
                nest("EXISTS { MATCH (n) WHERE ", "true", " }", d)
            }),
            ("patterns", |d| {
                format!("MATCH {}n{} RETURN n", "(".repeat(d), ")".repeat(d))
            }),
        ];
        for (kind, text) in kinds {
            let depth = deepest_parsed(STACK, text);
            let per_level = STACK / depth;
            eprintln!(
                "pest: {kind} nest {depth} deep in {} MiB: {per_level} bytes a level",
                STACK >> 20
            );
            assert!(per_level <= PARSER_STACK_PER_LEVEL, "{kind}: {per_level}");
        }
    }
}
