//! Line editing support for the shell: completion from the open graph, hints, and syntax
//! highlighting with matching brackets.

use super::commands::COMMANDS;
use super::context::{Expecting, place};
use kg::syntax::{Token, TokenKind, tokenize};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::cell::RefCell;

/// Names that completion offers, taken from the open graph.
#[derive(Default, Clone)]
pub struct Vocabulary {
    pub labels: Vec<String>,
    pub types: Vec<String>,
    pub keys: Vec<String>,
    pub params: Vec<String>,
}

pub struct ShellHelper {
    pub vocabulary: Vocabulary,
    /// Lines of the statement typed so far, before the current line.
    pub pending: RefCell<String>,
    files: FilenameCompleter,
    pub color: bool,
}

impl ShellHelper {
    pub fn new(color: bool) -> Self {
        ShellHelper {
            vocabulary: Vocabulary::default(),
            pending: RefCell::new(String::new()),
            files: FilenameCompleter::new(),
            color,
        }
    }
}

fn matching(prefix: &str, names: impl IntoIterator<Item = String>, suffix: &str) -> Vec<Pair> {
    let lower = prefix.to_lowercase();
    let mut out: Vec<Pair> = names
        .into_iter()
        .filter(|n| n.to_lowercase().starts_with(&lower))
        .map(|n| Pair {
            display: n.clone(),
            replacement: format!("{n}{suffix}"),
        })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out.dedup_by(|a, b| a.display == b.display);
    out
}

impl ShellHelper {
    /// Where the word at `pos` of `line` starts, and the names it may become; the lines of
    /// the statement typed before this one count too.
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let pending = self.pending.borrow();
        let place = place(&format!("{pending}{}", &line[..pos]));
        // The word being typed is on this line: the pending lines end with a newline.
        let start = place.start.saturating_sub(pending.len()).min(pos);
        let prefix = &line[start..pos];
        let v = &self.vocabulary;
        let pairs = match place.expecting {
            Expecting::Nothing => Vec::new(),
            Expecting::Label => matching(prefix, v.labels.iter().cloned(), ""),
            Expecting::RelType => matching(prefix, v.types.iter().cloned(), ""),
            Expecting::Key => matching(prefix, v.keys.iter().cloned(), ""),
            Expecting::Parameter => matching(prefix, v.params.iter().cloned(), ""),
            Expecting::Procedure => {
                let names = kg::functions::procedures::builtins()
                    .iter()
                    .map(|p| p.name.to_string());
                matching(prefix, names, "(")
            }
            Expecting::Any { variables } => {
                let mut pairs = matching(
                    prefix,
                    kg::syntax::KEYWORDS.iter().map(|k| k.to_string()),
                    "",
                );
                pairs.extend(matching(
                    prefix,
                    kg::functions::names().map(str::to_string),
                    "(",
                ));
                pairs.extend(matching(prefix, variables, ""));
                pairs
            }
        };
        (start, pairs)
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let pending_empty = self.pending.borrow().is_empty();
        if pending_empty && line.starts_with(':') {
            let first_word_end = line.find(char::is_whitespace).unwrap_or(line.len());
            if pos <= first_word_end {
                let names = COMMANDS.iter().map(|(n, _, _)| n.to_string());
                return Ok((0, matching(&line[..pos], names, "")));
            }
            let takes_file = line.starts_with(":source")
                || (line.starts_with(":export") && line[..pos].split_whitespace().count() >= 2);
            if takes_file {
                return self.files.complete(line, pos, ctx);
            }
            return Ok((pos, Vec::new()));
        }
        Ok(self.candidates(line, pos))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;

    /// The rest of the word being typed, when exactly what it will become is clear.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() || line.starts_with(':') {
            return None;
        }
        let (start, pairs) = self.candidates(line, pos);
        let typed = &line[start..pos];
        if typed.chars().count() < 2 {
            return None;
        }
        let first = pairs.first()?;
        let rest = untyped_rest(first.replacement.trim_end_matches('('), typed)?;
        (!rest.is_empty()).then(|| rest.to_string())
    }
}

/// What remains of `name` after the part `typed` stands for. Names match what was typed
/// without regard to case, and a case change can change a character's length in bytes (the
/// Kelvin sign `K` lowercases to `k`), so the part is found by comparing lowercased
/// prefixes, not by the typed text's length.
fn untyped_rest<'n>(name: &'n str, typed: &str) -> Option<&'n str> {
    let typed = typed.to_lowercase();
    name.char_indices()
        .map(|(i, _)| i)
        .chain([name.len()])
        .find(|&i| name[..i].to_lowercase() == typed)
        .map(|i| &name[i..])
}

/// Highlighting classes.
#[derive(Copy, Clone, PartialEq, Debug)]
enum Class {
    Plain,
    Keyword,
    Str,
    Number,
    Comment,
    Param,
    Function,
}

fn paint(class: Class) -> &'static str {
    match class {
        Class::Plain => "",
        Class::Keyword => "\x1b[1;34m",
        Class::Str => "\x1b[32m",
        Class::Number => "\x1b[36m",
        Class::Comment => "\x1b[90m",
        Class::Param => "\x1b[35m",
        Class::Function => "\x1b[33m",
    }
}

