//! Data-driven query tests: every `.cypher` file under `tests/queries/` is found, loaded into a
//! fresh database of the data set it names, and run statement by statement, each result checked
//! against the expectation written under the statement.
//!
//! A test file is itself a script in kg's query language; the directives are `//` comments:
//!
//! ```text
//! // dataset: deals-small            (`seed`, `empty`, or a folder of graph-data/)
//! // params: {min: 100}              (optional: parameters for the statements after it)
//! MATCH (c:Company) RETURN c.name AS name ORDER BY name;
//! // expect:
//! // | name |
//! // | 'Acme' |
//! MATCH (n) RETURN n.x;
//! // expect: error SyntaxError.UndefinedVariable
//! CREATE (:X);
//! // expect: 0 rows
//! ```
//!
//! Tables are compared in the query language's value syntax, in order when the statement has
//! ORDER BY and as bags otherwise. An expected error also requires the graph to be unchanged.
//! Files under `tests/queries/known-bugs/` record engine bugs with their correct answers: they
//! are reported, not failed on, and the test fails once such a file passes (move it then).
//! The folder is made when a bug needs it: there is none while no known bug is open.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::Table;
use kg::{Database, Error, Params, Value};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/queries");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data");

#[derive(Debug)]
enum Expect {
    Table(Table),
    Error(String),
    Rows(usize),
}

#[derive(Debug)]
struct Case {
    /// Line of the statement's first line in the file.
    line: usize,
    text: String,
    expect: Option<(usize, Expect)>,
    /// Parameters in force for this statement (text of a map literal).
    params: Option<String>,
}

#[derive(Debug)]
struct Fixture {
    name: String,
    dataset: String,
    cases: Vec<Case>,
}

/// Reads a test file; errors describe a malformed file, with its line.
fn parse_fixture(name: &str, text: &str) -> Result<Fixture, String> {
    let mut dataset = None;
    let mut params = None;
    let mut cases: Vec<Case> = Vec::new();
    let mut pending = String::new();
    let mut pending_line = 0;
    // An open `// expect:` block: its line and table lines so far.
    let mut table: Option<(usize, Vec<String>)> = None;

    fn close(table: &mut Option<(usize, Vec<String>)>, cases: &mut [Case]) {
        if let Some((line, lines)) = table.take() {
            let parsed = common::parse_table(lines.iter().map(String::as_str));
            if let Some(case) = cases.last_mut() {
                case.expect = Some((line, Expect::Table(parsed)));
            }
        }
    }

    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.trim();
        if pending.trim().is_empty() {
            if let Some(comment) = line.strip_prefix("//") {
                let comment = comment.trim();
                if let Some((_, lines)) = table.as_mut().filter(|_| comment.starts_with('|')) {
                    lines.push(comment.to_string());
                    continue;
                }
                close(&mut table, &mut cases);
                if let Some(ds) = comment.strip_prefix("dataset:") {
                    if dataset.is_some() {
                        return Err(format!("{name}:{lineno}: a second `// dataset:` line"));
                    }
                    dataset = Some(ds.trim().to_string());
                } else if let Some(p) = comment.strip_prefix("params:") {
                    params = Some(p.trim().to_string());
                } else if let Some(e) = comment.strip_prefix("expect:") {
                    let Some(case) = cases.last_mut() else {
                        return Err(format!(
                            "{name}:{lineno}: `// expect:` before any statement"
                        ));
                    };
                    if case.expect.is_some() {
                        return Err(format!(
                            "{name}:{lineno}: a second expectation for one statement"
                        ));
                    }
                    let e = e.trim();
                    if e.is_empty() {
                        table = Some((lineno, Vec::new()));
                    } else {
                        case.expect = Some((
                            lineno,
                            parse_expect(e).map_err(|why| format!("{name}:{lineno}: {why}"))?,
                        ));
                    }
                }
                continue;
            }
            close(&mut table, &mut cases);
            if line.is_empty() {
                continue;
            }
            pending.clear();
            pending_line = lineno;
        }
        pending.push_str(raw);
        pending.push('\n');
        let scan = kg::syntax::split_statements(&pending);
        let rest = pending[scan.rest..].trim();
        if !scan.complete.is_empty() && !scan.open && (rest.is_empty() || rest.starts_with("//")) {
            for (start, end) in scan.complete {
                let statement = pending[start..end].trim();
                if !statement.is_empty() {
                    cases.push(Case {
                        line: pending_line,
                        text: statement.to_string(),
                        expect: None,
                        params: params.clone(),
                    });
                }
            }
            pending.clear();
        }
    }
    close(&mut table, &mut cases);
    if !pending.trim().is_empty() {
        return Err(format!(
            "{name}:{pending_line}: statement does not end with `;`"
        ));
    }
    let dataset = dataset.ok_or_else(|| format!("{name}: no `// dataset:` line"))?;
    if cases.is_empty() {
        return Err(format!("{name}: no statements"));
    }
    for case in &cases {
        match &case.expect {
            None => {
                return Err(format!(
                    "{name}:{}: statement has no `// expect:`",
                    case.line
                ));
            }
            Some((line, Expect::Table(t))) if t.header.is_empty() => {
                return Err(format!("{name}:{line}: `// expect:` without a table"));
            }
            _ => {}
        }
    }
    Ok(Fixture {
        name: name.to_string(),
        dataset,
        cases,
    })
}

