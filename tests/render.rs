//! How errors are shown: `kg::error::render` draws `line:column`, the source line and a caret
//! under the span, counting columns in characters, for real errors from real statements.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::error::{line_col, render};
use kg::syntax::ast::Span;
use kg::{Database, Detail, ErrorClass, Params, QueryError};

/// The error a statement gets on an empty graph.
fn error_of(src: &str) -> QueryError {
    match Database::in_memory().run(src, &Params::new()) {
        Err(kg::Error::Query(q)) => q,
        other => panic!("{src}: expected a query error, got {other:?}"),
    }
}

#[test]
fn a_misspelt_function_gets_a_caret_and_a_suggestion() {
    let src = "MATCH (c:Company) RETURN toLowr(c.name)";
    let text = render(&error_of(src), src, Some("query"));
    assert_eq!(
        text,
        "error: unknown function 'toLowr': did you mean toLower? (SyntaxError.UnknownFunction)\n \
         --> query:1:26\n  |\n1 | MATCH (c:Company) RETURN toLowr(c.name)\n  |                          ^^^^^^\n"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // 'é' and '→' take 2 and 3 bytes; the caret must still sit under `x`.
    let src = "RETURN 'é→' + x";
    let err = error_of(src);
    assert_eq!(err.detail, Detail::UndefinedVariable);
    assert_eq!(err.span, Some(Span::new(src.len() - 1, src.len())));
    let text = render(&err, src, None);
    assert!(text.contains(" --> 1:15\n"), "{text}");
    assert!(
        text.ends_with("1 | RETURN 'é→' + x\n  |               ^\n"),
        "{text}"
    );

    // A span over multi-byte text is as wide as its characters.
    let src = "MATCH (n) RETURN n.naïve + ñandú";
    let text = render(&error_of(src), src, None);
    assert!(text.contains(" --> 1:28\n"), "{text}");
    assert!(
        text.ends_with("  |                            ^^^^^\n"),
        "{text}"
    );
}

#[test]
fn multi_line_statements_show_the_line_of_the_error() {
    let src = "MATCH (n)\nWHERE n.x = 1\nRETURN m";
    let text = render(&error_of(src), src, Some("script.cypher"));
    assert!(text.starts_with("error: "), "{text}");
    assert!(text.contains("(SyntaxError.UndefinedVariable)\n"), "{text}");
    assert!(text.contains(" --> script.cypher:3:8\n"), "{text}");
    assert!(text.ends_with("3 | RETURN m\n  |        ^\n"), "{text}");

    // A parse error on a later line.
    let src = "MATCH (n)\n  WHERE n.x = 1\n  RETURN n LIMT 1";
    let err = kg::syntax::parse_script(src).unwrap_err();
    let text = render(&err, src, None);
    assert!(text.contains(" --> 3:12\n"), "{text}");
    assert!(
        text.ends_with("3 |   RETURN n LIMT 1\n  |            ^^^^\n"),
        "{text}"
    );
}

#[test]
fn the_gutter_widens_with_the_line_number() {
    let src = format!("{}RETURN nope", "\n".repeat(11));
    let text = render(&error_of(&src), &src, None);
    assert!(
        text.contains("  --> 12:8\n   |\n12 | RETURN nope\n   |        ^^^^\n"),
        "{text}"
    );
}

#[test]
fn a_span_over_several_lines_is_underlined_to_the_end_of_its_first_line() {
    let src = "RETURN [\n  1, 2\n] AS l";
    let err = QueryError::syntax(Detail::UnexpectedSyntax, "test", Span::new(7, 15));
    let text = render(&err, src, None);
    assert!(text.ends_with("1 | RETURN [\n  |        ^\n"), "{text}");
}

#[test]
fn a_span_from_the_end_of_a_crlf_line_gets_one_caret() {
    // The column counts the `\r`, the printed line does not: the span starts past its end.
    let src = "RETURN 1,\r\n  2 AS x";
    let err = QueryError::syntax(Detail::UnexpectedSyntax, "test", Span::new(10, 14));
    let text = render(&err, src, None);
    assert!(
        text.ends_with("1 | RETURN 1,\n  |           ^\n"),
        "{text:?}"
    );
}

#[test]
fn an_error_without_a_position_is_one_line() {
    let err = QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::DivisionByZero,
        "division by zero",
    );
    assert_eq!(
        render(&err, "RETURN 1", None),
        "error: division by zero (ArgumentError.DivisionByZero)\n"
    );
}

#[test]
fn runtime_errors_point_at_the_expression_that_failed() {
    let src = "UNWIND [1, 0] AS d\nRETURN 10 / d AS x";
    let err = error_of(src);
    assert_eq!(err.detail, Detail::DivisionByZero);
    let text = render(&err, src, None);
    assert!(text.contains(" --> 2:8\n"), "{text}");
    assert!(
        text.ends_with("2 | RETURN 10 / d AS x\n  |        ^^^^^^\n"),
        "{text}"
    );
}

#[test]
fn line_and_column_of_an_offset() {
    assert_eq!(line_col("abc", 0), (1, 1));
    assert_eq!(line_col("ab\ncd", 3), (2, 1));
    assert_eq!(line_col("ab\ncd", 5), (2, 3));
    assert_eq!(line_col("é\né", 3), (2, 1));
    assert_eq!(line_col("é\né", 5), (2, 2));
    // An offset past the end, or inside a character, is clamped.
    assert_eq!(line_col("ab", 10), (1, 3));
    assert_eq!(line_col("é", 1), (1, 1));
}

#[test]
fn runtime_errors_without_a_position_point_at_their_expression() {
    for (src, at) in [
        (
            "UNWIND [1] AS x RETURN percentileCont(x, 2) AS p",
            "percentileCont",
        ),
        ("RETURN 1 AS x LIMIT $n", "$n"),
        ("UNWIND [1] AS x RETURN [1, 2][0.5..] AS s", "[1, 2][0.5..]"),
    ] {
        let err = error_of(src);
        let span = err.span.unwrap_or_else(|| panic!("{src}: no span"));
        assert_eq!(span.start, src.find(at).unwrap(), "{src}: {span:?}");
    }
}

#[test]
fn an_invalid_regex_is_described_in_one_line() {
    let err = error_of("UNWIND ['['] AS p RETURN 'a' =~ p AS r");
    assert_eq!(err.detail, Detail::InvalidRegex);
    assert!(!err.message.contains('\n'), "{}", err.message);
    assert!(!err.message.contains("(?:"), "{}", err.message);
}

#[test]
fn compile_errors_point_at_the_offending_part() {
    // The first UNION that differs from the first one, wherever it is.
    let src = "RETURN 1 AS a UNION ALL RETURN 2 AS a UNION ALL RETURN 3 AS a UNION RETURN 4 AS a";
    let err = error_of(src);
    assert_eq!(err.detail, Detail::InvalidClauseComposition);
    let span = err.span.unwrap();
    assert_eq!(&src[span.start..span.end], "UNION");
    assert_eq!(span.start, src.rfind("UNION").unwrap());

    // A syntax error on a character of several bytes spans the whole character; at the end
    // of the text it spans nothing past it.
    for (src, at) in [
        ("RETURN 1 § 2", "§"),
        ("RETURN 1 →", "→"),
        ("RETURN 1 +", ""),
    ] {
        let err = error_of(src);
        let span = err.span.unwrap();
        assert_eq!(
            span.start,
            src.find(at).filter(|_| !at.is_empty()).unwrap_or(src.len())
        );
        assert_eq!(src.get(span.start..span.end), Some(at), "{src}: {span:?}");
        render(&err, src, None);
    }
}
