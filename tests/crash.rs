//! The crash test: the real `kg` binary writes to a store and is killed with SIGKILL at a
//! random moment, round after round on the same store. After every kill the store opens,
//! every statement the child acknowledged is there, and no statement is half there.
//!
//! Each unit of work creates two `Item` nodes with the same key `k`, a `NEXT` relationship
//! between them, and sets the one `Counter` node's `n` to `k`; it is acknowledged by a row
//! `{"ack": k}`, which kg prints only once the unit is in the log. Units alternate between
//! one statement and an explicit transaction of three (`:begin` ... `:commit`).
//! `KG_CRASH_SEED` and `KG_CRASH_ROUNDS` change the seed (default 20261126) and the rounds (60).

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{Rng, Scratch, kg, open_read_only, query, release, run, spawn};
use kg::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn unit(k: u64, as_transaction: bool) -> String {
    if as_transaction {
        format!(
            ":begin\n\
             MATCH (c:Counter) SET c.n = {k};\n\
             CREATE (:Item {{k: {k}, part: 0}});\n\
             MATCH (a:Item {{k: {k}, part: 0}}) CREATE (a)-[:NEXT {{k: {k}}}]->(:Item {{k: {k}, part: 1}});\n\
             :commit\n\
             RETURN {k} AS ack;\n"
        )
    } else {
        format!(
            "MATCH (c:Counter) SET c.n = {k} \
             CREATE (:Item {{k: {k}, part: 0}})-[:NEXT {{k: {k}}}]->(:Item {{k: {k}, part: 1}}) \
             RETURN {k} AS ack;\n"
        )
    }
}

fn int(v: Option<&Value>) -> i64 {
    match v {
        Some(Value::Int(i)) => *i,
        other => panic!("expected an integer, found {other:?}"),
    }
}

/// Opens the store (read-only, in this process) and checks that every unit is whole; returns
/// the highest key present, if any.
fn verify(dir: &std::path::Path, round: u64) -> Option<i64> {
    let db = open_read_only(dir);
    let mut units: BTreeMap<i64, (Vec<i64>, usize)> = BTreeMap::new();
    let mut counter = None;
    for node in db.nodes() {
        if node.labels.iter().any(|l| &**l == "Counter") {
            counter = Some(int(node.props.get("n")));
        } else {
            let k = int(node.props.get("k"));
            units
                .entry(k)
                .or_default()
                .0
                .push(int(node.props.get("part")));
        }
    }
    for rel in db.rels() {
        let k = int(rel.props.get("k"));
        units.entry(k).or_default().1 += 1;
    }
    release(db, false);
    for (i, (k, (parts, rels))) in units.iter().enumerate() {
        let (k, mut parts, rels) = (*k, parts.clone(), *rels);
        parts.sort_unstable();
        assert_eq!(
            k, i as i64,
            "round {round}: units are applied in order, none missing"
        );
        assert_eq!(
            (parts, rels),
            (vec![0, 1], 1),
            "round {round}: unit {k} is half there"
        );
    }
    let max = units.keys().next_back().copied();
    assert_eq!(
        counter,
        Some(max.unwrap_or(-1)),
        "round {round}: the counter"
    );
    max
}

#[test]
fn killed_at_random_moments_the_store_keeps_every_acknowledged_statement() {
    let seed = env_or("KG_CRASH_SEED", 20_261_126);
    let rounds = env_or("KG_CRASH_ROUNDS", 60);
    let mut rng = Rng::new(seed);
    let scratch = Scratch::new("crash");
    let dir = scratch.store();
    assert_eq!(query(&dir, "CREATE (:Counter {n: -1})").code, 0);
    let started = Instant::now();
    let (mut acked_total, mut torn_tails, mut clean_exits, mut mid_checkpoint) = (0, 0, 0, 0);
    let mut next_key = 0u64;
    for round in 0..rounds {
        let sync = if round % 3 == 2 { "off" } else { "commit" };
        let checkpoint = ["1500", "20000", "67108864"][rng.below(3) as usize];
        let mut child = spawn(
            kg(&dir)
                .args(["--sync", sync, "--checkpoint-size", checkpoint])
                .args(["run", "-", "--format", "jsonl"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        let mut stdin = child.stdin.take().unwrap();
        let start = next_key;
        let units: String = (start..start + 300).map(|k| unit(k, k % 2 == 1)).collect();
        let feeder = std::thread::spawn(move || {
            // Fails with a broken pipe once the child is killed; that is expected.
            let _ = stdin.write_all(units.as_bytes());
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, acks) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let k: u64 = line
                    .strip_prefix("{\"ack\":")
                    .and_then(|l| l.strip_suffix('}'))
                    .and_then(|l| l.parse().ok())
                    .unwrap_or_else(|| panic!("unexpected output: {line}"));
                let _ = tx.send(k);
            }
        });
        std::thread::sleep(Duration::from_millis(rng.below(80)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        clean_exits += usize::from(status.success());
        feeder.join().unwrap();
        reader.join().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(!stderr.contains("panicked"), "{stderr}");
        torn_tails += usize::from(stderr.contains("dropped the last"));
        // A temporary file left behind means the kill landed inside a checkpoint.
        mid_checkpoint += usize::from(
            ["snapshot.kg.tmp", "wal.kg.tmp"]
                .iter()
                .any(|f| dir.join(f).exists()),
        );
        let acked: Vec<u64> = acks.try_iter().collect();
        assert!(
            acked.iter().copied().eq(start..start + acked.len() as u64),
            "round {round}: acknowledgements in order"
        );
        acked_total += acked.len();
        let max = verify(&dir, round);
        let last_acked = acked.last().map(|k| *k as i64).unwrap_or(start as i64 - 1);
        let present = max.unwrap_or(-1);
        assert!(
            present >= last_acked,
            "round {round}: unit {last_acked} was acknowledged but is not in the store"
        );
        assert!(
            present <= last_acked + 1,
            "round {round}: more than the one unit in flight was committed without an acknowledgement"
        );
        next_key = (present + 1) as u64;
    }
    let check = run(kg(&dir).arg("check"));
    assert_eq!(check.code, 0, "{}", check.stdout);
    eprintln!(
        "crash test: seed {seed}, {rounds} rounds ({clean_exits} ended before the kill), \
         {acked_total} units acknowledged, {next_key} in the store, \
         {mid_checkpoint} kills inside a checkpoint, {torn_tails} torn tails cut off, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