fn parse_expect(text: &str) -> Result<Expect, String> {
    if let Some(e) = text.strip_prefix("error ") {
        let e = e.trim();
        if !e.contains('.') {
            return Err(format!("expected error `Class.Detail`, got `{e}`"));
        }
        return Ok(Expect::Error(e.to_string()));
    }
    let mut words = text.split_whitespace();
    if let (Some(n), Some("rows" | "row"), None) = (words.next(), words.next(), words.next()) {
        if let Ok(n) = n.parse() {
            return Ok(Expect::Rows(n));
        }
    }
    Err(format!("unknown expectation `{text}`"))
}

fn load_dataset(name: &str) -> Result<Database, String> {
    match name {
        "seed" => Database::default_graph().map_err(|e| format!("seed graph: {e}")),
        "empty" => Ok(Database::in_memory()),
        _ => {
            let dir = Path::new(DATA).join(name);
            let path = dir.join("load.cypher");
            if name.contains(['/', '\\', '.']) || !dir.is_dir() {
                return Err(format!("unknown dataset `{name}` (no graph-data/{name}/)"));
            }
            if !path.is_file() {
                // A folder of neo4j-admin CSV files.
                let options = kg::import::ImportOptions::default();
                let imported = kg::import::load(&[dir], &options)
                    .map_err(|e| format!("dataset {name}: {e}"))?;
                return Ok(imported.into_database());
            }
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            let mut db = Database::in_memory();
            db.run(&text, &Params::new())
                .map_err(|e| format!("dataset {name}: {e}"))?;
            Ok(db)
        }
    }
}

fn eval_params(text: &str) -> Result<Params, String> {
    let mut results = Database::in_memory()
        .run(&format!("RETURN {text} AS p"), &Params::new())
        .map_err(|e| format!("params {text}: {e}"))?;
    match results
        .pop()
        .and_then(|mut r| r.rows.pop())
        .and_then(|mut r| r.pop())
    {
        Some(Value::Map(map)) => Ok(map
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()),
        _ => Err(format!("params {text}: not a map")),
    }
}

