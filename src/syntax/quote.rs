//! Names and strings as the query language reads them back: one rule for when a label, type,
//! key, variable or parameter name needs backticks, and one escaper for string literals. Every
//! printer and exporter that writes the language (value syntax, expressions printed back, the
//! openCypher and Kuzu exports, the shell's hints) goes through these.

use super::parser::{is_identifier, is_reserved};
use super::suggest::KEYWORDS;
use std::borrow::Cow;
use std::fmt::{self, Write};

/// Which names a reader takes without backticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRule {
    /// A variable in kg's grammar: an identifier (Unicode XID characters and `_`) that is not
    /// a reserved word.
    Variable,
    /// A label, relationship type or property key in kg's grammar, where a reserved word may
    /// stand bare (`n.end`, `{end: 1}`, `:Match`): any identifier.
    Key,
    /// Engines other than kg: an ASCII identifier that is none of kg's keywords, reserved or
    /// not, since other engines reserve words kg does not and may not read non-ASCII names.
    Portable,
    /// No name: every one is quoted (Kuzu, whose reserved words are its own).
    Always,
}

/// `name` as a reader following `rule` takes it back: bare when it may be, otherwise in
/// backticks with each backtick inside doubled.
pub fn quote_name(name: &str, rule: NameRule) -> Cow<'_, str> {
    let bare = match rule {
        NameRule::Variable => is_identifier_fast(name) && !is_reserved_fast(name),
        NameRule::Key => is_identifier_fast(name),
        NameRule::Portable => {
            name.is_ascii()
                && is_identifier_fast(name)
                && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(name))
        }
        NameRule::Always => false,
    };
    if bare {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(format!("`{}`", name.replace('`', "``")))
    }
}

/// The grammar's identifier, decided without the parser for ASCII names (nearly all).
fn is_identifier_fast(name: &str) -> bool {
    if name.is_ascii() {
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    } else {
        is_identifier(name)
    }
}

/// Every reserved word is ASCII letters, at most 16 of them (`allShortestPaths`): other
/// names need not go to the parser.
fn is_reserved_fast(name: &str) -> bool {
    name.len() <= 16 && name.chars().all(|c| c.is_ascii_alphabetic()) && is_reserved(name)
}

/// Writes `s` as a single-quoted string literal: quotes and backslashes escaped, line breaks
/// and tabs as `\n`, `\r`, `\t`, other control characters as `\uXXXX`, so the literal stays
/// on one line and every character in it shows.
pub fn write_string_literal(out: &mut (impl Write + ?Sized), s: &str) -> fmt::Result {
    out.write_char('\'')?;
    for c in s.chars() {
        match c {
            '\'' => out.write_str("\\'")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            c if c.is_control() => write!(out, "\\u{:04X}", c as u32)?,
            c => out.write_char(c)?,
        }
    }
    out.write_char('\'')
}

/// [`write_string_literal`] into a new string.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Writing to a String cannot fail.
    let _ = write_string_literal(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_script;

    /// The string literal's value as kg reads it back.
    fn read_back(literal: &str) -> String {
        let script = parse_script(&format!("RETURN {literal} AS v")).unwrap();
        let item = crate::syntax::single_item(&script).unwrap();
        match &item.expr.kind {
            crate::syntax::ast::ExprKind::Literal(crate::model::Value::String(s)) => s.to_string(),
            other => panic!("not a string literal: {other:?}"),
        }
    }

    #[test]
    fn plain_names_stay_bare() {
        for name in [
            "name", "_x", "Company", "x1", "été", "名前", "matches", "count", "yield",
        ] {
            assert_eq!(quote_name(name, NameRule::Variable), name, "{name}");
            assert_eq!(quote_name(name, NameRule::Key), name, "{name}");
        }
        // Reserved words are plain keys, labels and types, never plain variables.
        for word in ["end", "Match", "allShortestPaths"] {
            assert_eq!(quote_name(word, NameRule::Key), word);
            assert_eq!(quote_name(word, NameRule::Variable), format!("`{word}`"));
        }
        // Keywords kg does not reserve may be reserved elsewhere.
        assert_eq!(quote_name("yield", NameRule::Portable), "`yield`");
        assert_eq!(quote_name("Load", NameRule::Portable), "`Load`");
        assert_eq!(quote_name("été", NameRule::Portable), "`été`");
        assert_eq!(quote_name("Company", NameRule::Portable), "Company");
    }

    #[test]
    fn names_needing_backticks_get_them() {
        let cases = [
            ("has space", "`has space`"),
            ("a`b", "`a``b`"),
            ("``", "``````"),
            ("", "``"),
            ("1st", "`1st`"),
            ("a-b", "`a-b`"),
            ("a\nb", "`a\nb`"),
            ("é-1", "`é-1`"),
            ("∑", "`∑`"),
        ];
        for (name, quoted) in cases {
            assert_eq!(quote_name(name, NameRule::Variable), quoted, "{name:?}");
            assert_eq!(quote_name(name, NameRule::Key), quoted, "{name:?}");
            assert_eq!(quote_name(name, NameRule::Portable), quoted, "{name:?}");
        }
        assert_eq!(quote_name("match", NameRule::Portable), "`match`");
        assert_eq!(quote_name("Company", NameRule::Always), "`Company`");
        assert_eq!(quote_name("a`b", NameRule::Always), "`a``b`");
    }

    #[test]
    fn quoted_names_read_back_as_themselves() {
        for name in [
            "a`b",
            "match",
            "end",
            "has space",
            "1st",
            "`",
            "é-1",
            "x",
            "名前",
        ] {
            let text = format!("RETURN {{{}: 1}} AS v", quote_name(name, NameRule::Key));
            let script = parse_script(&text).unwrap();
            let item = crate::syntax::single_item(&script).unwrap();
            let crate::syntax::ast::ExprKind::Map(entries) = &item.expr.kind else {
                panic!("not a map: {text}");
            };
            assert_eq!(&*entries[0].0.name, name, "{text}");
            let variable = format!(
                "WITH 1 AS {0} RETURN {0}",
                quote_name(name, NameRule::Variable)
            );
            assert!(parse_script(&variable).is_ok(), "{variable}");
        }
    }

    #[test]
    fn string_literals_escape_what_would_not_read_back() {
        assert_eq!(string_literal("it's"), r"'it\'s'");
        assert_eq!(string_literal(r"a\b"), r"'a\\b'");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("a\nb\r\tc"), r"'a\nb\r\tc'");
        assert_eq!(string_literal("\u{1}\u{7f}\u{85}"), r"'\u0001\u007F\u0085'");
        assert_eq!(string_literal("été 名前 🦀"), "'été 名前 🦀'");
        assert_eq!(string_literal(""), "''");
        for s in [
            "it's",
            r"a\b",
            "\\'",
            "a\nb\r\tc\u{0}",
            "\u{1b}[31m",
            "🦀\u{2028}",
            r"\u0041",
        ] {
            assert_eq!(read_back(&string_literal(s)), s, "{s:?}");
        }
    }
}
