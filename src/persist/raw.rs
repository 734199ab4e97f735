//! The decoders on bytes rather than on a store directory, for the fuzz targets (`fuzz/`) and
//! tests that craft store files: framing with valid checksums, and decoding as opening does.
//! Checksums guard against accidents, not against someone who writes a file on purpose, so
//! everything after them must hold against any bytes.

use super::StoreError;
use super::budget::Budget;
use super::snapshot;
use super::store::replay;
use super::wal::{self, Tail};
use crate::graph::MemoryGraph;
use std::path::Path;

/// A snapshot file around `body` (bincode of the graph records, then the declarations), with
/// a valid header and checksums, naming log record `seq` as the last it includes.
pub fn snapshot_file(body: &[u8], seq: u64) -> Vec<u8> {
    snapshot::frame(body, seq)
}

/// The body of a snapshot file: the bytes after its header.
pub fn snapshot_body(file: &[u8]) -> &[u8] {
    file.get(snapshot::HEADER_LEN..).unwrap_or_default()
}

/// What decoding may allocate: `None` is what opening a store allows, `Some(bytes)` a
/// smaller budget for the id tables and everything loading allocates.
fn budget(max_memory: Option<u64>) -> Budget {
    max_memory.map_or_else(Budget::standard, Budget::limited)
}

/// Decodes snapshot file bytes as opening a store does: the graph, or where it is damaged.
pub fn decode_snapshot(bytes: &[u8], max_memory: Option<u64>) -> Result<MemoryGraph, StoreError> {
    let path = Path::new(snapshot::SNAPSHOT_FILE);
    snapshot::decode(bytes, path, &budget(max_memory)).map(|d| d.graph)
}

/// The snapshot file of `graph`, as a checkpoint writes it.
pub fn encode_snapshot(graph: &MemoryGraph, seq: u64) -> Result<Vec<u8>, StoreError> {
    snapshot::encode(graph, seq)
}

/// A log file holding one record per payload (bincode of `Vec<Mutation>`), numbered from
/// `first_seq`, each naming `next_ids` as the id high-water marks, with valid checksums.
pub fn log_file(payloads: &[&[u8]], first_seq: u64, next_ids: (u64, u64)) -> Vec<u8> {
    let mut bytes = wal::file_header();
    for (seq, payload) in (first_seq..).zip(payloads) {
        bytes.extend(wal::frame_record(seq, next_ids.0, next_ids.1, payload));
    }
    bytes
}

/// The payloads of the records of a log file, as far as they read (for seeding corpora).
pub fn log_payloads(bytes: &[u8]) -> Vec<Vec<u8>> {
    wal::payloads(bytes)
}

/// Replays log file bytes on `graph` (with `max_memory` as for [`decode_snapshot`]), as opening a store on a snapshot that includes records
/// up to `snapshot_seq` does: the number of records applied, or the damage that stopped the
/// replay (a torn tail is not damage).
pub fn replay_log(
    graph: &mut MemoryGraph,
    snapshot_seq: u64,
    bytes: &[u8],
    max_memory: Option<u64>,
) -> Result<usize, StoreError> {
    let path = Path::new(wal::LOG_FILE);
    let scan = wal::scan(bytes, path);
    let info = replay(graph, snapshot_seq, scan, path, &budget(max_memory));
    if let Some(e) = info.header {
        return Err(e);
    }
    match info.tail {
        Tail::Damaged(e) => Err(e),
        Tail::Clean | Tail::Torn { .. } => Ok(info.applied),
    }
}
