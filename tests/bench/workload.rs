//! The benchmark workload of `../shared/bench` run on kg: imports the generator's CSVs, runs
//! Q1..Q11 of `queries.md` with the data's `params.json` (one warm-up, then timed runs), and
//! writes `<scale>-kg.json` in the shape `run_peers.py report` merges beside Kuzu, FalkorDB
//! and networkx.
//!
//! ```text
//! python3 ../shared/bench/gen.py --scale medium --out target/bench-data/medium
//! cargo bench --bench workload -- --data target/bench-data/medium --scale medium --out target/bench-results
//! ```

// A benchmark driver: a missing file or bad argument ends it with a message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::graph::GraphRead;
use kg::import::ImportOptions;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kg::{Database, Params, Value};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;

const NODE_FILES: &[&str] = &["Company", "Person", "Deal", "Platform"];
const REL_FILES: &[&str] = &[
    "WORKS_AT",
    "INVESTED_IN",
    "PARTY_TO",
    "DISTRIBUTES",
    "OWNS",
    "PARTNERS_WITH",
];

struct Args {
    data: PathBuf,
    scale: String,
    out: PathBuf,
    runs: usize,
    only: Option<String>,
    /// Extra statements to time after loading (for profiling), instead of the workload.
    queries: Vec<String>,
}

