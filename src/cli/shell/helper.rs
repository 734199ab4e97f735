//! Line editing support for the shell: completion from the open graph, hints, and syntax
//! highlighting with matching brackets.

use super::commands::COMMANDS;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

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

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Variables the statement binds: `(name`, `[name`, `AS name`.
static BOUND: LazyLock<Option<regex::Regex>> =
    LazyLock::new(|| regex::Regex::new(r"(?i)(?:[(\[]\s*|\bAS\s+)([A-Za-z_][A-Za-z0-9_]*)").ok());

fn variables(text: &str) -> Vec<String> {
    let Some(re) = BOUND.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<String> = re
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether position `pos` of `text` is inside `[...]` rather than `(...)`: a `:` there
/// names a relationship type, not a label.
fn inside_brackets(text: &str, pos: usize) -> bool {
    let mut depth = Vec::new();
    for c in text[..pos].chars() {
        match c {
            '(' | '[' | '{' => depth.push(c),
            ')' | ']' | '}' => {
                depth.pop();
            }
            _ => {}
        }
    }
    depth.last() == Some(&'[')
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
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let start = line[..pos]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(*c))
            .last()
            .map_or(pos, |(i, _)| i);
        let prefix = &line[start..pos];
        let before = line[..start].chars().next_back();
        let v = &self.vocabulary;
        let pending = self.pending.borrow();
        let whole = format!("{pending}{}", &line[..pos]);
        // After CALL, a procedure's dotted name: `db.sch` completes to db.schema...
        let dotted = line[..pos]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(*c) || *c == '.')
            .last()
            .map_or(pos, |(i, _)| i);
        let head = whole[..whole.len() - (pos - dotted)].trim_end();
        let after_call = head.len() >= 4
            && head[head.len() - 4..].eq_ignore_ascii_case("call")
            && !head[..head.len() - 4].ends_with(is_word);
        if after_call {
            let names = kg::functions::procedures::builtins()
                .iter()
                .map(|p| p.name.to_string());
            return (dotted, matching(&line[dotted..pos], names, "("));
        }
        let pairs = match before {
            Some(':') => {
                let names = if inside_brackets(&whole, whole.len() - prefix.len()) {
                    &v.types
                } else {
                    &v.labels
                };
                matching(prefix, names.iter().cloned(), "")
            }
            Some('.') => matching(prefix, v.keys.iter().cloned(), ""),
            Some('$') => matching(prefix, v.params.iter().cloned(), ""),
            _ => {
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
                pairs.extend(matching(
                    prefix,
                    variables(&whole[..whole.len() - prefix.len()]),
                    "",
                ));
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
        if pos < line.len() || line.starts_with(':') || in_string(&line[..pos]) {
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

/// Whether the text ends inside a quoted string (where names are not suggested).
fn in_string(text: &str) -> bool {
    tokens(text).last().is_some_and(|(start, end, class)| {
        *class == Class::Str
            && (end - start < 2 || !text[..*end].ends_with(&text[*start..*start + 1]))
    })
}

/// Token classes for highlighting.
#[derive(Copy, Clone, PartialEq)]
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

/// Splits a line into classed tokens (byte ranges).
fn tokens(line: &str) -> Vec<(usize, usize, Class)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = line[i..].chars().next().unwrap_or(' ');
        let start = i;
        let class = if c == '\'' || c == '"' {
            i += 1;
            while i < bytes.len() && bytes[i] != c as u8 {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            Class::Str
        } else if line[i..].starts_with("//") {
            i = bytes.len();
            Class::Comment
        } else if line[i..].starts_with("/*") {
            i = line[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            Class::Comment
        } else if c == '$' {
            i += 1;
            while i < bytes.len() && is_word(bytes[i] as char) {
                i += 1;
            }
            Class::Param
        } else if c.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                i += 1;
            }
            Class::Number
        } else if is_word(c) {
            while i < line.len() {
                match line[i..].chars().next() {
                    Some(ch) if is_word(ch) => i += ch.len_utf8(),
                    _ => break,
                }
            }
            let word = &line[start..i];
            let after_dot = line[..start].ends_with('.') || line[..start].ends_with(':');
            if !after_dot
                && kg::syntax::KEYWORDS
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(word))
            {
                Class::Keyword
            } else if line[i..].trim_start().starts_with('(') && !after_dot {
                Class::Function
            } else {
                Class::Plain
            }
        } else {
            i += c.len_utf8();
            Class::Plain
        };
        out.push((start, i, class));
    }
    out
}

/// The bracket matching the one at or just before the cursor.
fn matching_bracket(line: &str, pos: usize) -> Option<(usize, usize)> {
    let pairs = [('(', ')'), ('[', ']'), ('{', '}')];
    let at = [pos.checked_sub(1), Some(pos)]
        .into_iter()
        .flatten()
        .find(|&p| {
            line.as_bytes()
                .get(p)
                .is_some_and(|b| pairs.iter().any(|(o, c)| *b == *o as u8 || *b == *c as u8))
        })?;
    let b = line.as_bytes()[at] as char;
    let (open, close, forward) = pairs.iter().find_map(|(o, c)| {
        if b == *o {
            Some((*o, *c, true))
        } else if b == *c {
            Some((*o, *c, false))
        } else {
            None
        }
    })?;
    let mut depth = 0i32;
    let indices: Box<dyn Iterator<Item = (usize, char)>> = if forward {
        Box::new(line[at..].char_indices().map(|(i, c)| (i + at, c)))
    } else {
        Box::new(line[..=at].char_indices().rev())
    };
    for (i, c) in indices {
        if c == open {
            depth += if forward { 1 } else { -1 };
        } else if c == close {
            depth += if forward { -1 } else { 1 };
        }
        if depth == 0 {
            return Some((at, i));
        }
    }
    None
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color || line.starts_with(':') {
            return Cow::Borrowed(line);
        }
        let brackets = matching_bracket(line, pos);
        let mut out = String::with_capacity(line.len() * 2);
        for (start, end, class) in tokens(line) {
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
    fn knows_when_the_cursor_is_inside_a_string() {
        assert!(in_string("MATCH (c {name: 'Op"));
        assert!(!in_string("MATCH (c {name: 'OpenAI'}) RE"));
        assert!(in_string("RETURN '"));
    }

    #[test]
    fn finds_the_matching_bracket() {
        assert_eq!(matching_bracket("f(a[1])", 7), Some((6, 1)));
        assert_eq!(matching_bracket("(a)", 0), Some((0, 2)));
    }

    #[test]
    fn classifies_tokens() {
        let classes: Vec<Class> = tokens("MATCH (n) RETURN 'x', 1, $p // c")
            .into_iter()
            .map(|t| t.2)
            .collect();
        assert!(classes.contains(&Class::Keyword));
        assert!(classes.contains(&Class::Str));
        assert!(classes.contains(&Class::Number));
        assert!(classes.contains(&Class::Param));
        assert!(classes.contains(&Class::Comment));
    }
}
