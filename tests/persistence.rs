//! The durable store with real files and the real `kg` binary: damage of every kind gives its
//! documented outcome (never a panic), one writer at a time, readers beside it, and a graph
//! that comes back from disk exactly as it was in memory. The crash test is in `crash.rs`.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{
    Rng, Scratch, contents, exec, kg, open, open_read_only, query, release, run, spawn,
};
use kg::Database;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

const COUNT: &str = "MATCH (n) RETURN count(n) AS n";

fn count_line(n: usize) -> String {
    format!("{{\"n\":{n}}}\n")
}

fn len(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

/// A store whose snapshot holds 2 nodes and whose log holds two records of one node each, as
/// a process leaves it when it dies without a clean exit.
struct Fixture {
    _scratch: Scratch,
    dir: PathBuf,
    wal: PathBuf,
    snapshot: PathBuf,
    /// Where the first and the second log record start, and where the log ends.
    rec1: u64,
    rec2: u64,
    end: u64,
}

fn fixture(name: &str) -> Fixture {
    let scratch = Scratch::new(name);
    let dir = scratch.store();
    let wal = dir.join("wal.kg");
    let mut db = open(&dir, u64::MAX);
    exec(&mut db, "CREATE (:A {i: 1})-[:T {w: 1}]->(:B {i: 2})");
    db.checkpoint().unwrap();
    let rec1 = len(&wal);
    exec(&mut db, "CREATE (:A {i: 3})");
    let rec2 = len(&wal);
    exec(
        &mut db,
        "CREATE (:A {i: 4, s: 'a longer string so the payload has a middle'})",
    );
    let end = len(&wal);
    release(db, false);
    Fixture {
        snapshot: dir.join("snapshot.kg"),
        _scratch: scratch,
        dir,
        wal,
        rec1,
        rec2,
        end,
    }
}

fn flip(path: &Path, offset: u64) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[offset as usize] ^= 0x04;
    std::fs::write(path, bytes).unwrap();
}

fn store_files(f: &Fixture) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(&f.snapshot).unwrap(),
        std::fs::read(&f.wal).unwrap(),
    )
}

/// The store must refuse to open with `needle` in the message, and `kg check` must say the
/// same without changing a byte.
fn expect_refused(f: &Fixture, needle: &str) {
    let before = store_files(f);
    let r = query(&f.dir, COUNT);
    assert_eq!(r.code, 3, "{needle}: {} {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(needle),
        "wanted {needle:?} in {}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let c = run(kg(&f.dir).arg("check"));
    assert_eq!(c.code, 3, "{}", c.stdout);
    assert!(c.stdout.contains(needle), "check: {}", c.stdout);
    assert_eq!(store_files(f), before, "{needle}: nothing may change");
}

#[test]
fn a_new_store_starts_empty_and_keeps_ids_across_processes() {
    let scratch = Scratch::new("new");
    let dir = scratch.store();
    let r = query(
        &dir,
        "CREATE (a:A)-[r:T]->(b:B {k: [1, 2]}) RETURN id(a) AS a, id(r) AS r, id(b) AS b",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "{\"a\":0,\"r\":0,\"b\":1}\n");
    assert!(
        r.stderr.contains("created a new, empty store"),
        "{}",
        r.stderr
    );
    let r = query(
        &dir,
        "MATCH (a)-[r]->(b) RETURN id(a) AS a, id(r) AS r, b.k AS k",
    );
    assert_eq!(r.stdout, "{\"a\":0,\"r\":0,\"k\":[1,2]}\n");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    // A failed statement's ids are never handed out again, after a reopen either.
    let r = query(&dir, "CREATE (x:X) WITH x RETURN 1 / 0");
    assert_eq!(r.code, 1);
    let r = query(&dir, "CREATE (x:X) RETURN id(x) AS x");
    assert_eq!(r.stdout, "{\"x\":3}\n");
}

#[test]
fn every_torn_tail_is_cut_off_with_a_warning() {
    let f = fixture("torn");
    let (snapshot, wal) = store_files(&f);
    let last = f.end - f.rec2;
    for keep in [1, 20, 35, 36, 37, last - 1] {
        std::fs::write(&f.snapshot, &snapshot).unwrap();
        std::fs::write(&f.wal, &wal[..(f.rec2 + keep) as usize]).unwrap();
        let r = query(&f.dir, COUNT);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, count_line(3));
        let warning = format!("dropped the last {keep} bytes (from byte {})", f.rec2);
        assert!(r.stderr.contains(&warning), "{}", r.stderr);
        // The clean exit checkpointed; the next open has nothing to say.
        let r = query(&f.dir, COUNT);
        assert_eq!((r.stdout, r.stderr), (count_line(3), String::new()));
    }
}

