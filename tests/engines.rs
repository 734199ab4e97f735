//! The batched executor against the row-at-a-time reference: random graphs, random queries
//! built from the shapes of the language (scans, hops in every direction, variable-length
//! hops, OPTIONAL MATCH, filters with nulls and mixed types, aggregation, DISTINCT, ORDER BY
//! with LIMIT, UNWIND, LOAD CSV, subqueries), each run by both engines, and by the batched one
//! with every aggregation it can split across threads split. They must return the same rows
//! (in the same order where the query orders them) or fail with the same error.
//! `KG_ENGINE_CASES` sets how many queries per graph (default 150).

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::format::value_text;
use kg::{Database, Engine, Error, Params, QueryResult};

/// A small deterministic generator, so a failure names a seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const LABELS: &[&str] = &["A", "B", "C"];
const TYPES: &[&str] = &["R", "S", "T"];
const TEXTS: &[&str] = &["'x'", "'y'", "'zz'", "''"];

fn value(rng: &mut Rng) -> String {
    match rng.below(9) {
        0 => "null".into(),
        1 => format!("{}.5", rng.below(5)),
        2 => format!("{}.0", rng.below(4)),
        3 => rng.pick(TEXTS).into(),
        4 => ["true", "false"][rng.below(2)].into(),
        5 => format!("[{}, {}]", rng.below(3), rng.below(3)),
        _ => format!("{}", rng.below(6) as i64 - 1),
    }
}

/// A script creating a random graph: nodes with zero to two labels and a few properties of
/// mixed types, relationships of three types with a property, self-loops included.
fn graph_script(rng: &mut Rng) -> String {
    let nodes = 6 + rng.below(25);
    let mut script = String::new();
    for i in 0..nodes {
        let mut labels = String::new();
        for l in LABELS {
            if rng.chance(40) {
                labels.push(':');
                labels.push_str(l);
            }
        }
        let mut props = vec![format!("id: {i}")];
        for key in ["x", "y", "s"] {
            if rng.chance(75) {
                let v = if key == "s" {
                    rng.pick(TEXTS).to_string()
                } else if rng.chance(80) {
                    format!("{}", rng.below(6))
                } else {
                    value(rng)
                };
                props.push(format!("{key}: {v}"));
            }
        }
        script.push_str(&format!(
            "CREATE (n{i}{labels} {{{}}});\n",
            props.join(", ")
        ));
    }
    let rels = rng.below(nodes * 3);
    for _ in 0..rels {
        let (a, b) = (rng.below(nodes), rng.below(nodes));
        let ty = rng.pick(TYPES);
        let w = if rng.chance(80) {
            format!(" {{w: {}}}", rng.below(4))
        } else {
            String::new()
        };
        script.push_str(&format!(
            "MATCH (a {{id: {a}}}), (b {{id: {b}}}) CREATE (a)-[:{ty}{w}]->(b);\n"
        ));
    }
    script
}

fn label(rng: &mut Rng) -> String {
    if rng.chance(50) {
        format!(":{}", rng.pick(LABELS))
    } else {
        String::new()
    }
}

fn rel(rng: &mut Rng, var: &str) -> String {
    let types = match rng.below(4) {
        0 => String::new(),
        1 => format!(":{}|{}", rng.pick(TYPES), rng.pick(TYPES)),
        _ => format!(":{}", rng.pick(TYPES)),
    };
    let props = if rng.chance(15) {
        format!(" {{w: {}}}", rng.below(4))
    } else {
        String::new()
    };
    let length = if rng.chance(12) {
        ["*..3", "*0..2", "*1..3", "*2"][rng.below(4)]
    } else {
        ""
    };
    let body = if length.is_empty() {
        format!("[{var}{types}{props}]")
    } else {
        format!("[{types}{length}{props}]")
    };
    match rng.below(3) {
        0 => format!("-{body}->"),
        1 => format!("<-{body}-"),
        _ => format!("-{body}-"),
    }
}

fn node(rng: &mut Rng, var: &str) -> String {
    let props = if rng.chance(15) {
        format!(" {{x: {}}}", rng.below(6))
    } else {
        String::new()
    };
    format!("({var}{}{props})", label(rng))
}