fn is_ordered(statement: &str) -> bool {
    let words: Vec<String> = statement
        .split_whitespace()
        .map(str::to_uppercase)
        .collect();
    words.windows(2).any(|w| w[0] == "ORDER" && w[1] == "BY")
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Runs a fixture; returns one message per mismatch, each starting with `file:line`.
/// The data set written to a new store as its snapshot and opened from there, so that the
/// statements run on what a store gives back, and their writes go through its log.
fn reopened(db: &Database, dir: &Path) -> Result<Database, String> {
    let options = || kg::persist::StoreOptions {
        sync: kg::persist::SyncMode::Off,
        read_only: false,
        checkpoint_bytes: u64::MAX,
    };
    let failed = |e: &dyn std::fmt::Display| format!("store {}: {e}", dir.display());
    let mut opened = kg::persist::Store::open(dir, options()).map_err(|e| failed(&e))?;
    opened
        .store
        .checkpoint(db.graph())
        .map_err(|e| failed(&e))?;
    opened.store.close(db.graph()).map_err(|e| failed(&e))?;
    drop(opened);
    Database::open(dir, options())
        .map(|(db, _)| db)
        .map_err(|e| failed(&e))
}

fn run_fixture(fixture: &Fixture, store: Option<&Path>) -> Vec<String> {
    let name = &fixture.name;
    let loaded = load_dataset(&fixture.dataset).and_then(|db| match store {
        Some(dir) => reopened(&db, dir),
        None => Ok(db),
    });
    let mut db = match loaded {
        Ok(db) => db,
        Err(e) => return vec![format!("{name}:1: {e}")],
    };
    let mut failures = Vec::new();
    for case in &fixture.cases {
        let Some((expect_line, expect)) = &case.expect else {
            continue;
        };
        let at = format!("{name}:{} (`{}`)", case.line, first_line(&case.text));
        let params = match case.params.as_deref().map(eval_params) {
            None => Params::new(),
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                failures.push(format!("{at}: {e}"));
                continue;
            }
        };
        let before = (db.nodes(), db.rels());
        let outcome = catch_unwind(AssertUnwindSafe(|| db.run(&case.text, &params)));
        let outcome = match outcome {
            Ok(o) => o,
            Err(panic) => {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{at}: kg panicked: {why}"));
                // The database may be half-changed; nothing after this is meaningful.
                return failures;
            }
        };
        let result = outcome.map(|mut rs| rs.pop().unwrap_or_default());
        let problem = match (expect, &result) {
            (Expect::Table(expected), Ok(r)) => {
                common::compare(expected, &common::render(r), is_ordered(&case.text)).err()
            }
            (Expect::Rows(n), Ok(r)) => (r.rows.len() != *n).then(|| {
                format!(
                    "expected {n} rows, got {}: {:?}",
                    r.rows.len(),
                    common::render(r).rows
                )
            }),
            (Expect::Error(class), Ok(r)) => Some(format!(
                "expected error {class}, got {} rows: {:?}",
                r.rows.len(),
                common::render(r).rows
            )),
            (Expect::Error(class), Err(Error::Query(q))) => {
                let got = format!("{}.{}", q.class, q.detail);
                if &got != class {
                    Some(format!("expected error {class}, got {got}: {}", q.message))
                } else if before != (db.nodes(), db.rels()) {
                    Some(format!("error {class} as expected, but the graph changed"))
                } else {
                    None
                }
            }
            (_, Err(Error::Query(q))) => Some(format!(
                "unexpected error {}.{}: {}",
                q.class, q.detail, q.message
            )),
            (_, Err(e)) => Some(format!("unexpected error: {e}")),
        };
        if let Some(p) = problem {
            failures.push(format!("{at}, expectation at line {expect_line}: {p}"));
        }
    }
    failures
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "cypher") {
            out.push(path);
        }
    }
}

/// Every test file, parsed; panics listing every malformed file.
fn fixtures() -> Vec<Fixture> {
    let mut files = Vec::new();
    fixture_files(Path::new(ROOT), &mut files);
    let mut out = Vec::new();
    let mut broken = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        match parse_fixture(&name, &text) {
            Ok(f) => out.push(f),
            Err(e) => broken.push(e),
        }
    }
    assert!(
        broken.is_empty(),
        "malformed test files:\n{}",
        broken.join("\n")
    );
    out
}

fn is_known_bug(f: &Fixture) -> bool {
    f.name.contains("/known-bugs/")
}

#[test]
fn every_query_file_gets_its_expected_results() {
    let fixtures = fixtures();
    let failures: Vec<String> = fixtures
        .iter()
        .filter(|f| !is_known_bug(f))
        .flat_map(|f| run_fixture(f, None))
        .collect();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(fixtures.len() >= 20, "only {} test files", fixtures.len());
}

