//! The grammar and the AST builder: one statement per language feature must parse; malformed
//! statements must be refused with the right detail and a span on the offending text; the
//! builder must give expressions their structure (precedence, chained comparisons), spans and
//! column texts; and an expression printed back must parse to the same tree.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::Detail;
use kg::Value;
use kg::syntax::ast::{
    BinaryOp, ClauseKind, CmpOp, Expr, ExprKind, Projection, RelDirection, ShortestKind, Span,
    StatementKind,
};
use kg::syntax::parse_script;

/// One statement for each feature of the grammar.
const FEATURES: &[(&str, &str)] = &[
    ("match", "MATCH (n) RETURN n"),
    ("optional match", "OPTIONAL MATCH (n:A) RETURN n"),
    ("where", "MATCH (n) WHERE n.x > 1 RETURN n"),
    (
        "kg: as of",
        "MATCH (n)-[r]->(m) AS OF date('2026-03-01') WHERE n.x > 1 RETURN n",
    ),
    (
        "kg: optional as of",
        "MATCH (n) OPTIONAL MATCH (n)-->(m) AS OF $day RETURN m",
    ),
    (
        "kg: cite",
        "MATCH (s:Source), (n) CITE s QUOTE 'said so', s FOR n, n RETURN n",
    ),
    (
        "kg: cite after create",
        "CREATE (s:Source)-[:R]->(n) CITE s FOR n",
    ),
    ("kg: uncite", "MATCH (s:Source), (n) UNCITE s FOR n"),
    ("several patterns", "MATCH (a), (b)-->(c) RETURN a, b, c"),
    (
        "labels and properties",
        "MATCH (n:A:B {x: 1, y: 'z'}) RETURN n",
    ),
    ("parameter properties", "MATCH (n {name: $name}) RETURN n"),
    ("outgoing", "MATCH (a)-[r:T]->(b) RETURN r"),
    ("incoming", "MATCH (a)<-[r:T]-(b) RETURN r"),
    ("undirected", "MATCH (a)-[r:T]-(b) RETURN r"),
    ("both arrows", "MATCH (a)<-[r:T]->(b) RETURN r"),
    ("bare arrows", "MATCH (a)-->(b)<--(c)--(d) RETURN a"),
    ("type alternatives", "MATCH (a)-[r:T|U|:V]->(b) RETURN r"),
    (
        "relationship properties",
        "MATCH (a)-[r:T {since: 2020}]->(b) RETURN r",
    ),
    ("variable length", "MATCH (a)-[*]->(b) RETURN a"),
    ("fixed length", "MATCH (a)-[:T*2]->(b) RETURN a"),
    ("bounded length", "MATCH (a)-[r:T*1..3]->(b) RETURN r"),
    ("upper bound", "MATCH (a)-[*..5]->(b) RETURN a"),
    ("lower bound", "MATCH (a)-[*0..]->(b) RETURN a"),
    ("named path", "MATCH p = (a)-[:T]->(b) RETURN p"),
    (
        "shortest path",
        "MATCH p = shortestPath((a)-[*]->(b)) RETURN p",
    ),
    (
        "all shortest paths",
        "MATCH p = allShortestPaths((a)-[*..4]-(b)) RETURN p",
    ),
    ("parenthesised pattern", "MATCH p = ((a)-->(b)) RETURN p"),
    (
        "unicode arrows and dashes",
        "MATCH (a)\u{2014}[r]\u{2014}\u{27E9}(b) RETURN r",
    ),
    ("unwind", "UNWIND [1, 2] AS x RETURN x"),
    ("with", "MATCH (n) WITH n.x AS x WHERE x > 1 RETURN x"),
    (
        "with order skip limit",
        "MATCH (n) WITH n ORDER BY n.x DESC SKIP 1 LIMIT 2 RETURN n",
    ),
    ("return distinct", "MATCH (n) RETURN DISTINCT n.x AS x"),
    ("return star", "MATCH (n) RETURN *"),
    ("star and items", "MATCH (n) WITH *, 1 AS one RETURN *"),
    (
        "order by directions",
        "MATCH (n) RETURN n ORDER BY n.a ASC, n.b ASCENDING, n.c DESC, n.d DESCENDING",
    ),
    ("union", "RETURN 1 AS x UNION RETURN 2 AS x"),
    ("union all", "RETURN 1 AS x UNION ALL RETURN 2 AS x"),
    ("create", "CREATE (a:A {x: 1})-[:T]->(b), (c)"),
    ("create path", "CREATE p = (a)-[:T]->(b) RETURN p"),
    (
        "merge",
        "MERGE (n:A {x: 1}) ON CREATE SET n.new = true ON MATCH SET n.seen = true",
    ),
    (
        "set",
        "MATCH (n) SET n.x = 1, n = {y: 2}, n += {z: 3}, n:L:M",
    ),
    ("remove", "MATCH (n) REMOVE n.x, n:L:M"),
    ("delete", "MATCH (n) DELETE n"),
    ("detach delete", "MATCH (n) DETACH DELETE n"),
    (
        "foreach",
        "FOREACH (x IN [1, 2] | CREATE (:N {x: x}) SET x.y = 1)",
    ),
    ("call", "CALL db.labels()"),
    ("call without parentheses", "CALL db.labels"),
    (
        "call with yield",
        "MATCH (n) CALL test.my.proc(n.x, 2) YIELD a AS b, c WHERE b > 1 RETURN b, c",
    ),
    ("call yield star", "CALL db.labels() YIELD *"),
    ("call with backticks", "CALL `db`.`labels`()"),
    (
        "call subquery",
        "CALL { MATCH (n) RETURN n } RETURN 1 AS one",
    ),
    (
        "call subquery with scope",
        "MATCH (a) CALL (a) { MATCH (a)-->(b) RETURN b } RETURN b",
    ),
    (
        "call subquery with all",
        "MATCH (a) CALL (*) { RETURN 1 AS x } RETURN x",
    ),
    (
        "optional call",
        "MATCH (a) OPTIONAL CALL (a) { MATCH (a)-->(b) RETURN b } OPTIONAL CALL db.labels() YIELD label RETURN b, label",
    ),
    (
        "call in transactions",
        "UNWIND [1] AS x CALL { WITH x CREATE (:N {x: x}) } IN TRANSACTIONS OF 10 ROWS",
    ),
    ("show procedures", "SHOW PROCEDURES"),
    ("show functions", "SHOW FUNCTIONS"),
    ("count subquery", "MATCH (n) RETURN COUNT { (n)-->() } AS c"),
    (
        "count subquery with query",
        "MATCH (n) RETURN COUNT { MATCH (n)-->(m) WHERE m.x > 1 RETURN m } AS c",
    ),
    (
        "collect subquery",
        "MATCH (n) RETURN COLLECT { MATCH (n)-->(m) RETURN m.x } AS xs",
    ),
    ("transactions", "BEGIN"),
    ("commit", "COMMIT"),
    ("rollback", "ROLLBACK"),
    ("null and booleans", "RETURN null, true, FALSE"),
    ("integers", "RETURN 0, 42, 0x1F, 0xff, 0o17, -1"),
    ("floats", "RETURN 1.5, .5, 1e3, 1.5E-3, 2e+2"),
    (
        "strings",
        "RETURN 'a', \"b\", 'it\\'s', \"\\\"\", '\\n\\t\\\\', '\\u00e9'",
    ),
    (
        "lists and maps",
        "RETURN [1, [2]], {a: 1, `b c`: {d: []}}, [], {}",
    ),
    ("parameters", "RETURN $name, $0"),
    ("property access", "RETURN n.a.b"),
    ("map projection", "MATCH (n) RETURN n {.name, .*, k: 1, n}"),
    ("arithmetic", "RETURN 1 + 2 - 3 * 4 / 5 % 6 ^ 7, -1, +1"),
    (
        "comparisons",
        "RETURN 1 = 1, 1 <> 2, 1 != 2, 1 < 2, 1 > 2, 1 <= 2, 1 >= 2",
    ),
    ("chained comparison", "RETURN 1 < 2 <= 3"),
    ("null checks", "RETURN x IS NULL, x IS NOT NULL"),
    ("boolean operators", "RETURN a AND b OR NOT c XOR d"),
    (
        "string operators",
        "RETURN 'a' STARTS WITH 'b', 'a' ENDS WITH 'b', 'a' CONTAINS 'b', 'a' =~ 'b'",
    ),
    ("in", "RETURN 1 IN [1]"),
    (
        "index and slice",
        "RETURN l[0], l[1..2], l[..2], l[1..], m['k']",
    ),
    ("label check", "MATCH (n) WHERE n:A:B RETURN n"),
    (
        "simple case",
        "RETURN CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END",
    ),
    ("searched case", "RETURN CASE WHEN x > 1 THEN 'a' END"),
    (
        "list comprehension",
        "RETURN [x IN l WHERE x > 1 | x * 2], [x IN l WHERE x > 1], [x IN l | x]",
    ),
    (
        "pattern comprehension",
        "MATCH (a) RETURN [p = (a)-[:T]->(b) WHERE b.x > 1 | b.name]",
    ),
    (
        "quantifiers",
        "RETURN all(x IN l WHERE x > 0), any(x IN l WHERE x), none(x IN l WHERE x), single(x IN l WHERE x)",
    ),
    ("reduce", "RETURN reduce(acc = 0, x IN [1, 2] | acc + x)"),
    (
        "pattern predicate",
        "MATCH (a) WHERE (a)-[:T]->() AND NOT (a)<--(:B) RETURN a",
    ),
    (
        "exists pattern",
        "MATCH (a) WHERE EXISTS { (a)-->(b) WHERE b.x = 1 } RETURN a",
    ),
    (
        "exists query",
        "MATCH (a) WHERE EXISTS { MATCH (a)-->(b) RETURN b } RETURN a",
    ),
    (
        "shortest path expression",
        "MATCH (a), (b) RETURN shortestPath((a)-[*]-(b))",
    ),
    ("count star", "MATCH (n) RETURN count(*)"),
    (
        "distinct aggregate",
        "MATCH (n) RETURN count(DISTINCT n.x), collect(DISTINCT n)",
    ),
    ("namespaced function", "RETURN toUpper('a'), a.b.c(1)"),
    (
        "keywords in any case",
        "match (n) where n.x = 1 return distinct n order by n.x desc limit 1",
    ),
    (
        "reserved words as keys and labels",
        "MATCH (n:Match {return: 1}) RETURN n.where, n.order",
    ),
    (
        "backticks",
        "MATCH (`my node`:`My Label`) RETURN `my node`.`a key` AS `the key`",
    ),
    (
        "comments",
        "MATCH (n) /* block\ncomment */ RETURN n // line comment",
    ),
    (
        "load csv",
        "LOAD CSV WITH HEADERS FROM 'file:///people.csv' AS row FIELDTERMINATOR ';' MERGE (p:Person {name: row.name})",
    ),
];