#[test]
fn bit_flips_in_the_log_stop_the_open_naming_file_and_offset() {
    // Every fixture is built by the same statements, so one tells where the records are.
    let (rec1, rec2, end) = {
        let f = fixture("walprobe");
        (f.rec1, f.rec2, f.end)
    };
    let damaged = |at: u64| format!("wal.kg is damaged at byte {at}");
    // (what is hit, the byte flipped, what the error says, where the set-aside part starts;
    // `end` when nothing is set aside: a damaged file header is rewritten)
    let cases = [
        ("magic", 0, format!("{}: bad magic", damaged(0)), end),
        (
            "version",
            8,
            format!("{}: header checksum", damaged(12)),
            end,
        ),
        ("header checksum", 13, damaged(12), end),
        ("record length", rec2, damaged(rec2), rec2),
        ("record sequence", rec2 + 5, damaged(rec2), rec2),
        ("record ids", rec2 + 14, damaged(rec2), rec2),
        ("record checksum", rec2 + 29, damaged(rec2), rec2),
        ("record header checksum", rec2 + 33, damaged(rec2), rec2),
        ("record body", rec2 + 40, damaged(rec2), rec2),
        ("last byte", end - 1, damaged(rec2), rec2),
        ("a record in the middle", rec1 + 38, damaged(rec1), rec1),
    ];
    for (what, at, needle, aside_from) in cases {
        let f = fixture("walflip");
        flip(&f.wal, at);
        expect_refused(&f, &needle);
        let before = std::fs::read(&f.wal).unwrap();
        let r = run(kg(&f.dir).arg("recover"));
        assert_eq!(r.code, 0, "{what}: {}", r.stderr);
        let aside: Vec<PathBuf> = std::fs::read_dir(&f.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("wal.kg.damaged-"))
            .collect();
        if aside_from == end {
            // The header holds no data: a new one, and every record kept.
            assert!(
                r.stdout.contains("rewrote the 16-byte header")
                    && r.stdout.contains("kept the 2 records after it"),
                "{what}: {}",
                r.stdout
            );
            assert!(aside.is_empty(), "{what}: nothing is set aside");
            assert_eq!(std::fs::read(&f.wal).unwrap()[16..], before[16..], "{what}");
        } else {
            assert!(r.stdout.contains("set aside"), "{what}: {}", r.stdout);
            assert_eq!(aside.len(), 1, "{what}");
            assert_eq!(
                std::fs::read(&aside[0]).unwrap(),
                before[aside_from as usize..],
                "{what}: the damaged rest is kept as it was"
            );
        }
        // The snapshot holds 2 nodes and each record before the damage one more.
        let kept = match aside_from {
            a if a == end => 4,
            a if a == rec2 => 3,
            _ => 2,
        };
        let r = query(&f.dir, COUNT);
        assert_eq!(
            (r.code, r.stdout),
            (0, count_line(kept)),
            "{what}: {}",
            r.stderr
        );
    }
}

#[test]
fn recover_salvage_replays_the_intact_records_after_the_damage() {
    // After a snapshot that includes record 1, record 2 creates C, record 3 changes it, record
    // 4 creates D; record 2 is damaged.
    for (what, offset_in_record) in [("payload", 40), ("header", 5)] {
        let scratch = Scratch::new("salvage");
        let dir = scratch.store();
        let wal = dir.join("wal.kg");
        let mut db = open(&dir, u64::MAX);
        exec(&mut db, "CREATE (:A {i: 1})");
        db.checkpoint().unwrap();
        let rec1 = len(&wal);
        exec(
            &mut db,
            "CREATE (:C {i: 3, s: 'long enough to damage in the middle'})",
        );
        let rec2 = len(&wal);
        exec(&mut db, "MATCH (c:C) SET c.seen = true");
        let rec3 = len(&wal);
        exec(&mut db, "CREATE (:D {i: 5})");
        release(db, false);
        flip(&wal, rec1 + offset_in_record);
        let c = run(kg(&dir).arg("check"));
        assert_eq!(c.code, 3, "{what}: {}", c.stdout);
        assert!(
            c.stdout.contains(
                "they hold 2 records with intact checksums, which kg recover --salvage would replay"
            ),
            "{what}: {}",
            c.stdout
        );
        let r = run(kg(&dir).args(["recover", "--salvage"]));
        assert_eq!(r.code, 0, "{what}: {}", r.stderr);
        for line in [
            format!("record 3 (byte {rec2}): skipped: it does not apply without what was lost"),
            format!("record 4 (byte {rec3}): applied"),
            "record 2: lost".to_string(),
            "salvaged 2 intact records after the damage (1 applied, 1 skipped)".to_string(),
            "the store opens with 2 nodes and 0 relationships".to_string(),
        ] {
            assert!(
                r.stdout.contains(&line),
                "{what}: wanted {line:?} in {}",
                r.stdout
            );
        }
        assert!(r.stdout.contains("set aside"), "{what}: {}", r.stdout);
        let q = query(&dir, "MATCH (n) RETURN labels(n)[0] AS l ORDER BY l");
        assert_eq!(
            q.stdout, "{\"l\":\"A\"}\n{\"l\":\"D\"}\n",
            "{what}: {}",
            q.stderr
        );
        // The store goes on from there: new records follow the salvaged ones.
        assert_eq!(query(&dir, "CREATE (:E)").code, 0);
        let c = run(kg(&dir).arg("check"));
        assert_eq!(c.code, 0, "{what}: {}", c.stdout);
        assert!(
            c.stdout.contains("ok: the store opens with 3 nodes"),
            "{}",
            c.stdout
        );
    }
}

