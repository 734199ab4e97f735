//! The `kg` binary as users run it: exit codes, output formats, scripts that stop or go on at a
//! failing statement, streaming from stdin, parameters, and `kg schema`.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

const KG: &str = env!("CARGO_BIN_EXE_kg");

fn data_set(name: &str) -> String {
    format!(
        "{}/graph-data/{name}/load.cypher",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A file in a fresh scratch directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "kg-cli-test-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn kg(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(KG)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: status.code().expect("kg exited normally"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Runs kg on an empty in-memory graph.
fn kg_empty(args: &[&str]) -> Run {
    let empty = TempFile::new("empty.cypher", "// nothing\n");
    let mut all = vec!["--data", empty.path()];
    all.extend_from_slice(args);
    kg(&all)
}

#[test]
fn exit_codes_say_what_went_wrong() {
    let ok = kg(&[
        "query",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN c.name AS name",
    ]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(
        ok.stdout,
        "+----------+\n| name     |\n+----------+\n| 'OpenAI' |\n+----------+\n1 row\n"
    );
    assert_eq!(ok.stderr, "");

    let query_error = kg(&["query", "RETURN nope"]);
    assert_eq!(query_error.code, 1);
    assert_eq!(query_error.stdout, "");
    assert!(
        query_error
            .stderr
            .contains("(SyntaxError.UndefinedVariable)"),
        "{}",
        query_error.stderr
    );

    for usage in [
        vec!["--bogus"],
        vec!["query"],
        vec!["query", "--format", "xml", "RETURN 1"],
        vec!["--param", "novalue", "query", "RETURN 1"],
        vec!["--param", "x=[1,", "query", "RETURN 1"],
        vec!["--param", "x=nope", "query", "RETURN 1"],
        vec!["frobnicate"],
    ] {
        let run = kg(&usage);
        assert_eq!(run.code, 2, "{usage:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{usage:?}");
    }

    // Every store option needs a store, rather than being ignored in memory.
    for (option, value) in [
        ("--read-only", None),
        ("--sync", Some("off")),
        ("--checkpoint-size", Some("4096")),
    ] {
        let mut args = vec![option];
        args.extend(value);
        args.extend(["query", "RETURN 1"]);
        let run = kg(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, format!("kg: {option} needs --db DIR\n"));
    }

    let missing = kg(&["run", "/nonexistent/script.cypher"]);
    assert_eq!(missing.code, 3, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("/nonexistent/script.cypher"),
        "{}",
        missing.stderr
    );
    assert_eq!(
        kg(&["--data", "/nonexistent/data.cypher", "query", "RETURN 1"]).code,
        3
    );
    assert_eq!(
        kg(&["--params", "/nonexistent/p.json", "query", "RETURN 1"]).code,
        3
    );
    let bad_json = TempFile::new("p.json", "{not json");
    assert_eq!(
        kg(&["--params", bad_json.path(), "query", "RETURN 1"]).code,
        3
    );
    let not_object = TempFile::new("p.json", "[1, 2]");
    assert_eq!(
        kg(&["--params", not_object.path(), "query", "RETURN 1"]).code,
        3
    );
    let broken_data = TempFile::new("data.cypher", "CREATE (:A);\nRETURN 1 / 0;\n");
    let run = kg(&["--data", broken_data.path(), "query", "RETURN 1"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(":2:8"),
        "the failing line of the data file: {}",
        run.stderr
    );
}

const TWO_PEOPLE: &str = "MATCH (p:Person)-[w:WORKS_AT]->(:Company {name: 'Acme'}) \
                          RETURN p.name AS name, w.since AS since, p.email AS email ORDER BY name";
const DAVE: &str = "MATCH (p:Person {name: 'Dave'})-[w]->() RETURN p, w, [1, 'a,b', null] AS l";

fn formatted(format: &str) -> Run {
    let run = kg(&[
        "--data",
        &data_set("deals-small"),
        "query",
        "--format",
        format,
        &format!("{TWO_PEOPLE}; {DAVE}"),
    ]);
    assert_eq!(run.code, 0, "{format}: {}", run.stderr);
    run
}

#[test]
fn table_output_uses_value_syntax_and_counts_rows() {
    assert_eq!(
        formatted("table").stdout,
        "\
+---------+-------+------------------+
| name    | since | email            |
+---------+-------+------------------+
| 'Alice' | 2015  | 'alice@acme.com' |
| 'Bob'   | 2018  | null             |
+---------+-------+------------------+
2 rows
+--------------------------+---------------------------+------------------+
| p                        | w                         | l                |
+--------------------------+---------------------------+------------------+
| (:Person {name: 'Dave'}) | [:WORKS_AT {since: 2021}] | [1, 'a,b', null] |
+--------------------------+---------------------------+------------------+
1 row
"
    );
}

#[test]
fn json_output_is_one_array_per_statement() {
    let out = formatted("json").stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0],
        r#"[{"name":"Alice","since":2015,"email":"alice@acme.com"},{"name":"Bob","since":2018,"email":null}]"#
    );
    let dave: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    let row = &dave[0];
    let node = &row["p"];
    assert_eq!(
        node.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "labels", "properties"]
    );
    assert_eq!(node["labels"], serde_json::json!(["Person"]));
    assert_eq!(node["properties"], serde_json::json!({"name": "Dave"}));
    let rel = &row["w"];
    assert_eq!(
        rel.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "type", "start", "end", "properties"]
    );
    assert_eq!(rel["type"], "WORKS_AT");
    assert_eq!(rel["start"], node["id"]);
    assert_eq!(rel["properties"], serde_json::json!({"since": 2021}));
    assert_eq!(row["l"], serde_json::json!([1, "a,b", null]));

    let path = kg(&[
        "--data",
        &data_set("deals-small"),
        "query",
        "--format",
        "json",
        "MATCH p = (:Person {name: 'Dave'})-->(c) RETURN p, c.name AS c; MATCH (n:Nothing) RETURN n; CREATE (:X)",
    ]);
    let lines: Vec<&str> = path.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "a write without RETURN prints nothing: {}",
        path.stdout
    );
    let p: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let p = &p[0]["p"];
    assert_eq!(p["nodes"].as_array().unwrap().len(), 2);
    assert_eq!(p["nodes"][1]["properties"]["name"], "Initech");
    assert_eq!(p["relationships"][0]["type"], "WORKS_AT");
    assert_eq!(lines[1], "[]");
}

