//! Finding a pattern's first node: every node (of a label) in id order, the nodes an index
//! names, or a check of a node bound earlier.

use super::super::context::{Ctx, Result, check_limits};
use super::super::seek::seek;
use super::super::vector::{BATCH, Batch, Vector};
use super::node_test::{NodeTest, reads_row, row_view};
use super::split::Part;
use super::{BoxOp, Operator};
use crate::graph::{LabelNodes, Symbol};
use crate::model::NodeId;
use crate::plan::{self, NodeFilter, Slot};

/// For each input row, every node (carrying `label`) that passes the pattern's test.
pub struct NodeScan<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    slot: Slot,
    label: Option<Symbol>,
    filter: &'a NodeFilter,
    needs_row: bool,
    /// The part of the nodes this scan takes, when it is split (see `split.rs`).
    part: Option<Part>,
    /// The input batch being scanned for, its row, the candidates still to try.
    current: Option<(Batch, usize)>,
    candidates: Candidates<'a>,
    test: Option<NodeTest<'a>>,
    /// Candidates taken for testing together.
    taken: Vec<u32>,
}

/// The nodes a scan tries (a label's, walked in place, or every node), and how many more
/// it may take (its part's, when the scan is split).
struct Candidates<'a> {
    nodes: Nodes<'a>,
    left: usize,
}

enum Nodes<'a> {
    Label(Option<LabelNodes<'a>>),
    All(Box<dyn Iterator<Item = NodeId> + 'a>),
}

impl Candidates<'_> {
    fn none() -> Self {
        Candidates {
            nodes: Nodes::Label(None),
            left: 0,
        }
    }

    /// Up to `n` more candidates onto `out`.
    fn take_into(&mut self, n: usize, out: &mut Vec<u32>) {
        let n = n.min(self.left);
        let before = out.len();
        match &mut self.nodes {
            Nodes::Label(nodes) => {
                if let Some(nodes) = nodes {
                    nodes.take_into(n, out);
                }
            }
            Nodes::All(nodes) => out.extend(nodes.take(n).map(|NodeId(id)| id as u32)),
        }
        self.left -= out.len() - before;
    }
}

impl<'a> NodeScan<'a> {
    pub fn new(
        input: BoxOp<'a>,
        ctx: &'a Ctx<'a>,
        slot: Slot,
        label: Option<Symbol>,
        filter: &'a NodeFilter,
        part: Option<Part>,
    ) -> Self {
        NodeScan {
            input,
            ctx,
            slot,
            label,
            filter,
            needs_row: reads_row(&filter.props),
            part,
            current: None,
            candidates: Candidates::none(),
            test: None,
            taken: Vec::new(),
        }
    }

    fn candidates(&self) -> Candidates<'a> {
        let graph = self.ctx.graph;
        // A split scan takes its part's range of the candidates, an unsplit one all of them.
        let range = |total| self.part.map_or((0, usize::MAX), |part| part.range(total));
        let (nodes, left) = match self.label {
            Some(l) => {
                let (from, left) = range(graph.label_count(l));
                (Nodes::Label(graph.label_nodes_from(l, from)), left)
            }
            None => {
                let (from, left) = range(graph.node_count());
                (Nodes::All(Box::new(graph.node_ids().skip(from))), left)
            }
        };
        Candidates { nodes, left }
    }

    /// Moves to the next input row; false at the end of the input.
    fn advance(&mut self) -> Result<bool> {
        loop {
            if let Some((batch, row)) = self.current.take() {
                if row + 1 < batch.len {
                    self.start_row(&batch, row + 1)?;
                    self.current = Some((batch, row + 1));
                    return Ok(true);
                }
            }
            match self.input.next_batch()? {
                None => return Ok(false),
                Some(batch) if batch.len == 0 => continue,
                Some(batch) => {
                    self.start_row(&batch, 0)?;
                    self.current = Some((batch, 0));
                    return Ok(true);
                }
            }
        }
    }

    fn start_row(&mut self, batch: &Batch, row: usize) -> Result<()> {
        let view = row_view(batch, row, self.needs_row, self.ctx);
        let known: Vec<Symbol> = self.label.into_iter().collect();
        let test = NodeTest::new(self.filter, &view, self.ctx)?.without_labels(&known);
        self.test = (!test.is_empty()).then_some(test);
        self.candidates = self.candidates();
        Ok(())
    }
}

