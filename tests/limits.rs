//! The nesting limit: statements and values nested up to 1,000 levels work, one level more is
//! an error that names the limit and says where (never a stack overflow, whatever way the
//! text or value comes in: the library, `kg query`, scripts, parameters, imports, the shell,
//! store files), and flat chains of operators work at any length.
//!
//! The library cases run on the test harness's threads (2 MiB of stack, debug frames), one of
//! them on a 128 KiB thread; the binary cases run `kg` as a subprocess, so that an abort is a
//! failed assertion rather than the end of the test run.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::render;
use common::store::{Scratch, spawn};
use kg::graph::Mutation;
use kg::persist::{StoreOptions, SyncMode};
use kg::{Database, Detail, Error, ErrorClass, NodeId, Params, Phase, QueryError, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const LIMIT: usize = 1000;

/// `open` repeated `levels` times, then `leaf`, then `close` repeated.
fn nest(open: &str, leaf: &str, close: &str, levels: usize) -> String {
    format!("{}{leaf}{}", open.repeat(levels), close.repeat(levels))
}

/// A list nested `levels` deep around 1.
fn deep_list(levels: usize) -> Value {
    (0..levels).fold(Value::Int(1), |v, _| Value::list(vec![v]))
}

/// A map nested `levels` deep around 1: `{a: {a: 1}}` is 2.
fn deep_map(levels: usize) -> Value {
    (0..levels).fold(Value::Int(1), |v, _| {
        Value::map([(std::sync::Arc::from("a"), v)].into_iter().collect())
    })
}

/// Drops a value built deeper than the limit one level at a time: Rust's own drop recurses,
/// and this test's thread has no more stack than any other.
fn dismantle(mut v: Value) {
    while let Value::List(items) = v {
        v = match std::sync::Arc::try_unwrap(items) {
            Ok(mut items) => items.pop().unwrap_or(Value::Null),
            Err(_) => panic!("a deep value is still shared"),
        };
    }
}

fn params(pairs: &[(&str, Value)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn run(text: &str, params: &Params) -> Result<Vec<Vec<Value>>, Error> {
    let mut db = Database::in_memory();
    let mut results = db.run(text, params)?;
    Ok(results.pop().map(|r| r.rows).unwrap_or_default())
}

/// The one value the statement returns.
fn value(text: &str, params: &Params) -> Value {
    let rows = run(text, params).unwrap_or_else(|e| panic!("{}: {e}", &text[..text.len().min(80)]));
    rows[0][0].clone()
}

fn query_error(result: Result<Vec<Vec<Value>>, Error>) -> QueryError {
    match result {
        Err(Error::Query(e)) => e,
        other => panic!("expected a query error, got {other:?}"),
    }
}

/// Asserts a compile-time nesting error at byte `at` of the statement.
fn assert_refused_at(text: &str, params: &Params, at: usize) {
    let e = query_error(run(text, params));
    assert_eq!(
        (e.class, e.phase, e.detail),
        (
            ErrorClass::SyntaxError,
            Phase::CompileTime,
            Detail::NestingTooDeep
        ),
        "{e:?}"
    );
    assert!(e.message.contains("(maximum depth 1000)"), "{}", e.message);
    assert_eq!(e.span.map(|s| s.start), Some(at), "{}", e.message);
}

/// One way of nesting: the text of `levels` levels, the value 1,000 levels give, and where
/// the error points at 1,001 (as a function of the statement's text).
struct Nesting {
    name: &'static str,
    text: fn(usize) -> String,
    at_limit: Value,
    error_at: fn(&str) -> usize,
}

/// The byte offset of the `n`th (from 1) occurrence of `needle`.
fn nth(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle).nth(n - 1).unwrap().0
}

fn nestings() -> Vec<Nesting> {
    vec![
        Nesting {
            name: "parentheses",
            text: |n| format!("RETURN {} AS v", nest("(", "1", ")", n)),
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "(", LIMIT + 1),
        },
        Nesting {
            name: "lists",
            text: |n| format!("RETURN {} AS v", nest("[", "1", "]", n)),
            at_limit: deep_list(LIMIT),
            error_at: |t| nth(t, "[", LIMIT + 1),
        },
        Nesting {
            name: "maps",
            text: |n| format!("RETURN {} AS v", nest("{a: ", "1", "}", n)),
            at_limit: deep_map(LIMIT),
            error_at: |t| nth(t, "{", LIMIT + 1),
        },
        Nesting {
            name: "lists of lists",
            text: |n| format!("RETURN {} AS v", nest("[1, ", "2", ", 3]", n)),
            at_limit: (0..LIMIT).fold(Value::Int(2), |v, _| {
                Value::list(vec![Value::Int(1), v, Value::Int(3)])
            }),
            error_at: |t| nth(t, "[", LIMIT + 1),
        },
        Nesting {
            name: "NOT",
            text: |n| format!("RETURN {}true AS v", "NOT ".repeat(n)),
            at_limit: Value::Bool(true),
            // Found as the tree is built from the inside out: at the outermost NOT.
            error_at: |t| nth(t, "NOT", 1),
        },
        Nesting {
            name: "unary minus",
            text: |n| format!("RETURN {}1 AS v", "- ".repeat(n)),
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "-", 1),
        },
        Nesting {
            name: "CASE",
            text: |n| {
                format!(
                    "RETURN {} AS v",
                    nest("CASE WHEN true THEN ", "1", " END", n)
                )
            },
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "CASE", LIMIT + 1),
        },
        Nesting {
            name: "function calls",
            text: |n| format!("RETURN {} AS v", nest("abs(", "1", ")", n)),
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "(", LIMIT + 1),
        },
        Nesting {
            name: "list comprehensions",
            text: |n| format!("RETURN {} AS v", nest("[x IN ", "$one", "]", n)),
            at_limit: Value::list(vec![Value::Int(1)]),
            error_at: |t| nth(t, "[", LIMIT + 1),
        },
        Nesting {
            name: "reduce",
            text: |n| {
                format!(
                    "RETURN {} AS v",
                    nest("reduce(s = 0, x IN $one | ", "1", ")", n)
                )
            },
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "(", LIMIT + 1),
        },
        Nesting {
            name: "EXISTS subqueries",
            text: |n| {
                format!(
                    "RETURN {} AS v",
                    nest("EXISTS { WITH 1 AS x WHERE ", "true", " RETURN x }", n)
                )
            },
            at_limit: Value::Bool(true),
            error_at: |t| nth(t, "{", LIMIT + 1),
        },
        Nesting {
            name: "COUNT subqueries",
            text: |n| {
                format!(
                    "RETURN {} AS v",
                    nest("COUNT { WITH 1 AS x WHERE ", "true", " RETURN x } = 1", n)
                )
            },
            at_limit: Value::Bool(true),
            error_at: |t| nth(t, "{", LIMIT + 1),
        },
        Nesting {
            name: "CALL subqueries",
            text: |n| {
                format!(
                    "{}RETURN 1 AS v{}",
                    "CALL { ".repeat(n),
                    " } RETURN v".repeat(n)
                )
            },
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "{", LIMIT + 1),
        },
        Nesting {
            name: "property lookups",
            text: |n| format!("WITH $map AS m RETURN m{} AS v", ".a".repeat(n)),
            at_limit: Value::Int(1),
            // Also found from the inside out: at the last lookup.
            error_at: |t| nth(t, ".a", LIMIT + 1),
        },
        Nesting {
            name: "indexes",
            text: |n| format!("RETURN $list{} AS v", "[0]".repeat(n)),
            at_limit: Value::Int(1),
            error_at: |t| nth(t, "[0]", LIMIT + 1),
        },
    ]
}

