//! The write-ahead log: framed records, appended and fsynced one per commit, scanned back on
//! open with a clear line between a torn tail and damage.
//!
//! ```text
//! file header (16 bytes): magic (8) | format version u32 | CRC32 of the 12 bytes before
//! record header (36 bytes): payload length u32 | sequence number u64 | next node id u64 |
//!                           next relationship id u64 | payload CRC32 | CRC32 of the 32 bytes before
//! payload: bincode of Vec<Mutation>
//! ```
//!
//! The record header has its own checksum so that a flipped bit in a length cannot pass for a
//! record that runs past the end of the file, which would be taken for a torn tail.

use super::StoreError;
use super::files::{FileId, check_version, id_of, le_u32, le_u64};
use crate::graph::Mutation;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const LOG_FILE: &str = "wal.kg";
/// Version 2 added the index and constraint records, version 3 the citation records
/// (`SetCitations`); older logs are read as they are.
pub const VERSION: u32 = 3;
const OLDEST_VERSION: u32 = 1;
const MAGIC: [u8; 8] = *b"\x89KGWAL\r\n";
pub const FILE_HEADER_LEN: usize = 16;
const RECORD_HEADER_LEN: usize = 36;

pub fn file_header() -> Vec<u8> {
    let mut h = Vec::with_capacity(FILE_HEADER_LEN);
    h.extend_from_slice(&MAGIC);
    h.extend_from_slice(&VERSION.to_le_bytes());
    let crc = crc32fast::hash(&h);
    h.extend_from_slice(&crc.to_le_bytes());
    h
}

/// One committed statement or transaction, as read back.
#[derive(Debug)]
pub struct Record {
    pub offset: u64,
    pub seq: u64,
    pub next_node: u64,
    pub next_rel: u64,
    pub mutations: Vec<Mutation>,
}

/// How the log ends after its last good record.
#[derive(Debug)]
pub enum Tail {
    Clean,
    /// A record cut short by a crash mid-append: safe to drop.
    Torn {
        offset: u64,
        bytes: u64,
    },
    /// Anything else: kept until the user runs `kg recover`.
    Damaged(StoreError),
}

#[derive(Debug)]
pub struct Scan {
    /// Damage to the 16-byte file header. The records after it are read all the same: a
    /// header holds no data, and `recover` writes a new one.
    pub header: Option<StoreError>,
    /// The format version the header names, when it is one this kg reads.
    pub version: Option<u32>,
    pub records: Vec<Record>,
    /// Where the last good record ends: the length the log is cut to, or appended at.
    pub end: u64,
    pub file_len: u64,
    pub tail: Tail,
}

pub fn encode_record(
    seq: u64,
    next_node: u64,
    next_rel: u64,
    mutations: &[Mutation],
) -> Result<Vec<u8>, StoreError> {
    let payload =
        bincode::serde::encode_to_vec(mutations, bincode::config::standard()).map_err(|e| {
            StoreError::Encode {
                what: "a log record",
                reason: e.to_string(),
            }
        })?;
    u32::try_from(payload.len()).map_err(|_| StoreError::Encode {
        what: "a log record",
        reason: format!("{} bytes is more than a record holds", payload.len()),
    })?;
    Ok(frame_record(seq, next_node, next_rel, &payload))
}

/// One record: its header, with its checksums, then `payload`. The caller has checked that
/// the payload's length fits the header's 32 bits.
pub fn frame_record(seq: u64, next_node: u64, next_rel: u64, payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut rec = Vec::with_capacity(RECORD_HEADER_LEN + payload.len());
    rec.extend_from_slice(&len.to_le_bytes());
    rec.extend_from_slice(&seq.to_le_bytes());
    rec.extend_from_slice(&next_node.to_le_bytes());
    rec.extend_from_slice(&next_rel.to_le_bytes());
    rec.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    let header_crc = crc32fast::hash(&rec);
    rec.extend_from_slice(&header_crc.to_le_bytes());
    rec.extend_from_slice(payload);
    rec
}

/// The payloads of the records that frame correctly, in order (whether they decode or not).
pub fn payloads(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = FILE_HEADER_LEN;
    while let Some(end) = bytes.get(at..).and_then(|_| declared_end(bytes, at)) {
        out.push(bytes[at + RECORD_HEADER_LEN..end].to_vec());
        at = end;
    }
    out
}

