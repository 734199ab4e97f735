//! Opening a store (snapshot + log replay), appending commits and checkpoints. The `check`
//! and `recover` tools are in `check.rs`.
//!
//! Readers (`--read-only`, `check`) take no lock and never write. They read the log before
//! the snapshot: a checkpoint renames the new snapshot into place before it replaces the log,
//! so a reader that races one sees either the old log with a snapshot at least as new (whose
//! records replay skips) or the new log with the new snapshot; never a gap.

use super::budget::Budget;
use super::files::{self, Held, read_if_exists, truncate};
use super::lock::{LOCK_FILE, WriterLock};
use super::snapshot::{self, SNAPSHOT_FILE};
use super::wal::{self, FILE_HEADER_LEN, LOG_FILE, LogWriter, Tail};
use super::{DEFAULT_CHECKPOINT_BYTES, StoreError};
use crate::graph::{GraphError, MemoryGraph, Mutation};
use crate::model::{NodeId, RelId};
use std::path::{Path, PathBuf};

/// When a commit reaches the disk.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SyncMode {
    /// Each commit is fsynced before it is reported: nothing committed is ever lost.
    Commit,
    /// Commits are written but not fsynced (a checkpoint and a clean exit still sync): for
    /// bulk loads. A killed process loses nothing; a power cut may lose the last commits.
    Off,
}

#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub sync: SyncMode,
    pub read_only: bool,
    /// A commit that leaves the log larger than this triggers a checkpoint.
    pub checkpoint_bytes: u64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            sync: SyncMode::Commit,
            read_only: false,
            checkpoint_bytes: DEFAULT_CHECKPOINT_BYTES,
        }
    }
}

/// What opening found worth telling the user.
#[derive(Debug, Default)]
pub struct OpenReport {
    /// The directory did not exist and a new, empty store was made.
    pub created: bool,
    /// Log records replayed on top of the snapshot.
    pub replayed: usize,
    /// Things dropped or ignored (a torn tail), one line each.
    pub warnings: Vec<String>,
}

/// An open store: the one writer, or a reader that refuses writes.
pub struct Store {
    dir: PathBuf,
    options: StoreOptions,
    lock: Option<WriterLock>,
    log: Option<LogWriter>,
    /// The snapshot this writer read or wrote last (`None`: there is none yet), so that
    /// one put there by someone else is not overwritten.
    snapshot: Option<Held>,
    next_seq: u64,
    /// The id high-water marks the snapshot and log record, so that ids allocated by a
    /// rolled-back statement are not handed out again after a reload either.
    durable_ids: (u64, u64),
    /// Set while the log file is being replaced, and left set if that fails half-way, or
    /// when a failed append could not be cut back off.
    poisoned: bool,
}

pub struct Opened {
    pub store: Store,
    pub graph: MemoryGraph,
    pub report: OpenReport,
}

pub(super) struct SnapshotInfo {
    pub(super) seq: u64,
    pub(super) nodes: usize,
    pub(super) rels: usize,
    pub(super) bytes: usize,
}

pub(super) struct LogInfo {
    /// Damage to the log's file header (the records after it replayed all the same).
    pub(super) header: Option<StoreError>,
    pub(super) file_len: u64,
    /// End of the last record that replayed.
    pub(super) end: u64,
    pub(super) applied: usize,
    pub(super) skipped: usize,
    pub(super) seqs: Option<(u64, u64)>,
    pub(super) tail: Tail,
}

pub(super) struct Loaded {
    pub(super) graph: MemoryGraph,
    pub(super) snap_seq: u64,
    pub(super) snapshot: Option<SnapshotInfo>,
    pub(super) log: Option<LogInfo>,
    /// A file is in an older format than this kg writes: a writer upgrades it at once.
    pub(super) old_format: bool,
}

