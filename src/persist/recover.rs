//! `kg recover`: making a damaged log readable again without losing what can be kept. A
//! damaged file header is rewritten (it holds no data); a damaged record and everything after
//! it are copied, unread, into a file beside the log; with `salvage`, the intact records after
//! the damage are then replayed, each applied or skipped as a whole, and a new snapshot holds
//! the result.

use super::StoreError;
use super::budget::Budget;
use super::check::{counts, plural};
use super::files::{self, truncate};
use super::lock::WriterLock;
use super::snapshot::{self, SNAPSHOT_FILE};
use super::store::{Loaded, apply_all, check_dir, check_record, load, torn_warning};
use super::wal::{self, LOG_FILE, Tail};
use crate::graph::MemoryGraph;
use crate::model::{NodeId, RelId};
use std::fmt;
use std::path::Path;

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

/// Rewrites a damaged log header, keeps the log up to its first damaged record and moves the
/// rest, unread, into a file beside it; with `salvage`, replays the intact records found in
/// that rest. Damage to the snapshot is not something it can repair: that is an error.
pub fn recover(dir: &Path, salvage: bool) -> Result<RecoverReport, StoreError> {
    if !dir.is_dir() {
        return Err(StoreError::NoStore {
            dir: dir.to_path_buf(),
        });
    }
    check_dir(dir, true)?;
    let _lock = WriterLock::acquire(dir)?;
    let mut loaded = load(dir)?;
    let log_path = dir.join(LOG_FILE);
    let Some(info) = loaded.log.take() else {
        return Ok(RecoverReport {
            lines: vec!["nothing to recover: the store has no log".into()],
        });
    };
    let mut lines = Vec::new();
    if let Some(e) = &info.header {
        files::write_at_start(&log_path, &wal::file_header())?;
        lines.push(format!("found: {e}"));
        lines.push(format!(
            "rewrote the 16-byte header of {} (it holds no data) and kept the {} after it",
            log_path.display(),
            plural(info.applied + info.skipped, "record")
        ));
    }
    match info.tail {
        Tail::Clean if info.header.is_none() => {
            lines.push("nothing to recover: every record replays".into());
        }
        Tail::Clean => lines.push(format!("the store opens with {}", counts(&loaded.graph))),
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
            lines.push(format!("found: {e}"));
            lines.push(format!(
                "set aside {} bytes of {} (bytes {from}..{}: the damaged record and everything after it) into {}",
                bytes.len() - from,
                log_path.display(),
                bytes.len(),
                dir.join(&aside).display()
            ));
            let kept = plural(info.applied, "log record");
            let last = info.seqs.map_or(loaded.snap_seq, |s| s.1);
            if salvage {
                lines.push(format!("kept {kept} before it"));
                salvage_records(dir, &mut loaded, &bytes, from, last, &mut lines)?;
            } else {
                truncate(&log_path, from as u64)?;
                lines.push(format!(
                    "kept {kept} before it; the store opens with {}",
                    counts(&loaded.graph)
                ));
                let intact = wal::salvage(&bytes, from, &log_path)
                    .iter()
                    .filter(|r| r.seq > last)
                    .count();
                if intact > 0 {
                    lines.push(format!(
                        "the bytes set aside hold {} with intact checksums: `kg recover --salvage` would have replayed those that still apply",
                        plural(intact, "record")
                    ));
                }
            }
        }
    }
    Ok(RecoverReport { lines })
}

/// Replays the intact records of `bytes` from `from` on (the log's damaged rest) on the loaded
/// graph, then makes that the store: a new snapshot that includes them, and an empty log.
/// `last` is the last record replayed before the damage.
fn salvage_records(
    dir: &Path,
    loaded: &mut Loaded,
    bytes: &[u8],
    from: usize,
    mut last: u64,
    lines: &mut Vec<String>,
) -> Result<(), StoreError> {
    let path = dir.join(LOG_FILE);
    let graph: &mut MemoryGraph = &mut loaded.graph;
    let (mut applied, mut skipped) = (0, 0);
    let budget = Budget::standard();
    for record in wal::salvage(bytes, from, &path) {
        let at = format!("record {} (byte {})", record.seq, record.offset);
        if record.seq <= last {
            // Left from before a checkpoint, or a copy: what it holds is replayed already.
            lines.push(format!(
                "{at}: skipped: the store already includes record {}",
                record.seq
            ));
            continue;
        }
        if record.seq > last + 1 {
            lines.push(lost(last + 1, record.seq - 1));
        }
        // Its ids were handed out, whether or not its changes apply; unless they are ids
        // no kg hands out.
        if let Err(e) = check_record(&budget, &record, &path) {
            skipped += 1;
            lines.push(format!("{at}: skipped: {e}"));
            last = record.seq;
            continue;
        }
        let outcome = graph
            .reserve_ids(NodeId(record.next_node), RelId(record.next_rel))
            .and_then(|()| apply_all(graph, record.mutations));
        match outcome {
            Ok(()) => {
                applied += 1;
                lines.push(format!("{at}: applied"));
            }
            Err(e) => {
                skipped += 1;
                lines.push(format!(
                    "{at}: skipped: it does not apply without what was lost ({e})"
                ));
            }
        }
        last = record.seq;
    }
    let bytes = snapshot::encode(graph, last)?;
    files::write_atomically(dir, SNAPSHOT_FILE, &bytes)?;
    // A crash here leaves the new snapshot and the damaged log; the next `recover` finds the
    // same records again, all included in the snapshot by now, and only empties the log.
    files::write_atomically(dir, LOG_FILE, &wal::file_header())?;
    lines.push(format!(
        "salvaged {} after the damage ({} applied, {} skipped); wrote a new snapshot and emptied the log",
        plural(applied + skipped, "intact record"),
        applied,
        skipped
    ));
    lines.push(format!("the store opens with {}", counts(graph)));
    Ok(())
}

fn lost(first: u64, last: u64) -> String {
    if first == last {
        format!("record {first}: lost (no intact copy in the damaged bytes)")
    } else {
        format!("records {first} to {last}: lost (no intact copy in the damaged bytes)")
    }
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
