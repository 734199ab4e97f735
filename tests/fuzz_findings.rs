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