/// Refuses an existing directory that is not a store: one that holds files, none of them
/// kg's. For a writer, also store files that are symbolic links, which a checkpoint's rename
/// would replace by plain files.
pub(super) fn check_dir(dir: &Path, writer: bool) -> Result<(), StoreError> {
    let names = [SNAPSHOT_FILE, LOG_FILE, LOCK_FILE];
    let mut other = None;
    let entries = std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))?;
    for entry in entries {
        let name = entry.map_err(|e| StoreError::io(dir, e))?.file_name();
        let name = name.to_string_lossy();
        // Temporary and set-aside files start with their file's name.
        if names.iter().any(|n| name.starts_with(n)) {
            other = None;
            break;
        }
        if other.is_none() {
            other = Some(name.into_owned());
        }
    }
    if let Some(example) = other {
        return Err(StoreError::NotAStore {
            dir: dir.to_path_buf(),
            example,
        });
    }
    if writer {
        for name in names {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(StoreError::Symlinked { path });
            }
        }
    }
    Ok(())
}

/// Reads the snapshot and replays the log on it. Damage to the snapshot is an error; damage
/// to the log ends the replay and is described in the returned `LogInfo`.
pub(super) fn load(dir: &Path) -> Result<Loaded, StoreError> {
    let budget = Budget::standard();
    let log_path = dir.join(LOG_FILE);
    let log_bytes = read_if_exists(&log_path)?;
    let snap_path = dir.join(SNAPSHOT_FILE);
    let mut old_format = false;
    let (mut graph, snap_seq, snapshot) = match read_if_exists(&snap_path)? {
        Some(bytes) => {
            let s = snapshot::decode(&bytes, &snap_path, &budget)?;
            old_format |= s.version < snapshot::VERSION;
            let info = SnapshotInfo {
                seq: s.seq,
                nodes: s.nodes,
                rels: s.rels,
                bytes: bytes.len(),
            };
            (s.graph, s.seq, Some(info))
        }
        None => (MemoryGraph::new(), 0, None),
    };
    let log = log_bytes.map(|bytes| {
        let scan = wal::scan(&bytes, &log_path);
        old_format |= scan.version.is_some_and(|v| v < wal::VERSION);
        replay(&mut graph, snap_seq, scan, &log_path, &budget)
    });
    Ok(Loaded {
        graph,
        snap_seq,
        snapshot,
        log,
        old_format,
    })
}

pub(super) fn replay(
    graph: &mut MemoryGraph,
    snap_seq: u64,
    scan: wal::Scan,
    path: &Path,
    budget: &Budget,
) -> LogInfo {
    let mut info = LogInfo {
        header: scan.header,
        file_len: scan.file_len,
        end: scan.end,
        applied: 0,
        skipped: 0,
        seqs: None,
        tail: scan.tail,
    };
    let mut expected = snap_seq + 1;
    for record in scan.records {
        if record.seq <= snap_seq {
            // Already in the snapshot: a crash came between the snapshot's rename and the
            // log's reset.
            info.skipped += 1;
            continue;
        }
        let problem = if record.seq != expected {
            Some(format!(
                "record {expected} is missing (the next record is {})",
                record.seq
            ))
        } else if let Err(e) = check_record(budget, &record, path) {
            info.end = record.offset;
            info.tail = Tail::Damaged(e);
            break;
        } else {
            graph
                .reserve_ids(NodeId(record.next_node), RelId(record.next_rel))
                .and_then(|()| apply_all(graph, record.mutations))
                .err()
                .map(|e| format!("record {} does not apply: {e}", record.seq))
        };
        if let Some(reason) = problem {
            info.end = record.offset;
            info.tail = Tail::Damaged(StoreError::damaged(path, record.offset, reason));
            break;
        }
        if let Err(e) = budget.memory(path, record.offset, 0) {
            info.end = record.offset;
            info.tail = Tail::Damaged(e);
            break;
        }
        info.seqs = Some((info.seqs.map_or(record.seq, |s| s.0), record.seq));
        info.applied += 1;
        expected += 1;
    }
    info
}