impl Operator for NodeScan<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        if self.current.is_none() && !self.advance()? {
            return Ok(None);
        }
        loop {
            check_limits()?;
            let mut ids = Vec::with_capacity(BATCH);
            let graph = self.ctx.graph;
            let mut read = 0;
            // Candidates are tested a batch at a time, until half a batch passed or none is
            // left.
            while ids.len() < BATCH / 2 {
                self.taken.clear();
                self.candidates
                    .take_into(BATCH - ids.len(), &mut self.taken);
                if self.taken.is_empty() {
                    break;
                }
                read += self.taken.len();
                if let Some(test) = &self.test {
                    test.retain(&mut self.taken, graph);
                }
                ids.extend_from_slice(&self.taken);
            }
            self.ctx.stmt.touch(read);
            if !ids.is_empty() {
                let Some((batch, row)) = &self.current else {
                    return Ok(None);
                };
                let mut out = batch.take(&vec![*row as u32; ids.len()]);
                out.cols[self.slot] = Vector::Nodes(ids);
                return Ok(Some(out));
            }
            if !self.advance()? {
                return Ok(None);
            }
        }
    }
}

/// For each input row, the nodes a declared index finds, that pass the pattern's test.
pub struct IndexSeek<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    slot: Slot,
    seek: &'a plan::IndexSeek,
    filter: &'a NodeFilter,
}

impl<'a> IndexSeek<'a> {
    pub fn new(
        input: BoxOp<'a>,
        ctx: &'a Ctx<'a>,
        slot: Slot,
        seek: &'a plan::IndexSeek,
        filter: &'a NodeFilter,
    ) -> Self {
        IndexSeek {
            input,
            ctx,
            slot,
            seek,
            filter,
        }
    }
}

impl Operator for IndexSeek<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        while let Some(batch) = self.input.next_batch()? {
            let pool = self.ctx.graph.strings();
            let (mut rows, mut ids) = (Vec::new(), Vec::new());
            for i in 0..batch.len {
                let row = batch.row(i, batch.cols.len(), pool);
                let found = seek(self.seek, &row, self.ctx)?;
                self.ctx.stmt.touch(found.len());
                let test = NodeTest::new(self.filter, &row, self.ctx)?;
                for n in found {
                    if test.matches(n, self.ctx.graph) {
                        rows.push(i as u32);
                        ids.push(n);
                    }
                }
            }
            if !ids.is_empty() {
                let mut out = batch.take(&rows);
                out.cols[self.slot] = Vector::Nodes(ids);
                return Ok(Some(out));
            }
        }
        Ok(None)
    }
}

/// The input rows whose node in `slot` passes a pattern's test (rows without a node there
/// do not).
pub struct CheckNode<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    slot: Slot,
    filter: &'a NodeFilter,
    needs_row: bool,
}

impl<'a> CheckNode<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, slot: Slot, filter: &'a NodeFilter) -> Self {
        CheckNode {
            input,
            ctx,
            slot,
            filter,
            needs_row: reads_row(&filter.props),
        }
    }
}

impl Operator for CheckNode<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        while let Some(batch) = self.input.next_batch()? {
            self.ctx.stmt.touch(batch.len);
            let mut keep = vec![false; batch.len];
            let mut shared = None;
            for (i, k) in keep.iter_mut().enumerate() {
                let Some(id) = batch.cols[self.slot].node(i) else {
                    continue;
                };
                if self.needs_row {
                    let view = row_view(&batch, i, true, self.ctx);
                    *k = NodeTest::new(self.filter, &view, self.ctx)?.matches(id, self.ctx.graph);
                } else {
                    if shared.is_none() {
                        shared = Some(NodeTest::new(self.filter, &Vec::new(), self.ctx)?);
                    }
                    *k = shared
                        .as_ref()
                        .is_some_and(|t: &NodeTest| t.matches(id, self.ctx.graph));
                }
            }
            let out = batch.filter(&keep);
            if out.len > 0 {
                return Ok(Some(out));
            }
        }
        Ok(None)
    }
}