fn scalar(rng: &mut Rng, vars: &[&str]) -> String {
    let v = vars[rng.below(vars.len())];
    match rng.below(12) {
        0 => format!("{v}.x + {v}.y"),
        1 => format!("{v}.x * 2"),
        2 => format!("{v}.s"),
        3 => format!("{v}.x"),
        4 => format!("coalesce({v}.y, -1)"),
        5 => format!("CASE WHEN {v}.x > 2 THEN 'big' ELSE {v}.s END"),
        6 => format!("size(labels({v}))"),
        7 => format!("{v}.x / ({v}.y - 1)"),
        8 => format!("toString({v}.x) + {v}.s"),
        9 => format!("[{v}.x, {v}.y]"),
        10 => format!("{v}.id % 3"),
        _ => format!("{v}.y"),
    }
}

fn condition(rng: &mut Rng, vars: &[&str]) -> String {
    let v = vars[rng.below(vars.len())];
    let w = vars[rng.below(vars.len())];
    match rng.below(11) {
        0 => format!("{v}.x > {}", rng.below(5)),
        1 => format!("{v}.x < {w}.y"),
        2 => format!("{v}.s = {}", rng.pick(TEXTS)),
        3 => format!("{v}.s <> {w}.s"),
        4 => format!("{v}.y IS NULL"),
        5 => format!("NOT {v}.x = {w}.x"),
        6 => format!("{v}.x >= 1 AND {v}.x / {v}.y > 0"),
        7 => format!("{v}.x = 1 OR {w}.y = 2.0"),
        8 => format!("{v}:{}", rng.pick(LABELS)),
        9 => format!("{v}.s STARTS WITH 'z' XOR {v}.x IN [1, 2]"),
        _ => format!("{v}.x = {w}.x"),
    }
}

/// The CSV file LOAD CSV queries read: ids and x values, some missing.
fn csv_path() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("kg-engines-{}.csv", std::process::id()))
}

fn write_csv() {
    let mut text = String::from("id,x\n");
    for i in 0..40 {
        let x = if i % 7 == 3 {
            String::new()
        } else {
            (i % 5).to_string()
        };
        text.push_str(&format!("{i},{x}\n"));
    }
    std::fs::write(csv_path(), text).expect("the temporary folder is writable");
}