/// Checks a record's ids before any is reserved: its id high-water marks (at byte 12 of the
/// record) within the budget, and every id it creates below them, as the writer wrote them.
pub(super) fn check_record(
    budget: &Budget,
    record: &wal::Record,
    path: &Path,
) -> Result<(), StoreError> {
    budget.ids(path, record.offset + 12, record.next_node, record.next_rel)?;
    for m in &record.mutations {
        let (kind, id, next) = match m {
            Mutation::CreateNode { id, .. } => ("node", id.0, record.next_node),
            Mutation::CreateRel { id, .. } => ("relationship", id.0, record.next_rel),
            _ => continue,
        };
        if id >= next {
            return Err(StoreError::damaged(
                path,
                record.offset,
                format!(
                    "record {} creates {kind} {id}, not below the next {kind} id {next} it names",
                    record.seq
                ),
            ));
        }
    }
    Ok(())
}

/// Applies one record's mutations through `MemoryGraph::apply`, the path live writes take,
/// all or none. Not through a `Transaction`: replay needs no copy of each change for a commit.
pub(super) fn apply_all(
    graph: &mut MemoryGraph,
    mutations: Vec<Mutation>,
) -> Result<(), GraphError> {
    let mut undo = Vec::with_capacity(mutations.len());
    for m in mutations {
        match graph.apply(m) {
            Ok(u) => undo.extend(u),
            Err(e) => {
                for u in undo.into_iter().rev() {
                    let undone = graph.apply(u);
                    debug_assert!(undone.is_ok(), "an undo failed: {undone:?}");
                }
                return Err(e);
            }
        }
    }
    Ok(())
}