/// The tokens of the line being edited, read after the statement's earlier lines so that a
/// string or comment they leave open goes on into it.
struct LineTokens {
    tokens: Vec<Token>,
    /// Where the line starts in `text`.
    line_start: usize,
}

impl LineTokens {
    fn new(pending: &str, line: &str) -> Self {
        let tokens = tokenize(&format!("{pending}{line}")).collect();
        LineTokens {
            tokens,
            line_start: pending.len(),
        }
    }

    /// The line cut into classed byte ranges of the line.
    fn classes(&self) -> Vec<(usize, usize, Class)> {
        (0..self.tokens.len())
            .filter(|&i| self.tokens[i].span.end > self.line_start)
            .map(|i| {
                let span = self.tokens[i].span;
                let start = span.start.max(self.line_start) - self.line_start;
                (start, span.end - self.line_start, self.class(i))
            })
            .collect()
    }

    fn class(&self, i: usize) -> Class {
        let tokens = &self.tokens;
        // A word right after `.` or `:` is a key, label or type, whatever its spelling.
        let named = i > 0 && matches!(tokens[i - 1].kind, TokenKind::Punctuation('.' | ':'));
        let called = || {
            tokens[i + 1..]
                .iter()
                .find(|t| t.kind != TokenKind::Whitespace)
                .is_some_and(|t| t.kind == TokenKind::Punctuation('('))
        };
        match tokens[i].kind {
            TokenKind::Keyword if !named => Class::Keyword,
            TokenKind::Identifier if !named && called() => Class::Function,
            TokenKind::String => Class::Str,
            TokenKind::Number => Class::Number,
            TokenKind::Comment => Class::Comment,
            TokenKind::Parameter => Class::Param,
            TokenKind::Keyword
            | TokenKind::Identifier
            | TokenKind::QuotedName
            | TokenKind::Punctuation(_)
            | TokenKind::Whitespace => Class::Plain,
        }
    }

