//! Same answers elsewhere: kg's exports load into FalkorDB (the cypher script: the portable
//! one for the article graph, the FalkorDB dialect for the benchmark's) and Kuzu (the kuzu
//! export), and there SCHEMA.md's questions (on the article graph) and the benchmark's
//! queries (`../shared/bench/queries.md`, on the small scale) give kg's rows. Where an engine needs other syntax, the override is written next
//! to the question (```cypher ENGINE blocks, as queries.md does); where it cannot answer,
//! a ```cannot ENGINE block says why, and the table printed by the run shows both.
//!
//! The engines run in Python (`tests/other_engines.py`), from the virtual environment
//! `.ci/run` makes in `target/engines-venv`. Without it the test says so loudly and passes,
//! unless `KG_REQUIRE_ENGINES` is set (as `.ci/run` sets it).

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
mod io_support;

use common::{Block, fenced_blocks};
use io_support::scratch;
use kg::export::{self, Dialect, ExportFormat, Subgraph};
use kg::import::{self, ImportOptions};
use kg::{Database, Params, Value};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The engines' Python, or `None` (after saying so) when the environment is missing and
/// not required.
fn engines_python() -> Option<PathBuf> {
    let python = root().join("target/engines-venv/bin/python");
    if python.is_file() {
        return Some(python);
    }
    let message = format!(
        "the engines' virtual environment {} is missing: run .ci/run (or make it as .ci/run does) to compare kg's answers with FalkorDB's and Kuzu's",
        python.display()
    );
    if std::env::var_os("KG_REQUIRE_ENGINES").is_some() {
        panic!("KG_REQUIRE_ENGINES is set and {message}");
    }
    eprintln!(
        "\n{}\nSKIPPED other_engines: {message}\n{}\n",
        "!".repeat(80),
        "!".repeat(80)
    );
    None
}

/// A question as the engines get it.
struct Question {
    id: String,
    query: String,
    /// Overrides (`cypher ENGINE [key=value...]`) and reasons (`cannot ENGINE`).
    blocks: Vec<Block>,
    params: Params,
}

fn engines_json(blocks: &[Block]) -> serde_json::Value {
    let mut engines = serde_json::Map::new();
    for b in blocks {
        match b.info.as_slice() {
            [kind, engine, attrs @ ..] if kind == "cypher" => {
                let attrs: serde_json::Map<String, serde_json::Value> = attrs
                    .iter()
                    .filter_map(|a| a.split_once('='))
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect();
                engines.insert(engine.clone(), json!({"query": b.text, "attrs": attrs}));
            }
            [kind, engine] if kind == "cannot" => {
                engines.insert(engine.clone(), json!({"cannot": b.text}));
            }
            _ => {}
        }
    }
    serde_json::Value::Object(engines)
}