/// Checks the file header: damage (bad magic or checksum), or a version this kg does not read.
fn check_file_header(bytes: &[u8], path: &Path) -> Result<u32, StoreError> {
    if bytes.len() < FILE_HEADER_LEN {
        return Err(StoreError::damaged(
            path,
            0,
            format!(
                "the file is {} bytes, shorter than the {FILE_HEADER_LEN}-byte header",
                bytes.len()
            ),
        ));
    }
    if bytes[..8] != MAGIC {
        return Err(StoreError::damaged(
            path,
            0,
            "bad magic number: not a kg log",
        ));
    }
    // Every version keeps these 16 bytes as they are, so that a header whose checksum holds
    // but whose version differs is a newer log, never damage (which `recover` would set aside).
    if le_u32(bytes, 12) != crc32fast::hash(&bytes[..12]) {
        return Err(StoreError::damaged(path, 12, "header checksum mismatch"));
    }
    check_version(path, bytes, OLDEST_VERSION, VERSION)
}

/// Reads every good record. Damage to the file header is described in `header` (the records
/// are read on: a version this kg does not read is the one header problem that stops the
/// scan, in `tail`); damage after it ends the scan and is described in `tail`.
pub fn scan(bytes: &[u8], path: &Path) -> Scan {
    super::files::with_decoding_stack(|| scan_records(bytes, path))
}

fn scan_records(bytes: &[u8], path: &Path) -> Scan {
    let file_len = bytes.len() as u64;
    let (header, version) = match check_file_header(bytes, path) {
        Ok(v) => (None, Some(v)),
        Err(e @ StoreError::Version { .. }) => {
            return Scan {
                header: None,
                version: None,
                records: Vec::new(),
                end: 0,
                file_len,
                tail: Tail::Damaged(e),
            };
        }
        Err(e) => (Some(e), None),
    };
    if bytes.len() < FILE_HEADER_LEN {
        return Scan {
            header,
            version,
            records: Vec::new(),
            end: FILE_HEADER_LEN as u64,
            file_len,
            tail: Tail::Clean,
        };
    }
    let mut records = Vec::new();
    let mut at = FILE_HEADER_LEN;
    let tail = loop {
        if at == bytes.len() {
            break Tail::Clean;
        }
        match read_record(bytes, at, path) {
            Ok((record, next)) => {
                if let Some(prev) = records.last().map(|r: &Record| r.seq) {
                    if record.seq != prev + 1 {
                        break Tail::Damaged(StoreError::damaged(
                            path,
                            at as u64,
                            format!("record {} follows record {prev}", record.seq),
                        ));
                    }
                }
                records.push(record);
                at = next;
            }
            Err(RecordError::Torn) => break torn(bytes, at),
            Err(RecordError::Damaged(reason)) => {
                // A crash can leave zeros where a record was being written (the file grew
                // before its data reached the disk); that is a torn tail too.
                if bytes[at..].iter().all(|b| *b == 0) || unwritten_end(bytes, at) {
                    break torn(bytes, at);
                }
                break Tail::Damaged(StoreError::damaged(path, at as u64, reason));
            }
        }
    };
    Scan {
        header,
        version,
        records,
        end: at as u64,
        file_len,
        tail,
    }
}

/// The intact records from byte `from` on, where the log is damaged: every place whose record
/// header and payload checksums hold, in file order. A damaged record whose header is intact
/// says where the next one starts; otherwise the search moves on a byte at a time.
pub fn salvage(bytes: &[u8], from: usize, path: &Path) -> Vec<Record> {
    let mut found = Vec::new();
    let mut at = from;
    while at + RECORD_HEADER_LEN <= bytes.len() {
        match read_record(bytes, at, path) {
            Ok((record, next)) => {
                found.push(record);
                at = next;
            }
            Err(_) => at = declared_end(bytes, at).unwrap_or(at + 1),
        }
    }
    found
}

