//! What the text before the cursor asks completion for, read from its tokens: so a name
//! inside a string or comment is never completed, and brackets, dots and colons in them
//! never count.

use kg::syntax::{Token, TokenKind, tokenize};

/// The kind of name the cursor's word can be.
#[derive(Debug, PartialEq, Eq)]
pub enum Expecting {
    /// Nothing: the cursor is inside a string, a quoted name, a comment or a number.
    Nothing,
    /// After `:` outside `[...]`.
    Label,
    /// After `:` inside `[...]`.
    RelType,
    /// After `.`.
    Key,
    /// After `$`.
    Parameter,
    /// After `CALL`: a procedure's dotted name.
    Procedure,
    /// A keyword, a function, or a variable the statement binds so far (`(name`, `[name`,
    /// `AS name`), sorted.
    Any { variables: Vec<String> },
}

/// Where the word being completed starts in the text, and what it can be.
#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    pub start: usize,
    pub expecting: Expecting,
}

/// The place of the cursor at the end of `text` (the statement typed so far).
pub fn place(text: &str) -> Place {
    let tokens: Vec<Token> = tokenize(text).collect();
    let nothing = Place {
        start: text.len(),
        expecting: Expecting::Nothing,
    };
    // The index of the word being typed, which may not be begun yet.
    let word = match tokens.last() {
        Some(last) if last.unterminated || is_line_comment(last, text) => return nothing,
        Some(last) => match last.kind {
            TokenKind::Number => return nothing,
            TokenKind::Parameter => {
                return Place {
                    start: last.span.start + 1,
                    expecting: Expecting::Parameter,
                };
            }
            TokenKind::Keyword | TokenKind::Identifier => tokens.len() - 1,
            _ => tokens.len(),
        },
        None => tokens.len(),
    };
    let start = tokens.get(word).map_or(text.len(), |t| t.span.start);
    if let Some(name_start) = procedure_name_start(&tokens, word, text) {
        return Place {
            start: name_start,
            expecting: Expecting::Procedure,
        };
    }
    let before = &tokens[..word];
    let expecting = match before.last().map(|t| t.kind) {
        Some(TokenKind::Punctuation(':')) if innermost_bracket(before) == Some('[') => {
            Expecting::RelType
        }
        Some(TokenKind::Punctuation(':')) => Expecting::Label,
        // Two dots are a range or a slice, not a key.
        Some(TokenKind::Punctuation('.')) if !is_range(before) => Expecting::Key,
        Some(TokenKind::Punctuation('$')) => Expecting::Parameter,
        _ => Expecting::Any {
            variables: variables(before, text),
        },
    };
    Place { start, expecting }
}

fn is_line_comment(token: &Token, text: &str) -> bool {
    token.kind == TokenKind::Comment && token.text(text).starts_with("//")
}

fn is_range(before: &[Token]) -> bool {
    before.len() >= 2 && before[before.len() - 2].kind == TokenKind::Punctuation('.')
}

/// Where the procedure name ending at token `word` starts, if it follows `CALL`: a dotted
/// name (`db.sch`) has no spaces, so it is the words and dots just before the cursor.
fn procedure_name_start(tokens: &[Token], word: usize, text: &str) -> Option<usize> {
    let mut first = word;
    while first > 0
        && (tokens[first - 1].is_word() || tokens[first - 1].kind == TokenKind::Punctuation('.'))
    {
        first -= 1;
    }
    let call = tokens[..first].iter().rev().find(|t| t.is_code())?;
    let is_call = call.kind == TokenKind::Keyword && call.text(text).eq_ignore_ascii_case("call");
    is_call.then(|| tokens.get(first).map_or(text.len(), |t| t.span.start))
}