impl Store {
    /// Opens the store in `dir`, creating it (for a writer) if the directory does not exist.
    pub fn open(dir: &Path, options: StoreOptions) -> Result<Opened, StoreError> {
        if options.read_only {
            return Self::open_read_only(dir, options);
        }
        let created = !dir.exists();
        if created {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
            // Commits fsync their files, but a power cut could still lose the directory entry.
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                files::sync_dir(parent)?;
            }
        } else if !dir.is_dir() {
            let e = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory");
            return Err(StoreError::io(dir, e));
        } else {
            check_dir(dir, true)?;
        }
        let lock = WriterLock::acquire(dir)?;
        for name in [SNAPSHOT_FILE, LOG_FILE] {
            // A temporary file is what a checkpoint crashed before renaming: never needed.
            let _ = std::fs::remove_file(dir.join(files::temp_name(name)));
        }
        let loaded = load(dir)?;
        let log_path = dir.join(LOG_FILE);
        let mut report = OpenReport {
            created,
            ..OpenReport::default()
        };
        let mut last_seq = loaded.snap_seq;
        let mut fresh_log = true;
        let mut end = FILE_HEADER_LEN as u64;
        if let Some(info) = loaded.log {
            if let Some(e) = info.header {
                return Err(e);
            }
            match info.tail {
                Tail::Damaged(e) => return Err(e),
                Tail::Torn { offset, bytes } => {
                    truncate(&log_path, offset)?;
                    report
                        .warnings
                        .push(torn_warning(&log_path, offset, bytes, true));
                }
                Tail::Clean => {}
            }
            report.replayed = info.applied;
            last_seq = info.seqs.map_or(last_seq, |s| s.1);
            // A log that holds only records the snapshot includes is replaced, so that new
            // records do not follow old ones with a gap in their numbers.
            fresh_log = info.applied == 0 && info.skipped > 0;
            end = info.end;
        }
        let mut store = Store {
            dir: dir.to_path_buf(),
            options,
            lock: Some(lock),
            log: None,
            snapshot: Held::open(&dir.join(SNAPSHOT_FILE))?,
            next_seq: last_seq + 1,
            durable_ids: next_ids(&loaded.graph),
            poisoned: false,
        };
        if fresh_log || !log_path.exists() {
            store.reset_log()?;
        } else {
            let sync = store.options.sync == SyncMode::Commit;
            store.log = Some(LogWriter::open(log_path, end, sync)?);
        }
        if loaded.old_format {
            // Read the old format, write the new: a log record of the new kind must not land
            // in a file whose header promises the old.
            store.checkpoint(&loaded.graph)?;
            report.warnings.push(format!(
                "the store was in an older format and has been rewritten in the current one \
                 (snapshot version {}, log version {})",
                snapshot::VERSION,
                wal::VERSION
            ));
        }
        Ok(Opened {
            store,
            graph: loaded.graph,
            report,
        })
    }

    fn open_read_only(dir: &Path, options: StoreOptions) -> Result<Opened, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NoStore {
                dir: dir.to_path_buf(),
            });
        }
        check_dir(dir, false)?;
        let loaded = load(dir)?;
        let mut report = OpenReport::default();
        if let Some(info) = loaded.log {
            if let Some(e) = info.header {
                return Err(e);
            }
            match info.tail {
                Tail::Damaged(e) => return Err(e),
                Tail::Torn { offset, bytes } => {
                    let path = dir.join(LOG_FILE);
                    report
                        .warnings
                        .push(torn_warning(&path, offset, bytes, false));
                }
                Tail::Clean => {}
            }
            report.replayed = info.applied;
        }
        let store = Store {
            dir: dir.to_path_buf(),
            options,
            lock: None,
            log: None,
            snapshot: None,
            next_seq: 0,
            durable_ids: next_ids(&loaded.graph),
            poisoned: false,
        };
        Ok(Opened {
            store,
            graph: loaded.graph,
            report,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn is_read_only(&self) -> bool {
        self.options.read_only
    }

    /// The log, for a write: refused when the store is read-only or poisoned, or when its
    /// files are no longer the ones this writer opened.
    fn writer(&mut self) -> Result<&mut LogWriter, StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned {
                path: self.dir.join(LOG_FILE),
            });
        }
        if self.log.is_none() {
            return Err(StoreError::ReadOnly {
                dir: self.dir.clone(),
            });
        }
        self.verify()?;
        self.log.as_mut().ok_or_else(|| StoreError::ReadOnly {
            dir: self.dir.clone(),
        })
    }

    /// Whether the directory, lock, log and snapshot at their paths are still the ones this
    /// writer holds: someone who deleted the lock, or moved the store away, may have let a
    /// second writer in, whose files a write here would overwrite.
    fn verify(&self) -> Result<(), StoreError> {
        if let Some(lock) = &self.lock {
            lock.verify(&self.dir)?;
        }
        if let Some(log) = &self.log {
            files::still_there(&log.path, log.id)?;
        }
        let snapshot = self.snapshot.as_ref().and_then(|s| s.id);
        files::still_there(&self.dir.join(SNAPSHOT_FILE), snapshot)
    }

    /// Appends one committed unit (a statement or an explicit transaction) to the log; with
    /// `SyncMode::Commit` it is on disk when this returns. `graph` is the state after it.
    pub fn append(
        &mut self,
        mutations: &[Mutation],
        graph: &MemoryGraph,
    ) -> Result<(), StoreError> {
        let ids = next_ids(graph);
        let record = wal::encode_record(self.next_seq, ids.0, ids.1, mutations)?;
        let log = self.writer()?;
        if let Err((e, poisoned)) = log.append(&record) {
            self.poisoned = poisoned;
            return Err(e);
        }
        self.next_seq += 1;
        self.durable_ids = ids;
        Ok(())
    }

    /// Records the id high-water marks of `graph` if they moved past what the store knows (a
    /// rolled-back statement allocated ids): an empty record, so that ids stay unique across
    /// a crash. A reader has nothing to record.
    pub fn keep_ids(&mut self, graph: &MemoryGraph) -> Result<(), StoreError> {
        if self.log.is_none() || next_ids(graph) == self.durable_ids {
            return Ok(());
        }
        self.append(&[], graph)
    }

    /// Whether the log has grown past the checkpoint threshold.
    pub fn checkpoint_due(&self) -> bool {
        self.log
            .as_ref()
            .is_some_and(|l| l.len() > self.options.checkpoint_bytes)
    }

    /// Whether the log holds records, or `graph` has ids the store does not know of.
    fn dirty(&self, graph: &MemoryGraph) -> bool {
        self.log
            .as_ref()
            .is_some_and(|l| l.len() > FILE_HEADER_LEN as u64)
            || next_ids(graph) != self.durable_ids
    }

    /// Writes a snapshot of `graph` (what was committed, plus for a commit through a
    /// checkpoint the transaction being committed) and resets the log. Returns the snapshot's
    /// size in bytes.
    pub fn checkpoint(&mut self, graph: &MemoryGraph) -> Result<u64, StoreError> {
        self.writer()?;
        let bytes = snapshot::encode(graph, self.next_seq - 1)?;
        let written = files::write_temp(&self.dir, SNAPSHOT_FILE, &bytes)?;
        // Once the rename may have happened, the snapshot on disk can hold changes the caller
        // will undo in memory when this fails: appending after it would replay them on the
        // wrong base. So nothing is appended until the log is reset, or the store reopened.
        self.poisoned = true;
        files::rename_into_place(&self.dir, SNAPSHOT_FILE)?;
        self.snapshot = Some(Held::new(written));
        // A crash here leaves the new snapshot and the old log, whose records it includes:
        // replay skips them by sequence number.
        self.reset_log()?;
        self.durable_ids = next_ids(graph);
        Ok(bytes.len() as u64)
    }

    /// On a clean exit: a checkpoint if anything is not in the snapshot yet. A checkpoint
    /// that cannot be written (a full disk) loses nothing, since every commit is in the log
    /// (made durable here if `SyncMode::Off` had not): that is a warning, returned for the
    /// user, not an error. Files deleted or replaced under the writer still are an error.
    pub fn close(&mut self, graph: &MemoryGraph) -> Result<Option<String>, StoreError> {
        if self.log.is_none() || !self.dirty(graph) {
            return Ok(None);
        }
        match self.checkpoint(graph) {
            Ok(_) => Ok(None),
            Err(e @ StoreError::Io { .. }) => {
                if let Some(log) = &self.log {
                    log.sync()?;
                }
                Ok(Some(format!(
                    "no checkpoint at exit ({e}); nothing is lost: the log holds every commit, and the next kg that writes to the store tries again"
                )))
            }
            Err(e) => Err(e),
        }
    }

    fn reset_log(&mut self) -> Result<(), StoreError> {
        files::write_temp(&self.dir, LOG_FILE, &wal::file_header())?;
        // From the rename on, the open log file is no longer the store's log: until the new
        // one is open, nothing may be appended.
        self.poisoned = true;
        files::rename_into_place(&self.dir, LOG_FILE)?;
        let sync = self.options.sync == SyncMode::Commit;
        let path = self.dir.join(LOG_FILE);
        self.log = Some(LogWriter::open(path, FILE_HEADER_LEN as u64, sync)?);
        self.poisoned = false;
        Ok(())
    }
}

fn next_ids(graph: &MemoryGraph) -> (u64, u64) {
    (graph.next_node_id().0, graph.next_rel_id().0)
}

pub(super) fn torn_warning(path: &Path, offset: u64, bytes: u64, cut: bool) -> String {
    let what = if cut { "dropped" } else { "ignored" };
    format!(
        "{}: {what} the last {bytes} bytes (from byte {offset}): a record cut short while it was being written",
        path.display()
    )
}
