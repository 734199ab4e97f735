//! The tokens of kg's query language, found by the grammar's lexical rules alone (quotes and
//! their escapes, backticks, comments, names, numbers, parameters), without the parser: the one
//! scanner under the statement splitter, the nesting check, and the shell's highlighting and
//! completion.

use super::ast::Span;
use super::suggest::KEYWORDS;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What a token is. Words are classed by spelling alone: a keyword may still be a label, type
/// or key (`n.end`, `:Match`), which only its neighbours tell.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum TokenKind {
    /// A word spelt like one of [`KEYWORDS`], in any case.
    Keyword,
    /// Any other word: a variable, label, type, key, function or procedure name.
    Identifier,
    /// A name in backticks, in which a doubled backtick stands for one.
    QuotedName,
    /// A string in single or double quotes, in which `\` escapes the character after it.
    String,
    /// A number, with the letters that run on from its digits (`0x1F`, and `12ab`, which the
    /// parser refuses).
    Number,
    /// `$` and a name or a number (`$who`, `$0`).
    Parameter,
    /// `// ...` up to the end of its line, or `/* ... */` (which does not nest).
    Comment,
    /// One character of punctuation or of an operator, or any other character the grammar
    /// has no token for. Operators of two characters are two tokens: whether `<-` is an
    /// arrow or a less-than before a minus only the parser can tell.
    Punctuation(char),
    /// A run of the grammar's whitespace.
    Whitespace,
}

/// A token and where it is in the text.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// A string, quoted name or block comment that the text ends inside of.
    pub unterminated: bool,
}

impl Token {
    /// The token's text in `source`, the text it was read from.
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        &source[self.span.start..self.span.end]
    }

    /// Whether the parser sees the token: neither whitespace nor a comment.
    pub fn is_code(&self) -> bool {
        !matches!(self.kind, TokenKind::Whitespace | TokenKind::Comment)
    }

    /// Whether the token is a word, keyword or not.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Keyword | TokenKind::Identifier)
    }
}

/// The tokens of `text`, in order; together they cover it, every byte once.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

/// Whether `text` holds no statement: only whitespace and closed comments, which is what the
/// parser reads as an empty script.
pub fn is_blank(text: &str) -> bool {
    tokenize(text).all(|t| !t.is_code() && !t.unterminated)
}

/// The iterator [`tokenize`] returns.
pub struct Tokens<'t> {
    text: &'t str,
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let rest = &self.text[self.at..];
        let first = rest.chars().next()?;
        let second = rest.as_bytes().get(1).copied();
        let (kind, len, closed) = match first {
            '\'' | '"' => quoted_len(rest).map_or((TokenKind::String, rest.len(), false), |n| {
                (TokenKind::String, n, true)
            }),
            '`' => backticked_len(rest).map_or((TokenKind::QuotedName, rest.len(), false), |n| {
                (TokenKind::QuotedName, n, true)
            }),
            '/' if second == Some(b'/') => {
                let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
                (TokenKind::Comment, len, true)
            }
            '/' if second == Some(b'*') => match rest[2..].find("*/") {
                Some(n) => (TokenKind::Comment, n + 4, true),
                None => (TokenKind::Comment, rest.len(), false),
            },
            '$' => match parameter_name_len(&rest[1..]) {
                Some(n) => (TokenKind::Parameter, 1 + n, true),
                None => (TokenKind::Punctuation('$'), 1, true),
            },
            c if is_whitespace(c) => {
                let len = rest.find(|c| !is_whitespace(c)).unwrap_or(rest.len());
                (TokenKind::Whitespace, len, true)
            }
            c if c.is_ascii_digit() || c == '.' && self.starts_fraction() => {
                (TokenKind::Number, number_len(rest), true)
            }
            c if is_ident_start(c) => {
                let len = word_len(rest);
                let kind = if is_keyword(&rest[..len]) {
                    TokenKind::Keyword
                } else {
                    TokenKind::Identifier
                };
                (kind, len, true)
            }
            c => (TokenKind::Punctuation(c), c.len_utf8(), true),
        };
        let span = Span::new(self.at, self.at + len);
        self.at += len;
        Some(Token {
            kind,
            span,
            unterminated: !closed,
        })
    }
}

impl Tokens<'_> {
    /// Whether the `.` here starts a number (`.5`): a digit follows and it is not the second
    /// dot of a range or slice (`1..5`).
    fn starts_fraction(&self) -> bool {
        let bytes = self.text.as_bytes();
        bytes.get(self.at + 1).is_some_and(u8::is_ascii_digit)
            && (self.at == 0 || bytes[self.at - 1] != b'.')
    }
}

