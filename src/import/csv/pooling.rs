//! Whether the CSV reader thread may intern texts itself, in the new graph's string pool
//! taken out for a pass, and how much room to make in the graph and the pool before a pass
//! starts.

use super::{Column, Header, Kind};
use crate::graph::Symbol;
use crate::import::builder::Builder;
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

/// About how many rows a file holds (from the length of the lines at its start), and its
/// size in bytes.
pub(super) fn file_estimate(path: &Path) -> (usize, usize) {
    use std::io::Read;
    const SAMPLE: u64 = 1 << 16;
    let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
    let mut start = Vec::new();
    let read = File::open(path).and_then(|f| f.take(SAMPLE).read_to_end(&mut start));
    let lines = start.iter().filter(|b| **b == b'\n').count();
    match read {
        Ok(n) if lines > 0 => (size / n.div_ceil(lines), size),
        _ => (0, size),
    }
}

/// About how many texts the files hold, and at most how many bytes: rows times text columns,
/// and the sizes of the files that have any, from each file's [`file_estimate`].
pub(super) fn text_estimate(
    files: &[(&Path, &Header)],
    estimates: &[(usize, usize)],
) -> (usize, usize) {
    let (mut texts, mut bytes) = (0, 0);
    for ((_, header), (rows, size)) in files.iter().zip(estimates) {
        let columns = header
            .columns
            .iter()
            .filter(|c| matches!(column_key(c), Some((_, Kind::String, false))))
            .count();
        if columns > 0 {
            texts += rows * columns;
            bytes += size;
        }
    }
    (texts, bytes)
}

/// The key a column stores its values under, with their kind and whether they are lists.
pub(super) fn column_key(column: &Column) -> Option<(&Arc<str>, Kind, bool)> {
    match column {
        Column::Id { key: Some(key), .. } => Some((key, Kind::String, false)),
        Column::Prop { key, kind, array } => Some((key, *kind, *array)),
        _ => None,
    }
}

/// Whether the reader may intern texts itself, in the graph's pool taken out for the pass:
/// only where the builder will never need the pool, that is into a new graph without
/// indexes, with every key of one type across the files and unused so far (so that no
/// column's chunk ever turns from texts to mixed values, which reads the texts).
pub(super) fn texts_can_be_pooled(
    files: &[(&Path, &Header)],
    keys: &[Vec<Option<Symbol>>],
    builder: &Builder,
) -> bool {
    let graph = builder.target.graph();
    if !builder.target.is_fresh() || graph.has_indexes() {
        return false;
    }
    let mut kinds: HashMap<Symbol, (Kind, bool)> = HashMap::new();
    for ((_, header), keys) in files.iter().zip(keys) {
        for (column, key) in header.columns.iter().zip(keys) {
            let (Some((_, kind, array)), Some(key)) = (column_key(column), key) else {
                continue;
            };
            if *kinds.entry(*key).or_insert((kind, array)) != (kind, array)
                || !graph.key_unused(*key, header.rels)
            {
                return false;
            }
        }
    }
    true
}
