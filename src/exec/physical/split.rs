//! Splitting a read across threads. An aggregation whose input is a chain of per-row
//! operators over a scan of many nodes runs that chain once per part, each part scanning its
//! own range of the scan's nodes on its own thread, and merges what the parts grouped (see
//! `aggregate.rs`). The parts cover consecutive ranges in scan order, so merging them in
//! order gives the groups, their order and their values exactly as one thread would (float
//! sums aside, which round in another order, and an integer sum whose running total leaves
//! the 64-bit range and comes back, which may fail in one order only).

use super::super::Engine;
use super::super::context::Ctx;
use crate::plan::Op;
use std::sync::OnceLock;

/// One of `count` parts of a scan, the `index`th in scan order.
#[derive(Clone, Copy, Debug)]
pub struct Part {
    pub index: usize,
    pub count: usize,
}

impl Part {
    /// The first rank of the scan's candidates (of `total`) this part takes, and how many it
    /// takes: the last part takes all that are left.
    pub fn range(self, total: usize) -> (usize, usize) {
        let from = total * self.index / self.count;
        if self.index + 1 == self.count {
            return (from, usize::MAX);
        }
        (from, total * (self.index + 1) / self.count - from)
    }
}

/// Scans of fewer nodes are not split: starting threads would cost more than it saves.
const SPLIT_MIN: usize = 16_384;

/// The nodes of a part, at least (but for the threads' first parts): parts are many, so
/// that a thread that drew parts of little work takes more of them.
const PART_NODES: usize = 2048;

/// How a read is split: into `parts` ranges of its scan, grouped by `threads` threads.
#[derive(Clone, Copy, Debug)]
pub struct Split {
    pub threads: usize,
    pub parts: usize,
}

/// How the read `op` is split, if it is: when it is a chain of per-row operators over a
/// scan of many nodes (and there are cores to run the parts).
pub fn split(op: &Op, ctx: &Ctx) -> Option<Split> {
    let mut op = op;
    let candidates = loop {
        match op {
            Op::NodeScan { input, label, .. } if matches!(**input, Op::Input) => {
                break label.map_or(ctx.graph.node_count(), |l| ctx.graph.label_count(l));
            }
            _ => op = per_row_input(op)?,
        }
    };
    let threads = match ctx.stmt.engine {
        // Whatever the size, so that tests merge parts.
        Engine::Split => {
            return Some(Split {
                threads: 2,
                parts: 3,
            });
        }
        Engine::RowByRow => return None,
        Engine::Batched | Engine::BatchedOnly => cores(),
    };
    (threads > 1 && candidates >= SPLIT_MIN).then(|| Split {
        threads,
        parts: (candidates / PART_NODES).clamp(threads, threads * 16),
    })
}

/// The input of an operator whose output for some input rows is its output for each of
/// them in turn, so the rows of a part of its input give the part of its output.
pub fn per_row_input(op: &Op) -> Option<&Op> {
    match op {
        Op::NodeScan { input, .. }
        | Op::NodeIndexSeek { input, .. }
        | Op::CheckNode { input, .. }
        | Op::Filter { input, .. }
        | Op::Project { input, .. }
        | Op::Unwind { input, .. }
        | Op::Optional { input, .. } => Some(input),
        Op::Expand(e) => Some(&e.input),
        _ => None,
    }
}

/// The threads a split read may use: the machine's cores, at most eight.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(8)
    })
}

#[cfg(test)]
mod tests {
    use super::Part;

    #[test]
    fn parts_cover_every_rank_once() {
        for total in [0, 1, 2, 5, 100, 16_385] {
            for count in 1..5 {
                let mut next = 0;
                for index in 0..count {
                    let (from, n) = Part { index, count }.range(total);
                    assert_eq!(from, next, "{total} in {count}");
                    next = from.saturating_add(n).min(total);
                }
                assert_eq!(next, total);
            }
        }
    }
}