#[test]
fn every_query_file_gets_its_expected_results_on_a_reopened_store() {
    let fixtures = fixtures();
    let root = std::env::temp_dir().join(format!("kg-queries-store-{}", std::process::id()));
    let mut failures = Vec::new();
    for (i, f) in fixtures.iter().filter(|f| !is_known_bug(f)).enumerate() {
        let dir = root.join(i.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        failures.extend(run_fixture(f, Some(&dir)));
    }
    assert!(
        failures.is_empty(),
        "{} mismatches on a reopened store:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// Known engine bugs keep their correct expectations; they are reported here, and a file that
/// starts passing must move to its topic folder (so a fix is noticed and kept).
#[test]
fn known_bugs_are_reported_until_fixed() {
    let mut fixed = Vec::new();
    for f in fixtures().iter().filter(|f| is_known_bug(f)) {
        let failures = run_fixture(f, None);
        if failures.is_empty() {
            fixed.push(f.name.clone());
        } else {
            eprintln!(
                "known bug, still open: {}\n  {}",
                f.name,
                failures.join("\n  ")
            );
        }
    }
    assert!(
        fixed.is_empty(),
        "these known-bug files pass now; move them out of known-bugs/: {fixed:?}"
    );
}

#[test]
fn every_data_set_is_loadable_documented_and_used() {
    let schema = std::fs::read_to_string(Path::new(DATA).join("SCHEMA.md")).unwrap();
    let used: Vec<String> = fixtures().into_iter().map(|f| f.dataset).collect();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(DATA).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !path.is_dir() || name == "seed" {
            continue;
        }
        load_dataset(&name).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            schema.contains(&format!("### `{name}`")),
            "graph-data/SCHEMA.md has no `### `{name}`` section"
        );
        assert!(used.contains(&name), "no test file uses data set {name}");
        names.push(name);
    }
    assert!(names.len() >= 3, "only {names:?}");
}

// The runner itself: malformed files are refused and a wrong expectation is reported.

#[test]
fn runner_refuses_files_it_cannot_check() {
    let cases = [
        ("RETURN 1 AS x;\n// expect: 1 row\n", "no `// dataset:`"),
        ("// dataset: empty\n", "no statements"),
        ("// dataset: empty\nRETURN 1 AS x;\n", "has no `// expect:`"),
        (
            "// dataset: empty\nRETURN 1 AS x;\nRETURN 2 AS x;\n// expect: 1 row\n",
            ":2: statement has no",
        ),
        (
            "// dataset: empty\nRETURN 1 AS x\n// expect: 1 row\n",
            "does not end with",
        ),
        (
            "// dataset: empty\nRETURN 1 AS x;\n// expect: 1 row\n// expect: 1 row\n",
            "second expectation",
        ),
        (
            "// dataset: empty\nRETURN 1 AS x;\n// expect: error Oops\n",
            "Class.Detail",
        ),
        (
            "// dataset: empty\nRETURN 1 AS x;\n// expect: something\n",
            "unknown expectation",
        ),
        (
            "// dataset: empty\nRETURN 1 AS x;\n// expect:\n",
            "without a table",
        ),
    ];
    for (text, why) in cases {
        let err = parse_fixture("t.cypher", text).expect_err(text);
        assert!(err.contains(why), "{text:?}: {err}");
    }
}

#[test]
fn runner_reports_mismatches_with_their_line() {
    let text = "// dataset: empty
CREATE (:A {x: 1});
// expect: 0 rows

// A comment between statements is allowed.
MATCH (a:A)
RETURN a.x AS x;
// expect:
// | x |
// | --- |
// | 2 |
MATCH (a:A) RETURN a.x / 0 AS x;
// expect: error TypeError.InvalidArgumentType
RETURN 1 AS one; // a trailing comment
// expect: 2 rows
";
    let f = parse_fixture("t.cypher", text).unwrap();
    assert_eq!(f.cases.len(), 4);
    assert_eq!(f.cases[1].line, 6);
    let failures = run_fixture(&f, None);
    assert_eq!(failures.len(), 3, "{failures:#?}");
    assert!(
        failures[0].starts_with("t.cypher:6 (`MATCH (a:A)`), expectation at line 8: rows differ")
    );
    assert!(
        failures[1].contains("got ArgumentError.DivisionByZero"),
        "{}",
        failures[1]
    );
    assert!(
        failures[2].contains("expected 2 rows, got 1"),
        "{}",
        failures[2]
    );
    let unknown = parse_fixture(
        "u.cypher",
        "// dataset: nowhere\nRETURN 1 AS x;\n// expect: 1 row\n",
    )
    .unwrap();
    assert!(run_fixture(&unknown, None)[0].contains("unknown dataset `nowhere`"));
}

#[test]
fn runner_compares_in_order_only_with_order_by() {
    assert!(is_ordered("MATCH (n) RETURN n ORDER\n  BY n.x"));
    assert!(!is_ordered("MATCH (n) RETURN n.order AS by"));
    let text = "// dataset: empty
UNWIND [2, 1] AS x RETURN x;
// expect:
// | x |
// | 1 |
// | 2 |
UNWIND [2, 1] AS x RETURN x ORDER BY x DESC;
// expect:
// | x |
// | 1 |
// | 2 |
";
    let failures = run_fixture(&parse_fixture("t.cypher", text).unwrap(), None);
    assert_eq!(failures.len(), 1, "{failures:#?}");
    assert!(failures[0].starts_with("t.cypher:7"), "{}", failures[0]);
}

/// The text of every test file outside known-bugs/, lower-cased.
fn all_fixture_text() -> String {
    let mut files = Vec::new();
    fixture_files(Path::new(ROOT), &mut files);
    files
        .iter()
        .filter(|p| !p.to_string_lossy().contains("known-bugs"))
        .map(|p| std::fs::read_to_string(p).unwrap().to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_function_in_the_readme_is_called_by_a_test_file() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let list = readme
        .split("**Functions:**")
        .nth(1)
        .and_then(|rest| rest.split("\n- ").next())
        .expect("README lists the functions");
    let mut names: Vec<String> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(names.len() > 50, "{names:?}");
    // "their `OrNull` forms" and "the trigonometric functions" stand for several names.
    names.retain(|n| n != "OrNull" && n != "DISTINCT");
    for conversion in ["toInteger", "toFloat", "toString", "toBoolean"] {
        names.push(format!("{conversion}OrNull"));
    }
    for trig in [
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "degrees", "radians",
    ] {
        names.push(trig.to_string());
    }
    let text = all_fixture_text();
    let called = |name: &str| {
        let call = format!("{}(", name.to_lowercase());
        text.match_indices(&call).any(|(i, _)| {
            !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
    };
    let missing: Vec<&String> = names.iter().filter(|n| !called(n)).collect();
    assert!(
        missing.is_empty(),
        "functions no test file calls: {missing:?}"
    );
}

/// Details kg defines but that no statement can raise, with the reason.
const UNREACHABLE_DETAILS: &[(&str, &str)] = &[
    (
        "Interrupted",
        "raised only when a running statement is cancelled",
    ),
    (
        "TimedOut",
        "raised only past a --timeout; tests/resource_limits.rs sets one",
    ),
    (
        "InvalidRelationshipPattern",
        "defined for the classification, never raised",
    ),
    (
        "InvalidArgumentPassingMode",
        "needs a procedure that takes arguments, which no built-in one does: tests/procedures.rs registers one",
    ),
    (
        "MissingParameter",
        "needs a procedure that takes arguments, which no built-in one does: tests/procedures.rs registers one",
    ),
];

#[test]
fn every_error_detail_kg_raises_is_expected_by_a_test_file() {
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/error.rs")).unwrap();
    let details: Vec<&str> = source
        .split("pub enum Detail {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .unwrap()
        .lines()
        .map(|l| l.trim().trim_end_matches(','))
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect();
    assert!(details.len() > 30, "{details:?}");
    let text = all_fixture_text();
    let missing: Vec<&&str> = details
        .iter()
        .filter(|d| !UNREACHABLE_DETAILS.iter().any(|(u, _)| u == *d))
        .filter(|d| !text.contains(&format!(".{}\n", d.to_lowercase())))
        .collect();
    assert!(
        missing.is_empty(),
        "error details no test file expects: {missing:?}"
    );
}