fn nesting_params() -> Params {
    params(&[
        ("one", Value::list(vec![Value::Int(1)])),
        ("map", deep_map(LIMIT)),
        ("list", deep_list(LIMIT)),
    ])
}

#[test]
fn text_nested_to_the_limit_runs_and_one_level_more_is_refused_where_it_passes_it() {
    let p = nesting_params();
    for n in nestings() {
        let text = (n.text)(LIMIT);
        let got = value(&text, &p);
        assert!(
            kg::model::equals(&got, &n.at_limit) == Some(true),
            "{}: {} levels gave {got:?}",
            n.name,
            LIMIT
        );
        let text = (n.text)(LIMIT + 1);
        assert_refused_at(&text, &p, (n.error_at)(&text));
    }
}

#[test]
fn very_deep_text_is_refused_quickly() {
    let p = nesting_params();
    let started = std::time::Instant::now();
    for n in nestings() {
        let text = (n.text)(20_000);
        let e = query_error(run(&text, &p));
        assert_eq!(e.detail, Detail::NestingTooDeep, "{}: {e:?}", n.name);
    }
    // A fraction of this in a release build; the point is that nothing walks all the levels
    // once per level.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn the_limit_holds_on_a_small_stack() {
    // Parsing, planning and evaluating continue on new stack segments where the thread's own
    // runs low, so its size does not decide how deep a statement may nest: a debug build
    // needs several MiB for 1,000 levels without that. What remains on the thread's stack is
    // bounded by the limit: dropping a plan (about 250 KiB at 1,000 levels, debug) and walks
    // over values (up to a few MiB for a value 1,000 deep: those cases are left out, and the
    // deep values are built and dropped out here).
    let deep_values = [
        "lists",
        "maps",
        "lists of lists",
        "property lookups",
        "indexes",
    ];
    let cases: Vec<(String, String, Value)> = nestings()
        .into_iter()
        .filter(|n| !deep_values.contains(&n.name))
        .map(|n| ((n.text)(LIMIT), (n.text)(LIMIT + 1), n.at_limit))
        .collect();
    assert_eq!(cases.len(), 10);
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let p = params(&[("one", Value::list(vec![Value::Int(1)]))]);
            for (at_limit, past_it, expected) in cases {
                let got = value(&at_limit, &p);
                assert!(
                    kg::model::equals(&got, &expected) == Some(true),
                    "{at_limit:.40}"
                );
                let e = query_error(run(&past_it, &p));
                assert_eq!(e.detail, Detail::NestingTooDeep, "{past_it:.40}");
            }
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn flat_chains_of_any_length_work() {
    let terms = 10_000;
    let none = Params::new();
    let chain = |term: &str, op: &str| vec![term; terms].join(op);
    assert_eq!(
        value(&format!("RETURN {} AS v", chain("1", " + ")), &none),
        Value::Int(terms as i64)
    );
    assert_eq!(
        value(&format!("RETURN 0 - {} AS v", chain("1", " - ")), &none),
        Value::Int(-(terms as i64))
    );
    assert_eq!(
        value(
            &format!("RETURN size({}) AS v", chain("'ab'", " + ")),
            &none
        ),
        Value::Int(2 * terms as i64)
    );
    assert_eq!(
        value(
            &format!("RETURN {} OR true AS v", chain("false", " OR ")),
            &none
        ),
        Value::Bool(true)
    );
    assert_eq!(
        value(
            &format!("RETURN {} AS v", chain("NOT false", " AND ")),
            &none
        ),
        Value::Bool(true)
    );
    assert_eq!(
        value(&format!("RETURN {} AS v", chain("true", " XOR ")), &none),
        Value::Bool(false)
    );
    let ascending: Vec<String> = (0..terms).map(|i| i.to_string()).collect();
    assert_eq!(
        value(&format!("RETURN {} AS v", ascending.join(" < ")), &none),
        Value::Bool(true)
    );
    // A generated WHERE: one filter of 10,000 conjuncts, and 10,000 alternatives.
    let conjuncts: Vec<String> = (0..terms).map(|i| format!("x <> {}", i + 10)).collect();
    let rows = run(
        &format!(
            "UNWIND range(1, 20) AS x WITH x WHERE {} RETURN count(*) AS v",
            conjuncts.join(" AND ")
        ),
        &none,
    )
    .unwrap();
    assert_eq!(rows[0][0], Value::Int(9));
    let alternatives: Vec<String> = (0..terms).map(|i| format!("n.x = {i}")).collect();
    let rows = run(
        &format!(
            "UNWIND range(1, 20) AS x CREATE (n {{x: x}}) WITH n MATCH (m) WHERE m = n AND ({}) \
             RETURN count(*) AS v",
            alternatives.join(" OR ")
        ),
        &none,
    )
    .unwrap();
    assert_eq!(rows[0][0], Value::Int(20));
    // Grouping by a long chain compares its text once, not once per term.
    let rows = run(
        &format!(
            "UNWIND [1, 1, 2] AS x RETURN {} AS s, count(*) AS c ORDER BY s",
            chain("x", " + ")
        ),
        &none,
    )
    .unwrap();
    assert_eq!(
        rows,
        vec![
            vec![Value::Int(terms as i64), Value::Int(2)],
            vec![Value::Int(2 * terms as i64), Value::Int(1)]
        ]
    );
}

/// Asserts a runtime nesting error whose span starts at the `needle` of the statement.
fn assert_value_refused(text: &str, params: &Params, needle: &str) {
    let e = query_error(run(text, params));
    assert_eq!(
        (e.class, e.phase, e.detail),
        (
            ErrorClass::ArgumentError,
            Phase::Runtime,
            Detail::NestingTooDeep
        ),
        "{text}: {e:?}"
    );
    assert!(e.message.contains("(maximum depth 1000)"), "{}", e.message);
    assert_eq!(
        e.span.map(|s| s.start),
        text.find(needle),
        "{text}: {}",
        e.message
    );
}

#[test]
fn values_nested_past_the_limit_are_never_built() {
    let none = Params::new();
    assert_value_refused(
        "RETURN size(reduce(acc = [], x IN range(1, 1000000) | [acc])) AS v",
        &none,
        "[acc]",
    );
    assert_value_refused(
        "RETURN size(keys(reduce(acc = {}, x IN range(1, 100000) | {a: acc}))) AS v",
        &none,
        "{a: acc}",
    );
    // `[]` is one level: 999 more make 1,000.
    let at_limit = "reduce(acc = [], x IN range(1, 999) | [acc])";
    let deep = value(&format!("RETURN {at_limit} AS v"), &none);
    assert_eq!(deep.depth(), LIMIT);
    // Built any other way, one level more fails too, where it is built.
    let p = params(&[("l", deep.clone())]);
    assert_value_refused("RETURN [$l] AS v", &p, "[$l]");
    assert_value_refused("RETURN {a: $l} AS v", &p, "{a: $l}");
    assert_value_refused("RETURN [x IN [1] | $l] AS v", &p, "[x IN");
    assert_value_refused("UNWIND [1, 2] AS x RETURN collect($l) AS v", &p, "collect");
    let p = params(&[("l", deep), ("m", deep_map(LIMIT))]);
    assert_value_refused("RETURN [] + $m AS v", &p, "[] +");
    assert_value_refused("RETURN $m + [] AS v", &p, "$m +");
    assert_value_refused("WITH {a: 1} AS m RETURN m {.a, l: $l} AS v", &p, "m {");
    // A value at the limit can be compared, grouped, sorted, printed and returned.
    let rows = run(
        "UNWIND range(1, 3) AS i WITH CASE WHEN i < 3 THEN $l ELSE [2] END AS l \
         WITH l, count(*) AS c ORDER BY l DESC RETURN l = $l AS same, c",
        &p,
    )
    .unwrap();
    assert_eq!(
        rows,
        vec![
            vec![Value::Bool(false), Value::Int(1)],
            vec![Value::Bool(true), Value::Int(2)]
        ]
    );
    let mut db = Database::in_memory();
    let result = db.run("RETURN $l AS l", &p).unwrap().pop().unwrap();
    let text = &render(&result).rows[0][0];
    assert_eq!(text.len(), 2 * LIMIT);
}

#[test]
fn parameters_nested_past_the_limit_are_refused() {
    let mut p = Params::new();
    p.insert("deep".to_string(), deep_list(100_000));
    let e = query_error(run("RETURN 1 AS v", &p));
    dismantle(p.remove("deep").unwrap());
    assert_eq!(
        (e.class, e.phase, e.detail),
        (
            ErrorClass::ArgumentError,
            Phase::Runtime,
            Detail::NestingTooDeep
        )
    );
    assert!(e.message.contains("$deep"), "{}", e.message);
    let p = params(&[("deep", deep_list(LIMIT))]);
    assert_eq!(value("RETURN size($deep) AS v", &p), Value::Int(1));
}

// ---- the `kg` binary ----

struct Outcome {
    /// `None` when kg was killed by a signal (an abort).
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn kg(args: &[&str], stdin: &str) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = spawn(&mut cmd);
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(stdin.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let outcome = Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        outcome.code.is_some() && !outcome.stderr.contains("overflow"),
        "kg {args:?} died: {}",
        &outcome.stderr[..outcome.stderr.len().min(300)]
    );
    outcome
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const TOO_DEEP: &str = "nested too deeply (maximum depth 1000)";

#[test]
fn kg_query_and_scripts_refuse_deep_statements_and_go_on() {
    let deep = format!("RETURN {} AS v", nest("(", "1", ")", 2000));
    let out = kg(&["query", &deep], "");
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains(TOO_DEEP), "{}", out.stderr);
    assert!(out.stderr.contains("--> query:1:1008"), "{}", out.stderr);

    let scratch = Scratch::new("limits-script");
    let script = write(
        &scratch.path,
        "deep.cypher",
        &format!("{deep};\nRETURN 42 AS answer;\n"),
    );
    let out = kg(&["run", "--continue", "--format", "jsonl", &script], "");
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains(TOO_DEEP), "{}", out.stderr);
    assert_eq!(out.stdout, "{\"answer\":42}\n");

    let out = kg(
        &["run", "--format", "jsonl", "-"],
        &format!("RETURN 1 AS one;\n{deep};\n"),
    );
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains(TOO_DEEP), "{}", out.stderr);
    assert_eq!(out.stdout, "{\"one\":1}\n");
}

