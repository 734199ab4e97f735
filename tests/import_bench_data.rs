//! The benchmark generator's data, converted to the neo4j-admin layout by the shared script,
//! imports with every count and type intact. The small scale runs here; the medium scale's
//! time and memory are measured by hand (README, "Import and export").

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod io_support;

use io_support::scratch;
use kg::import::{self, ImportOptions};
use kg::{Params, Value};
use std::path::Path;
use std::process::Command;

fn python(args: &[&str]) {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3 runs the benchmark generator");
    assert!(
        out.status.success(),
        "python3 {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_small_benchmark_graph_imports_from_neo4j_admin_csv() {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    if !bench.join("gen.py").is_file() {
        // Like the TCK run: without the shared checkout there is nothing to measure.
        println!(
            "import_bench_data: {} not found; nothing to run",
            bench.display()
        );
        return;
    }
    let dir = scratch("bench-small");
    let (raw, admin) = (dir.join("raw"), dir.join("admin"));
    let generator = bench.join("gen.py");
    let convert = bench.join("to_neo4j_admin.py");
    python(&[
        generator.to_str().unwrap(),
        "--scale",
        "small",
        "--out",
        raw.to_str().unwrap(),
    ]);
    python(&[
        convert.to_str().unwrap(),
        raw.to_str().unwrap(),
        admin.to_str().unwrap(),
    ]);
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(raw.join("stats.json")).unwrap()).unwrap();

    let imported = import::load(&[admin], &ImportOptions::default()).unwrap();
    assert_eq!(
        imported.report.nodes as u64,
        stats["total_nodes"].as_u64().unwrap()
    );
    assert_eq!(
        imported.report.rels as u64,
        stats["total_edges"].as_u64().unwrap()
    );
    let mut db = imported.into_database();
    let count = |db: &mut kg::Database, q: &str| -> i64 {
        match &db.run(q, &Params::new()).unwrap()[0].rows[0][0] {
            Value::Int(i) => *i,
            other => panic!("{q} gave {other:?}"),
        }
    };
    for (label, n) in stats["nodes"].as_object().unwrap() {
        let q = format!("MATCH (n:{label}) RETURN count(n)");
        assert_eq!(count(&mut db, &q), n.as_i64().unwrap(), "{label}");
    }
    for (ty, n) in stats["rels"].as_object().unwrap() {
        let q = format!("MATCH ()-[r:{ty}]->() RETURN count(r)");
        assert_eq!(count(&mut db, &q), n.as_i64().unwrap(), "{ty}");
    }
    // Ids are string properties (neo4j-admin's `id:ID`), the other columns keep their types.
    let r = db
        .run(
            "MATCH (c:Company {id: 'c1'}) RETURN c.id, c.founded, c.valuation_busd, c.sector",
            &Params::new(),
        )
        .unwrap();
    let row = &r[0].rows[0];
    assert!(matches!(row[0], Value::String(_)));
    assert!(matches!(row[1], Value::Int(_)));
    assert!(matches!(row[2], Value::Float(_)));
    assert!(matches!(row[3], Value::String(_)));
}
