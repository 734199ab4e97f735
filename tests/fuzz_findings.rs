//! What the fuzz targets in `fuzz/` found, each kept as a test on the stable toolchain:
//! the input, minimised, and what must happen instead of the crash or hang.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::limits::Limits;
use kg::{Database, Detail, Engine, Error, Params};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn detail(e: Error) -> Detail {
    match e {
        Error::Query(q) => q.detail,
        other => panic!("not a query error: {other}"),
    }
}

/// Found by `query`: every trail of a variable-length pattern is a row, so the search
/// returned a row every step or two and never reached its next look at the limits (nor did
/// the rows collected for the result): returning the paths ran on past any time limit.
#[test]
fn returning_unbounded_trails_stops_at_the_time_limit() {
    for engine in [Engine::Batched, Engine::RowByRow] {
        let mut db = Database::default_graph().unwrap();
        db.set_engine(engine);
        db.set_limits(Limits {
            timeout: Some(Duration::from_millis(300)),
            max_memory: None,
        });
        let started = Instant::now();
        let err = db
            .run("MATCH p = ()-[*0..]->() RETURN p", &Params::new())
            .unwrap_err();
        assert_eq!(detail(err), Detail::TimedOut, "{engine:?}");
        assert!(started.elapsed() < Duration::from_secs(20), "{engine:?}");
    }
}

/// The same through the binary, whose allocator is measured: the memory limit ends it.
#[test]
fn returning_unbounded_trails_stops_at_the_memory_limit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args([
            "--max-memory",
            "64M",
            "query",
            "MATCH p = ()-[*0..]->() RETURN p",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("more memory than the limit of 64 MiB"),
        "{stderr}"
    );
}

/// Parsing `text` (as `kg query` does) fails or succeeds within a few seconds, even in a
/// debug build.
fn parses_quickly(text: &str) {
    let started = Instant::now();
    let _ = kg::syntax::parse_script(text);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "{took:?} for {text:?}");
}

/// Found by `query`: an index was tried as a slice first (`[from..to]`), so the expression
/// inside was parsed twice, and nested indexes twice per level: 14 levels took 14 seconds.
#[test]
fn nested_indexes_parse_in_linear_time() {
    let deep = |n: usize, inner: &str| format!("RETURN {}{inner}{}", "a[".repeat(n), "]".repeat(n));
    parses_quickly(&deep(30, "1"));
    parses_quickly(&deep(30, "1 +"));
    parses_quickly(&deep(30, "1.."));
    parses_quickly(&format!("RETURN {}", "a[".repeat(30)));
    parses_quickly(
        "WITH [3.4, 3] AS numbers\nRETURN [n IN num[[[[[[[[X[[[z[[[[[[[[ate.c[nurat[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[p[[[bers[Y[[[[[[[[[[[[[[[[[[[[[ate.c[nurat[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[p[[[[[[[[[[[[[[[[[[[[[[[TH 8[.RETURN [",
    );
    // Found by `param`: the same, as a --param value.
    let param = "p=[E%WIE%WIN [[nuEWI[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[N [[nuEWI[p=[E%WIE%WIN [[nuEWI[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[N [[nuEW/[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[Y[N [[n[[[[[[[[[[[[N [[nuEWI[p=[E%WIE%WIN [[nuEWI[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[N [[nuEW/[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[Y[N [[n]\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    let (_, value) = param.split_once('=').unwrap();
    parses_quickly(&format!("RETURN {value} AS value"));
    // Slices and indexes still mean what they did.
    let mut db = Database::in_memory();
    let rows = db
        .run(
            "RETURN [1, 2, 3][1..] AS a, [1, 2, 3][..2] AS b, [1, 2, 3][1..2] AS c, [1, 2, 3][1] AS d, [1, 2][..] AS e",
            &Params::new(),
        )
        .unwrap()
        .remove(0)
        .rows;
    let ints = |v: &[i64]| kg::Value::list(v.iter().map(|i| kg::Value::Int(*i)).collect());
    assert_eq!(
        rows,
        vec![vec![
            ints(&[2, 3]),
            ints(&[1, 2]),
            ints(&[2]),
            kg::Value::Int(2),
            ints(&[1, 2])
        ]]
    );
}
