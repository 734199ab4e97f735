//! The pest parser, its error conversion, and a lexical scanner that finds statement ends.

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

/// Parses a script of `;`-separated statements.
pub fn parse_script(text: &str) -> Result<Script, QueryError> {
    let mut pairs = CypherParser::parse(Rule::script, text)
        .map_err(|e| super::error::syntax_error(&e, text))?;
    let script = pairs.next().ok_or_else(|| {
        QueryError::syntax(Detail::UnexpectedSyntax, "empty input", Span::new(0, 0))
    })?;
    build::build_script(script)
}

/// Where statements end in a text, found lexically (quotes, comments, backticks and brackets
/// are respected). Used to run a script as it streams in and by the shell to know when input
/// is complete.
///
/// A `;` inside brackets is never valid, so it ends the statement anyway when it ends a line
/// (only blanks or a `//` comment after it): an unbalanced `(` in one statement then fails
/// that statement alone, and a script run with `--continue` resumes after it, instead of
/// the rest of the script becoming one long statement.
#[derive(Debug, PartialEq, Eq)]
pub struct StatementScan {
    /// Byte ranges of complete statements, each without its `;`.
    pub complete: Vec<(usize, usize)>,
    /// Offset where the unfinished rest begins.
    pub rest: usize,
    /// Whether the rest is inside a string, comment or open bracket.
    pub open: bool,
    /// Where a block comment that is still open at the end starts.
    pub open_comment: Option<usize>,
}

pub fn split_statements(text: &str) -> StatementScan {
    #[derive(PartialEq)]
    enum State {
        Code,
        Quote(char),
        LineComment,
        BlockComment,
    }
    let mut state = State::Code;
    let mut comment_start = 0;
    let mut depth: i32 = 0;
    let mut complete = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match state {
            State::Code => match c {
                b'\'' | b'"' | b'`' => state = State::Quote(c as char),
                b'/' if bytes.get(i + 1) == Some(&b'/') => state = State::LineComment,
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    state = State::BlockComment;
                    comment_start = i;
                    i += 1;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b';' if depth <= 0 || ends_line(&bytes[i + 1..]) => {
                    complete.push((start, i));
                    start = i + 1;
                    depth = 0;
                }
                _ => {}
            },
            State::Quote(q) => {
                if c == b'\\' && q != '`' {
                    i += 1;
                } else if c as char == q {
                    state = State::Code;
                }
            }
            // As in the grammar's COMMENT: a line comment ends at \n or \r.
            State::LineComment => {
                if c == b'\n' || c == b'\r' {
                    state = State::Code;
                }
            }
            State::BlockComment => {
                if c == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    state = State::Code;
                    i += 1;
                }
            }
        }
        i += 1;
    }
    let open = matches!(state, State::Quote(_) | State::BlockComment) || depth > 0;
    StatementScan {
        complete,
        rest: start,
        open,
        open_comment: (state == State::BlockComment).then_some(comment_start),
    }
}

/// Whether `rest` (what follows a `;`) holds nothing more on the `;`'s line than blanks and a
/// line comment. At the end of the text the line may go on (the next line has not arrived).
fn ends_line(rest: &[u8]) -> bool {
    let code = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .map_or(&[][..], |i| &rest[i..]);
    matches!(code.first(), Some(b'\n' | b'\r')) || code.starts_with(b"//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_that_ends_a_line_ends_a_statement_whatever_the_brackets_say() {
        let text = "RETURN (1;\nRETURN 2;\nRETURN [1; 2]; // x\nRETURN 'a;\nb' AS s;\nRETURN {a: 1;\nRETURN [1;";
        let scan = split_statements(text);
        let parts: Vec<&str> = scan.complete.iter().map(|(s, e)| &text[*s..*e]).collect();
        assert_eq!(
            parts,
            [
                "RETURN (1",
                "\nRETURN 2",
                "\nRETURN [1; 2]",
                " // x\nRETURN 'a;\nb' AS s",
                "\nRETURN {a: 1"
            ]
        );
        // At the end of the text the line may still go on.
        assert!(scan.open);
    }

    #[test]
    fn splits_on_semicolons_outside_strings_and_comments() {
        let text = "RETURN ';' AS a; // x;\nRETURN 2; /* ; */ RETURN [1;";
        let scan = split_statements(text);
        assert_eq!(scan.complete.len(), 2);
        assert_eq!(
            &text[scan.complete[0].0..scan.complete[0].1],
            "RETURN ';' AS a"
        );
        assert!(scan.open);
    }

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
}