/// Where the record at `at` ends, if its header's checksum holds and its length fits.
fn declared_end(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = &bytes[at..];
    if rest.len() < RECORD_HEADER_LEN || le_u32(rest, 32) != crc32fast::hash(&rest[..32]) {
        return None;
    }
    let end = at + RECORD_HEADER_LEN + le_u32(rest, 0) as usize;
    (end <= bytes.len()).then_some(end)
}

/// Whether the record at `at` is the file's last and its end never reached the disk: its
/// header is intact and declares exactly the rest of the file, but from a sector boundary on
/// only zeros arrived. A bit flipped in a record written completely leaves no such run.
fn unwritten_end(bytes: &[u8], at: usize) -> bool {
    const SECTOR: usize = 512;
    let rest = &bytes[at..];
    if rest.len() < RECORD_HEADER_LEN || le_u32(rest, 32) != crc32fast::hash(&rest[..32]) {
        return false;
    }
    if at + RECORD_HEADER_LEN + le_u32(rest, 0) as usize != bytes.len() {
        return false;
    }
    let zeros_from = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    let boundary = zeros_from.next_multiple_of(SECTOR);
    boundary > at + RECORD_HEADER_LEN && boundary < bytes.len()
}

fn torn(bytes: &[u8], at: usize) -> Tail {
    Tail::Torn {
        offset: at as u64,
        bytes: (bytes.len() - at) as u64,
    }
}

enum RecordError {
    Torn,
    Damaged(String),
}

fn read_record(bytes: &[u8], at: usize, path: &Path) -> Result<(Record, usize), RecordError> {
    let rest = &bytes[at..];
    if rest.len() < RECORD_HEADER_LEN {
        return Err(RecordError::Torn);
    }
    if le_u32(rest, 32) != crc32fast::hash(&rest[..32]) {
        return Err(RecordError::Damaged(
            "record header checksum mismatch".into(),
        ));
    }
    let len = le_u32(rest, 0) as usize;
    let body = &rest[RECORD_HEADER_LEN..];
    if body.len() < len {
        return Err(RecordError::Torn);
    }
    let payload = &body[..len];
    if le_u32(rest, 28) != crc32fast::hash(payload) {
        return Err(RecordError::Damaged("record checksum mismatch".into()));
    }
    let mutations: Vec<Mutation> = match super::files::decode_bounded(payload) {
        Ok((m, used)) if used == len => m,
        Ok(_) => return Err(RecordError::Damaged("record has trailing bytes".into())),
        Err(e) => {
            return Err(RecordError::Damaged(format!(
                "record does not decode ({}); was {} written by a newer kg?",
                super::files::decode_error_text(&e),
                path.display()
            )));
        }
    };
    let record = Record {
        offset: at as u64,
        seq: le_u64(rest, 4),
        next_node: le_u64(rest, 12),
        next_rel: le_u64(rest, 20),
        mutations,
    };
    Ok((record, at + RECORD_HEADER_LEN + len))
}

/// The open log, appended to by the one writer.
pub struct LogWriter {
    file: File,
    pub path: PathBuf,
    /// The open file's identity, to tell whether `path` still names it.
    pub id: Option<FileId>,
    len: u64,
    sync: bool,
}