fn parse_one(src: &str) -> kg::syntax::ast::Statement {
    let script = parse_script(src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
    assert_eq!(script.statements.len(), 1, "{src}");
    script.statements.into_iter().next().unwrap()
}

#[test]
fn every_feature_parses() {
    for (feature, src) in FEATURES {
        let script = parse_script(src).unwrap_or_else(|e| panic!("{feature}: {src}: {e:?}"));
        assert_eq!(script.statements.len(), 1, "{feature}: {src}");
    }
}

#[test]
fn scripts_split_on_semicolons() {
    let script = parse_script(";; RETURN 1; ;RETURN ';' AS x;\n// done\n").unwrap();
    assert_eq!(script.statements.len(), 2);
    assert_eq!(parse_script("").unwrap().statements.len(), 0);
    assert_eq!(
        parse_script("// only a comment\n/* and another */")
            .unwrap()
            .statements
            .len(),
        0
    );
    let script = parse_script("RETURN 1\n;\nMATCH (n)\nRETURN n").unwrap();
    assert_eq!(script.statements[1].span.start, 11);
}

/// Asserts that `src` is refused with `detail`, and that the error's span starts at the first
/// occurrence of `at` in `src` (or at the end of the text when `at` is empty).
fn assert_refused(src: &str, detail: Detail, at: &str) {
    let err = parse_script(src).expect_err(src);
    assert_eq!(err.detail, detail, "{src}: {}", err.message);
    assert_eq!(err.class, kg::ErrorClass::SyntaxError, "{src}");
    assert_eq!(err.phase, kg::Phase::CompileTime, "{src}");
    let start = if at.is_empty() {
        src.len()
    } else {
        src.find(at).unwrap()
    };
    let span = err.span.unwrap_or_else(|| panic!("{src}: no span"));
    assert_eq!(
        span.start, start,
        "{src}: span {span:?}, message {}",
        err.message
    );
    if !at.is_empty() {
        assert_eq!(&src[span.start..span.end], at, "{src}");
    }
}

#[test]
fn malformed_statements_are_refused_at_the_offending_token() {
    use Detail::*;
    let cases = [
        ("MATCH (n RETURN n", UnexpectedSyntax, "RETURN"),
        ("MACTH (n) RETURN n", UnexpectedSyntax, "MACTH"),
        ("MATCH (n) RETRUN n", UnexpectedSyntax, "RETRUN"),
        (
            "MATCH (n)\nWHERE n.x = 1\nRETURN n LIMT 1",
            UnexpectedSyntax,
            "LIMT",
        ),
        ("MATCH (n) WHERE RETURN n", UnexpectedSyntax, "RETURN"),
        ("WITH 1 AS x RETURN x ORDER x", UnexpectedSyntax, "x\u{0}"),
        ("RETURN 1 +", UnexpectedSyntax, ""),
        ("RETURN [1, 2", UnexpectedSyntax, ""),
        ("RETURN 1 AS", UnexpectedSyntax, ""),
        ("CREATE (a)-[:T]->(b", UnexpectedSyntax, ""),
        ("MATCH (a) RETURN a.", UnexpectedSyntax, ""),
        ("MATCH (a)-[:T*x]->(b) RETURN a", UnexpectedSyntax, "x"),
        ("RETURN 9223372#54775808 AS literal", UnexpectedSyntax, "#"),
        (
            "MATCH (n:Person) RETURN n.name AS all",
            UnexpectedSyntax,
            "all",
        ),
        ("RETURN 0x1G", InvalidNumberLiteral, "0x1G"),
        ("RETURN 0x AS literal", InvalidNumberLiteral, "0x"),
        ("RETURN 0o8", InvalidNumberLiteral, "0o8"),
        ("RETURN 12ab", InvalidNumberLiteral, "12ab"),
        (
            "RETURN 9223372h54775808 AS literal",
            InvalidNumberLiteral,
            "9223372h54775808",
        ),
        ("RETURN 'a\\u12G4'", InvalidUnicodeLiteral, "'a\\u12G4'"),
        ("RETURN \"\\uZZZZ\"", InvalidUnicodeLiteral, "\"\\uZZZZ\""),
        ("RETURN '\\uH'", InvalidUnicodeLiteral, "'\\uH'"),
        ("RETURN 1e400 AS x", FloatingPointOverflow, "1e400"),
        (
            "MATCH p = shortestPath((shortestPath((a)-[*]-(b)))) RETURN p",
            UnexpectedSyntax,
            "shortestPath((a)-[*]-(b))",
        ),
    ];
    for (src, detail, at) in cases {
        // A NUL in `at` marks "the second occurrence": the `x` after ORDER, not the first.
        if let Some(word) = at.strip_suffix('\u{0}') {
            let err = parse_script(src).expect_err(src);
            assert_eq!(err.detail, detail, "{src}");
            assert_eq!(err.span.unwrap().start, src.rfind(word).unwrap(), "{src}");
            continue;
        }
        assert_refused(src, detail, at);
    }
}

/// Integer literals out of range parse (the minus sign may still rescue them) and are refused
/// when the statement is compiled, pointing at the literal.
#[test]
fn integer_literals_out_of_range_are_refused_when_compiled() {
    for (src, at) in [
        ("RETURN 9223372036854775808 AS x", "9223372036854775808"),
        ("RETURN 0x8000000000000000 AS x", "0x8000000000000000"),
        ("RETURN -9223372036854775809 AS x", "9223372036854775809"),
        (
            "MATCH (n) WHERE n.x = 99999999999999999999 RETURN n",
            "99999999999999999999",
        ),
    ] {
        parse_script(src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        let Err(kg::Error::Query(err)) = kg::Database::in_memory().run(src, &kg::Params::new())
        else {
            panic!("{src}: not refused")
        };
        assert_eq!(err.detail, Detail::IntegerOverflow, "{src}");
        let span = err.span.unwrap();
        assert!(src[span.start..span.end].contains(at), "{src}: {span:?}");
    }
}

#[test]
fn a_misspelt_keyword_gets_a_suggestion() {
    let err = parse_script("MATCH (n) RETRUN n").unwrap_err();
    assert!(
        err.message.contains("did you mean RETURN?"),
        "{}",
        err.message
    );
    let err = parse_script("MATCH (n) WHERE n.x = 1 RETURN n ORDR BY n.x").unwrap_err();
    assert!(
        err.message.contains("did you mean ORDER?"),
        "{}",
        err.message
    );
    let err = parse_script("MATCH (n) RETURN n LIMIT").unwrap_err();
    assert!(!err.message.contains("did you mean"), "{}", err.message);
}

// ---- The AST builder ----

fn projection(src: &str) -> Projection {
    let statement = parse_one(src);
    let StatementKind::Query(query) = statement.kind else {
        panic!("{src}: not a query")
    };
    let clause = query.parts[0].clauses.last().unwrap().clone();
    match clause.kind {
        ClauseKind::Return { body } | ClauseKind::With { body, .. } => body,
        other => panic!("{src}: ends with {other:?}"),
    }
}

fn first_item(src: &str) -> Expr {
    projection(src).items[0].expr.clone()
}

fn text(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

#[test]
fn expressions_carry_the_span_of_their_text() {
    let src = "RETURN 1 + n.x * 2 AS y";
    let e = first_item(src);
    assert_eq!(text(src, e.span), "1 + n.x * 2");
    let ExprKind::Binary(lhs, rest) = &e.kind else {
        panic!("{e:?}")
    };
    let [(BinaryOp::Add, rhs)] = rest.as_slice() else {
        panic!("{e:?}")
    };
    assert_eq!(text(src, lhs.span), "1");
    assert_eq!(text(src, rhs.span), "n.x * 2");
    let ExprKind::Binary(prop, rest) = &rhs.kind else {
        panic!("{rhs:?}")
    };
    assert!(matches!(rest.as_slice(), [(BinaryOp::Mul, _)]), "{rhs:?}");
    assert_eq!(text(src, prop.span), "n.x");

    let src = "MATCH (n)\nWHERE n.name STARTS WITH 'é'\nRETURN toUpper( n.name ) AS up";
    let e = first_item(src);
    assert_eq!(text(src, e.span), "toUpper( n.name )");
    let StatementKind::Query(q) = parse_one(src).kind else {
        panic!()
    };
    let ClauseKind::Match {
        filter: Some(filter),
        pattern,
        ..
    } = &q.parts[0].clauses[0].kind
    else {
        panic!()
    };
    assert_eq!(text(src, filter.span), "n.name STARTS WITH 'é'");
    // (The span of a pattern part runs on over the whitespace after it.)
    assert_eq!(text(src, pattern[0].span).trim_end(), "(n)");
    assert_eq!(
        text(src, q.parts[0].clauses[0].span).trim_end(),
        "MATCH (n)\nWHERE n.name STARTS WITH 'é'"
    );
}

#[test]
fn unaliased_columns_are_named_by_their_text() {
    let body =
        projection("MATCH (p) RETURN p.name, count( * ), 1+2,   toUpper(p.name)  , p.x AS x");
    let texts: Vec<&str> = body.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        ["p.name", "count( * )", "1+2", "toUpper(p.name)", "p.x"]
    );
    assert_eq!(body.items[4].alias.as_ref().unwrap().name.as_ref(), "x");
    assert!(body.items[0].alias.is_none());
}

#[test]
fn projection_clauses_keep_their_parts() {
    let body =
        projection("MATCH (n) RETURN DISTINCT *, n.x AS x ORDER BY x DESC, n.y SKIP 2 LIMIT 3");
    assert!(body.distinct && body.star);
    assert_eq!(body.items.len(), 1);
    assert_eq!(body.order_by.len(), 2);
    assert!(body.order_by[0].descending && !body.order_by[1].descending);
    assert!(matches!(
        body.skip.unwrap().kind,
        ExprKind::Literal(Value::Int(2))
    ));
    assert!(matches!(
        body.limit.unwrap().kind,
        ExprKind::Literal(Value::Int(3))
    ));
}

#[test]
fn chained_comparisons_build_one_comparison() {
    let e = first_item("RETURN 1 < x <= 5 AS c");
    let ExprKind::Comparison(first, rest) = &e.kind else {
        panic!("{e:?}")
    };
    assert!(matches!(first.kind, ExprKind::Literal(Value::Int(1))));
    let ops: Vec<CmpOp> = rest.iter().map(|(op, _)| *op).collect();
    assert_eq!(ops, [CmpOp::Lt, CmpOp::Le]);
    assert!(matches!(&rest[0].1.kind, ExprKind::Variable(v) if v.as_ref() == "x"));

    let e = first_item("RETURN a = b <> c AS c");
    let ExprKind::Comparison(_, rest) = &e.kind else {
        panic!("{e:?}")
    };
    assert_eq!(rest.len(), 2);
    // A parenthesised comparison is an operand, not part of the chain.
    let e = first_item("RETURN (a < b) = c AS c");
    let ExprKind::Comparison(first, rest) = &e.kind else {
        panic!("{e:?}")
    };
    assert_eq!(rest.len(), 1);
    assert!(matches!(first.kind, ExprKind::Comparison(..)));
}

#[test]
fn the_smallest_integer_is_one_literal() {
    let e = first_item("RETURN -9223372036854775808 AS m");
    assert!(
        matches!(e.kind, ExprKind::Literal(Value::Int(i64::MIN))),
        "{e:?}"
    );
    let e = first_item("RETURN 9223372036854775808 AS m");
    assert!(matches!(e.kind, ExprKind::IntegerOverflow(_)), "{e:?}");
    let e = first_item("RETURN -9223372036854775807 AS m");
    assert!(
        matches!(&e.kind, ExprKind::Unary(_, inner) if matches!(inner.kind, ExprKind::Literal(Value::Int(i64::MAX)))),
        "{e:?}"
    );
}

#[test]
fn literals_get_their_values() {
    let cases: &[(&str, Value)] = &[
        ("0x1F", Value::Int(31)),
        ("0o17", Value::Int(15)),
        ("1e3", Value::Float(1000.0)),
        (".5", Value::Float(0.5)),
        ("'it\\'s'", Value::str("it's")),
        ("\"tab\\there\"", Value::str("tab\there")),
        ("'\\u00e9\\u00E9'", Value::str("éé")),
        ("'back\\\\slash'", Value::str("back\\slash")),
        ("true", Value::Bool(true)),
        ("NULL", Value::Null),
    ];
    for (src, expected) in cases {
        let e = first_item(&format!("RETURN {src} AS v"));
        let ExprKind::Literal(v) = &e.kind else {
            panic!("{src}: {e:?}")
        };
        assert!(
            kg::model::equals(v, expected) == Some(true) || (v.is_null() && expected.is_null()),
            "{src}: {v:?}"
        );
    }
}

/// The expression printed back with every operator parenthesised shows the tree's shape
/// (a chain of operators of one level is one group, applied left to right).
fn shape(expr: &str) -> String {
    first_item(&format!("RETURN {expr} AS v")).to_string()
}

#[test]
fn operators_bind_by_precedence() {
    let cases = [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("1 - 2 - 3", "(1 - 2 - 3)"),
        ("1 - (2 - 3)", "(1 - (2 - 3))"),
        ("(1 - 2) - 3", "(1 - 2 - 3)"),
        ("1 - 2 + 3", "(1 - 2 + 3)"),
        ("2 ^ 3 ^ 2", "(2 ^ 3 ^ 2)"),
        ("-2 ^ 2", "(-(2) ^ 2)"),
        ("-x.y", "-(x.y)"),
        ("a OR b AND c XOR d", "(a OR ((b AND c) XOR d))"),
        ("NOT a = b", "NOT ((a = b))"),
        ("NOT a AND b", "(NOT (a) AND b)"),
        (
            "a IS NOT NULL AND b IS NULL",
            "((a IS NOT NULL) AND (b IS NULL))",
        ),
        (
            "'a' STARTS WITH 'b' = true",
            "(('a' STARTS WITH 'b') = true)",
        ),
        ("x IN [1] = true", "((x IN [1]) = true)"),
        ("1 + 2 < 3 * 4", "((1 + 2) < (3 * 4))"),
        ("n.a.b[1][2..]", "n.a.b[1][2..]"),
        ("n:A:B OR m:C", "(n:A:B OR m:C)"),
    ];
    for (expr, expected) in cases {
        assert_eq!(shape(expr), expected, "{expr}");
    }
}

#[test]
fn patterns_keep_direction_types_and_lengths() {
    let statement = parse_one(
        "MATCH p = (a:A:B {x: 1})<-[r:T|U*1..3 {y: 2}]-(b)-[*]->(c)--(d)-[:V*2]-(e)-[*..5]->(f)-[*2..]->(g) RETURN p",
    );
    let StatementKind::Query(q) = statement.kind else {
        panic!()
    };
    let ClauseKind::Match { pattern, .. } = &q.parts[0].clauses[0].kind else {
        panic!()
    };
    let part = &pattern[0];
    assert_eq!(part.var.as_ref().unwrap().name.as_ref(), "p");
    assert_eq!(part.shortest, None);
    let start = &part.element.start;
    let labels: Vec<&str> = start.labels.iter().map(|l| l.name.as_ref()).collect();
    assert_eq!(labels, ["A", "B"]);
    assert!(start.props.is_some());
    let rels: Vec<_> = part.element.chain.iter().map(|(r, _)| r).collect();
    assert_eq!(rels[0].direction, RelDirection::Left);
    let types: Vec<&str> = rels[0].types.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(types, ["T", "U"]);
    assert_eq!(rels[0].range, Some((Some(1), Some(3))));
    assert!(rels[0].props.is_some());
    assert_eq!(rels[1].direction, RelDirection::Right);
    assert_eq!(rels[1].range, Some((None, None)));
    assert_eq!(rels[2].direction, RelDirection::Both);
    assert_eq!(rels[2].range, None);
    assert_eq!(rels[3].range, Some((Some(2), Some(2))));
    assert_eq!(rels[4].range, Some((None, Some(5))));
    assert_eq!(rels[5].range, Some((Some(2), None)));

    let statement = parse_one("MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p");
    let StatementKind::Query(q) = statement.kind else {
        panic!()
    };
    let ClauseKind::Match { pattern, .. } = &q.parts[0].clauses[0].kind else {
        panic!()
    };
    assert_eq!(pattern[0].shortest, Some(ShortestKind::All));

    // Brackets around a shortest path, or around its pattern, change nothing.
    for src in [
        "MATCH p = (shortestPath((a)-[*]-(b))) RETURN p",
        "MATCH p = ((shortestPath(((a)-[*]-(b))))) RETURN p",
    ] {
        let StatementKind::Query(q) = parse_one(src).kind else {
            panic!()
        };
        let ClauseKind::Match { pattern, .. } = &q.parts[0].clauses[0].kind else {
            panic!()
        };
        assert_eq!(pattern[0].shortest, Some(ShortestKind::Single), "{src}");
        let names: Vec<&str> = std::iter::once(&pattern[0].element.start)
            .chain(pattern[0].element.chain.iter().map(|(_, n)| n))
            .map(|n| n.var.as_ref().unwrap().name.as_ref())
            .collect();
        assert_eq!(names, ["a", "b"], "{src}");
    }
}

#[test]
fn clauses_are_built_in_order() {
    let statement = parse_one(
        "MATCH (a) OPTIONAL MATCH (a)-->(b) WITH a UNWIND [1] AS x CREATE (c) MERGE (d) SET c.x = 1 REMOVE c.x DETACH DELETE c RETURN a UNION ALL RETURN 1 AS a",
    );
    let StatementKind::Query(q) = statement.kind else {
        panic!()
    };
    assert_eq!(q.parts.len(), 2);
    assert!(q.unions[0].all);
    let names: Vec<&str> = q.parts[0]
        .clauses
        .iter()
        .map(|c| match &c.kind {
            ClauseKind::Match {
                optional: false, ..
            } => "MATCH",
            ClauseKind::Match { optional: true, .. } => "OPTIONAL MATCH",
            ClauseKind::With { .. } => "WITH",
            ClauseKind::Unwind { .. } => "UNWIND",
            ClauseKind::Create { .. } => "CREATE",
            ClauseKind::Merge { .. } => "MERGE",
            ClauseKind::Set { .. } => "SET",
            ClauseKind::Remove { .. } => "REMOVE",
            ClauseKind::Delete { detach: true, .. } => "DETACH DELETE",
            ClauseKind::Delete { .. } => "DELETE",
            ClauseKind::Return { .. } => "RETURN",
            ClauseKind::Foreach { .. } => "FOREACH",
            ClauseKind::LoadCsv { .. } => "LOAD CSV",
            ClauseKind::CallProcedure(_) => "CALL",
            ClauseKind::CallSubquery(_) => "CALL {}",
            ClauseKind::Cite { remove: true, .. } => "UNCITE",
            ClauseKind::Cite { .. } => "CITE",
        })
        .collect();
    assert_eq!(
        names,
        [
            "MATCH",
            "OPTIONAL MATCH",
            "WITH",
            "UNWIND",
            "CREATE",
            "MERGE",
            "SET",
            "REMOVE",
            "DETACH DELETE",
            "RETURN"
        ]
    );
}

#[test]
fn expressions_print_back_to_the_same_tree() {
    let expressions = [
        "1 + 2 * 3 - -4",
        "-2 ^ 2",
        "a OR b AND NOT c XOR d",
        "1 < x <= 5",
        "[x IN range(1, 10) WHERE x % 2 = 0 | x * x]",
        "[(a)-[:T*1..2]->(b:B {k: 1}) WHERE b.x > 1 | b.name]",
        "all(x IN [1, null] WHERE x > 0)",
        "reduce(s = '', x IN ['a', 'b'] | s + x)",
        "CASE x WHEN 1 THEN 'a' ELSE 'b' END",
        "CASE WHEN x IS NULL THEN [] END",
        "{a: 1, `b c`: [1.5, 'it\\'s', null]}",
        "n {.name, .*, k: n.x + 1, n}",
        "l[1..][..2][0]",
        "$param.key STARTS WITH 'x' AND n:A:B",
        "count(DISTINCT n.x) + count(*)",
        "EXISTS { (a)-->(b) WHERE b.x = 1 }",
        "COUNT { (a)-->(b) WHERE b.x = 1 } + 1",
        "COUNT { MATCH (a)-->(b) RETURN b }",
        "size(COLLECT { MATCH (a)-->(b) RETURN b.x })",
        "-9223372036854775808",
        "0.1 + 1e300 * 1.5e-10",
        "'\\u00e9\\n\\t\\\\'",
    ];
    for expr in expressions {
        let printed = shape(expr);
        let again = shape(&printed);
        assert_eq!(printed, again, "{expr} printed as {printed}");
    }
}

#[test]
fn names_that_need_backticks_print_back_quoted() {
    for expr in [
        "[`a b` IN [1] | `a b`]",
        "all(`x y` IN [1] WHERE `x y` > 0)",
        "reduce(`s s` = 0, x IN [1] | `s s` + x)",
        "n {.`a b`, `c d`: 1}",
        "EXISTS { MATCH (a)-->(b) RETURN b }",
        "$`a b` + $`a``b` + $0",
        "[`all` IN [1] | `all`] + [`match` IN [2] | `match`.x] + [`allShortestPaths` IN []]",
        "`to``Upper`(x) + db.`a b`.f(x)",
    ] {
        let printed = shape(expr);
        let again = parse_script(&format!("RETURN {printed} AS v"))
            .map(|_| shape(&printed))
            .unwrap_or_else(|e| {
                panic!(
                    "{expr} printed as {printed}, which does not parse: {}",
                    e.message
                )
            });
        assert_eq!(printed, again, "{expr}");
    }
}

#[test]
fn syntax_errors_in_call_name_what_comes_next() {
    for (src, expected) in [
        ("CALL", "a procedure name or ( or { of a subquery"),
        ("CALL db.labels() YIELD", "* or a result column"),
    ] {
        let message = parse_script(src).unwrap_err().message;
        assert!(message.contains(expected), "{src}: {message}");
    }
}

#[test]
fn syntax_errors_name_tokens_not_grammar_rules() {
    for src in [
        "RETURN [1, 2",
        "RETURN 1 +",
        "RETURN 'abc",
        "MATCH (n) RETURN n LIMT 1",
    ] {
        let message = parse_script(src).unwrap_err().message;
        for internal in [
            "op eq",
            "op neg",
            "index or slice",
            "projection body",
            "quantifier kind",
            "invalid number",
            "property lookup",
        ] {
            assert!(!message.contains(internal), "{src}: {message}");
        }
    }
}

#[test]
fn syntax_errors_say_what_the_place_expects() {
    for (src, expected) in [
        ("MATCH (a)-->", "expected a node pattern like (n)"),
        ("RETURN [(a)-->", "expected a node pattern like (n)"),
        ("RETURN 1 +", "expected an expression"),
        ("RETURN 1 AS", "expected a variable name"),
        (
            "MATCH (a)-->(",
            "expected a label, a property map or a variable name",
        ),
    ] {
        let message = parse_script(src).unwrap_err().message;
        assert!(message.ends_with(expected), "{src}: {message}");
    }
}

#[test]
fn backtick_quoted_parameters_and_functions_are_unquoted_once() {
    let expr = first_item("RETURN $`p` + $`a``b` + `toUpper`(x) + `to``Upper`(x) + a.`b c`.d(x)");
    let mut params = Vec::new();
    let mut functions = Vec::new();
    fn walk<'e>(e: &'e Expr, params: &mut Vec<&'e str>, functions: &mut Vec<&'e str>) {
        match &e.kind {
            ExprKind::Parameter(p) => params.push(p),
            ExprKind::FunctionCall { name, .. } => functions.push(&name.name),
            ExprKind::Binary(first, rest) => {
                walk(first, params, functions);
                for (_, e) in rest {
                    walk(e, params, functions);
                }
            }
            _ => {}
        }
    }
    walk(&expr, &mut params, &mut functions);
    assert_eq!(params, ["p", "a`b"]);
    assert_eq!(functions, ["toUpper", "to`Upper", "a.b c.d"]);

    let statement = parse_one("MATCH (n $`p q`) RETURN n");
    let StatementKind::Query(q) = statement.kind else {
        panic!()
    };
    let ClauseKind::Match { pattern, .. } = &q.parts[0].clauses[0].kind else {
        panic!()
    };
    let props = pattern[0].element.start.props.as_ref().unwrap();
    assert!(
        matches!(&props.kind, ExprKind::Parameter(p) if &**p == "p q"),
        "{props:?}"
    );
}

#[test]
fn each_property_lookup_of_a_set_target_spans_its_own_text() {
    let src = "MATCH (n) SET n.a.b = 1";
    let StatementKind::Query(q) = parse_one(src).kind else {
        panic!()
    };
    let ClauseKind::Set { items } = &q.parts[0].clauses[1].kind else {
        panic!()
    };
    let kg::syntax::ast::SetItem::Property { target, .. } = &items[0] else {
        panic!()
    };
    assert_eq!(text(src, target.span), "n.a.b");
    let ExprKind::Property(inner, _) = &target.kind else {
        panic!()
    };
    assert_eq!(text(src, inner.span), "n.a");
}

#[test]
fn a_bracketed_in_is_a_list_comprehension() {
    let expr = first_item("RETURN [x IN list] AS l");
    assert!(
        matches!(
            &expr.kind,
            ExprKind::ListComprehension {
                filter: None,
                map: None,
                ..
            }
        ),
        "{expr:?}"
    );
    let expr = first_item("RETURN [x IN list, 1] AS l");
    assert!(
        matches!(&expr.kind, ExprKind::List(items) if items.len() == 2),
        "{expr:?}"
    );
}

#[test]
fn length_bounds_are_integers_in_any_base() {
    let StatementKind::Query(q) = parse_one("MATCH (a)-[*0x2]->(b)-[*0o1..0x3]->(c) RETURN a").kind
    else {
        panic!()
    };
    let ClauseKind::Match { pattern, .. } = &q.parts[0].clauses[0].kind else {
        panic!()
    };
    let ranges: Vec<_> = pattern[0]
        .element
        .chain
        .iter()
        .map(|(r, _)| r.range)
        .collect();
    assert_eq!(ranges, [Some((Some(2), Some(2))), Some((Some(1), Some(3)))]);
}

#[test]
fn a_line_comment_ends_at_a_carriage_return_for_the_splitter_too() {
    let text = "RETURN 1 AS a // note\r; RETURN 2 AS b;";
    let scan = kg::syntax::split_statements(text);
    assert_eq!(scan.complete.len(), 2, "{scan:?}");
    assert_eq!(parse_script(text).unwrap().statements.len(), 2);
}

/// Syntax that Neo4j users bring, which kg does not have: the error says what it is and what
/// to write instead, pointing at it.
#[test]
fn syntax_from_neo4j_gets_a_hint() {
    let cases: &[(&str, &str, &str)] = &[
        ("SHOW DATABASES", "SHOW DATABASES", "kg --db DIR"),
        (
            "SHOW TEXT INDEXES",
            "SHOW TEXT",
            "CREATE INDEX [name] FOR (n:Label)",
        ),
        ("USE neo4j MATCH (n) RETURN n", "USE", "kg --db DIR"),
        ("CREATE DATABASE news", "CREATE DATABASE", "kg --db DIR"),
        (
            "CREATE TEXT INDEX person_name FOR (p:Person) ON (p.name)",
            "CREATE TEXT",
            "text, point, full-text",
        ),
        (
            "CREATE INDEX ON :Person(name)",
            ":",
            "CREATE INDEX [name] FOR (n:Label) ON (n.prop)",
        ),
        (
            "CREATE CONSTRAINT FOR (p:Person) REQUIRE (p.a, p.b) IS UNIQUE",
            "(",
            "REQUIRE n.prop IS UNIQUE",
        ),
        (
            "MATCH (n) SET n.seen = true FINISH",
            "FINISH",
            "last updating clause",
        ),
        (
            "USING PERIODIC COMMIT 500 LOAD CSV FROM 'f.csv' AS row CREATE ()",
            "USING PERIODIC",
            "write LOAD CSV alone",
        ),
        (
            "CYPHER 5 MATCH (n) RETURN n",
            "CYPHER 5",
            "write the statement alone",
        ),
        ("MATCH (n:Person|Company) RETURN n", "|", "WHERE n:A OR n:B"),
        (
            "MATCH (a)-[:R]->{1,3}(b) RETURN b",
            "{",
            "(a)-[:R*1..3]->(b)",
        ),
        (
            "MATCH p = SHORTEST 1 (a)--(b) RETURN p",
            "SHORTEST",
            "shortestPath",
        ),
        ("RETURN 1 IS :: INTEGER", "IS :", "valueType(x)"),
        ("CREATE UNIQUE (a)-[:R]->(b)", "CREATE UNIQUE", "MERGE"),
        (
            "START n = node(1) RETURN n",
            "START",
            "MATCH (n) WHERE id(n) = 1",
        ),
        ("GRANT ROLE reader TO ann", "GRANT", "file permissions"),
        (
            "SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'to'",
            "YIELD",
            ":help functions WORD",
        ),
        (
            "UNWIND [1] AS i CALL { WITH i CREATE () } IN TRANSACTIONS OF 2 ROWS ON ERROR CONTINUE",
            "ON ERROR",
            "ON ERROR CONTINUE or BREAK",
        ),
        (
            "UNWIND [1] AS i CALL { WITH i CREATE () } IN 4 CONCURRENT TRANSACTIONS",
            "4 CONCURRENT",
            "CONCURRENT are not supported",
        ),
    ];
    for (src, at, advice) in cases {
        let err = parse_script(src).expect_err(src);
        assert_eq!(
            err.detail,
            Detail::UnsupportedFeature,
            "{src}: {}",
            err.message
        );
        assert!(err.message.contains(advice), "{src}: {}", err.message);
        let span = err.span.unwrap();
        assert_eq!(&src[span.start..span.end], *at, "{src}: {}", err.message);
    }
}

#[test]
fn a_reserved_word_as_a_name_is_named_with_its_backtick_form() {
    for (src, word) in [
        ("MATCH (c:Company) RETURN c.name AS by", "by"),
        ("MATCH (order:Order) RETURN order", "order"),
        ("UNWIND [1] AS in RETURN 1", "in"),
    ] {
        let err = parse_script(src).expect_err(src);
        assert!(
            err.message.contains("reserved word") && err.message.contains(&format!("`{word}`")),
            "{src}: {}",
            err.message
        );
        let span = err.span.unwrap();
        assert_eq!(&src[span.start..span.end], word, "{src}");
    }
    // Where an expression may stand, a reserved word is not taken for a name.
    let err = parse_script("RETURN 1 + AS x").expect_err("1 +");
    assert!(
        err.message.contains("expected an expression"),
        "{}",
        err.message
    );
}

#[test]
fn reserved_words_are_not_variables() {
    for word in [
        "allShortestPaths",
        "shortestPath",
        "all",
        "ascending",
        "call",
    ] {
        let src = format!("WITH 1 AS {word} RETURN 1 AS one");
        let err = parse_script(&src).expect_err(&src);
        assert_eq!(err.detail, Detail::UnexpectedSyntax, "{src}");
        let quoted = format!("WITH 1 AS `{word}` RETURN `{word}`");
        parse_script(&quoted).unwrap_or_else(|e| panic!("{quoted}: {e:?}"));
    }
}

#[test]
fn an_incomplete_exponent_is_an_invalid_number() {
    assert_refused("RETURN 1.5e AS x", Detail::InvalidNumberLiteral, "1.5e");
}

#[test]
fn an_unterminated_block_comment_is_named_where_it_opens() {
    for src in [
        "RETURN 1 /* open",
        "RETURN 1 /* a;\n b */ + /* again",
        "MATCH (n) /* RETURN n */ RETURN n /*",
    ] {
        let err = parse_script(src).expect_err(src);
        assert_eq!(err.message, "unterminated comment: no closing */", "{src}");
        let at = src.rfind("/*").unwrap();
        assert_eq!(
            err.span,
            Some(kg::syntax::ast::Span::new(at, at + 2)),
            "{src}"
        );
    }
    // An error before the comment is reported as it is.
    let err = parse_script("RETURN ) /* open").unwrap_err();
    assert!(err.message.starts_with("unexpected ')'"), "{}", err.message);
    // A `/*` inside a string opens nothing.
    assert!(parse_script("RETURN '/*' AS s").is_ok());
}