    /// The bracket of the line matching the one at or just before `pos`, both as offsets in
    /// the line. Brackets in strings and comments are not brackets.
    fn matching_bracket(&self, pos: usize) -> Option<(usize, usize)> {
        let brackets: Vec<(usize, char)> = self
            .tokens
            .iter()
            .filter(|t| t.span.start >= self.line_start)
            .filter_map(|t| match t.kind {
                TokenKind::Punctuation(c @ ('(' | ')' | '[' | ']' | '{' | '}')) => {
                    Some((t.span.start - self.line_start, c))
                }
                _ => None,
            })
            .collect();
        let at = [pos.checked_sub(1), Some(pos)]
            .into_iter()
            .flatten()
            .find_map(|p| brackets.iter().position(|(i, _)| *i == p))?;
        let (open, close) = [('(', ')'), ('[', ']'), ('{', '}')]
            .into_iter()
            .find(|(o, c)| brackets[at].1 == *o || brackets[at].1 == *c)?;
        let forward = brackets[at].1 == open;
        let (deeper, shallower) = if forward {
            (open, close)
        } else {
            (close, open)
        };
        let mut order: Box<dyn Iterator<Item = &(usize, char)>> = if forward {
            Box::new(brackets[at..].iter())
        } else {
            Box::new(brackets[..=at].iter().rev())
        };
        let mut depth = 0i32;
        order.find_map(|&(i, c)| {
            if c == deeper {
                depth += 1;
            } else if c == shallower {
                depth -= 1;
            }
            (depth == 0).then_some((brackets[at].0, i))
        })
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color || line.starts_with(':') {
            return Cow::Borrowed(line);
        }
        let tokens = LineTokens::new(&self.pending.borrow(), line);
        let brackets = tokens.matching_bracket(pos);
        let mut out = String::with_capacity(line.len() * 2);
        for (start, end, class) in tokens.classes() {
            let text = &line[start..end];
            let is_bracket =
                brackets.is_some_and(|(a, b)| start == a || start == b) && end == start + 1;
            if is_bracket {
                out.push_str("\x1b[1;7m");
                out.push_str(text);
                out.push_str("\x1b[0m");
            } else if class == Class::Plain {
                out.push_str(text);
            } else {
                out.push_str(paint(class));
                out.push_str(text);
                out.push_str("\x1b[0m");
            }
        }
        Cow::Owned(out)
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        // Re-highlight on cursor moves too, so the matching bracket follows the cursor.
        self.color && kind != CmdKind::ForcedRefresh
    }
}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> ShellHelper {
        let mut h = ShellHelper::new(false);
        h.vocabulary = Vocabulary {
            labels: vec!["Company".into(), "Person".into()],
            types: vec!["WORKS_AT".into()],
            keys: vec!["name".into(), "founded".into()],
            params: vec!["who".into()],
        };
        h
    }

    fn replacements(h: &ShellHelper, line: &str) -> Vec<String> {
        h.candidates(line, line.len())
            .1
            .into_iter()
            .map(|p| p.replacement)
            .collect()
    }

    #[test]
    fn completes_by_context() {
        let h = helper();
        assert_eq!(replacements(&h, "MATCH (c:Com"), ["Company"]);
        assert_eq!(replacements(&h, "MATCH (c)-[:WO"), ["WORKS_AT"]);
        assert_eq!(replacements(&h, "MATCH (c) RETURN c.na"), ["name"]);
        assert_eq!(replacements(&h, "RETURN $w"), ["who"]);
        assert!(replacements(&h, "MAT").contains(&"MATCH".to_string()));
        assert!(replacements(&h, "RETURN toLo").contains(&"toLower(".to_string()));
        assert_eq!(replacements(&h, "MATCH (company) RETURN comp"), ["company"]);
        // After CALL, procedures by their dotted names.
        assert_eq!(
            replacements(&h, "CALL db.schema.n"),
            ["db.schema.nodeTypeProperties("]
        );
        assert!(replacements(&h, "call db").contains(&"db.labels(".to_string()));
        assert!(!replacements(&h, "RECALL db").contains(&"db.labels(".to_string()));
    }

    #[test]
    fn hints_survive_case_changes_that_change_lengths() {
        // U+212A KELVIN SIGN is three bytes; its lowercase, 'k', is one.
        assert_eq!(untyped_rest("\u{212A}elvin", "ke"), Some("lvin"));
        assert_eq!(untyped_rest("Kelvin", "\u{212A}e"), Some("lvin"));
        assert_eq!(untyped_rest("Company", "comp"), Some("any"));
        assert_eq!(untyped_rest("Company", "x"), None);
        let mut h = helper();
        h.vocabulary.labels.push("\u{212A}elvin".into());
        let history = rustyline::history::DefaultHistory::new();
        let ctx = Context::new(&history);
        let line = "MATCH (n:ke";
        assert_eq!(h.hint(line, line.len(), &ctx).as_deref(), Some("lvin"));
    }

    #[test]
    fn offers_nothing_inside_strings_and_comments() {
        let h = helper();
        assert!(replacements(&h, "MATCH (c {name: 'Co").is_empty());
        assert!(replacements(&h, "RETURN 1 // c.na").is_empty());
        // The string opened on an earlier line of the statement is still open.
        *h.pending.borrow_mut() = "MATCH (c {name: 'one\n".into();
        assert!(replacements(&h, "two (c:Com").is_empty());
        *h.pending.borrow_mut() = "MATCH (c)\n".into();
        assert_eq!(replacements(&h, "RETURN c.na"), ["name"]);
        let history = rustyline::history::DefaultHistory::new();
        let ctx = Context::new(&history);
        let h = helper();
        let line = "RETURN 'MAT";
        assert_eq!(h.hint(line, line.len(), &ctx), None);
    }

    #[test]
    fn a_word_completed_on_a_later_line_starts_on_it() {
        let h = helper();
        *h.pending.borrow_mut() = "MATCH (company)\n".into();
        let (start, pairs) = h.candidates("RETURN comp", 11);
        assert_eq!(start, 7);
        assert_eq!(pairs[0].replacement, "company");
    }

    fn bracket(pending: &str, line: &str, pos: usize) -> Option<(usize, usize)> {
        LineTokens::new(pending, line).matching_bracket(pos)
    }

    #[test]
    fn finds_the_matching_bracket() {
        assert_eq!(bracket("", "f(a[1])", 7), Some((6, 1)));
        assert_eq!(bracket("", "(a)", 0), Some((0, 2)));
        // Brackets in strings and comments are skipped.
        assert_eq!(bracket("", "f(')', /* ( */ 1)", 1), Some((1, 16)));
        assert_eq!(bracket("", "RETURN '(x)'", 9), None);
        assert_eq!(bracket("/* (\n", "a) */ (b)", 2), None);
        assert_eq!(bracket("/* (\n", "a) */ (b)", 6), Some((6, 8)));
    }

    fn classes(pending: &str, line: &str) -> Vec<(String, Class)> {
        LineTokens::new(pending, line)
            .classes()
            .into_iter()
            .filter(|(_, _, class)| *class != Class::Plain)
            .map(|(start, end, class)| (line[start..end].to_string(), class))
            .collect()
    }

    #[test]
    fn classifies_tokens() {
        assert_eq!(
            classes(
                "",
                "MATCH (n:Match) RETURN n.end, toLower('x'), 1.5, $p // c"
            ),
            [
                ("MATCH".to_string(), Class::Keyword),
                ("RETURN".to_string(), Class::Keyword),
                ("toLower".to_string(), Class::Function),
                ("'x'".to_string(), Class::Str),
                ("1.5".to_string(), Class::Number),
                ("$p".to_string(), Class::Param),
                ("// c".to_string(), Class::Comment),
            ]
        );
        // A comment or string left open on an earlier line goes on into this one.
        assert_eq!(
            classes("RETURN 1 /* a\n", "b */ RETURN"),
            [
                ("b */".to_string(), Class::Comment),
                ("RETURN".to_string(), Class::Keyword),
            ]
        );
        assert_eq!(
            classes("RETURN 'a\n", "MATCH'"),
            [("MATCH'".to_string(), Class::Str)]
        );
    }
}
