//! `kg check` and `kg recover`: what a store holds and where it is damaged, and setting a
//! damaged log's rest aside when the user asks.

use super::StoreError;
use super::files::{self, truncate};
use super::lock::WriterLock;
use super::snapshot::SNAPSHOT_FILE;
use super::store::{load, torn_warning};
use super::wal::{self, FILE_HEADER_LEN, LOG_FILE, Tail};
use crate::graph::{GraphRead, MemoryGraph};
use std::fmt;
use std::path::Path;

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn counts(graph: &MemoryGraph) -> String {
    format!(
        "{} and {}",
        plural(graph.node_count(), "node"),
        plural(graph.rel_count(), "relationship")
    )
}

/// What `kg check` found. Nothing is changed to find it.
pub struct CheckReport {
    pub lines: Vec<String>,
    /// The first damage found, if any: the store will not open until it is recovered.
    pub damage: Option<StoreError>,
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Verifies every checksum and that every log record replays, without changing anything.
pub fn check(dir: &Path) -> Result<CheckReport, StoreError> {
    if !dir.is_dir() {
        return Err(StoreError::NoStore {
            dir: dir.to_path_buf(),
        });
    }
    let mut lines = Vec::new();
    let loaded = match load(dir) {
        Ok(l) => l,
        Err(e @ StoreError::Version { .. }) => {
            lines.push(format!("not readable by this kg: {e}"));
            lines.push("open the store with the kg that wrote it".into());
            return Ok(CheckReport {
                lines,
                damage: Some(e),
            });
        }
        Err(e @ StoreError::Damaged { .. }) => {
            lines.push(format!("damaged: {e}"));
            lines.push(
                "the store will not open; kg recover repairs only the log: restore the snapshot from a backup"
                    .into(),
            );
            return Ok(CheckReport {
                lines,
                damage: Some(e),
            });
        }
        Err(e) => return Err(e),
    };
    match &loaded.snapshot {
        Some(s) => lines.push(format!(
            "{SNAPSHOT_FILE}: {} bytes, {} and {}, includes the log up to record {}: checksums ok",
            s.bytes,
            plural(s.nodes, "node"),
            plural(s.rels, "relationship"),
            s.seq
        )),
        None => lines.push(format!(
            "{SNAPSHOT_FILE}: none yet (the store starts empty)"
        )),
    }
    let mut damage = None;
    match loaded.log {
        None => lines.push(format!("{LOG_FILE}: none yet")),
        Some(info) => {
            let mut line = format!("{LOG_FILE}: {} bytes, ", info.file_len);
            line.push_str(&match info.seqs {
                Some((a, b)) => {
                    format!("{} to replay ({a} to {b})", plural(info.applied, "record"))
                }
                None => "no records to replay".into(),
            });
            if info.skipped > 0 {
                line.push_str(&format!(", {} already in the snapshot", info.skipped));
            }
            match info.tail {
                Tail::Clean => line.push_str(": checksums ok"),
                Tail::Torn { offset, bytes } => line.push_str(&format!(
                    "; the last {bytes} bytes (from byte {offset}) are a record cut short by a crash: the next open drops them"
                )),
                Tail::Damaged(e @ StoreError::Version { .. }) => {
                    lines.push(line);
                    lines.push(format!("not readable by this kg: {e}"));
                    line = "open the store with the kg that wrote it".into();
                    damage = Some(e);
                }
                Tail::Damaged(e) => {
                    lines.push(line);
                    line = format!("damaged: {e}");
                    lines.push(line);
                    line = format!(
                        "kg recover would keep the log up to byte {} and set the {} bytes after it aside",
                        info.end,
                        info.file_len.saturating_sub(info.end)
                    );
                    damage = Some(e);
                }
            }
            lines.push(line);
        }
    }
    if damage.is_none() {
        lines.push(format!(
            "ok: the store opens with {}",
            counts(&loaded.graph)
        ));
    }
    Ok(CheckReport { lines, damage })
}

/// What `kg recover` did.
pub struct RecoverReport {
    pub lines: Vec<String>,
}

impl fmt::Display for RecoverReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Keeps the log up to its first damaged record and moves the rest, unread, into a file
/// beside it. Damage to the snapshot is not something it can repair: that is an error.
pub fn recover(dir: &Path) -> Result<RecoverReport, StoreError> {
    if !dir.is_dir() {
        return Err(StoreError::NoStore {
            dir: dir.to_path_buf(),
        });
    }
    let _lock = WriterLock::acquire(dir)?;
    let loaded = load(dir)?;
    let log_path = dir.join(LOG_FILE);
    let Some(info) = loaded.log else {
        return Ok(RecoverReport {
            lines: vec!["nothing to recover: the store has no log".into()],
        });
    };
    let mut lines = Vec::new();
    match info.tail {
        Tail::Clean => lines.push("nothing to recover: every record replays".into()),
        Tail::Torn { offset, bytes } => {
            truncate(&log_path, offset)?;
            lines.push(torn_warning(&log_path, offset, bytes, true));
        }
        // A log written by a newer kg is not damaged: setting it aside would lose its records.
        Tail::Damaged(e @ StoreError::Version { .. }) => return Err(e),
        Tail::Damaged(e) => {
            let bytes = std::fs::read(&log_path).map_err(|err| StoreError::io(&log_path, err))?;
            let from = usize::try_from(info.end)
                .unwrap_or(bytes.len())
                .min(bytes.len());
            let aside = aside_name(dir);
            files::write_atomically(dir, &aside, &bytes[from..])?;
            if from < FILE_HEADER_LEN {
                files::write_atomically(dir, LOG_FILE, &wal::file_header())?;
            } else {
                truncate(&log_path, from as u64)?;
            }
            lines.push(format!("found: {e}"));
            lines.push(format!(
                "set aside {} bytes of {} (bytes {from}..{}: the damaged record and everything after it) into {}",
                bytes.len() - from,
                log_path.display(),
                bytes.len(),
                dir.join(&aside).display()
            ));
            lines.push(format!(
                "kept {} before it; the store opens with {}",
                plural(info.applied, "log record"),
                counts(&loaded.graph)
            ));
        }
    }
    Ok(RecoverReport { lines })
}

/// `wal.kg.damaged-<unix seconds>`, with a counter if that name is taken.
fn aside_name(dir: &Path) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = format!("{LOG_FILE}.damaged-{secs}");
    let mut name = base.clone();
    let mut n = 1;
    while dir.join(&name).exists() {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}
