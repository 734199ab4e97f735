//! What the tokens of a text tell without the parser: where statements end, for streaming
//! scripts and the shell; and how deep brackets and `CASE` nest, checked before the parser
//! runs because pest recurses once per level.

use super::ast::Span;
use super::tokens::{Token, TokenKind, tokenize};
use crate::error::{Detail, QueryError};
use crate::model::MAX_DEPTH;

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
    let mut depth: i32 = 0;
    let mut complete = Vec::new();
    let mut start = 0;
    let mut last = None;
    for token in tokenize(text) {
        last = Some(token);
        match token.kind {
            TokenKind::Punctuation('(' | '[' | '{') => depth += 1,
            TokenKind::Punctuation(')' | ']' | '}') => depth -= 1,
            TokenKind::Punctuation(';')
                if depth <= 0 || ends_line(&text.as_bytes()[token.span.end..]) =>
            {
                complete.push((start, token.span.start));
                start = token.span.end;
                depth = 0;
            }
            _ => {}
        }
    }
    // Only the last token can be unterminated: it runs to the end of the text.
    let unterminated = last.filter(|t| t.unterminated);
    StatementScan {
        complete,
        rest: start,
        open: unterminated.is_some() || depth > 0,
        open_comment: unterminated
            .filter(|t| t.kind == TokenKind::Comment)
            .map(|t| t.span.start),
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

/// The deepest nesting of brackets (`(`, `[`, `{`) and `CASE ... END` in `text`, or an error
/// at the one that goes past [`MAX_DEPTH`].
///
/// `CASE` is a word, and `case` and `end` may also be names (`n.end`, `{case: 1}`, `:end`), so
/// the count errs on the safe side: `CASE` counts unless it is certainly a name (a property,
/// a parameter or a map key; after `:` only outside a map), and `END` closes one only where
/// it is certainly the keyword. Miscounting can only make the count too high, which would
/// refuse a statement only if it held a thousand such names open at once.
pub(super) fn check_nesting(text: &str) -> Result<usize, QueryError> {
    let mut nesting = Nesting {
        text,
        open: Vec::new(),
        deepest: 0,
        previous: [b' '; 2],
        word: None,
        error: None,
    };
    for token in tokenize(text).filter(Token::is_code) {
        if nesting.error.is_some() {
            break;
        }
        nesting.token(token);
    }
    nesting.settle_word(b' ');
    match nesting.error {
        Some(error) => Err(error),
        None => Ok(nesting.deepest),
    }
}

/// `CASE` or `END` read, waiting for the next token: before `:` it is a map key.
#[derive(Copy, Clone)]
enum Word {
    Case(Span),
    End,
}

struct Nesting<'t> {
    text: &'t str,
    /// The brackets and CASEs open at this point, innermost last (`b'c'` for CASE).
    open: Vec<u8>,
    deepest: usize,
    /// The last two tokens of code, the latest last: an ASCII punctuation character as
    /// itself, any other token as `a`.
    previous: [u8; 2],
    word: Option<Word>,
    error: Option<QueryError>,
}