impl LogWriter {
    /// Opens `path` for appending after its first `len` bytes (the caller cut any torn tail).
    pub fn open(path: PathBuf, len: u64, sync: bool) -> Result<Self, StoreError> {
        let file = super::files::open_append(&path)?;
        let id = id_of(&file);
        Ok(LogWriter {
            file,
            path,
            id,
            len,
            sync,
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Makes every appended record durable (with sync on, each already is).
    pub fn sync(&self) -> Result<(), StoreError> {
        self.file
            .sync_data()
            .map_err(|e| StoreError::io(&self.path, e))
    }

    /// Appends one record and, with sync on, waits until it is on disk. On failure the file
    /// is cut back to where it was; `Err((_, true))` says that failed too.
    pub fn append(&mut self, record: &[u8]) -> Result<(), (StoreError, bool)> {
        let written = self.file.write_all(record).and_then(|()| {
            if self.sync {
                self.file.sync_data()
            } else {
                Ok(())
            }
        });
        match written {
            Ok(()) => {
                self.len += record.len() as u64;
                Ok(())
            }
            Err(e) => {
                let undone = self
                    .file
                    .set_len(self.len)
                    .and_then(|()| self.file.sync_data())
                    .is_ok();
                Err((StoreError::io(&self.path, e), !undone))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeId;

    fn log_with(records: &[Vec<u8>]) -> Vec<u8> {
        let mut bytes = file_header();
        for r in records {
            bytes.extend_from_slice(r);
        }
        bytes
    }

    fn rec(seq: u64) -> Vec<u8> {
        let m = Mutation::DeleteNode { id: NodeId(seq) };
        encode_record(seq, seq + 1, 0, &[m]).unwrap()
    }

    #[test]
    fn records_round_trip() {
        let bytes = log_with(&[rec(1), rec(2)]);
        let scan = scan(&bytes, Path::new("wal.kg"));
        assert!(matches!(scan.tail, Tail::Clean));
        assert_eq!(scan.records.len(), 2);
        assert_eq!(scan.records[1].seq, 2);
        assert_eq!(scan.records[1].next_node, 3);
        assert_eq!(scan.end, bytes.len() as u64);
    }

    #[test]
    fn every_cut_of_the_last_record_is_a_torn_tail() {
        let full = log_with(&[rec(1), rec(2)]);
        let first_end = log_with(&[rec(1)]).len();
        for cut in first_end + 1..full.len() {
            let scan = scan(&full[..cut], Path::new("wal.kg"));
            assert_eq!(scan.records.len(), 1, "cut at {cut}");
            assert!(
                matches!(scan.tail, Tail::Torn { offset, bytes } if offset == first_end as u64 && bytes == (cut - first_end) as u64),
                "cut at {cut}: {:?}",
                scan.tail
            );
        }
    }

    fn big(seq: u64) -> Vec<u8> {
        let m = Mutation::SetNodeProperty {
            id: NodeId(1),
            key: "text".into(),
            value: crate::model::Value::str(&"x".repeat(2000)),
        };
        encode_record(seq, 2, 0, &[m]).unwrap()
    }

    #[test]
    fn a_last_record_whose_end_is_zeros_from_a_sector_on_is_a_torn_tail() {
        let mut bytes = log_with(&[rec(1), big(2)]);
        let first_end = log_with(&[rec(1)]).len();
        bytes[1024..].fill(0);
        let scan = scan(&bytes, Path::new("wal.kg"));
        assert_eq!(scan.records.len(), 1);
        assert!(
            matches!(scan.tail, Tail::Torn { offset, .. } if offset == first_end as u64),
            "{:?}",
            scan.tail
        );
    }

    #[test]
    fn zeros_inside_a_record_that_is_not_the_last_are_damage() {
        let mut bytes = log_with(&[rec(1), big(2), rec(3)]);
        bytes[1024..1536].fill(0);
        let scan = scan(&bytes, Path::new("wal.kg"));
        assert!(matches!(scan.tail, Tail::Damaged(_)), "{:?}", scan.tail);
    }

    #[test]
    fn salvage_finds_the_intact_records_after_damage() {
        let mut bytes = log_with(&[rec(1), big(2), rec(3), rec(4)]);
        let second = log_with(&[rec(1)]).len();
        // A damaged payload: its header says where the next record starts.
        bytes[second + 100] ^= 1;
        let seqs = |b: &[u8]| -> Vec<u64> {
            salvage(b, second, Path::new("wal.kg"))
                .iter()
                .map(|r| r.seq)
                .collect()
        };
        assert_eq!(seqs(&bytes), [3, 4]);
        // A damaged header: found by searching byte by byte.
        bytes[second] ^= 1;
        assert_eq!(seqs(&bytes), [3, 4]);
    }

    #[test]
    fn every_flipped_bit_is_damage_not_a_torn_tail() {
        let full = log_with(&[rec(1), rec(2)]);
        for byte in 0..full.len() {
            for bit in 0..8 {
                let mut bytes = full.clone();
                bytes[byte] ^= 1 << bit;
                let scan = scan(&bytes, Path::new("wal.kg"));
                let damaged = if byte < FILE_HEADER_LEN {
                    scan.header.is_some() && scan.records.len() == 2
                } else {
                    matches!(scan.tail, Tail::Damaged(_))
                };
                assert!(damaged, "flip at {byte}.{bit}: {:?}", scan.tail);
            }
        }
    }
}