#[test]
fn the_shell_reports_a_deep_statement_and_carries_on() {
    let deep = format!("RETURN {} AS v;", nest("[", "1", "]", 5000));
    let flat = format!("RETURN {} AS total;", vec!["1"; 10_000].join(" + "));
    let out = kg(&["--history", "off"], &format!("{deep}\n{flat}\n"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains(TOO_DEEP), "{}", out.stderr);
    assert!(out.stdout.contains("| 10000 |"), "{}", out.stdout);
}

#[test]
fn parameters_from_the_command_line_are_held_to_the_limit() {
    let deep = nest("[", "1", "]", 2000);
    let out = kg(
        &[
            "--param",
            &format!("p={deep}"),
            "query",
            "RETURN size($p) AS s",
        ],
        "",
    );
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains(TOO_DEEP), "{}", out.stderr);
    let at_limit = nest("[", "1", "]", LIMIT);
    let out = kg(
        &[
            "--param",
            &format!("p={at_limit}"),
            "query",
            "--format",
            "jsonl",
            "RETURN size($p) AS s",
        ],
        "",
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "{\"s\":1}\n");

    // JSON is read by serde_json, whose own limit is 128 levels.
    let scratch = Scratch::new("limits-params");
    let json = write(
        &scratch.path,
        "params.json",
        &format!("{{\"p\": {}}}", nest("[", "1", "]", 5000)),
    );
    let out = kg(&["--params", &json, "query", "RETURN 1"], "");
    assert_eq!(out.code, Some(3));
    assert!(
        out.stderr.contains("nested too deeply (maximum depth 128)"),
        "{}",
        out.stderr
    );
}

