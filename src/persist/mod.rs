//! The durable store: a directory holding a snapshot of the whole graph and a write-ahead log
//! of what was committed since.
//!
//! ```text
//! DIR/lock         the writer's OS file lock (with one on DIR itself); holds its pid (the one
//!                  file without a checksum)
//! DIR/snapshot.kg  header (magic, format version, last log sequence number it includes, body
//!                  length, body CRC32, header CRC32) + the graph's records in bincode
//! DIR/wal.kg       header (magic, format version, CRC32) + one record per committed statement
//!                  or explicit transaction: length, sequence number, id high-water marks,
//!                  payload CRC32, header CRC32, then the statement's `Vec<Mutation>` in bincode
//! ```
//!
//! This module is the only one that knows the file layout or names bincode. It stores our ids
//! and model records, never petgraph internals, so ids survive reloads exactly.
//!
//! **Invariants.**
//! - A record is appended (and, with `SyncMode::Commit`, fsynced) before the statement's rows
//!   are released: `db` calls [`Store::append`] from its commit hook and rolls back on error.
//! - Opening replays the log through [`MemoryGraph::apply`](crate::graph::MemoryGraph::apply),
//!   the path live writes take.
//! - A checkpoint writes `snapshot.kg.tmp`, fsyncs it, renames it over `snapshot.kg`, fsyncs the
//!   directory, then replaces the log with an empty one the same way. The snapshot names the
//!   last sequence number it includes and replay skips records up to it, so a crash between
//!   the two renames replays nothing twice.
//! - A writer writes only while the directory, lock, log and snapshot at their paths are the
//!   files it opened: someone who deleted or moved them may have let a second writer in.
//! - Only a record cut short at the end of the log (a crash mid-append) is dropped without
//!   asking, with a warning. Any other damage stops the open with the file and byte offset;
//!   `recover` sets the damaged rest aside when the user asks (and with `salvage` replays the
//!   intact records in it). A damaged log header holds no data: `recover` rewrites it.

mod budget;
mod check;
mod error;
mod files;
mod lock;
pub mod raw;
mod recover;
mod snapshot;
mod store;
mod wal;

pub use check::{CheckReport, check};
pub use error::StoreError;
pub use files::{FileId, id_at};
pub use recover::{RecoverReport, recover};
pub use store::{OpenReport, Opened, Store, StoreOptions, SyncMode};

use std::path::{Path, PathBuf};

/// What a path is to a store, when writing it would harm the store.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// One of the store's files (named as it is in the store, whatever name `path` gave it).
    File(PathBuf),
    /// The store directory itself.
    Directory,
    /// A name inside the store directory: kg keeps only its own files there.
    Inside,
}

/// Whether writing `path` would write over the store in `dir`: one of its files (compared by
/// device and inode, so a hard link or another spelling of the path does not pass), the
/// directory, or a new file inside it. `None` also when `dir` holds no store.
pub fn claim(dir: &Path, path: &Path) -> Option<Claim> {
    let dir_id = id_at(dir)?;
    if let Some(id) = id_at(path) {
        if id == dir_id {
            return Some(Claim::Directory);
        }
        let names = [snapshot::SNAPSHOT_FILE, wal::LOG_FILE, lock::LOCK_FILE];
        let temps = names.map(files::temp_name);
        let found = names
            .iter()
            .copied()
            .chain(temps.iter().map(String::as_str))
            .map(|name| dir.join(name))
            .find(|file| id_at(file) == Some(id));
        if let Some(file) = found {
            return Some(Claim::File(file));
        }
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    (id_at(parent) == Some(dir_id)).then_some(Claim::Inside)
}

/// The log size past which a commit triggers a checkpoint, unless the options say otherwise.
pub const DEFAULT_CHECKPOINT_BYTES: u64 = 64 << 20;