impl Nesting<'_> {
    fn token(&mut self, token: Token) {
        let punctuation = match token.kind {
            TokenKind::Punctuation(c) if c.is_ascii() => c as u8,
            _ => b'a',
        };
        self.settle_word(punctuation);
        match punctuation {
            b'(' | b'[' | b'{' => self.open_one(punctuation, token.span),
            // A CASE still open inside the bracket cannot have been one (the parser stops
            // there), so it closes with it.
            b')' | b']' | b'}' => {
                while self.open.last() == Some(&b'c') {
                    self.open.pop();
                }
                self.open.pop();
            }
            _ if token.is_word() => self.read_word(token.span),
            _ => {}
        }
        self.previous = [self.previous[1], punctuation];
    }

    fn read_word(&mut self, span: Span) {
        let word = &self.text[span.start..span.end];
        let after = self.previous[1];
        if word.eq_ignore_ascii_case("case") {
            // `.case` is a property but `..case` may start a slice's end; after `:` a map
            // value may be a CASE, a label may not.
            let property = after == b'.' && self.previous[0] != b'.';
            let label = after == b':' && self.open.last() != Some(&b'{');
            if !(property || label || after == b'$') {
                self.word = Some(Word::Case(span));
            }
        } else if word.eq_ignore_ascii_case("end") && !b".:$|".contains(&after) {
            self.word = Some(Word::End);
        }
    }

    /// Counts the pending `CASE` or `END` unless `next` (the next token, as in `previous`)
    /// shows it to be a map key.
    fn settle_word(&mut self, next: u8) {
        match self.word.take() {
            _ if next == b':' => {}
            Some(Word::Case(span)) => self.open_one(b'c', span),
            Some(Word::End) if self.open.last() == Some(&b'c') => {
                self.open.pop();
            }
            Some(Word::End) | None => {}
        }
    }

    fn open_one(&mut self, kind: u8, span: Span) {
        self.open.push(kind);
        self.deepest = self.deepest.max(self.open.len());
        if self.open.len() > MAX_DEPTH && self.error.is_none() {
            self.error = Some(too_deep("brackets and CASE", span));
        }
    }
}

/// The compile-time error for a statement nested too deeply; `what` says what nests.
pub(super) fn too_deep(what: &str, span: Span) -> QueryError {
    QueryError::syntax(
        Detail::NestingTooDeep,
        format!("{what} nested too deeply (maximum depth {MAX_DEPTH})"),
        span,
    )
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
    fn an_open_block_comment_is_found() {
        let scan = split_statements("RETURN 1; RETURN 2 /* still");
        assert!(scan.open);
        assert_eq!(scan.open_comment, Some(19));
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
    fn nesting_counts_brackets_and_case_but_not_names() {
        let depth = |t: &str| check_nesting(t).unwrap();
        assert_eq!(depth("RETURN 1"), 0);
        assert_eq!(depth("RETURN [(1), {a: [2]}]"), 3);
        assert_eq!(depth("RETURN '(((', `[[`, /* {{ */ 1 // ((("), 0);
        assert_eq!(depth("RETURN CASE WHEN true THEN [1] END"), 2);
        assert_eq!(
            depth("RETURN CASE WHEN true THEN CASE 1 WHEN 1 THEN 2 END END"),
            2
        );
        assert_eq!(
            depth("RETURN n.case, n. case, $case, {case: 1}, n.end, {end: 2}"),
            1
        );
        // A label named case may open nothing.
        assert_eq!(depth("MATCH (n:case) RETURN n"), 1);
        // In a map, a value after `:` may be a CASE.
        assert_eq!(depth("RETURN {a: CASE WHEN true THEN 1 END}"), 2);
        assert_eq!(depth("RETURN l[..CASE WHEN true THEN 1 END]"), 2);
        // `end` as a name never closes a CASE.
        assert_eq!(
            depth("RETURN CASE WHEN n.end THEN CASE WHEN x:end THEN 1 END END"),
            2
        );
        // Unicode blanks separate words; other non-ASCII characters are part of them.
        assert_eq!(depth("RETURN CASE\u{00A0}WHEN 1 THEN 2 END"), 1);
        assert_eq!(depth("RETURN caseé, éend"), 0);
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_at_the_bracket_that_passes_it() {
        let text = format!("RETURN {}1{}", "[".repeat(1001), "]".repeat(1001));
        let err = check_nesting(&text).unwrap_err();
        assert_eq!(err.detail, Detail::NestingTooDeep);
        assert_eq!(err.span, Some(Span::new(7 + 1000, 7 + 1001)));
        assert!(check_nesting(&text[1..text.len() - 1].replacen('[', " ", 1)).is_ok());
    }
}