/// `kg --db DIR ARGS` whose files may not grow past `kib` KiB (RLIMIT_FSIZE, with SIGXFSZ
/// ignored): a write past it fails with "File too large", as writes fail on a full disk.
fn kg_with_file_limit(dir: &Path, kib: u64, args: &[&str]) -> common::store::Run {
    let script = format!("trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"", kib * 2);
    run(std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_kg"))
        .arg("--db")
        .arg(dir)
        .args(args))
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn on_a_full_disk_nothing_is_left_behind_and_a_reader_exits_cleanly() {
    let scratch = Scratch::new("full");
    let dir = scratch.store();
    // A log record of some 70 KB, not yet in a snapshot (as a killed writer leaves it).
    let mut db = open(&dir, u64::MAX);
    exec(
        &mut db,
        &format!(
            "UNWIND range(1, 300) AS i CREATE (:N {{i: i, s: '{}'}})",
            "x".repeat(200)
        ),
    );
    release(db, false);
    let before = store_files_of(&dir);
    // A read-only statement: the checkpoint at exit fails, which loses nothing.
    let r = kg_with_file_limit(&dir, 16, &["query", "--format", "jsonl", COUNT]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "{\"n\":300}\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("note: no checkpoint at exit") && r.stderr.contains("File too large"),
        "{}",
        r.stderr
    );
    assert_eq!(leftovers(&dir), Vec::<String>::new());
    assert_eq!(store_files_of(&dir), before);
    // An import that cannot write its snapshot fails whole, and leaves no temporary file.
    let data = scratch.path.join("more.jsonl");
    let lines: String = (0..300)
        .map(|i| format!("{{\"type\":\"node\",\"id\":\"{i}\",\"labels\":[\"M\"],\"properties\":{{\"s\":\"{}\"}}}}\n", "y".repeat(200)))
        .collect();
    std::fs::write(&data, lines).unwrap();
    let r = kg_with_file_limit(&dir, 16, &["import", data.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("snapshot.kg.tmp: File too large"),
        "{}",
        r.stderr
    );
    assert_eq!(leftovers(&dir), Vec::<String>::new());
    assert_eq!(store_files_of(&dir), before);
    // With room again, the next writer checkpoints as usual.
    let r = query(&dir, COUNT);
    assert_eq!((r.code, r.stdout), (0, count_line(300)), "{}", r.stderr);
    let c = run(kg(&dir).arg("check"));
    assert!(c.stdout.contains("wal.kg: 16 bytes"), "{}", c.stdout);
}

fn store_files_of(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(dir.join("snapshot.kg")).unwrap_or_default(),
        std::fs::read(dir.join("wal.kg")).unwrap(),
    )
}

#[test]
fn a_directory_that_holds_other_files_and_no_store_is_refused() {
    let scratch = Scratch::new("notastore");
    let dir = scratch.path.join("papers");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("draft.txt"), "mine").unwrap();
    for args in [
        &["query", "CREATE (:A)"][..],
        &["--read-only", "query", "RETURN 1"],
        &["check"],
        &["recover"],
    ] {
        let r = run(kg(&dir).args(args));
        assert_eq!(r.code, 3, "{args:?}: {}", r.stderr);
        let expected = format!(
            "{} is not a kg store: it holds other files (draft.txt) and none of kg's; give --db a new or empty directory",
            dir.display()
        );
        assert!(r.stderr.contains(&expected), "{args:?}: {}", r.stderr);
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["draft.txt"], "{args:?} changed the directory");
    }
    // An empty directory becomes a store.
    let empty = scratch.path.join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(query(&empty, "CREATE (:A)").code, 0);
    assert_eq!(query(&empty, COUNT).stdout, count_line(1));
}

