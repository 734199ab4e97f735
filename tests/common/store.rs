//! Helpers for the store tests: scratch directories, the real `kg` binary, a seeded random
//! number generator, and the graph as plain data to compare.

use kg::persist::{StoreOptions, SyncMode};
use kg::{Database, NodeData, Params, RelData};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Held while a child process is spawned and while a store opened in this process is closed.
/// Between fork and exec a child holds copies of every file descriptor, the store's lock
/// included; a store closed in that window stays locked until the child execs, and a `kg`
/// started right after would find it taken. Tests run in parallel threads, so they take turns.
static SPAWNING: Mutex<()> = Mutex::new(());

pub fn spawn(cmd: &mut Command) -> Child {
    let _turn = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    cmd.spawn().unwrap()
}

/// Closes a store opened in this process (see `SPAWNING`); `clean` says whether it gets a
/// clean exit (a checkpoint) or is dropped as if the process had died.
pub fn release(mut db: Database, clean: bool) {
    let _turn = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    if clean {
        db.close().unwrap();
    }
    drop(db);
}

/// A directory under the system's temp dir, removed when dropped (kept if the test failed,
/// so that the files can be looked at).
pub struct Scratch {
    pub path: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("kg-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Scratch { path }
    }

    /// The store directory inside (not created: kg creates it).
    pub fn store(&self) -> PathBuf {
        self.path.join("db")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// `kg --db DIR` with the given arguments after it.
pub fn kg(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.arg("--db").arg(dir);
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out: Output = spawn(cmd).wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "kg panicked: {}",
        run.stderr
    );
    run
}

/// Runs one query against the store and returns its JSON lines.
pub fn query(dir: &Path, text: &str) -> Run {
    run(kg(dir).args(["query", "--format", "jsonl", text]))
}

pub fn options(checkpoint_bytes: u64) -> StoreOptions {
    StoreOptions {
        sync: SyncMode::Commit,
        read_only: false,
        checkpoint_bytes,
    }
}

pub fn open(dir: &Path, checkpoint_bytes: u64) -> Database {
    Database::open(dir, options(checkpoint_bytes)).unwrap().0
}

pub fn open_read_only(dir: &Path) -> Database {
    let options = StoreOptions {
        read_only: true,
        ..options(u64::MAX)
    };
    Database::open(dir, options).unwrap().0
}

pub fn exec(db: &mut Database, text: &str) {
    db.run(text, &Params::new()).unwrap();
}

/// The graph as plain data: ids, labels, types, ends and properties, in id order.
pub fn contents(db: &Database) -> (Vec<NodeData>, Vec<RelData>) {
    (db.nodes(), db.rels())
}

/// xorshift64*: small, seeded, and enough to pick statements and moments.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