fn args() -> Args {
    let mut a = Args {
        data: PathBuf::from("target/bench-data/small"),
        scale: "small".into(),
        out: PathBuf::from("target/bench-results"),
        runs: 5,
        only: None,
        queries: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = PathBuf::from(value()),
            "--scale" => a.scale = value(),
            "--out" => a.out = PathBuf::from(value()),
            "--runs" => a.runs = value().parse().expect("--runs takes a number"),
            "--only" => a.only = Some(value()),
            "--query" => a.queries.push(value()),
            // cargo bench passes --bench to every bench target.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// The neo4j-admin type of a generator column: integers, floats, or text.
/// Rewrites one generator file as a neo4j-admin file: a typed header, and the label or
/// type as a last column. This is the user's one-off conversion, so it is not timed; it
/// streams the file twice (types first, then rows) so that it leaves no garbage in the heap
/// the timed load then runs in, and the file is on disk before the clock starts.
fn convert(from: &Path, to: &Path, name: &str, rels: bool) {
    let open =
        || csv::Reader::from_path(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    let mut reader = open();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // Per column: every value an integer, every value a number.
    let mut kinds = vec![(true, true); header.len()];
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).unwrap() {
        for (kind, v) in kinds.iter_mut().zip(record.iter()) {
            kind.0 &= v.parse::<i64>().is_ok();
            kind.1 &= v.parse::<f64>().is_ok();
        }
    }
    let mut typed: Vec<String> = header
        .iter()
        .zip(&kinds)
        .enumerate()
        .map(|(i, (h, kind))| match (rels, i, kind) {
            (false, 0, _) => format!("{h}:ID"),
            (true, 0, _) => ":START_ID".into(),
            (true, 1, _) => ":END_ID".into(),
            (_, _, (true, _)) => format!("{h}:int"),
            (_, _, (_, true)) => format!("{h}:float"),
            _ => format!("{h}:string"),
        })
        .collect();
    typed.push(if rels { ":TYPE" } else { ":LABEL" }.into());
    let mut writer = csv::Writer::from_path(to).unwrap();
    writer.write_record(&typed).unwrap();
    let mut reader = open();
    while reader.read_record(&mut record).unwrap() {
        writer.write_record(record.iter().chain([name])).unwrap();
    }
    writer.into_inner().unwrap().sync_all().unwrap();
}

/// The indexes FalkorDB gets in `run_peers.py` (Kuzu has its primary keys): every label's
/// `id`, and `Company.name`.
fn index_statements() -> Vec<String> {
    let mut ddl: Vec<String> = NODE_FILES
        .iter()
        .map(|label| format!("CREATE INDEX FOR (n:{label}) ON (n.id)"))
        .collect();
    ddl.push("CREATE INDEX FOR (n:Company) ON (n.name)".into());
    ddl
}

/// Loads the generator's files the way a user would: converted once to neo4j-admin files,
/// then read by `kg::import::load` (the path of `kg import` and `kg --data`), and indexed.
/// Returns the database and the seconds the import and the indexes took.
fn load(data: &Path, work: &Path) -> (Database, f64, f64) {
    std::fs::create_dir_all(work).unwrap();
    for (names, rels) in [(NODE_FILES, false), (REL_FILES, true)] {
        for name in names {
            let to = work.join(format!("{name}.csv"));
            convert(&data.join(format!("{name}.csv")), &to, name, rels);
        }
    }
    let t = Instant::now();
    let imported = kg::import::load(&[work.to_path_buf()], &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let import_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut db = imported.into_database();
    for statement in index_statements() {
        db.run(&statement, &Params::new())
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    (db, import_s, t.elapsed().as_secs_f64())
}

/// The generic (openCypher) block of each `## Qn` section of queries.md.
fn queries(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for section in text.split("\n## ").skip(1) {
        let id = section.split_whitespace().next().unwrap().to_string();
        let generic = section
            .split("```")
            .skip(1)
            .step_by(2)
            .find(|b| b.starts_with("cypher\n"));
        if let Some(block) = generic {
            out.push((id, block["cypher\n".len()..].trim().to_string()));
        }
    }
    out
}

fn rss_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn json_params(p: &serde_json::Value) -> Params {
    let mut params = Params::new();
    if let Some(map) = p.as_object() {
        for (k, v) in map {
            let value = match v {
                serde_json::Value::String(s) => Value::str(s),
                serde_json::Value::Number(n) if n.is_i64() => Value::Int(n.as_i64().unwrap()),
                serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap()),
                other => panic!("unexpected parameter {other}"),
            };
            params.insert(k.clone(), value);
        }
    }
    params
}

/// What the `kg` binary does at start (see `keep_freed_memory` in `src/main.rs`): freed
/// memory stays with the allocator for the next statement.
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: mi_option_set stores a number in the option table; 15 is mimalloc 3's
    // mi_option_purge_delay, and -1 turns purging off.
    unsafe { libmimalloc_sys::mi_option_set(15, -1) }
}

/// What the `kg` binary does at start (see `use_small_pages` in `src/main.rs`): no
/// transparent huge pages.
fn use_small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() {
    use_small_pages();
    keep_freed_memory();
    let a = args();
    let bench_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    let stats: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(a.data.join("stats.json")).expect("stats.json"),
    )
    .unwrap();
    let params: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.data.join("params.json")).unwrap())
            .unwrap();
    let rss_before = rss_mb("VmRSS:");
    eprintln!("[kg/{}] loading {} ...", a.scale, a.data.display());
    let (mut db, import_s, index_s) = load(&a.data, &a.out.join(format!("{}-kg-import", a.scale)));
    let graph = db.graph();
    eprintln!(
        "[kg/{}] load {:.2}s: import {import_s:.2}s, indexes {index_s:.2}s ({} nodes, {} relationships)",
        a.scale,
        import_s + index_s,
        graph.node_count(),
        graph.rel_count()
    );
    let rss_after_load = rss_mb("VmRSS:");
    for (part, bytes) in graph.heap_bytes() {
        eprintln!(
            "[kg/{}]   {part}: {:.1} MiB",
            a.scale,
            bytes as f64 / (1 << 20) as f64
        );
    }
    let mut counts = serde_json::Map::new();
    let statistics = kg::graph::statistics(graph);
    for (name, n) in statistics.labels.into_iter().chain(statistics.types) {
        counts.insert(name.to_string(), json!(n));
    }
    let expected = stats["nodes"]
        .as_object()
        .into_iter()
        .chain(stats["rels"].as_object())
        .flatten();
    let counts_ok = expected.clone().all(|(k, v)| counts.get(k) == Some(v));
    let mut results = serde_json::Map::new();
    let workload = if a.queries.is_empty() {
        queries(&bench_dir.join("queries.md"))
    } else {
        a.queries
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("X{i}"), q.clone()))
            .collect()
    };
    for (id, text) in workload {
        if a.only.as_ref().is_some_and(|o| *o != id) {
            continue;
        }
        let p = json_params(&params[&id]);
        let mut run = || db.run(&text, &p).unwrap_or_else(|e| panic!("{id}: {e}"));
        let t = Instant::now();
        let first = run().pop().unwrap();
        let warmup_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut runs = Vec::with_capacity(a.runs);
        for _ in 0..a.runs {
            let t = Instant::now();
            run();
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let mut sorted = runs.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        let rows: Vec<serde_json::Value> = first
            .rows
            .iter()
            .map(|r| {
                serde_json::Value::Array(r.iter().map(|v| kg::format::to_json(v, &first)).collect())
            })
            .collect();
        eprintln!("[kg/{}] {id} {median:.3} ms ({} rows)", a.scale, rows.len());
        results.insert(
            id.clone(),
            json!({
                "params": params[&id].clone(),
                "query": text,
                "warmup_ms": warmup_ms,
                "rows": rows.len(),
                "result": rows,
                "runs_ms": runs,
                "median_ms": median,
                "min_ms": sorted[0],
            }),
        );
    }
    let report = json!({
        "system": "kg",
        "version": env!("CARGO_PKG_VERSION"),
        "scale": a.scale,
        "n": stats["n"],
        "graph": {"nodes": stats["total_nodes"], "edges": stats["total_edges"]},
        "host_cpus": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "load": {"import_s": import_s, "index_s": index_s, "total_s": import_s + index_s},
        "rss_mb": {"before_load": rss_before, "after_load": rss_after_load, "peak": rss_mb("VmHWM:")},
        "counts": counts,
        "counts_ok": counts_ok,
        "info": {"threads": std::thread::available_parallelism().map_or(1, |n| n.get().min(8)).to_string()},
        "queries": results,
        "disk_bytes": 0,
    });
    std::fs::create_dir_all(&a.out).unwrap();
    let path = a.out.join(format!("{}-kg.json", a.scale));
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    eprintln!("wrote {}", path.display());
}