#[cfg(unix)]
#[test]
fn symlinked_store_files_are_refused_and_left_alone() {
    for name in ["snapshot.kg", "wal.kg", "lock"] {
        let scratch = Scratch::new("symlinked");
        let dir = scratch.store();
        assert_eq!(query(&dir, "CREATE (:A)").code, 0);
        let target = scratch.path.join(format!("elsewhere-{name}"));
        std::fs::rename(dir.join(name), &target).unwrap();
        std::os::unix::fs::symlink(&target, dir.join(name)).unwrap();
        let before = std::fs::read(&target).unwrap();
        let r = query(&dir, "CREATE (:B)");
        assert_eq!(r.code, 3, "{name}: {}", r.stderr);
        let expected = format!(
            "{} is a symbolic link: kg replaces its files by renaming new ones into place, which would replace the link",
            dir.join(name).display()
        );
        assert!(r.stderr.contains(&expected), "{name}: {}", r.stderr);
        assert!(
            std::fs::symlink_metadata(dir.join(name))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), before, "{name}");
        // Reading needs no rename: a reader reads through the link.
        let r = run(kg(&dir).args(["--read-only", "query", "--format", "jsonl", COUNT]));
        assert_eq!(
            (r.code, r.stdout),
            (0, count_line(1)),
            "{name}: {}",
            r.stderr
        );
    }
}

#[test]
fn bit_flips_in_the_snapshot_stop_the_open_naming_file_and_offset() {
    // A newer kg may lay its snapshot header out differently, so the version is read before
    // the header checksum: a flipped version bit reads as a newer format. Both stop the open.
    let cases: Vec<(&str, u64, &str)> = vec![
        ("magic", 0, "snapshot.kg is damaged at byte 0: bad magic"),
        ("version", 8, "snapshot.kg has format version"),
        (
            "sequence",
            17,
            "snapshot.kg is damaged at byte 36: header checksum",
        ),
        (
            "body length",
            24,
            "snapshot.kg is damaged at byte 36: header checksum",
        ),
        (
            "body checksum",
            33,
            "snapshot.kg is damaged at byte 36: header checksum",
        ),
        (
            "header checksum",
            37,
            "snapshot.kg is damaged at byte 36: header checksum",
        ),
        (
            "body",
            45,
            "snapshot.kg is damaged at byte 40: body checksum",
        ),
    ];
    for (what, at, needle) in cases {
        let f = fixture("snapflip");
        flip(&f.snapshot, at);
        expect_refused(&f, needle);
        let r = run(kg(&f.dir).arg("recover"));
        assert_eq!(r.code, 3, "{what}");
        let says = if what == "version" {
            "changes nothing"
        } else {
            "repairs only the log"
        };
        assert!(r.stderr.contains(says), "{what}: {}", r.stderr);
    }
}

#[test]
fn empty_truncated_and_future_snapshots_are_refused() {
    let f = fixture("snapshots");
    let good = std::fs::read(&f.snapshot).unwrap();
    std::fs::write(&f.snapshot, b"").unwrap();
    expect_refused(&f, "snapshot.kg is damaged at byte 0: the file is empty");
    std::fs::write(&f.snapshot, &good[..20]).unwrap();
    expect_refused(
        &f,
        "snapshot.kg is damaged at byte 20: the file ends at 20 bytes",
    );
    std::fs::write(&f.snapshot, &good[..good.len() - 3]).unwrap();
    expect_refused(&f, "the file is truncated");
    // A snapshot written by a newer kg: a valid header with version 4.
    let mut future = good.clone();
    future[8..12].copy_from_slice(&4u32.to_le_bytes());
    let crc = crc32fast::hash(&future[..36]);
    future[36..40].copy_from_slice(&crc.to_le_bytes());
    std::fs::write(&f.snapshot, &future).unwrap();
    expect_refused(
        &f,
        "snapshot.kg has format version 4 (at byte 8); this kg reads version 3: it was written by a newer kg",
    );
    std::fs::write(&f.snapshot, &good).unwrap();
    assert_eq!(query(&f.dir, COUNT).stdout, count_line(4));
}

