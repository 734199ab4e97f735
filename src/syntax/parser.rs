//! The pest parser: its rules, keywords, and the parse of a script with the stack its nesting
//! needs (errors are converted in `error.rs`, statement ends found in `lexical.rs`).

use super::ast::{Script, Span};
use super::build;
use crate::error::{Detail, QueryError};
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/cypher.pest"]
pub(super) struct CypherParser;

pub(super) type Pair<'i> = pest::iterators::Pair<'i, Rule>;

/// Keywords are atomic rules and so appear among a rule's children; builders skip them.
pub(super) fn is_keyword(pair: &Pair) -> bool {
    format!("{:?}", pair.as_rule()).starts_with("kw_")
}

/// The keywords a user writes, from the grammar's `kw_*` rules (the one list of them). Those
/// written like function calls (`count(*)`, `collect(x)`, `any(x IN l WHERE ...)`, `reduce(...)`) are
/// offered among the function names instead.
pub(super) fn keywords() -> Vec<String> {
    Rule::all_rules()
        .iter()
        .filter(|r| {
            !matches!(
                r,
                Rule::kw_COUNT
                    | Rule::kw_COLLECT
                    | Rule::kw_ANY
                    | Rule::kw_NONE
                    | Rule::kw_SINGLE
                    | Rule::kw_REDUCE
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

/// Whether `word` is an identifier as the grammar reads one bare (`plain_name`: Unicode
/// XID characters and `_`), reserved or not.
pub(super) fn is_identifier(word: &str) -> bool {
    CypherParser::parse(Rule::plain_name, word)
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
        let mut pairs = CypherParser::parse(Rule::script, text)
            .map_err(|e| super::error::syntax_error(&e, text))?;
        let script = pairs.next().ok_or_else(|| {
            QueryError::syntax(Detail::UnexpectedSyntax, "empty input", Span::new(0, 0))
        })?;
        build::build_script(script)
    })
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
        let kinds: [(&str, Text); 10] = [
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
            ("CALL subqueries", |d| {
                format!(
                    "{}RETURN 1 AS x{} RETURN x",
                    "CALL { ".repeat(d),
                    " } RETURN x AS y".repeat(d)
                )
            }),
            ("COUNT subqueries", |d| {
                nest("COUNT { MATCH (n) WHERE ", "true", " }", d)
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