#[test]
fn jsonl_output_is_one_object_per_row() {
    let out = formatted("jsonl").stdout;
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert_eq!(
        rows[0],
        serde_json::json!({"name": "Alice", "since": 2015, "email": "alice@acme.com"})
    );
    assert_eq!(rows[1]["email"], serde_json::Value::Null);
    assert_eq!(rows[2]["p"]["labels"], serde_json::json!(["Person"]));
}

#[test]
fn csv_output_follows_rfc_4180() {
    assert_eq!(
        formatted("csv").stdout,
        "\
name,since,email
Alice,2015,alice@acme.com
Bob,2018,
p,w,l
(:Person {name: 'Dave'}),[:WORKS_AT {since: 2021}],\"[1, 'a,b', null]\"
"
    );
    let quoted = kg_empty(&[
        "query",
        "--format",
        "csv",
        "RETURN 'say \"hi\"' AS q, 'two\nlines' AS l",
    ]);
    assert_eq!(quoted.stdout, "q,l\n\"say \"\"hi\"\"\",\"two\nlines\"\n");
}

#[test]
fn markdown_output_is_a_table() {
    assert_eq!(
        formatted("markdown").stdout,
        "\
| name | since | email |
| --- | --- | --- |
| 'Alice' | 2015 | 'alice@acme.com' |
| 'Bob' | 2018 | null |
2 rows
| p | w | l |
| --- | --- | --- |
| (:Person {name: 'Dave'}) | [:WORKS_AT {since: 2021}] | [1, 'a,b', null] |
1 row
"
    );
    let piped = kg_empty(&["query", "--format", "markdown", "RETURN 'a|b' AS x"]);
    assert!(piped.stdout.contains("| 'a\\|b' |"), "{}", piped.stdout);
}

const SCRIPT: &str = "CREATE (:T {n: 1});
MATCH (t:T)
RETURN t.n AS n;

// the third statement fails
MATCH (t:T)
  RETURN t.n AS n, nope;
RETURN 'after' AS x;
";