/// A random query over variables a, b (and c), ending in a random projection.
fn query(rng: &mut Rng) -> String {
    let mut q = String::new();
    let mut vars = vec!["a", "b"];
    match rng.below(7) {
        6 => q.push_str(&format!(
            "LOAD CSV WITH HEADERS FROM 'file://{}' AS row MATCH {}{}{} WHERE a.id = toInteger(row.id) OR a.x = toInteger(row.x)",
            csv_path().display(),
            node(rng, "a"),
            rel(rng, "r"),
            node(rng, "b")
        )),
        0 => q.push_str(&format!("MATCH {}", node(rng, "a"))),
        1 => q.push_str(&format!(
            "MATCH {}{}{}",
            node(rng, "a"),
            rel(rng, "r"),
            node(rng, "b")
        )),
        2 => {
            q.push_str(&format!(
                "MATCH {}{}{}{}{}",
                node(rng, "a"),
                rel(rng, "r"),
                node(rng, "b"),
                rel(rng, "q"),
                node(rng, "c")
            ));
            vars.push("c");
        }
        3 => q.push_str(&format!(
            "MATCH {} OPTIONAL MATCH (a){}{}",
            node(rng, "a"),
            rel(rng, "r"),
            node(rng, "b")
        )),
        4 => q.push_str(&format!(
            "MATCH {}, {} WHERE a.id < b.id",
            node(rng, "a"),
            node(rng, "b")
        )),
        _ => q.push_str(&format!(
            "UNWIND [1, 2, null, 3] AS k MATCH {}{}{} WHERE a.x = k OR k IS NULL",
            node(rng, "a"),
            rel(rng, "r"),
            node(rng, "b")
        )),
    }
    if !q.contains(" WHERE ") && rng.chance(60) {
        q.push_str(&format!(" WHERE {}", condition(rng, &vars)));
    }
    if rng.chance(15) {
        q.push_str(&format!(" AND exists {{ MATCH (a){}() }}", rel(rng, "z")));
        if !q.contains(" WHERE ") {
            q = q.replacen(" AND exists", " WHERE exists", 1);
        }
    }
    if rng.chance(15) {
        // A correlated subquery per row, with a COUNT subquery inside it.
        q.push_str(&format!(
            " CALL (a) {{ MATCH (a){}(d) RETURN d.x AS dx, COUNT {{ (d)--() }} AS dd ORDER BY dx, dd LIMIT 2 }}",
            rel(rng, "y")
        ));
    }
    if rng.chance(25) {
        q.push_str(&format!(
            " WITH a, b, {} AS w WHERE w IS NOT NULL OR a.x > 1",
            scalar(rng, &vars[..2])
        ));
        vars.truncate(2);
    }
    let projection = match rng.below(9) {
        0 => "RETURN count(*) AS n, sum(a.x) AS s, avg(b.x) AS m".to_string(),
        1 => format!(
            "RETURN {} AS k, count(*) AS n, collect(b.id) AS ids ORDER BY k, n",
            scalar(rng, &vars)
        ),
        2 => format!(
            "RETURN DISTINCT {} AS k ORDER BY k DESC LIMIT {}",
            scalar(rng, &vars),
            rng.below(5)
        ),
        3 => format!(
            "RETURN a.id AS i, b.id AS j, {} AS v ORDER BY v, i, j SKIP 1 LIMIT 7",
            scalar(rng, &vars)
        ),
        4 => format!(
            "RETURN {} AS k, min(b.x) AS lo, max(b.s) AS hi, count(DISTINCT b) AS d",
            scalar(rng, &vars)
        ),
        5 => "RETURN a, b".to_string(),
        6 => "RETURN a.s AS s, b.s AS t, count(b) AS n ORDER BY n DESC, s, t LIMIT 3".to_string(),
        7 => format!(
            "RETURN [x IN collect(a.x) WHERE x > 1] AS big, {} AS k",
            scalar(rng, &vars[..1])
        ),
        _ => format!("RETURN {}, {}", scalar(rng, &vars), scalar(rng, &vars)),
    };
    // Grouping with a non-aggregate key needs the key in scope of every aggregate: keep
    // the key expression over a, b only.
    format!("{q} {projection}")
}

fn run(db: &mut Database, text: &str, engine: Engine) -> Result<QueryResult, Error> {
    db.set_engine(engine);
    let result = db.run(text, &Params::new());
    result.map(|mut r| r.pop().unwrap_or_default())
}

fn rows(result: &QueryResult) -> Vec<String> {
    result
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| value_text(v, result))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

fn outcome(result: &Result<QueryResult, Error>, ordered: bool) -> Result<Vec<String>, String> {
    match result {
        Ok(r) => {
            let mut rows = rows(r);
            if !ordered {
                rows.sort();
            }
            Ok(rows)
        }
        Err(Error::Query(e)) => Err(format!("{:?}/{:?}", e.class, e.detail)),
        Err(other) => Err(other.to_string()),
    }
}