#[test]
fn imports_refuse_deep_input() {
    let scratch = Scratch::new("limits-import");
    let deep = nest("[", "1", "]", 5000);
    let script = write(
        &scratch.path,
        "deep.cypher",
        &format!("CREATE (:A {{p: 1}});\nCREATE (:B {{p: size({deep})}});\n"),
    );
    let json = write(
        &scratch.path,
        "deep.json",
        &format!(
            "{{\"nodes\": [{{\"id\": 1, \"labels\": [\"A\"], \"properties\": {{\"p\": {deep}}}}}]}}"
        ),
    );
    let jsonl = write(
        &scratch.path,
        "deep.jsonl",
        &format!(
            "{{\"type\": \"node\", \"id\": 1, \"labels\": [\"A\"], \"properties\": {{\"p\": {deep}}}}}\n"
        ),
    );
    for file in [&script, &json, &jsonl] {
        let out = kg(&["--data", file, "query", "MATCH (n) RETURN count(n)"], "");
        assert_eq!(out.code, Some(3), "{file}: {}", out.stderr);
        assert!(out.stderr.contains("nested too deeply"), "{}", out.stderr);
    }
    // Into a store: all or nothing.
    let store = scratch.store();
    let store = store.to_str().unwrap();
    let out = kg(&["--db", store, "import", &script], "");
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(out.stderr.contains(TOO_DEEP), "{}", out.stderr);
    let out = kg(
        &[
            "--db",
            store,
            "query",
            "--format",
            "jsonl",
            "MATCH (n) RETURN count(n) AS n",
        ],
        "",
    );
    assert_eq!(out.stdout, "{\"n\":0}\n");
}