#[test]
fn a_script_stops_at_the_first_failing_statement() {
    let script = TempFile::new("script.cypher", SCRIPT);
    let run = kg_empty(&["run", script.path()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "+---+\n| n |\n+---+\n| 1 |\n+---+\n1 row\n");
    let location = format!("{}:7:20", script.path());
    assert!(run.stderr.contains("statement 3 failed"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&location),
        "{location} in {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("7 |   RETURN t.n AS n, nope;\n  |                    ^^^^\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn continue_runs_the_rest_and_still_fails() {
    let script = TempFile::new("script.cypher", SCRIPT);
    let run = kg_empty(&["run", "--continue", script.path()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with("| 'after' |\n+---------+\n1 row\n"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("statement 3 failed"), "{}", run.stderr);

    let run = kg_empty(&["query", "--continue", "RETURN 1 / 0 AS x; RETURN 2 AS y"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("| 2 |"), "{}", run.stdout);
    assert!(run.stderr.contains("statement 1 failed"), "{}", run.stderr);
}

#[test]
fn a_failing_write_changes_nothing() {
    let data = TempFile::new(
        "data.cypher",
        "CREATE (:Account {name: 'a', balance: 10}), (:Account {name: 'b', balance: 0});\n",
    );
    // The second statement credits 'b', then divides by zero on the row of 'b'.
    let script = TempFile::new(
        "script.cypher",
        "MATCH (a:Account) RETURN sum(a.balance) AS total;
MATCH (a:Account) SET a.balance = a.balance + 5 CREATE (:Log {account: a.name})
  WITH a RETURN 100 / (a.balance - 5) AS ratio;
MATCH (a:Account) OPTIONAL MATCH (l:Log) RETURN sum(a.balance) AS total, count(l) AS logs;
",
    );
    let run = kg(&[
        "--data",
        data.path(),
        "run",
        "--continue",
        "--format",
        "jsonl",
        script.path(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "{\"total\":10}\n{\"total\":10,\"logs\":0}\n");
    assert!(run.stderr.contains("statement 2 failed"), "{}", run.stderr);
    assert!(
        run.stderr.contains("(ArgumentError.DivisionByZero)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{}:3:", script.path())),
        "{}",
        run.stderr
    );
}

/// Reads stdout lines on a thread so that the test can wait for output with a time limit.
fn line_reader(stdout: std::process::ChildStdout) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Collects lines until one equals `last`.
fn read_until(rx: &mpsc::Receiver<String>, last: &str) -> Vec<String> {
    let mut lines = Vec::new();
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no `{last}` after {lines:?}"));
        let done = line == last;
        lines.push(line);
        if done {
            return lines;
        }
    }
}

#[test]
fn run_dash_streams_statements_from_stdin() {
    let empty = TempFile::new("empty.cypher", "");
    let mut child = Command::new(KG)
        .args(["--data", empty.path(), "run", "-", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let rx = line_reader(child.stdout.take().unwrap());

    // The first statement's result arrives while stdin is still open.
    stdin
        .write_all(b"CREATE (:S {n: 1});\nMATCH (s:S) RETURN s.n AS n;\n")
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(read_until(&rx, "{\"n\":1}"), ["{\"n\":1}"]);

    // A statement split over two writes runs once its `;` arrives.
    stdin.write_all(b"MATCH (s:S)\n").unwrap();
    stdin.flush().unwrap();
    stdin.write_all(b"RETURN s.n + 1 AS m;\n").unwrap();
    stdin.flush().unwrap();
    assert_eq!(read_until(&rx, "{\"m\":2}"), ["{\"m\":2}"]);

    // The last statement needs no `;`.
    stdin.write_all(b"RETURN 'end' AS e").unwrap();
    drop(stdin);
    assert_eq!(read_until(&rx, "{\"e\":\"end\"}"), ["{\"e\":\"end\"}"]);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn run_dash_stops_at_a_failing_statement() {
    let empty = TempFile::new("empty.cypher", "");
    let mut child = Command::new(KG)
        .args(["--data", empty.path(), "run", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"RETURN 1 AS a;\nRETURN\n  nope;\nRETURN 3 AS c;\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("| 1 |") && !stdout.contains("| 3 |"),
        "{stdout}"
    );
    assert!(
        stderr.contains("statement 2 failed") && stderr.contains("stdin:3:3"),
        "{stderr}"
    );
}

#[test]
fn parameters_take_literals_and_json() {
    let run = kg_empty(&[
        "--param",
        "n=10",
        "--param",
        "s='it\\'s'",
        "--param",
        "l=[1, 'two', [3]]",
        "--param",
        "m={k: 'v', n: null}",
        "--param",
        "$f=1.5",
        "query",
        "--format",
        "json",
        "RETURN $n + 1 AS n, $s AS s, $l AS l, $m AS m, $f AS f",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{"n": 11, "s": "it's", "l": [1, "two", [3]], "m": {"k": "v", "n": null}, "f": 1.5}])
    );

    let file = TempFile::new(
        "params.json",
        r#"{"n": 3, "s": "text", "l": [1, 2.5, null], "m": {"k": [true]}, "big": 9007199254740993}"#,
    );
    let run = kg_empty(&[
        "--params",
        file.path(),
        "query",
        "--format",
        "jsonl",
        "RETURN $n AS n, $s AS s, $l AS l, $m AS m, $big AS big",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "{\"n\":3,\"s\":\"text\",\"l\":[1,2.5,null],\"m\":{\"k\":[true]},\"big\":9007199254740993}\n"
    );

    // --param overrides the same name from --params.
    let run = kg_empty(&[
        "--params",
        file.path(),
        "--param",
        "n=4",
        "query",
        "--format",
        "jsonl",
        "RETURN $n AS n",
    ]);
    assert_eq!(run.stdout, "{\"n\":4}\n");

    let missing = kg_empty(&["query", "RETURN $absent AS x"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("ParameterMissing"),
        "{}",
        missing.stderr
    );
}

#[test]
fn global_options_are_accepted_after_the_subcommand() {
    let run = kg(&[
        "query",
        "--param",
        "x=1",
        "RETURN $x AS x",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "x\n1\n");
    let run = kg(&[
        "query",
        "MATCH (n) RETURN count(n) AS n",
        "--data",
        &data_set("social"),
        "--format",
        "csv",
    ]);
    assert_eq!(run.stdout, "n\n6\n");
    let run = kg(&["schema", "--data", &data_set("social"), "--format", "csv"]);
    assert!(
        run.stdout.starts_with("label,nodes\nPerson,6\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn schema_lists_labels_types_and_keys_with_counts() {
    let run = kg(&[
        "--data",
        &data_set("deals-small"),
        "schema",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3, "{}", run.stdout);
    assert_eq!(
        docs[0],
        serde_json::json!([
            {"label": "Company", "nodes": 5},
            {"label": "Deal", "nodes": 5},
            {"label": "Person", "nodes": 5},
        ])
    );
    assert_eq!(
        docs[1],
        serde_json::json!([
            {"type": "INVESTED_IN", "from": ":Company", "to": ":Company", "relationships": 2},
            {"type": "NEGOTIATED", "from": ":Person", "to": ":Deal", "relationships": 5},
            {"type": "PARTY_TO", "from": ":Company", "to": ":Deal", "relationships": 9},
            {"type": "WORKS_AT", "from": ":Person", "to": ":Company", "relationships": 5},
        ])
    );
    let keys: Vec<(String, String, u64)> = docs[2]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["key"].as_str().unwrap().to_string(),
                k["on"].as_str().unwrap().to_string(),
                k["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("age", "node", 4),
        ("amount", "relationship", 2),
        ("closed", "node", 5),
        ("country", "node", 4),
        ("currency", "node", 5),
        ("email", "node", 3),
        ("founded", "node", 5),
        ("name", "node", 15),
        ("probability", "node", 4),
        ("public", "node", 3),
        ("revenue", "node", 3),
        ("role", "relationship", 13),
        ("since", "relationship", 5),
        ("tags", "node", 1),
        ("value", "node", 4),
        ("year", "node", 5),
    ];
    let expected: Vec<(String, String, u64)> = expected
        .iter()
        .map(|(k, on, n)| (k.to_string(), on.to_string(), *n))
        .collect();
    assert_eq!(keys, expected);

    // Without --data, the schema is the article graph's.
    let run = kg(&["schema", "--format", "csv"]);
    assert!(run.stdout.contains("\nCompany,6\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\nCloudProvider,3\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\nOPERATED_BY,"), "{}", run.stdout);
}

#[test]
fn writes_note_that_the_graph_is_in_memory() {
    let run = kg_empty(&["query", "CREATE (:A {x: 1}); CREATE (:B)"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("Created 1 node, set 1 property"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("note: this graph is in memory").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn parameter_names_must_be_names() {
    for pair in ["=5", "$=5", "a b=5", "1x=5"] {
        let run = kg_empty(&["--param", pair, "query", "RETURN 1"]);
        assert_eq!(run.code, 2, "--param {pair}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("is not a parameter name"),
            "{}",
            run.stderr
        );
    }
    let run = kg_empty(&[
        "--param",
        "$`a b`=5",
        "query",
        "--format",
        "csv",
        "RETURN $`a b` AS x",
    ]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "x\n5\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_parameters_beyond_64_bits_are_refused_as_imports_refuse_them() {
    let file = TempFile::new("params.json", r#"{"ok": 1, "big": [9223372036854775808]}"#);
    let run = kg_empty(&["--params", file.path(), "query", "RETURN $ok"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("parameter big: integer 9223372036854775808 is out of range (64-bit)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bare_word_parameter_value_is_told_to_be_quoted() {
    let run = kg_empty(&["--param", "name=Nordlys", "query", "RETURN $name AS name"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("text needs quotes: --param \"name='Nordlys'\""),
        "{}",
        run.stderr
    );
    let quoted = kg_empty(&["--param", "name='Nordlys'", "query", "RETURN $name AS name"]);
    assert_eq!(quoted.code, 0, "{}", quoted.stderr);
    assert!(quoted.stdout.contains("'Nordlys'"), "{}", quoted.stdout);
}

#[test]
fn a_parameter_value_must_be_one_literal() {
    for value in [
        "x=1, 2",
        "x=1 AS a, 2",
        "x=1 AS value UNION RETURN 'other'",
        "x=1 AS value; CREATE (n:Evil) RETURN n",
    ] {
        let run = kg_empty(&["--param", value, "query", "RETURN $x AS x"]);
        assert_eq!(run.code, 2, "--param {value}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn the_shell_reads_statements_until_quit() {
    let empty = TempFile::new("empty.cypher", "");
    let mut child = Command::new(KG)
        .args(["--data", empty.path()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"CREATE (:A {x: 1});\nRETURN nope;\nMATCH (a:A)\nRETURN a.x AS x;\n:quit\nRETURN 'never' AS n;\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("kg shell on data file "), "{stdout}");
    // The failing statement is reported, and the shell goes on with the graph it had.
    assert!(
        stderr.contains("(SyntaxError.UndefinedVariable)"),
        "{stderr}"
    );
    assert!(
        stdout.contains("| x |\n+---+\n| 1 |\n+---+\n1 row ("),
        "{stdout}"
    );
    assert!(!stdout.contains("never"), "{stdout}");
}

/// Reads the first line of `kg query --format FORMAT` over a long result, then closes the pipe.
fn stop_reading_early(format: &str) -> (Option<i32>, String, String) {
    let empty = TempFile::new("empty.cypher", "");
    let mut child = Command::new(KG)
        .args([
            "--data",
            empty.path(),
            "query",
            "--format",
            format,
            "UNWIND range(1, 30000) AS i RETURN i",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        first,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    for format in ["table", "json", "jsonl", "markdown"] {
        let (code, first, stderr) = stop_reading_early(format);
        assert_eq!(code, Some(0), "{format}");
        assert!(!first.is_empty(), "{format}");
        assert_eq!(stderr, "", "{format}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error_for_csv() {
    let (code, first, stderr) = stop_reading_early("csv");
    assert_eq!((code, first.as_str()), (Some(0), "i\n"));
    assert_eq!(stderr, "");
}

/// Runs kg with stdout on /dev/full, where every write fails with "no space left".
#[cfg(target_os = "linux")]
fn kg_to_full_disk(args: &[&str]) -> Run {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(KG)
        .args(args)
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("kg exited normally"),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_a_data_error() {
    let script = TempFile::new("two.cypher", "RETURN 1 AS a;\nCREATE (:Never);\n");
    for args in [
        &["query", "RETURN 1"][..],
        &["query", "--format", "json", "RETURN 1"],
        &["run", "--continue", script.path()],
        &["schema"],
        &["export", "--format", "json"],
    ] {
        let run = kg_to_full_disk(args);
        assert_eq!(run.code, 3, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("No space left on device"),
            "{args:?}: {}",
            run.stderr
        );
        // The script stopped at the statement whose rows were lost.
        assert!(
            !run.stderr.contains("Created 1 node"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_script_that_is_not_utf8_is_named_by_line_and_column() {
    let script = TempFile::new("latin1.cypher", "");
    std::fs::write(&script.0, b"RETURN 1 AS a;\nRETURN 'caf\xe9' AS b;\n").unwrap();
    let run = kg_empty(&["run", script.path()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    // The statement before the bad line ran, as statements run when they are complete.
    assert!(run.stdout.contains("| 1 |"), "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!(
            "cannot read {}: line 2, column 12: not UTF-8 text",
            script.path()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn statements_before_bytes_that_are_not_utf8_run_on_the_same_line_too() {
    let mut child = Command::new(KG)
        .args(["run", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"RETURN 1 AS a; RETURN 2 AS b;\xffRETURN 3 AS c;\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stdout.contains("| 1 |") && stdout.contains("| 2 |"),
        "{stdout}"
    );
    assert!(!stdout.contains("| 3 |"), "{stdout}");
    assert!(
        stderr.contains("cannot read stdin: line 1, column 30: not UTF-8 text"),
        "{stderr}"
    );
}

#[test]
fn format_aliases_are_accepted_where_file_names_accept_them() {
    let dot = kg(&[
        "export",
        "--format",
        "gv",
        "--query",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN c",
    ]);
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    assert!(dot.stdout.contains("\ndigraph kg {"), "{}", dot.stdout);
    let script = kg(&[
        "export",
        "--format",
        "cql",
        "--query",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN c",
    ]);
    assert_eq!(script.code, 0, "{}", script.stderr);
    assert!(
        script.stdout.contains("CREATE (:_KgExport:Company"),
        "{}",
        script.stdout
    );
    let lines = TempFile::new(
        "g.txt",
        "{\"type\":\"node\",\"id\":\"1\",\"labels\":[\"A\"]}\n",
    );
    let db = TempFile::new("unused", "");
    let store = db.0.with_file_name("store");
    let store = store.to_str().unwrap();
    let run = kg(&["--db", store, "import", "--format", "ndjson", lines.path()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("imported 1 node and 0 relationships"),
        "{}",
        run.stderr
    );
    let statements = TempFile::new("s.txt", "CREATE (:B);\n");
    let run = kg(&[
        "--db",
        store,
        "import",
        "--format",
        "cql",
        statements.path(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("imported 1 node and 0 relationships"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_export_query_error_names_the_statement_that_failed() {
    for (query, number) in [
        ("MATCH (n) RETURN m", 1),
        (
            "MATCH (c:Company) RETURN c;\n// the second:\nMATCH (n) RETURN m;",
            2,
        ),
    ] {
        let run = kg(&["export", "--format", "json", "--query", query]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("statement {number} failed:\n")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("UndefinedVariable"), "{}", run.stderr);
    }
}

#[test]
fn kuzu_needs_a_directory_and_dialects_are_for_scripts() {
    let kuzu = kg(&["export", "--format", "kuzu"]);
    assert_eq!(kuzu.code, 2, "{}", kuzu.stderr);
    assert!(
        kuzu.stderr
            .contains("the kuzu format writes a directory of files: give one with -o DIR"),
        "{}",
        kuzu.stderr
    );
    let json = kg(&["export", "--format", "json", "--dialect", "neo4j"]);
    assert_eq!(json.code, 2, "{}", json.stderr);
    assert!(
        json.stderr
            .contains("--dialect is for --format cypher, not json"),
        "{}",
        json.stderr
    );
    let neo4j = kg(&["export", "--format", "cypher", "--dialect", "neo4j"]);
    assert_eq!(neo4j.code, 0, "{}", neo4j.stderr);
    assert!(
        neo4j
            .stdout
            .lines()
            .any(|l| l == "DROP INDEX _KgExport_kg_id;"),
        "{}",
        neo4j.stdout
    );
}

/// Runs `sh -c SCRIPT` with kg's path as `$KG` and the address space capped at 2 GB, so that
/// a kg that reads endless input into memory aborts quickly instead of filling the machine.
#[cfg(target_os = "linux")]
fn sh_capped(script: &str) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v 2000000; {script}"))
        .env("KG", KG)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn endless_input_stops_at_the_statement_size_limit() {
    let store = TempFile::new("unused", "");
    let db = store.0.with_file_name("db");
    let db = db.to_str().unwrap();
    let line = "line 1 is longer than 32 MiB, the most kg reads as one line";
    let statement = "the statement starting on line 3 is longer than 32 MiB, the most kg reads as one statement (is a `;` missing?)";
    for (script, expected) in [
        (
            "\"$KG\" run /dev/zero",
            format!("cannot read /dev/zero: {line}"),
        ),
        (
            "\"$KG\" run - < /dev/zero",
            format!("cannot read stdin: {line}"),
        ),
        (
            "\"$KG\" --data /dev/zero query 'RETURN 1'",
            format!("cannot read /dev/zero: {line}"),
        ),
        (
            "\"$KG\" --params /dev/zero query 'RETURN 1'",
            "cannot read /dev/zero: longer than 32 MiB, the most kg reads as a parameters file"
                .to_string(),
        ),
        (
            &format!("\"$KG\" --db {db} import --format jsonl /dev/zero"),
            format!("cannot read /dev/zero: {line}"),
        ),
        (
            &format!("\"$KG\" --db {db} import --format csv /dev/zero"),
            format!("cannot read /dev/zero: {line}"),
        ),
        (
            "\"$KG\" --history off shell < /dev/zero",
            format!("shell input failed: {line}"),
        ),
        // Lines that never end a statement: the limit counts the statement, not the line.
        (
            "(echo 'RETURN 1 AS a;'; echo; yes 'MATCH (n)') | \"$KG\" --history off shell",
            format!("shell input failed: {statement}"),
        ),
        (
            "(echo 'RETURN 1 AS a;'; echo; yes 'MATCH (n)') | \"$KG\" run -",
            format!("cannot read stdin: {statement}"),
        ),
        (
            "(echo 'RETURN 1 AS a;'; echo; yes 'MATCH (n)') | \"$KG\" --data /dev/stdin query 'RETURN 1'",
            format!("cannot read /dev/stdin: {statement}"),
        ),
    ] {
        let run = sh_capped(script);
        assert_eq!(run.code, 3, "{script}: {}", run.stderr);
        assert!(
            run.stderr.contains(&expected),
            "{script}: wanted {expected:?} in {}",
            run.stderr
        );
    }
    // The statement before the endless one ran, as statements run when they are complete.
    let run = sh_capped("(echo 'RETURN 1 AS a;'; yes 'MATCH (n)') | \"$KG\" run -");
    assert!(run.stdout.contains("| 1 |"), "{}", run.stdout);
}

/// kg run in `dir` (so that relative paths are short), with `stdin` as its input.
fn kg_in(dir: &std::path::Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(KG)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("kg exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn no_output_may_write_over_the_store_or_an_input() {
    let csv = TempFile::new("in.csv", ":ID,name\n1,a\n1,b\n");
    let dir = csv.0.parent().unwrap();
    let files = |paths: &[&str]| -> Vec<Vec<u8>> {
        paths
            .iter()
            .map(|p| std::fs::read(dir.join(p)).unwrap_or_default())
            .collect()
    };
    assert_eq!(
        kg_in(dir, &["--db", "db", "query", "CREATE (:A {x: 1})"], "").code,
        0
    );
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    // Another name for the log: only device and inode tell.
    std::fs::hard_link(dir.join("db/wal.kg"), dir.join("elsewhere/log.json")).unwrap();
    std::fs::write(dir.join("in.jsonl"), "{\"type\":\"node\",\"id\":\"1\"}\n").unwrap();
    let kept = ["db/snapshot.kg", "db/wal.kg", "in.csv", "in.jsonl"];
    let before = files(&kept);
    for (args, expected) in [
        (
            &[
                "--db",
                "db",
                "export",
                "--format",
                "json",
                "-o",
                "db/snapshot.kg",
            ][..],
            "-o db/snapshot.kg is the store's file db/snapshot.kg",
        ),
        (
            &[
                "--db",
                "db",
                "export",
                "--format",
                "json",
                "-o",
                "elsewhere/log.json",
            ],
            "-o elsewhere/log.json is the store's file db/wal.kg",
        ),
        (
            &[
                "--db",
                "db",
                "export",
                "--format",
                "json",
                "-o",
                "db/new.json",
            ],
            "-o db/new.json is inside the store directory db",
        ),
        (
            &["--db", "db", "export", "--format", "csv", "-o", "db"],
            "-o db is the store directory db",
        ),
        (
            &[
                "--data", "in.jsonl", "export", "--format", "jsonl", "-o", "in.jsonl",
            ],
            "-o in.jsonl is the input in.jsonl",
        ),
        (
            &[
                "--db",
                "db2",
                "import",
                "in.csv",
                "--skip-bad",
                "--bad-log",
                "in.csv",
            ],
            "--bad-log in.csv is the input in.csv",
        ),
        (
            &[
                "--db",
                "db2",
                "import",
                "in.csv",
                "--skip-bad",
                "--bad-log",
                "./elsewhere/../in.csv",
            ],
            "--bad-log ./elsewhere/../in.csv is the input in.csv",
        ),
        (
            &[
                "--db",
                "db",
                "import",
                "in.jsonl",
                "--skip-bad",
                "--bad-log",
                "db/wal.kg",
            ],
            "--bad-log db/wal.kg is the store's file db/wal.kg",
        ),
    ] {
        let run = kg_in(dir, args, "");
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("kg: {expected}")),
            "{args:?}: wanted {expected:?} in {}",
            run.stderr
        );
        assert_eq!(files(&kept), before, "{args:?} changed a file");
    }
    // The shell's :export is refused the same way, and the shell goes on.
    let run = kg_in(
        dir,
        &["--db", "db", "--history", "off", "shell"],
        ":export json db/snapshot.kg MATCH (n) RETURN n\nRETURN 7 AS seven;\n",
    );
    assert!(
        run.stderr
            .contains(":export db/snapshot.kg is the store's file db/snapshot.kg"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("| 7     |"), "{}", run.stdout);
    assert_eq!(files(&kept), before, ":export changed a file");
    let run = kg_in(
        dir,
        &["--db", "db", "query", "MATCH (n) RETURN n.x AS x"],
        "",
    );
    assert!(run.stdout.contains("| 1 |"), "{}", run.stdout);
    // A bad-row log is written only when there is a bad row.
    let good = TempFile::new("good.csv", ":ID,name\n1,a\n");
    let log = dir.join("never.log");
    let run = kg_in(
        dir,
        &[
            "--db",
            "db3",
            "import",
            good.path(),
            "--skip-bad",
            "--bad-log",
            log.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!log.exists(), "the log was created without a bad row");
}

#[cfg(target_os = "linux")]
#[test]
fn an_export_that_fails_part_way_leaves_the_old_file_and_no_fragment() {
    let old = TempFile::new("out.json", "old\n");
    let dir = old.0.parent().unwrap();
    std::fs::create_dir(dir.join("csv")).unwrap();
    std::fs::write(dir.join("csv/nodes.csv"), "old\n").unwrap();
    std::fs::create_dir(dir.join("kuzu")).unwrap();
    std::fs::write(dir.join("kuzu/schema.cypher"), "old\n").unwrap();
    // Files may not grow past 4 KiB (SIGXFSZ ignored): writes past that fail, as on a full
    // disk. The article graph takes more.
    for args in [
        "--format json -o out.json",
        "--format graphml -o out.json",
        "--format csv -o csv",
        "--format kuzu -o kuzu",
    ] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f 8; exec \"$0\" export {args}"
            ))
            .arg(KG)
            .current_dir(dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args}: {stderr}");
        assert!(stderr.contains("File too large"), "{args}: {stderr}");
        assert_eq!(std::fs::read_to_string(&old.0).unwrap(), "old\n", "{args}");
        assert_eq!(
            std::fs::read_to_string(dir.join("csv/nodes.csv")).unwrap(),
            "old\n",
            "{args}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("kuzu/schema.cypher")).unwrap(),
            "old\n",
            "{args}"
        );
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .chain(std::fs::read_dir(dir.join("csv")).unwrap())
            .chain(std::fs::read_dir(dir.join("kuzu")).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["csv", "kuzu", "nodes.csv", "out.json", "schema.cypher"],
            "{args}: a fragment was left"
        );
    }
}

#[test]
fn after_an_unbalanced_bracket_a_script_resumes_at_the_next_line_ending_semicolon() {
    let mut text = String::from("MATCH (n:N RETURN n;\n");
    for i in 0..1000 {
        text.push_str(&format!("CREATE (:N {{i: {i}}});\n"));
    }
    text.push_str("MATCH (n:N) RETURN count(n) AS n;\n");
    let script = TempFile::new("unbalanced.cypher", &text);
    let run = kg_empty(&["run", "--continue", "--format", "jsonl", script.path()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "{\"n\":1000}\n", "{}", run.stderr);
    assert!(
        run.stderr.starts_with("statement 1 failed:\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("--> {}:1:12", script.path())),
        "{}",
        run.stderr
    );
    // An import with --skip-bad rejects that statement alone.
    let store = script.0.with_file_name("db");
    let run = kg(&[
        "--db",
        store.to_str().unwrap(),
        "import",
        "--skip-bad",
        script.path(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 row rejected"), "{}", run.stderr);
    assert!(run.stderr.contains("imported 1000 nodes"), "{}", run.stderr);
}

#[test]
fn as_of_applies_a_date_to_every_match_without_its_own() {
    let exclusive = "MATCH ({name: 'Microsoft'})-[d]-({name: 'OpenAI'}) WHERE d.exclusive \
                     RETURN count(d) AS n";
    let count = |args: &[&str]| {
        let run = kg(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    // Before, on the last day of and after the exclusivity that ended in April 2026.
    for (date, n) in [
        ("2026-03-01", 1),
        ("2026-04-30", 1),
        ("2026-05-01", 0),
        ("2026-06-01", 0),
    ] {
        let out = count(&["--as-of", date, "query", "--format", "csv", exclusive]);
        assert_eq!(out, format!("n\n{n}\n"), "as of {date}");
    }
    // Without --as-of, both the ended and the current distribution are seen.
    let out = count(&[
        "query",
        "--format",
        "csv",
        "MATCH ({name: 'Microsoft'})-[d:DISTRIBUTES]->() RETURN count(d) AS n",
    ]);
    assert_eq!(out, "n\n2\n");
    // A MATCH with its own AS OF keeps it.
    let own = "MATCH ({name: 'Microsoft'})-[d:DISTRIBUTES]->() AS OF date('2026-03-01') \
               RETURN d.exclusive AS e";
    let out = count(&["--as-of", "2026-06-01", "query", "--format", "csv", own]);
    assert_eq!(out, "e\ntrue\n");
    let bad = kg(&["--as-of", "April", "query", "RETURN 1"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("'April' is not a date"),
        "{}",
        bad.stderr
    );
}

#[test]
fn misspelt_names_still_run_and_get_a_note_on_stderr() {
    let run = kg(&["query", "MATCH (a:Agreemnt) RETURN count(a) AS n"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("| 0 |"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "note: no label Agreemnt in the graph; did you mean Agreement?\n"
    );
    // JSON output keeps stdout clean: the notes go to stderr only.
    let run = kg(&[
        "query",
        "--format",
        "json",
        "MATCH (a:Agreement)<-[:PARTY_TOO]-(c) RETURN c.nam AS n",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "[]\n");
    assert!(
        run.stderr
            .contains("note: no relationship type PARTY_TOO in the graph; did you mean PARTY_TO?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("note: no property key nam in the graph; did you mean name?"),
        "{}",
        run.stderr
    );
    // Names that exist, and names the statement itself creates, get none.
    let run = kg_empty(&["query", "CREATE (n:Brandnew {zz: 1}) RETURN n.zz AS zz"]);
    assert!(!run.stderr.contains("no label"), "{}", run.stderr);
    assert!(!run.stderr.contains("no property key"), "{}", run.stderr);
    let run = kg(&["query", "MATCH (p:Person)-[w:WORKS_AT]->(c) RETURN w.role"]);
    assert_eq!(run.stderr, "");
    // Nothing close: the note names the name alone.
    let run = kg(&["query", "MATCH (x:Zebra) RETURN x"]);
    assert_eq!(run.stderr, "note: no label Zebra in the graph\n");
}
