//! `kg check`: what a store holds and where it is damaged, without changing anything
//! (`recover.rs` repairs).

use super::StoreError;
use super::snapshot::SNAPSHOT_FILE;
use super::store::{check_dir, load};
use super::wal::{self, LOG_FILE, Tail};
use crate::graph::{GraphRead, MemoryGraph};
use std::fmt;
use std::path::Path;

pub(super) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(super) fn counts(graph: &MemoryGraph) -> String {
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
    check_dir(dir, false)?;
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
            if let Some(e) = info.header {
                lines.push(line);
                lines.push(format!("damaged: {e}"));
                line = format!(
                    "kg recover would rewrite the log's 16-byte header (it holds no data) and keep the {} after it",
                    plural(info.applied + info.skipped, "record")
                );
                damage = Some(e);
            }
            match info.tail {
                Tail::Clean if damage.is_some() => {}
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
                    lines.push(format!("damaged: {e}"));
                    line = format!(
                        "kg recover would keep the log up to byte {} and set the {} bytes after it aside",
                        info.end,
                        info.file_len.saturating_sub(info.end)
                    );
                    let last = info.seqs.map_or(loaded.snap_seq, |s| s.1);
                    let intact = intact_after(dir, info.end, last)?;
                    if intact > 0 {
                        line.push_str(&format!(
                            "; they hold {} with intact checksums, which kg recover --salvage would replay (each applied, or skipped if it does not apply without what is lost)",
                            plural(intact, "record")
                        ));
                    }
                    damage.get_or_insert(e);
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

/// How many intact records, newer than record `last`, the log holds from byte `from` on.
fn intact_after(dir: &Path, from: u64, last: u64) -> Result<usize, StoreError> {
    let path = dir.join(LOG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
    let from = usize::try_from(from)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    Ok(wal::salvage(&bytes, from, &path)
        .iter()
        .filter(|r| r.seq > last)
        .count())
}