/// The length of the string `text` starts with, quotes included; `None` if it does not end.
/// (The quote and `\` are ASCII, so stepping over bytes never stops inside a character.)
fn quoted_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = bytes[0];
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The length of the backticked name `text` starts with, backticks included; `None` if it
/// does not end.
fn backticked_len(text: &str) -> Option<usize> {
    let mut i = 1;
    loop {
        i += text[i..].find('`')? + 1;
        if text.as_bytes().get(i) != Some(&b'`') {
            return Some(i);
        }
        i += 1;
    }
}

/// The length of a parameter's name at the start of `text` (a name, a backticked name or a
/// number, with the letters that run on from it as for numbers), if there is one.
fn parameter_name_len(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    if first == '`' {
        backticked_len(text)
    } else if is_ident_start(first) || first.is_ascii_digit() {
        Some(word_len(text))
    } else {
        None
    }
}

/// The length of the number at the start of `text`: digits, a fraction, an exponent, and
/// whatever name characters run on.
fn number_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let digits_from = |i: usize| i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = digits_from(0);
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digits_from(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        if bytes.get(end + 1 + sign).is_some_and(u8::is_ascii_digit) {
            end = digits_from(end + 1 + sign);
        }
    }
    end + text[end..]
        .find(|c| !is_ident_char(c))
        .unwrap_or(text.len() - end)
}

/// The length of the name characters at the start of `text`.
fn word_len(text: &str) -> usize {
    text.find(|c| !is_ident_char(c)).unwrap_or(text.len())
}

/// The grammar's `ident_start`.
fn is_ident_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '_'
    } else {
        pest::unicode::XID_START(c)
            || matches!(c, '\u{2118}' | '\u{212E}' | '\u{309B}' | '\u{309C}')
    }
}

/// The grammar's `ident_char`.
fn is_ident_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        pest::unicode::XID_CONTINUE(c)
            || matches!(
                c,
                '\u{00B7}' | '\u{2118}' | '\u{212E}' | '\u{309B}' | '\u{309C}'
            )
    }
}

/// The grammar's WHITESPACE.
pub(super) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\r'
            | '\n'
            | '\u{000B}'
            | '\u{000C}'
            | '\u{00A0}'
            | '\u{FEFF}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{3000}'
    )
}

/// The keywords in lower case; the grammar matches them ignoring ASCII case, and all are ASCII.
static LOWER_KEYWORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| KEYWORDS.iter().map(|k| k.to_ascii_lowercase()).collect());

