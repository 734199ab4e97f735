//! Figures for the durable store, printed rather than asserted (`cargo bench --bench store`):
//!
//! - open time of a store holding ~1M relationships, against the time to read its files
//!   from the page cache;
//! - single-statement commits per second with `--sync commit` and `--sync off`;
//! - snapshot bytes per node and per relationship.
//!
//! `KG_BENCH_RELS` sets the relationship count (default 1,000,000; nodes are a fifth of it).

// A benchmark reports broken set-up by panicking, like a test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::graph::{MemoryGraph, Mutation};
use kg::persist::{Store, StoreOptions, SyncMode};
use kg::{Database, NodeId, Params, RelId, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kg-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(sync: SyncMode, read_only: bool) -> StoreOptions {
    StoreOptions {
        sync,
        read_only,
        checkpoint_bytes: kg::persist::DEFAULT_CHECKPOINT_BYTES,
    }
}

/// A graph shaped like a knowledge graph: labelled nodes with a name and a number, typed
/// relationships with one property, ends spread by a fixed pseudo-random sequence.
fn build(nodes: u64, rels: u64) -> MemoryGraph {
    let mut g = MemoryGraph::new();
    let labels: Vec<Arc<str>> = ["Company", "Person", "Deal"].map(Arc::from).to_vec();
    let types: Vec<Arc<str>> = ["WORKS_AT", "OWNS_STAKE", "PARTY_TO"]
        .map(Arc::from)
        .to_vec();
    let (name, rank, weight): (Arc<str>, Arc<str>, Arc<str>) =
        ("name".into(), "rank".into(), "weight".into());
    for i in 0..nodes {
        let m = Mutation::CreateNode {
            id: NodeId(i),
            labels: vec![labels[(i % 3) as usize].clone()],
            props: vec![
                (name.clone(), Value::str(&format!("entity {i}"))),
                (rank.clone(), Value::Int(i as i64)),
            ],
        };
        g.apply(m).unwrap();
    }
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    for i in 0..rels {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let m = Mutation::CreateRel {
            id: RelId(i),
            ty: types[(i % 3) as usize].clone(),
            start: NodeId(x % nodes),
            end: NodeId((x >> 32) % nodes),
            props: vec![(weight.clone(), Value::Int((x % 100) as i64))],
        };
        g.apply(m).unwrap();
    }
    g
}

/// Writes `graph` as the snapshot of a new store in `dir`; returns the snapshot's size.
fn write_store(dir: &Path, graph: &MemoryGraph) -> u64 {
    let mut opened = Store::open(dir, options(SyncMode::Commit, false)).unwrap();
    opened.store.checkpoint(graph).unwrap()
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn open_time(rels: u64) {
    let nodes = (rels / 5).max(1);
    let dir = scratch("open");
    let t = Instant::now();
    let graph = build(nodes, rels);
    let built = t.elapsed();
    let t = Instant::now();
    let size = write_store(&dir, &graph);
    let written = t.elapsed();
    drop(graph);
    let read = best_of(5, || {
        for f in ["snapshot.kg", "wal.kg"] {
            std::hint::black_box(std::fs::read(dir.join(f)).unwrap());
        }
    });
    // Timed up to the open database; freeing it afterwards is not part of opening.
    let open = (0..3)
        .map(|_| {
            let t = Instant::now();
            let (db, _) = Database::open(&dir, options(SyncMode::Commit, true)).unwrap();
            let elapsed = t.elapsed();
            assert_eq!(db.rel_count() as u64, rels);
            drop(db);
            elapsed
        })
        .min()
        .unwrap();
    println!("store of {nodes} nodes and {rels} relationships, snapshot {size} bytes");
    println!("  build in memory {built:.2?}, checkpoint (encode + fsync + rename) {written:.2?}");
    println!(
        "  open {open:.2?}; reading its files from the page cache {read:.2?}; ratio {:.0}x",
        open.as_secs_f64() / read.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn bytes_per_entity() {
    let (nodes, rels) = (100_000, 100_000);
    let dir = scratch("size");
    let only_nodes = write_store(&dir, &build(nodes, 0));
    let _ = std::fs::remove_dir_all(&dir);
    let with_rels = write_store(&dir, &build(nodes, rels));
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "snapshot size: {:.1} bytes per node (1 label, a 10-15 character name, an integer), \
         {:.1} bytes per relationship (a type, 2 ends, an integer property)",
        only_nodes as f64 / nodes as f64,
        (with_rels - only_nodes) as f64 / rels as f64
    );
}

fn commits(sync: SyncMode, count: i64) {
    let dir = scratch("commits");
    let (mut db, _) = Database::open(&dir, options(sync, false)).unwrap();
    let mut params = Params::new();
    let t = Instant::now();
    for i in 0..count {
        params.insert("i".into(), Value::Int(i));
        db.run("CREATE (:Event {i: $i})", &params).unwrap();
    }
    let elapsed = t.elapsed();
    db.close().unwrap();
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "single-statement commits, --sync {}: {:.0} per second ({count} in {elapsed:.2?})",
        if sync == SyncMode::Commit {
            "commit"
        } else {
            "off"
        },
        count as f64 / elapsed.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter or other flags are not used here.
    let rels = std::env::var("KG_BENCH_RELS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    open_time(rels);
    bytes_per_entity();
    commits(SyncMode::Commit, 500);
    commits(SyncMode::Off, 20_000);
}