/// The log payload of one statement creating a node whose property `p` is a list nested
/// `levels` deep, encoded without building the value (dropping or encoding one that deep would
/// recurse as deep): a shallow one's encoding with the list's prefix repeated.
fn payload_with_deep_list(levels: usize) -> Vec<u8> {
    let encode = |v: &dyn erased::Encode| v.encode();
    let leaf = encode(&Value::Int(7));
    let one_level = encode(&Value::list(vec![Value::Int(7)]));
    let prefix = &one_level[..one_level.len() - leaf.len()];
    let shallow = encode(&vec![Mutation::CreateNode {
        id: NodeId(0),
        labels: Vec::new(),
        props: vec![(std::sync::Arc::from("p"), Value::Int(7))],
    }]);
    assert!(shallow.ends_with(&leaf));
    let mut payload = shallow[..shallow.len() - leaf.len()].to_vec();
    for _ in 0..levels {
        payload.extend_from_slice(prefix);
    }
    payload.extend_from_slice(&leaf);
    payload
}

mod erased {
    pub trait Encode {
        fn encode(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Encode for T {
        fn encode(&self) -> Vec<u8> {
            bincode::serde::encode_to_vec(self, bincode::config::standard()).unwrap()
        }
    }
}

/// Appends a log record with `payload` to the store's log, with valid checksums, as the
/// store's documented layout frames it.
fn append_record(store: &Path, payload: &[u8]) {
    let log = store.join("wal.kg");
    let mut header = Vec::new();
    header.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    header.extend_from_slice(&1u64.to_le_bytes()); // sequence number
    header.extend_from_slice(&1u64.to_le_bytes()); // next node id
    header.extend_from_slice(&0u64.to_le_bytes()); // next relationship id
    header.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    let crc = crc32fast::hash(&header);
    header.extend_from_slice(&crc.to_le_bytes());
    let mut file = std::fs::OpenOptions::new().append(true).open(log).unwrap();
    file.write_all(&header).unwrap();
    file.write_all(payload).unwrap();
}

fn options() -> StoreOptions {
    StoreOptions {
        sync: SyncMode::Commit,
        read_only: false,
        checkpoint_bytes: u64::MAX,
    }
}

#[test]
fn a_store_file_cannot_bring_back_a_value_past_the_limit() {
    for (levels, expected) in [(100_000, TOO_DEEP), (LIMIT, "property values must be")] {
        let scratch = Scratch::new("limits-store");
        let store = scratch.store();
        let (db, _) = Database::open(&store, options()).unwrap();
        drop(db);
        append_record(&store, &payload_with_deep_list(levels));
        let err = match Database::open(&store, options()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a store with a value {levels} deep opened"),
        };
        assert!(err.contains(expected), "{levels}: {err}");
        let out = kg(&["--db", store.to_str().unwrap(), "check"], "");
        assert_eq!(out.code, Some(3), "{}", out.stderr);
        assert!(
            out.stdout.contains(expected) || out.stderr.contains(expected),
            "{}{}",
            out.stdout,
            out.stderr
        );
    }
}