#[test]
fn a_log_from_a_newer_kg_is_refused_and_recover_leaves_it_alone() {
    let f = fixture("futurelog");
    let mut log = std::fs::read(&f.wal).unwrap();
    log[8..12].copy_from_slice(&4u32.to_le_bytes());
    let crc = crc32fast::hash(&log[..12]);
    log[12..16].copy_from_slice(&crc.to_le_bytes());
    std::fs::write(&f.wal, &log).unwrap();
    let needle = "wal.kg has format version 4 (at byte 8); this kg reads version 3: it was written by a newer kg";
    expect_refused(&f, needle);
    let r = run(kg(&f.dir).arg("check"));
    assert!(
        r.stdout
            .contains("open the store with the kg that wrote it")
            && !r.stdout.contains("kg recover would"),
        "{}",
        r.stdout
    );
    let r = run(kg(&f.dir).arg("recover"));
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("changes nothing"), "{}", r.stderr);
    assert_eq!(std::fs::read(&f.wal).unwrap(), log);
}

#[test]
fn an_explicit_transaction_is_one_log_record_and_a_rollback_none() {
    let scratch = Scratch::new("tx");
    let dir = scratch.store();
    let mut db = open(&dir, u64::MAX);
    exec(&mut db, "BEGIN; CREATE (:A); CREATE (:B); COMMIT");
    exec(&mut db, "BEGIN; MATCH (a:A) SET a.x = 1; ROLLBACK");
    release(db, false);
    let r = run(kg(&dir).arg("check"));
    assert!(
        r.stdout.contains("1 record to replay (1 to 1)"),
        "{}",
        r.stdout
    );
    assert_eq!(query(&dir, COUNT).stdout, count_line(2));
    // The same from a script, with meta-commands.
    let r = run(kg(&dir).args([
        "query",
        ":begin\nCREATE (:D);\n:rollback\nMATCH (n) RETURN count(n) AS n;",
    ]));
    assert!(r.stdout.contains("| 2 "), "{} {}", r.stdout, r.stderr);
}