/// The innermost bracket still open after `tokens`.
fn innermost_bracket(tokens: &[Token]) -> Option<char> {
    let mut open = Vec::new();
    for token in tokens {
        match token.kind {
            TokenKind::Punctuation(c @ ('(' | '[' | '{')) => open.push(c),
            TokenKind::Punctuation(')' | ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().copied()
}

/// The variables `tokens` bind: the words right after `(` or `[` and after `AS`.
fn variables(tokens: &[Token], text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<&Token> = None;
    for token in tokens.iter().filter(|t| t.is_code()) {
        let binds = previous.is_some_and(|p| match p.kind {
            TokenKind::Punctuation('(' | '[') => true,
            TokenKind::Keyword => p.text(text).eq_ignore_ascii_case("as"),
            _ => false,
        });
        if binds && token.is_word() {
            out.push(token.text(text).to_string());
        }
        previous = Some(token);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expecting(text: &str) -> Expecting {
        place(text).expecting
    }

    fn any(variables: &[&str]) -> Expecting {
        Expecting::Any {
            variables: variables.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn the_character_before_the_word_says_what_it_names() {
        assert_eq!(expecting("MATCH (c:Com"), Expecting::Label);
        assert_eq!(expecting("MATCH (c)-[:WO"), Expecting::RelType);
        assert_eq!(expecting("MATCH (c)-[r:"), Expecting::RelType);
        assert_eq!(expecting("MATCH (c)-[r]-(d:"), Expecting::Label);
        assert_eq!(expecting("RETURN c.na"), Expecting::Key);
        assert_eq!(expecting("RETURN $w"), Expecting::Parameter);
        assert_eq!(expecting("RETURN $"), Expecting::Parameter);
        assert_eq!(place("RETURN $who").start, "RETURN $".len());
        assert_eq!(place("MATCH (c:Com").start, "MATCH (c:".len());
        // A range's second dot is no property access.
        assert_eq!(expecting("RETURN l[1..si"), any(&[]));
    }

    #[test]
    fn brackets_and_colons_in_strings_and_comments_do_not_count() {
        // The `[` inside the string opens nothing, so `:` names a label.
        assert_eq!(expecting("MATCH (n {s: '['})-->(m:"), Expecting::Label);
        assert_eq!(expecting("MATCH ()-[/* ( */:"), Expecting::RelType);
        assert_eq!(
            expecting("MATCH (n) WHERE n.name = 'x:"),
            Expecting::Nothing
        );
    }

    #[test]
    fn nothing_is_offered_inside_strings_comments_and_numbers() {
        for text in [
            "MATCH (c {name: 'Op",
            "RETURN \"a",
            "RETURN '",
            "RETURN 'it\\'s",
            "MATCH (`Odd na",
            "RETURN 1 // see n.",
            "RETURN 1 /* n.",
            "RETURN 12",
        ] {
            assert_eq!(expecting(text), Expecting::Nothing, "{text}");
        }
        // A closed string or comment is behind the cursor.
        assert_eq!(expecting("MATCH (c {name: 'OpenAI'}) RE"), any(&["c"]));
        assert_eq!(expecting("RETURN 1 /* x */ RE"), any(&[]));
        assert_eq!(expecting("RETURN 1 // x\nRE"), any(&[]));
    }

    #[test]
    fn variables_are_bound_by_brackets_and_as() {
        assert_eq!(
            expecting("MATCH (company)-[works]->(p) WITH p AS person, [x IN l] AS xs RETURN c"),
            any(&["company", "p", "person", "works", "x", "xs"])
        );
        // Unicode names, space after the bracket; not the word being typed.
        assert_eq!(expecting("MATCH ( straße ) RETURN str"), any(&["straße"]));
        assert_eq!(expecting("MATCH (comp"), any(&[]));
        // Brackets and AS in strings and comments bind nothing.
        assert_eq!(
            expecting("RETURN '(fake' AS real, /* (gone */ 1 // AS none\nRETURN "),
            any(&["real"])
        );
    }

    #[test]
    fn after_call_a_dotted_procedure_name() {
        assert_eq!(
            place("CALL db.schema.n"),
            Place {
                start: 5,
                expecting: Expecting::Procedure
            }
        );
        assert_eq!(expecting("call db"), Expecting::Procedure);
        assert_eq!(expecting("CALL /* which? */ db."), Expecting::Procedure);
        assert_eq!(place("CALL ").start, 5);
        assert_eq!(expecting("CALL "), Expecting::Procedure);
        assert_eq!(expecting("RECALL db"), any(&[]));
        assert_eq!(expecting("'CALL' db"), any(&[]));
    }
}
