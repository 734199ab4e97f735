//! What the fuzz targets share: a counting allocator (so that the memory limit is measured,
//! as in the `kg` binary), small limits, the seed graph, and a scratch directory for the
//! targets that read files.

use kg::graph::MemoryGraph;
use kg::limits::Limits;
use kg::{Database, Engine, Params, Value};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// What the store decoders may allocate for one input.
pub const DECODE_MEMORY: u64 = 64 << 20;

/// A statement may run this long and hold this much: an input that builds too much or runs
/// too long must end in a limit error, never in libFuzzer's timeout or memory limit.
pub fn limits() -> Limits {
    Limits {
        timeout: Some(Duration::from_millis(250)),
        max_memory: Some(64 << 20),
    }
}

/// Hands kg the allocator's count (once), so that memory limits are measured.
pub fn init() {
    static METER: OnceLock<()> = OnceLock::new();
    METER.get_or_init(|| kg::limits::set_meter(|| ALLOCATOR.allocated()));
}

/// The article's graph (`Database::default_graph`), built once.
pub fn seed_graph() -> &'static MemoryGraph {
    static GRAPH: OnceLock<MemoryGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let db = Database::default_graph().expect("the seed graph loads");
        db.graph().clone()
    })
}

/// A fresh database over a copy of the seed graph, with small limits. `row` picks the
/// row-at-a-time executor instead of the batched one.
pub fn seed_db(row: bool) -> Database {
    init();
    let mut db = Database::with_graph(seed_graph().clone(), None);
    db.set_limits(limits());
    if row {
        db.set_engine(Engine::RowByRow);
    }
    db
}

/// An empty database with small limits.
pub fn empty_db() -> Database {
    init();
    let mut db = Database::in_memory();
    db.set_limits(limits());
    db
}

/// Parameters that queries from the tests and the TCK refer to.
pub fn params() -> Params {
    let mut p = Params::new();
    p.insert("x".into(), Value::Int(1));
    p.insert("name".into(), Value::str("OpenAI"));
    p.insert(
        "list".into(),
        Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
    );
    p.insert("param".into(), Value::Int(42));
    p
}

/// A directory of this process's own for files a target writes.
pub fn scratch() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("kg-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        dir
    })
    .clone()
}