/// Exports `db` for both engines under `dir`, answers the questions in kg, and writes the
/// case the Python script reads.
fn write_case(
    dir: &Path,
    graph: &str,
    db: &mut Database,
    questions: &[Question],
    dialect: Dialect,
) -> PathBuf {
    let cypher = dir.join(format!("{graph}.cypher"));
    let kuzu = dir.join(format!("{graph}-kuzu"));
    let sub = Subgraph::whole(db.graph());
    export::write_to_path(ExportFormat::Cypher(dialect), &sub, &cypher).unwrap();
    export::write_to_path(ExportFormat::Kuzu, &sub, &kuzu).unwrap();
    let answered: Vec<serde_json::Value> = questions
        .iter()
        .map(|q| {
            let params: serde_json::Map<String, serde_json::Value> = q
                .params
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        kg::format::to_json(v, &kg::QueryResult::default()),
                    )
                })
                .collect();
            let result = db
                .run(&q.query, &q.params)
                .unwrap_or_else(|e| panic!("{graph} {}: kg fails: {e}", q.id))
                .pop()
                .unwrap();
            let rows: Vec<Vec<serde_json::Value>> = result
                .rows
                .iter()
                .map(|r| r.iter().map(|v| kg::format::to_json(v, &result)).collect())
                .collect();
            json!({
                "id": q.id,
                "query": q.query,
                "params": params,
                "ordered": q.query.to_uppercase().contains("ORDER BY"),
                "rows": rows,
                "engines": engines_json(&q.blocks),
            })
        })
        .collect();
    let case = json!({
        "graph": graph,
        "cypher": cypher,
        "kuzu": kuzu,
        "counts": {"nodes": db.node_count(), "rels": db.rel_count()},
        "questions": answered,
    });
    let path = dir.join(format!("{graph}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap()).unwrap();
    path
}

fn seed_case(dir: &Path) -> PathBuf {
    let questions: Vec<Question> = common::schema_questions()
        .into_iter()
        .map(|q| Question {
            id: q.title.split('.').next().unwrap().to_string(),
            query: q.query,
            blocks: q.blocks,
            params: Params::new(),
        })
        .collect();
    let mut db = Database::default_graph().unwrap();
    // The portable script, as `kg export --format cypher` writes it by default.
    write_case(dir, "seed", &mut db, &questions, Dialect::Portable)
}

fn python3(args: &[&Path]) {
    let out = Command::new("python3").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "python3 {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The benchmark's small graph, made by its generator and imported through the
/// neo4j-admin layout as tests/import_bench_data.rs does, with queries.md's queries.
fn bench_case(dir: &Path) -> Option<PathBuf> {
    let bench = root().join("../shared/bench");
    if !bench.join("gen.py").is_file() {
        assert!(
            std::env::var_os("KG_REQUIRE_ENGINES").is_none(),
            "KG_REQUIRE_ENGINES is set and {} is missing",
            bench.display()
        );
        eprintln!(
            "other_engines: {} not found: no benchmark queries",
            bench.display()
        );
        return None;
    }
    let (raw, admin) = (dir.join("bench-raw"), dir.join("bench-admin"));
    python3(&[
        &bench.join("gen.py"),
        Path::new("--scale"),
        Path::new("small"),
        Path::new("--out"),
        &raw,
    ]);
    python3(&[&bench.join("to_neo4j_admin.py"), &raw, &admin]);
    let mut db = import::load(&[admin], &ImportOptions::default())
        .unwrap()
        .into_database();
    // Parameters per query: {"Q1": {"name": "..."}, ...}.
    let all_params: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(raw.join("params.json")).unwrap()).unwrap();
    let params_of = |id: &str| -> Params {
        let Some(map) = all_params.get(id).and_then(|p| p.as_object()) else {
            return Params::new();
        };
        map.iter()
            .map(|(k, v)| {
                let value = match v {
                    serde_json::Value::String(s) => Value::str(s),
                    serde_json::Value::Number(n) if n.is_i64() => Value::Int(n.as_i64().unwrap()),
                    serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap()),
                    other => panic!("params.json: {id}.{k} = {other}"),
                };
                (k.clone(), value)
            })
            .collect()
    };
    let text = std::fs::read_to_string(bench.join("queries.md")).unwrap();
    let questions: Vec<Question> = text
        .split("\n## ")
        .skip(1)
        .filter(|s| s.starts_with('Q'))
        .map(|section| {
            let id = section.split_whitespace().next().unwrap().to_string();
            let blocks = fenced_blocks(section);
            let query = blocks
                .iter()
                .find(|b| b.info == ["cypher"])
                .unwrap_or_else(|| panic!("queries.md {id}: no cypher block"))
                .text
                .clone();
            let params = params_of(&id);
            Question {
                id,
                query,
                blocks,
                params,
            }
        })
        .collect();
    assert!(
        questions.len() >= 13,
        "queries.md has {} queries",
        questions.len()
    );
    Some(write_case(
        dir,
        "bench-small",
        &mut db,
        &questions,
        Dialect::FalkorDb,
    ))
}

#[test]
fn falkordb_and_kuzu_give_kg_s_answers_on_kg_s_exports() {
    let Some(python) = engines_python() else {
        return;
    };
    let dir = scratch("other-engines");
    let mut cases = vec![seed_case(&dir)];
    cases.extend(bench_case(&dir));
    let out = Command::new(&python)
        .arg(root().join("tests/other_engines.py"))
        .args(&cases)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "the engines' answers differ from kg's:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
