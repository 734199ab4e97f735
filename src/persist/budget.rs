//! What a store file may make kg allocate. Checksums only catch accidents: a file written on
//! purpose can name any id or count, so each is checked before anything is sized by it.
//!
//! - Ids index dense tables (`MemoryGraph::reserve_ids`), so the tables the ids a file names
//!   would take must fit in the memory limit a statement gets by default (half of what the
//!   process may use): a file cannot ask for 17 GB with a 40-byte record.
//! - Counts (how many names, nodes, relationships follow) must fit in the bytes that follow.
//! - Everything else a file builds grows with what it holds, but not always in proportion (a
//!   property at a new place in a column allocates that part of the column), so while
//!   loading, what the allocator holds is checked against what the process may use, when
//!   the program's allocator counts (the `kg` binary's does).

use super::StoreError;
use crate::graph::{MAX_ID, MemoryGraph};
use crate::limits::{allocated_bytes, default_max_memory, format_size, process_memory};
use std::path::Path;

/// The most one property can add to a column: a new chunk of `Value`s.
const COLUMN_PART_BYTES: u64 =
    (crate::graph::CHUNK * std::mem::size_of::<crate::model::Value>()) as u64;

pub(super) struct Budget {
    /// The most the id tables may take.
    ids: u64,
    /// What the allocator held when loading began, and the most loading may add to it:
    /// three quarters of what the process may use (a store may well be larger than a
    /// statement's default limit; past this, the next stop would be the kernel's OOM killer).
    memory: Option<(usize, u64)>,
}

impl Budget {
    /// The budget of a store being opened or checked.
    pub(super) fn standard() -> Self {
        Budget {
            ids: default_max_memory(),
            memory: allocated_bytes().map(|held| (held, process_memory() / 4 * 3)),
        }
    }

    /// A budget of `bytes` for the id tables and for everything loading allocates (the fuzz
    /// targets use a small one).
    pub(super) fn limited(bytes: u64) -> Self {
        Budget {
            ids: bytes,
            memory: allocated_bytes().map(|held| (held, bytes)),
        }
    }

    /// Checks the id high-water marks a file names at byte `offset` before they are reserved.
    pub(super) fn ids(
        &self,
        path: &Path,
        offset: u64,
        next_node: u64,
        next_rel: u64,
    ) -> Result<(), StoreError> {
        for (kind, next) in [("node", next_node), ("relationship", next_rel)] {
            if next > MAX_ID {
                return Err(StoreError::damaged(
                    path,
                    offset,
                    format!("the next {kind} id {next} is beyond the {MAX_ID} a graph can hold"),
                ));
            }
        }
        let bytes = MemoryGraph::id_table_bytes(next_node, next_rel);
        if bytes > self.ids {
            return Err(StoreError::damaged(
                path,
                offset,
                format!(
                    "ids up to {next_node} (nodes) and {next_rel} (relationships) would take {} of tables, more than the memory limit of {}: no store kg wrote holds ids that far apart from its data",
                    format_size(bytes),
                    format_size(self.ids)
                ),
            ));
        }
        Ok(())
    }

    /// Checks that `count` items of at least `least` bytes each fit in `left` bytes.
    pub(super) fn count(
        path: &Path,
        offset: u64,
        what: &str,
        count: u64,
        least: u64,
        left: usize,
    ) -> Result<usize, StoreError> {
        if count.saturating_mul(least) > left as u64 {
            return Err(StoreError::damaged(
                path,
                offset,
                format!(
                    "the file says {count} {what} follow, but the {left} bytes left hold at most {}",
                    left as u64 / least
                ),
            ));
        }
        Ok(count as usize)
    }

    /// Checks what loading has allocated so far, when the allocator counts, with what the
    /// record at `offset` may add when it goes in: each of its `props` properties may start
    /// a new part of a column (a record with thousands of keys can ask for gigabytes).
    pub(super) fn memory(&self, path: &Path, offset: u64, props: usize) -> Result<(), StoreError> {
        let (Some((held, limit)), Some(now)) = (self.memory, allocated_bytes()) else {
            return Ok(());
        };
        let more = (props as u64).saturating_mul(COLUMN_PART_BYTES);
        let used = (now.saturating_sub(held) as u64).saturating_add(more);
        if used > limit {
            return Err(StoreError::damaged(
                path,
                offset,
                format!(
                    "loading the file up to here takes {}, more than the {} it may take",
                    format_size(used),
                    format_size(limit)
                ),
            ));
        }
        Ok(())
    }
}