fn is_keyword(word: &str) -> bool {
    // Lowered into a buffer on the stack: this runs for every word of every statement.
    let mut lower = [0u8; 24];
    if word.len() > lower.len() || !word.is_ascii() {
        return false;
    }
    for (to, from) in lower.iter_mut().zip(word.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    std::str::from_utf8(&lower[..word.len()]).is_ok_and(|w| LOWER_KEYWORDS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    /// The tokens of `text` other than whitespace, as (kind, text, unterminated).
    fn read(text: &str) -> Vec<(TokenKind, &str, bool)> {
        tokenize(text)
            .filter(|t| t.kind != Whitespace)
            .map(|t| (t.kind, t.text(text), t.unterminated))
            .collect()
    }

    #[test]
    fn tokens_cover_the_text_in_order() {
        let text = "MATCH (n:`Odd ``name```)-[:KNOWS*1..2]->(m)\n WHERE n.x <> 'a\\'b' // c\nRETURN $p /* d */, 1.5e3";
        let mut at = 0;
        for token in tokenize(text) {
            assert_eq!(token.span.start, at);
            assert!(token.span.end > at);
            at = token.span.end;
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn classifies_words_strings_and_numbers() {
        assert_eq!(
            read("match (n) Return n.name AS `x`"),
            [
                (Keyword, "match", false),
                (Punctuation('('), "(", false),
                (Identifier, "n", false),
                (Punctuation(')'), ")", false),
                (Keyword, "Return", false),
                (Identifier, "n", false),
                (Punctuation('.'), ".", false),
                (Identifier, "name", false),
                (Keyword, "AS", false),
                (QuotedName, "`x`", false),
            ]
        );
        assert_eq!(
            read("1 0x1F 12ab 1.5 .5e-3 1e9 [1..2]"),
            [
                (Number, "1", false),
                (Number, "0x1F", false),
                (Number, "12ab", false),
                (Number, "1.5", false),
                (Number, ".5e-3", false),
                (Number, "1e9", false),
                (Punctuation('['), "[", false),
                (Number, "1", false),
                (Punctuation('.'), ".", false),
                (Punctuation('.'), ".", false),
                (Number, "2", false),
                (Punctuation(']'), "]", false),
            ]
        );
        // Functions that share a keyword's spelling in other languages are names here.
        assert_eq!(read("count")[0].0, Identifier);
    }

    #[test]
    fn strings_take_both_quotes_and_escapes() {
        assert_eq!(
            read(r#"'it\'s' "say \"hi\"" 'a"b' "c'd" '\\'"#),
            [
                (String, r"'it\'s'", false),
                (String, r#""say \"hi\"""#, false),
                (String, r#"'a"b'"#, false),
                (String, r#""c'd""#, false),
                (String, r"'\\'", false),
            ]
        );
        // A bracket or comment inside a string is part of it.
        assert_eq!(
            read("'(/* x' )"),
            [(String, "'(/* x'", false), (Punctuation(')'), ")", false)]
        );
    }

    #[test]
    fn an_open_string_name_or_comment_is_unterminated() {
        assert_eq!(read("RETURN 'abc")[1], (String, "'abc", true));
        assert_eq!(read(r"RETURN 'abc\'")[1], (String, r"'abc\'", true));
        assert_eq!(read(r"RETURN 'abc\")[1], (String, r"'abc\", true));
        assert_eq!(read("RETURN \"")[1], (String, "\"", true));
        assert_eq!(read("MATCH (`a``")[2], (QuotedName, "`a``", true));
        assert_eq!(read("RETURN 1 /* x */ /* y")[3], (Comment, "/* y", true));
        // A line comment ends with the text as well as with its line.
        assert_eq!(read("RETURN 1 // x")[2], (Comment, "// x", false));
    }

    #[test]
    fn backticks_double_to_stand_for_themselves() {
        assert_eq!(
            read("`a``b` ``"),
            [(QuotedName, "`a``b`", false), (QuotedName, "``", false)]
        );
        // No escapes in backticks: a backslash is an ordinary character.
        assert_eq!(read(r"`a\`.b")[0], (QuotedName, r"`a\`", false));
    }

    #[test]
    fn block_comments_do_not_nest() {
        assert_eq!(
            read("/* a /* b */ c */"),
            [
                (Comment, "/* a /* b */", false),
                (Identifier, "c", false),
                (Punctuation('*'), "*", false),
                (Punctuation('/'), "/", false),
            ]
        );
        assert_eq!(read("/*/ x")[0], (Comment, "/*/ x", true));
        assert_eq!(read("/**/x")[0], (Comment, "/**/", false));
        // A line comment ends before a carriage return, as in the grammar.
        assert_eq!(
            read("// a\rRETURN"),
            [(Comment, "// a", false), (Keyword, "RETURN", false)]
        );
    }

    #[test]
    fn names_are_unicode_and_blanks_are_the_grammars() {
        assert_eq!(
            read("naïve Straße_2 名前 x·y"),
            [
                (Identifier, "naïve", false),
                (Identifier, "Straße_2", false),
                (Identifier, "名前", false),
                (Identifier, "x·y", false),
            ]
        );
        // A non-breaking space separates; a character that is no name's is punctuation.
        assert_eq!(
            read("CASE\u{00A0}WHEN a™"),
            [
                (Keyword, "CASE", false),
                (Keyword, "WHEN", false),
                (Identifier, "a", false),
                (Punctuation('™'), "™", false),
            ]
        );
        assert_eq!(read("caseé")[0], (Identifier, "caseé", false));
    }

    #[test]
    fn parameters_take_names_numbers_and_backticks() {
        assert_eq!(
            read("$who $0 $1st $`a b` $ x"),
            [
                (Parameter, "$who", false),
                (Parameter, "$0", false),
                (Parameter, "$1st", false),
                (Parameter, "$`a b`", false),
                (Punctuation('$'), "$", false),
                (Identifier, "x", false),
            ]
        );
        assert_eq!(read("$case")[0].0, Parameter);
    }

    #[test]
    fn blank_means_whitespace_and_closed_comments() {
        assert!(is_blank(""));
        assert!(is_blank(" \n\t\u{FEFF}"));
        assert!(is_blank("// note\n/* more */ "));
        assert!(!is_blank("/* open"));
        assert!(!is_blank("// c\nRETURN 1"));
        assert!(!is_blank("'/* not a comment */'"));
    }
}
