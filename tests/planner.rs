//! The planner, through whole plans: each case of `tests/plans/*.plans` is a query on a data
//! set and the plan `Database::explain` must give for it, in full (where a pattern starts, how
//! it expands, where conditions go, which operators and indexes it uses). A case is
//!
//! ```text
//! dataset: NAME            (seed, or a folder of graph-data/)
//! setup: STATEMENT         (any number, run before the query)
//! # why the plan is what it is
//! QUERY
//! ----
//! the expected plan, one operator a line
//! ```
//!
//! with a blank line after it. `KG_BLESS=1` writes the plans kg gives into the files (review
//! the diff before committing it).

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::{Database, Params, Value};
use std::path::{Path, PathBuf};

fn dataset(name: &str) -> Database {
    if name == "seed" {
        return Database::default_graph().unwrap();
    }
    let path = format!(
        "{}/graph-data/{name}/load.cypher",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut db = Database::in_memory();
    db.run(&std::fs::read_to_string(path).unwrap(), &Params::new())
        .unwrap();
    db
}

struct Case {
    dataset: String,
    setup: Vec<String>,
    query: String,
    /// Where the expected plan starts and ends in the file's lines.
    expected: (usize, usize),
}

/// The cases of a file, with their expected plans' line ranges.
fn cases(lines: &[&str], file: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(dataset) = lines[i].strip_prefix("dataset: ") else {
            i += 1;
            continue;
        };
        let (mut setup, mut query) = (Vec::new(), None);
        i += 1;
        while i < lines.len() && lines[i] != "----" {
            let line = lines[i];
            if let Some(s) = line.strip_prefix("setup: ") {
                setup.push(s.to_string());
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                assert!(query.is_none(), "{}:{}: two queries", file.display(), i + 1);
                query = Some(line.to_string());
            }
            i += 1;
        }
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && !lines[end].trim().is_empty() {
            end += 1;
        }
        out.push(Case {
            dataset: dataset.trim().to_string(),
            setup,
            query: query.unwrap_or_else(|| panic!("{}: a case without a query", file.display())),
            expected: (start, end),
        });
        i = end;
    }
    out
}

fn plan_of(case: &Case) -> String {
    let mut db = dataset(&case.dataset);
    for s in &case.setup {
        db.run(s, &Params::new())
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    let before = (db.nodes(), db.rels());
    let plan = db
        .explain(&case.query)
        .unwrap_or_else(|e| panic!("{}: {e}", case.query));
    assert!(
        before == (db.nodes(), db.rels()),
        "explaining changed the graph: {}",
        case.query
    );
    plan
}

fn plan_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/plans");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "plans"))
        .collect();
    files.sort();
    files
}

#[test]
fn queries_get_the_plans_their_files_give() {
    let bless = std::env::var_os("KG_BLESS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in plan_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut blessed: Vec<String> = Vec::new();
        let mut copied = 0;
        for case in cases(&lines, &file) {
            count += 1;
            let actual = plan_of(&case);
            let (start, end) = case.expected;
            let expected = lines[start..end].join("\n");
            if actual.trim_end() != expected {
                failures.push(format!(
                    "{}:{}: {}\nexpected:\n{expected}\nactual:\n{}",
                    file.display(),
                    start + 1,
                    case.query,
                    actual.trim_end()
                ));
            }
            blessed.extend(lines[copied..start].iter().map(|l| l.to_string()));
            blessed.extend(actual.trim_end().lines().map(String::from));
            copied = end;
        }
        blessed.extend(lines[copied..].iter().map(|l| l.to_string()));
        if bless {
            std::fs::write(&file, blessed.join("\n") + "\n").unwrap();
        }
    }
    assert!(count > 0, "no plan cases found");
    assert!(
        bless || failures.is_empty(),
        "{} of {count} plans differ (KG_BLESS=1 writes the actual ones):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn explain_reports_compile_time_errors() {
    let mut db = dataset("deals-small");
    let err = db.explain("MATCH (p:Person) RETURN q").unwrap_err();
    let kg::Error::Query(q) = err else {
        panic!("{err}")
    };
    assert_eq!(q.detail, kg::Detail::UndefinedVariable);
}

fn column(result: &kg::QueryResult, name: &str) -> Vec<Value> {
    let i = result.columns.iter().position(|c| c == name).unwrap();
    result.rows.iter().map(|r| r[i].clone()).collect()
}

#[test]
fn explain_estimates_rows_and_profile_counts_them() {
    let mut db = dataset("deals-small");
    let query = "MATCH (p:Person)-[:WORKS_AT]->(c:Company) RETURN c.name AS company, count(*) AS n";
    let explained = db.run(&format!("EXPLAIN {query}"), &Params::new()).unwrap();
    let explained = &explained[0];
    assert_eq!(explained.columns, ["operator", "details", "estimated rows"]);
    let operators = column(explained, "operator");
    let scan = operators
        .iter()
        .position(|o| o.as_str().is_some_and(|s| s.trim() == "NodeByLabelScan"))
        .unwrap();
    // Five people: the scan's estimate is the label's count.
    assert_eq!(column(explained, "estimated rows")[scan], Value::Int(5));

    let profiled = db.run(&format!("PROFILE {query}"), &Params::new()).unwrap();
    let profiled = &profiled[0];
    assert_eq!(
        profiled.columns,
        [
            "operator",
            "details",
            "estimated rows",
            "rows",
            "db accesses",
            "time (ms)"
        ]
    );
    let plain = db.run(query, &Params::new()).unwrap();
    let rows = column(profiled, "rows");
    // The stage line counts the rows the query returns; the scan, every person.
    assert_eq!(rows[0], Value::Int(plain[0].rows.len() as i64));
    assert_eq!(rows[scan], Value::Int(5));
    let accesses = column(profiled, "db accesses");
    assert!(
        matches!(accesses[scan], Value::Int(n) if n >= 5),
        "the scan read every person: {accesses:?}"
    );
}

#[test]
fn profile_runs_writes_for_real() {
    let mut db = Database::in_memory();
    let result = db
        .run(
            "PROFILE UNWIND range(1, 3) AS i CREATE (:N {i: i})",
            &Params::new(),
        )
        .unwrap();
    assert_eq!(result[0].stats.nodes_created, 3);
    let count = db
        .run("MATCH (n:N) RETURN count(n) AS c", &Params::new())
        .unwrap();
    assert_eq!(count[0].rows, vec![vec![Value::Int(3)]]);
}