#[test]
fn the_batched_executor_returns_what_the_reference_returns() {
    let cases: usize = std::env::var("KG_ENGINE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    write_csv();
    let mut failures = Vec::new();
    let mut compared = 0;
    for seed in 1..=8u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let script = graph_script(&mut rng);
        let mut db = Database::in_memory();
        db.run(&script, &Params::new())
            .expect("the random graph loads");
        for case in 0..cases {
            let text = query(&mut rng);
            let reference = run(&mut db, &text, Engine::RowByRow);
            let batched = run(&mut db, &text, Engine::Batched);
            let only = run(&mut db, &text, Engine::BatchedOnly);
            let split = run(&mut db, &text, Engine::Split);
            let ordered = text.contains("ORDER BY");
            let (want, got) = (outcome(&reference, ordered), outcome(&batched, ordered));
            compared += 1;
            // Batches alone must fail where the reference fails, though with several
            // failing rows the first they meet may differ; they must never fail where the
            // reference does not, which would also make the error hunt of `Batched`
            // report an answer that batches never computed.
            // Aggregations split across threads, their parts merged, likewise.
            let only = outcome(&only, ordered);
            let split = outcome(&split, ordered);
            let differs = |other: &Result<Vec<String>, String>| {
                want.is_ok() != other.is_ok() || (want.is_ok() && want != *other)
            };
            if want != got || differs(&only) || differs(&split) {
                // The graph goes where a failure can be replayed: `kg run` it, then the query.
                let path = std::env::temp_dir().join(format!("kg-engines-seed-{seed}.cypher"));
                std::fs::write(&path, &script).expect("the temporary folder is writable");
                failures.push(format!(
                    "seed {seed} case {case} (graph: {}): {text}\n  reference: {want:?}\n  batched:   {got:?}\n  batches only: {only:?}\n  split:     {split:?}",
                    path.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} queries differ:\n{}",
        failures.len(),
        failures[..failures.len().min(8)].join("\n")
    );
    println!("engines: {compared} random queries agree");
}

/// `KG_ENGINE_REPLAY=graph.cypher KG_ENGINE_QUERY='MATCH ...'` runs one query of a failure
/// report by both engines and prints both results.
#[test]
fn replay_one_query_when_asked() {
    let (Ok(graph), Ok(text)) = (
        std::env::var("KG_ENGINE_REPLAY"),
        std::env::var("KG_ENGINE_QUERY"),
    ) else {
        return;
    };
    let mut db = Database::in_memory();
    db.run(&std::fs::read_to_string(graph).unwrap(), &Params::new())
        .unwrap();
    for engine in [Engine::RowByRow, Engine::Batched] {
        let result = run(&mut db, &text, engine);
        println!("{engine:?}: {:?}", outcome(&result, true));
    }
}

/// An aggregation over a scan large enough that the default engine splits it across threads
/// (where the machine has more than one core): the groups, their order and their values are
/// those of one thread, and of the arithmetic done here.
#[test]
fn a_large_aggregation_split_across_threads_gives_what_one_thread_gives() {
    const N: i64 = 60_000;
    let mut db = Database::in_memory();
    db.run(
        &format!("UNWIND range(1, {N}) AS i CREATE (:N {{i: i, g: i % 7}})"),
        &Params::new(),
    )
    .unwrap();
    let query = "MATCH (n:N) WHERE n.i % 5 <> 0 \
        RETURN n.g AS g, count(*) AS c, sum(n.i) AS s, min(n.i) AS lo, max(n.i) AS hi, \
        collect(n.i)[..3] AS first, collect(DISTINCT n.i % 3) AS kinds";
    let split = run(&mut db, query, Engine::Batched).unwrap();
    let one = run(&mut db, query, Engine::RowByRow).unwrap();
    assert_eq!(rows(&split), rows(&one));

    // Groups come in the order their first row was met.
    let kept: Vec<i64> = (1..=N).filter(|i| i % 5 != 0).collect();
    let mut order: Vec<i64> = Vec::new();
    for i in &kept {
        if !order.contains(&(i % 7)) {
            order.push(i % 7);
        }
    }
    let expected: Vec<String> = order
        .into_iter()
        .map(|g| {
            let of: Vec<i64> = kept.iter().copied().filter(|i| i % 7 == g).collect();
            let mut kinds: Vec<i64> = Vec::new();
            for i in &of {
                if !kinds.contains(&(i % 3)) {
                    kinds.push(i % 3);
                }
            }
            let list = |v: &[i64]| {
                let items: Vec<String> = v.iter().map(i64::to_string).collect();
                format!("[{}]", items.join(", "))
            };
            format!(
                "{g} | {} | {} | {} | {} | {} | {}",
                of.len(),
                of.iter().sum::<i64>(),
                of[0],
                of[of.len() - 1],
                list(&of[..3]),
                list(&kinds)
            )
        })
        .collect();
    assert_eq!(rows(&split), expected);

    // PROFILE says where the read ran on more than one thread.
    db.set_engine(Engine::Batched);
    let profiled = db.run(&format!("PROFILE {query}"), &Params::new()).unwrap();
    let details: Vec<String> = profiled[0]
        .rows
        .iter()
        .map(|r| value_text(&r[1], &profiled[0]))
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let on_threads = details.iter().any(|d| d.contains("threads)"));
    assert_eq!(on_threads, cores > 1, "{details:?}");
}