/// Starts `kg --db DIR run -` and waits until it holds the lock.
fn start_writer(dir: &Path, extra: &[&str]) -> std::process::Child {
    let child = spawn(
        kg(dir)
            .args(extra)
            .args(["run", "-", "--format", "jsonl"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let pid = child.id().to_string();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read_to_string(dir.join("lock"))
        .map(|s| s.trim().to_string())
        .ok()
        != Some(pid.clone())
    {
        assert!(Instant::now() < deadline, "the writer never took the lock");
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

#[test]
fn a_second_writer_fails_at_once_naming_the_holder() {
    let scratch = Scratch::new("writers");
    let dir = scratch.store();
    let mut first = start_writer(&dir, &[]);
    let started = Instant::now();
    let r = query(&dir, "CREATE (:X)");
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains(&format!(
            "open for writing by another kg process (pid {})",
            first.id()
        )),
        "{}",
        r.stderr
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it must not wait"
    );
    // The library says the same.
    assert!(matches!(
        Database::open(&dir, common::store::options(1 << 20)),
        Err(kg::Error::Store(kg::persist::StoreError::Locked { .. }))
    ));
    // A killed holder leaves nothing behind: the kernel drops its lock.
    first.kill().unwrap();
    first.wait().unwrap();
    assert_eq!(query(&dir, "CREATE (:X)").code, 0);
}

#[test]
fn a_writer_whose_lock_or_files_are_deleted_lets_no_second_writer_in_and_stops() {
    // What a careless cleanup does to a running writer: each of its files deleted or
    // replaced in turn.
    for victim in ["lock", "wal.kg", "snapshot.kg", "."] {
        let scratch = Scratch::new("lock-deleted");
        let dir = scratch.store();
        assert_eq!(query(&dir, "CREATE (:Zero)").code, 0);
        let mut writer = start_writer(&dir, &[]);
        let mut stdin = writer.stdin.take().unwrap();
        let mut acks = BufReader::new(writer.stdout.take().unwrap()).lines();
        writeln!(stdin, "CREATE (:First) RETURN 1 AS ack;").unwrap();
        stdin.flush().unwrap();
        assert_eq!(acks.next().unwrap().unwrap(), "{\"ack\":1}");
        let path = dir.join(victim);
        match victim {
            "." => {
                // The whole store moved away and a new one made in its place.
                std::fs::rename(&dir, scratch.path.join("moved")).unwrap();
                let r = query(&dir, "CREATE (:Second)");
                assert_eq!(r.code, 0, "{}", r.stderr);
            }
            "snapshot.kg" => {
                // Replaced by another file (a backup put back by hand, say).
                let bytes = std::fs::read(&path).unwrap();
                std::fs::remove_file(&path).unwrap();
                std::fs::write(&path, bytes).unwrap();
            }
            _ => {
                std::fs::remove_file(&path).unwrap();
                let r = query(&dir, "CREATE (:Second)");
                assert_eq!(r.code, 3, "{victim}: a second writer got in");
                assert!(
                    r.stderr.contains("open for writing by another kg process"),
                    "{victim}: {}",
                    r.stderr
                );
            }
        }
        // The first writer writes no more: not the statement, not the checkpoint at exit.
        writeln!(stdin, "CREATE (:Late) RETURN 2 AS ack;").unwrap();
        drop(stdin);
        let out = writer.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{victim}: {stderr}");
        assert!(
            acks.next().is_none(),
            "{victim}: the late write was acknowledged"
        );
        let shown = if victim == "." {
            String::new()
        } else {
            format!("/{victim}")
        };
        let needle = format!(
            "{}{shown} was deleted or replaced while this kg had the store open",
            dir.display()
        );
        assert!(
            stderr.contains(&needle),
            "{victim}: wanted {needle:?} in {stderr}"
        );
        if victim == "." {
            let r = query(&dir, "MATCH (n) RETURN labels(n)[0] AS l");
            assert_eq!(r.stdout, "{\"l\":\"Second\"}\n", "{victim}");
        } else {
            let r = query(&dir, "MATCH (n) RETURN labels(n)[0] AS l ORDER BY l");
            assert_eq!(r.code, 0, "{victim}: {}", r.stderr);
            // A deleted log takes its records with it; nothing else is lost.
            let expected = match victim {
                "wal.kg" => "{\"l\":\"Zero\"}\n",
                _ => "{\"l\":\"First\"}\n{\"l\":\"Zero\"}\n",
            };
            assert_eq!(r.stdout, expected, "{victim}");
        }
    }
}

#[test]
fn a_reader_reads_while_a_writer_writes_and_checkpoints() {
    let scratch = Scratch::new("reader");
    let dir = scratch.store();
    // A small checkpoint size, so that readers race checkpoints too.
    let mut writer = start_writer(&dir, &["--checkpoint-size", "600"]);
    let mut stdin = writer.stdin.take().unwrap();
    let mut acks = BufReader::new(writer.stdout.take().unwrap()).lines();
    for i in 0..40 {
        writeln!(stdin, "CREATE (:N {{i: {i}}}) RETURN {i} AS ack;").unwrap();
        stdin.flush().unwrap();
        assert_eq!(acks.next().unwrap().unwrap(), format!("{{\"ack\":{i}}}"));
        if i % 4 == 0 {
            let r = run(kg(&dir).args(["--read-only", "query", "--format", "jsonl", COUNT]));
            assert_eq!(r.code, 0, "{}", r.stderr);
            let seen: usize = r.stdout.trim()[5..r.stdout.trim().len() - 1]
                .parse()
                .unwrap();
            assert!(
                seen > i,
                "the reader sees every acknowledged write ({seen} <= {i})"
            );
        }
    }
    let db = open_read_only(&dir);
    assert_eq!(db.node_count(), 40);
    release(db, false);
    let r = run(kg(&dir).args(["--read-only", "query", "CREATE (:Y)"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("open read-only (--read-only): writes are refused"),
        "{}",
        r.stderr
    );
    drop(stdin);
    assert!(writer.wait().unwrap().success());
}

/// A statement of a random workload; ids are picked from those the graph has handed out, so
/// some miss and some statements fail, as in real use.
fn random_statement(rng: &mut Rng, next_id: u64) -> String {
    let id = rng.below(next_id + 2);
    let other = rng.below(next_id + 2);
    let value = match rng.below(6) {
        0 => format!("{}", rng.below(1000) as i64 - 500),
        1 => format!("{}.5", rng.below(100)),
        2 => format!("'s{}'", rng.below(50)),
        3 => format!("[{}, {}]", rng.below(9), rng.below(9)),
        4 => "true".to_string(),
        _ => "null".to_string(),
    };
    let label = ["A", "B", "C"][rng.below(3) as usize];
    let key = ["k", "name", "w"][rng.below(3) as usize];
    match rng.below(11) {
        0 | 1 => format!("CREATE (:{label} {{{key}: {value}}})"),
        2 => format!("CREATE (:{label})-[:T {{{key}: {value}}}]->(:B)"),
        3 => format!("MATCH (a), (b) WHERE id(a) = {id} AND id(b) = {other} CREATE (a)-[:U]->(b)"),
        4 => format!("MATCH (n) WHERE id(n) = {id} SET n.{key} = {value}"),
        5 => format!("MATCH (n) WHERE id(n) = {id} SET n:{label}"),
        6 => format!("MATCH (n) WHERE id(n) = {id} REMOVE n:{label}"),
        7 => format!("MATCH (n) WHERE id(n) = {id} DELETE n"),
        8 => format!("MATCH (n) WHERE id(n) = {id} DETACH DELETE n"),
        9 => format!("MATCH ()-[r]->() WHERE id(r) = {id} SET r.{key} = {value}"),
        _ => format!("CREATE (:{label} {{k: {id} / {}}})", rng.below(2)),
    }
}

#[test]
fn random_statements_come_back_from_disk_exactly_as_in_memory() {
    for seed in 1..=12u64 {
        let mut rng = Rng::new(seed * 7919);
        let scratch = Scratch::new("property");
        let dir = scratch.store();
        let mut stored = open(&dir, 1 + rng.below(3000));
        let mut twin = Database::in_memory();
        let mut in_tx = false;
        for step in 0..70 {
            let statement = match rng.below(12) {
                0 if !in_tx => "BEGIN".to_string(),
                1 if in_tx => "COMMIT".to_string(),
                2 if in_tx => "ROLLBACK".to_string(),
                _ => random_statement(&mut rng, twin.graph().next_node_id().0),
            };
            let a = stored.run(&statement, &kg::Params::new()).map(|r| r.len());
            let b = twin.run(&statement, &kg::Params::new()).map(|r| r.len());
            assert_eq!(a.is_ok(), b.is_ok(), "seed {seed} step {step}: {statement}");
            in_tx = twin.in_transaction();
            if !in_tx && rng.below(8) == 0 {
                // Half the time a clean close, half the time a crash (drop without close).
                release(stored, rng.below(2) == 0);
                stored = open(&dir, 1 + rng.below(3000));
                assert_eq!(
                    contents(&stored),
                    contents(&twin),
                    "seed {seed} step {step}"
                );
            }
        }
        if in_tx {
            // A transaction in which a statement failed is rolled back by COMMIT: in both.
            let a = stored.run("COMMIT", &kg::Params::new()).is_ok();
            let b = twin.run("COMMIT", &kg::Params::new()).is_ok();
            assert_eq!(a, b, "seed {seed}: COMMIT");
        }
        release(stored, true);
        let reopened = open(&dir, u64::MAX);
        assert_eq!(contents(&reopened), contents(&twin), "seed {seed}");
        assert_eq!(reopened.graph().next_node_id(), twin.graph().next_node_id());
        assert_eq!(reopened.graph().next_rel_id(), twin.graph().next_rel_id());
        release(reopened, false);
    }
}

#[test]
fn a_crash_inside_a_checkpoint_loses_nothing_and_replays_nothing_twice() {
    let f = fixture("checkpoint");
    let old_snapshot = std::fs::read(&f.snapshot).unwrap();
    let old_log = std::fs::read(&f.wal).unwrap();
    let r = run(kg(&f.dir).arg("checkpoint"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let new_snapshot = std::fs::read(&f.snapshot).unwrap();
    let new_log = std::fs::read(&f.wal).unwrap();
    assert_eq!(new_log.len(), 16, "the log is empty after a checkpoint");
    // Each state a crash can leave, in the order a checkpoint goes through them: a half
    // written temporary snapshot; the new snapshot beside the old log (the crash came
    // between the two renames); a half written temporary log.
    type Leftover<'a> = Option<(&'a str, &'a [u8])>;
    let states: [(&Vec<u8>, Leftover); 3] = [
        (
            &old_snapshot,
            Some(("snapshot.kg.tmp", &new_snapshot[..50])),
        ),
        (&new_snapshot, None),
        (&new_snapshot, Some(("wal.kg.tmp", &new_log[..7]))),
    ];
    for (i, (snapshot, leftover)) in states.into_iter().enumerate() {
        std::fs::write(&f.snapshot, snapshot).unwrap();
        std::fs::write(&f.wal, &old_log).unwrap();
        if let Some((name, bytes)) = leftover {
            std::fs::write(f.dir.join(name), bytes).unwrap();
        }
        let r = query(&f.dir, "MATCH (n) RETURN count(n) AS n");
        assert_eq!(
            (r.code, r.stdout),
            (0, count_line(4)),
            "state {i}: {}",
            r.stderr
        );
        assert!(!f.dir.join("snapshot.kg.tmp").exists() && !f.dir.join("wal.kg.tmp").exists());
        let r = query(&f.dir, "CREATE (x:X) RETURN id(x) AS x");
        assert_eq!(
            r.stdout, "{\"x\":4}\n",
            "state {i}: ids go on where they were"
        );
        let r = query(&f.dir, "MATCH (x:X) DELETE x");
        assert_eq!(r.code, 0);
    }
}

#[test]
fn a_failed_statement_fails_its_transaction_which_commit_then_rolls_back() {
    let scratch = Scratch::new("failedtx");
    let dir = scratch.store();
    let script = ":begin\nCREATE (:A);\nRETURN 1 / 0;\nCREATE (:B);\n:commit\n\
                  :begin\nCREATE (:C);\n:commit\n\
                  BEGIN;\nCREATE (:D);\nMATCH (n) RETURN m;\nCOMMIT;\n";
    let path = scratch.path.join("tx.cypher");
    std::fs::write(&path, script).unwrap();
    let r = run(kg(&dir).args(["run", "--continue"]).arg(&path));
    assert_eq!(r.code, 1, "{}", r.stderr);
    for needle in [
        "statement 2 failed",
        "statement 3 failed:\nerror: the transaction has failed",
        ":commit failed: the transaction was rolled back, not committed, because a statement in it failed",
        "statement 8 failed:\nerror: the transaction was rolled back, not committed, because a statement in it failed",
    ] {
        assert!(
            r.stderr.contains(needle),
            "wanted {needle:?} in {}",
            r.stderr
        );
    }
    // Only the transaction without a failure was committed.
    let q = query(&dir, "MATCH (n) RETURN labels(n)[0] AS l");
    assert_eq!(q.stdout, "{\"l\":\"C\"}\n", "{}", q.stderr);
    // The shell says the same, and its prompt says the transaction failed.
    let mut shell = spawn(
        kg(&dir)
            .args(["--history", "off", "shell"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let input = ":begin\nCREATE (:E);\nRETURN nope;\n:commit\n:quit\n";
    shell
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = shell.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(":commit failed: the transaction was rolled back, not committed"),
        "{stderr}"
    );
    let q = query(&dir, "MATCH (n) RETURN count(n) AS n");
    assert_eq!(q.stdout, count_line(1));
}

#[test]
fn the_shell_groups_statements_with_begin_commit_and_rollback() {
    let scratch = Scratch::new("shell");
    let dir = scratch.store();
    let mut shell = spawn(
        kg(&dir)
            .arg("shell")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let input = ":begin\nCREATE (:A);\nCREATE (:B);\n:commit\n:begin\nCREATE (:C);\n:rollback\n:commit\n:quit\n";
    shell
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = shell.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("every committed statement is kept"),
        "{stdout}"
    );
    assert!(
        stderr.contains("Committed") && stderr.contains("Rolled back"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":commit failed: there is no open transaction to commit"),
        "{stderr}"
    );
    let r = query(&dir, "MATCH (n) RETURN labels(n)[0] AS l ORDER BY l");
    assert_eq!(r.stdout, "{\"l\":\"A\"}\n{\"l\":\"B\"}\n");
}

#[test]
fn temporal_values_in_named_zones_come_back_from_the_log_and_the_snapshot() {
    let scratch = Scratch::new("temporal");
    let dir = scratch.store();
    let mut db = open(&dir, u64::MAX);
    exec(
        &mut db,
        "CREATE (:T {
            d: date('2015-W30-2'), lt: localtime('214032.142'), t: time('21:40-01:30'),
            ldt: localdatetime('2015-202T21:40'), dt: datetime('2015-07-21T21:40+01:00'),
            z: datetime('2017-10-29T02:30+01:00[Europe/Stockholm]'),
            zs: [datetime('1818-07-21T21:40[Europe/Stockholm]'), datetime({year: 2025, month: 3, day: 9, hour: 2, minute: 30, timezone: 'America/New_York'})],
            p: duration('P1Y2M3DT4H5M6.5S')})",
    );
    let written = contents(&db);
    // The second of the two 02:30s of that night: the offset is kept, not recomputed.
    let z = &written.0[0].props;
    assert!(format!("{z:?}").contains("DateTimeZoned"), "{z:?}");
    release(db, false);
    let mut replayed = open(&dir, u64::MAX);
    assert_eq!(contents(&replayed), written, "from the log");
    replayed.checkpoint().unwrap();
    release(replayed, true);
    let mut from_snapshot = open(&dir, u64::MAX);
    assert_eq!(contents(&from_snapshot), written, "from the snapshot");
    let result = from_snapshot
        .run(
            "MATCH (t:T) RETURN toString(t.z) AS z, t.zs[1].hour AS h",
            &kg::Params::new(),
        )
        .unwrap();
    assert_eq!(
        result[0].rows[0],
        vec![
            kg::Value::str("2017-10-29T02:30+01:00[Europe/Stockholm]"),
            kg::Value::Int(3)
        ]
    );
    release(from_snapshot, false);
}
