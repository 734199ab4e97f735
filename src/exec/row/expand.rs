//! Following relationships: one hop, variable length (trails: no relationship twice), and
//! shortest paths (bidirectional breadth-first search).

use super::super::context::{Ctx, Result, Row, Rows, check_limits};
use super::super::eval::is_true;
use super::node_matches;
use crate::graph::{Direction, GraphRead, Symbol, neighbours};
use crate::model::{NodeId, PathValue, RelId, Value, equals};
use crate::plan::{Expand, ShortestPath};
use std::collections::HashMap;
use std::sync::Arc;

fn rel_used(row: &Row, slots: &[usize], rel: RelId) -> bool {
    slots.iter().any(|s| match &row[*s] {
        Value::Rel(r) => *r == rel,
        Value::List(items) => items
            .iter()
            .any(|v| matches!(v, Value::Rel(r) if *r == rel)),
        _ => false,
    })
}

fn rel_matches(e: &Expand, rel: RelId, row: &Row, ctx: &Ctx) -> Result<bool> {
    if e.rel_props.is_empty() {
        return Ok(true);
    }
    if !ctx.graph.rel_exists(rel) {
        return Ok(false);
    }
    for (key, expr) in &e.rel_props {
        let want = super::super::eval::eval(expr, row, ctx)?;
        if equals(&ctx.graph.rel_prop(rel, *key), &want) != Some(true) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn end_matches(e: &Expand, node: NodeId, row: &Row, ctx: &Ctx) -> Result<bool> {
    if e.to_bound && row[e.to] != Value::Node(node) {
        return Ok(false);
    }
    if e.to_filter.is_empty() {
        return Ok(true);
    }
    node_matches(ctx, node, &e.to_filter, row)
}

/// The Expand operator: for each input row, the rows reached over one hop (or, for a
/// variable-length hop, every accepted trail). One iterator for the whole input, so a
/// single hop costs no allocation beyond the rows it produces; a variable-length hop
/// collects its trails per input row first.
pub struct ExpandRows<'a> {
    e: &'a Expand,
    ctx: &'a Ctx<'a>,
    input: Rows<'a>,
    row: Row,
    /// The relationships of the current input row's node still to try.
    hops: Box<dyn Iterator<Item = (RelId, NodeId)> + 'a>,
    /// Rows of a variable-length expansion, produced all at once per input row.
    pending: std::vec::IntoIter<Row>,
    /// The graph guarantees the far end's labels, so they need no check.
    labels_known: bool,
}

impl<'a> ExpandRows<'a> {
    pub fn new(e: &'a Expand, ctx: &'a Ctx<'a>, input: Rows<'a>) -> Self {
        let filter = &e.to_filter;
        let labels_known = match e.dir {
            Some(dir)
                if filter.props.is_empty() && !filter.labels.is_empty() && !e.types.is_empty() =>
            {
                e.types.iter().all(|t| {
                    filter
                        .labels
                        .iter()
                        .all(|l| ctx.graph.all_rels_reach_label(*t, dir, *l))
                })
            }
            _ => false,
        };
        ExpandRows {
            labels_known,
            e,
            ctx,
            input,
            row: Row::new(),
            hops: Box::new(std::iter::empty()),
            pending: Vec::new().into_iter(),
        }
    }

    /// Moves to the next input row; none at the end of the input.
    fn advance(&mut self) -> Option<Result<()>> {
        loop {
            let row = match self.input.next()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            if let Err(e) = check_limits() {
                return Some(Err(e));
            }
            let Value::Node(from) = row[self.e.from] else {
                continue;
            };
            if let Some((min, max)) = self.e.var_length {
                match var_length(self.e, &row, from, min, max, self.ctx) {
                    Ok(rows) => self.pending = rows.into_iter(),
                    Err(e) => return Some(Err(e)),
                }
                self.hops = Box::new(std::iter::empty());
            } else {
                self.hops = Box::new(neighbours(self.ctx.graph, from, self.e.dir, &self.e.types));
            }
            self.row = row;
            return Some(Ok(()));
        }
    }

    fn accept(&self, rel: RelId, other: NodeId) -> Result<bool> {
        let e = self.e;
        if rel_used(&self.row, &e.distinct_from, rel) || !rel_matches(e, rel, &self.row, self.ctx)?
        {
            return Ok(false);
        }
        if self.labels_known {
            return Ok(!e.to_bound || self.row[e.to] == Value::Node(other));
        }
        end_matches(e, other, &self.row, self.ctx)
    }
}

impl Iterator for ExpandRows<'_> {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Result<Row>> {
        loop {
            if let Some(row) = self.pending.next() {
                return Some(Ok(row));
            }
            while let Some((rel, other)) = self.hops.next() {
                match self.accept(rel, other) {
                    Ok(true) => {
                        let mut out = self.row.clone();
                        out[self.e.rel] = Value::Rel(rel);
                        out[self.e.to] = Value::Node(other);
                        return Some(Ok(out));
                    }
                    Ok(false) => {}
                    Err(err) => return Some(Err(err)),
                }
            }
            if let Err(e) = self.advance()? {
                return Some(Err(e));
            }
        }
    }
}

/// Every trail from `from` with between `min` and `max` relationships that ends on a node
/// the pattern accepts. Depth-first with an explicit stack, so long chains cannot overflow.
fn var_length(
    e: &Expand,
    row: &Row,
    from: NodeId,
    min: u64,
    max: u64,
    ctx: &Ctx,
) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    let emit = |rels: &[RelId], end: NodeId, out: &mut Vec<Row>| -> Result<()> {
        if end_matches(e, end, row, ctx)? {
            let mut r = row.clone();
            r[e.rel] = Value::list(rels.iter().map(|id| Value::Rel(*id)).collect());
            r[e.to] = Value::Node(end);
            out.push(r);
        }
        Ok(())
    };
    if min == 0 {
        emit(&[], from, &mut out)?;
    }
    if max == 0 {
        return Ok(out);
    }
    let mut path: Vec<RelId> = Vec::new();
    let mut stack: Vec<(Vec<(RelId, NodeId)>, usize)> =
        vec![(neighbours(ctx.graph, from, e.dir, &e.types).collect(), 0)];
    let mut steps = 0u32;
    while let Some((candidates, next)) = stack.last_mut() {
        steps = steps.wrapping_add(1);
        if steps % 4096 == 0 {
            check_limits()?;
        }
        let Some(&(rel, other)) = candidates.get(*next) else {
            stack.pop();
            path.pop();
            continue;
        };
        *next += 1;
        if path.contains(&rel)
            || rel_used(row, &e.distinct_from, rel)
            || !rel_matches(e, rel, row, ctx)?
        {
            continue;
        }
        path.push(rel);
        let depth = path.len() as u64;
        if depth >= min {
            emit(&path, other, &mut out)?;
        }
        if depth < max {
            stack.push((neighbours(ctx.graph, other, e.dir, &e.types).collect(), 0));
        } else {
            path.pop();
        }
    }
    Ok(out)
}

pub fn shortest_paths<'a>(sp: &'a ShortestPath, row: Row, ctx: &'a Ctx<'a>) -> Rows<'a> {
    let (Value::Node(from), Value::Node(to)) = (&row[sp.from], &row[sp.to]) else {
        return Box::new(std::iter::empty());
    };
    // A lower bound above 1 may rule out the overall shortest path: search level by level then.
    let found = if sp.all || sp.predicate.is_some() || sp.min > 1 {
        all_shortest(sp, *from, *to, &row, ctx)
    } else {
        bidirectional(ctx.graph, *from, *to, sp.dir, &sp.types, sp.min, sp.max)
            .map(|p| p.into_iter().collect())
    };
    let paths = match found {
        Ok(paths) => paths,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    let take = if sp.all { usize::MAX } else { 1 };
    Box::new(paths.into_iter().take(take).map(move |path| {
        let mut out = row.clone();
        bind_path(sp, &mut out, path);
        Ok(out)
    }))
}

/// Puts a found path, and its relationships, in the row's slots.
fn bind_path(sp: &ShortestPath, row: &mut Row, path: PathValue) {
    row[sp.rel] = if sp.rel_is_list {
        Value::list(path.rels.iter().map(|r| Value::Rel(*r)).collect())
    } else {
        path.rels.first().map_or(Value::Null, |r| Value::Rel(*r))
    };
    row[sp.path] = Value::Path(Arc::new(path));
}

/// Whether a candidate path meets the pattern's conditions on it.
fn path_accepted(sp: &ShortestPath, path: &PathValue, row: &Row, ctx: &Ctx) -> Result<bool> {
    let Some(pred) = &sp.predicate else {
        return Ok(true);
    };
    let mut r = row.clone();
    bind_path(sp, &mut r, path.clone());
    is_true(pred, &r, ctx)
}

/// One shortest path by searching from both ends, always growing the smaller frontier.
fn bidirectional(
    graph: &dyn GraphRead,
    from: NodeId,
    to: NodeId,
    dir: Option<Direction>,
    types: &[Symbol],
    min: u64,
    max: u64,
) -> Result<Option<PathValue>> {
    if from == to {
        return Ok((min == 0).then(|| PathValue::single(from)));
    }
    let reverse = dir.map(|d| match d {
        Direction::Outgoing => Direction::Incoming,
        Direction::Incoming => Direction::Outgoing,
    });
    // parent maps: node -> (relationship, node it was reached from)
    let mut fwd: HashMap<NodeId, Option<(RelId, NodeId)>> = HashMap::from([(from, None)]);
    let mut bwd: HashMap<NodeId, Option<(RelId, NodeId)>> = HashMap::from([(to, None)]);
    let mut fwd_frontier = vec![from];
    let mut bwd_frontier = vec![to];
    let mut depth = 0u64;
    while depth < max && !fwd_frontier.is_empty() && !bwd_frontier.is_empty() {
        check_limits()?;
        depth += 1;
        let forward = fwd_frontier.len() <= bwd_frontier.len();
        let (frontier, seen, other_seen, d) = if forward {
            (&mut fwd_frontier, &mut fwd, &bwd, dir)
        } else {
            (&mut bwd_frontier, &mut bwd, &fwd, reverse)
        };
        let mut next = Vec::new();
        let mut meet = None;
        'outer: for &node in frontier.iter() {
            check_limits()?;
            for (rel, other) in neighbours(graph, node, d, types) {
                if seen.contains_key(&other) {
                    continue;
                }
                seen.insert(other, Some((rel, node)));
                if other_seen.contains_key(&other) {
                    meet = Some(other);
                    break 'outer;
                }
                next.push(other);
            }
        }
        if let Some(meet) = meet {
            let path = join_path(&fwd, &bwd, meet);
            return Ok((path.len() as u64 >= min).then_some(path));
        }
        *frontier = next;
    }
    Ok(None)
}

fn join_path(
    fwd: &HashMap<NodeId, Option<(RelId, NodeId)>>,
    bwd: &HashMap<NodeId, Option<(RelId, NodeId)>>,
    meet: NodeId,
) -> PathValue {
    let mut nodes = vec![meet];
    let mut rels = Vec::new();
    let mut cur = meet;
    while let Some(Some((rel, prev))) = fwd.get(&cur) {
        rels.push(*rel);
        nodes.push(*prev);
        cur = *prev;
    }
    nodes.reverse();
    rels.reverse();
    cur = meet;
    while let Some(Some((rel, next))) = bwd.get(&cur) {
        rels.push(*rel);
        nodes.push(*next);
        cur = *next;
    }
    PathValue { nodes, rels }
}

/// Every shortest path (or, with a predicate, every shortest path that satisfies it), by
/// breadth-first levels that keep all predecessors.
fn all_shortest(
    sp: &ShortestPath,
    from: NodeId,
    to: NodeId,
    row: &Row,
    ctx: &Ctx,
) -> Result<Vec<PathValue>> {
    if from == to {
        let path = PathValue::single(from);
        return Ok(if sp.min == 0 && path_accepted(sp, &path, row, ctx)? {
            vec![path]
        } else {
            Vec::new()
        });
    }
    let mut paths: Vec<PathValue> = vec![PathValue::single(from)];
    let mut depth = 0u64;
    let mut level_of: HashMap<NodeId, u64> = HashMap::from([(from, 0)]);
    // Without a condition or a lower bound, a node first reached at an earlier level cannot
    // lie on a shortest path again; with either, a longer way round may be the answer.
    let prune = sp.predicate.is_none() && sp.min <= 1;
    while depth < sp.max && !paths.is_empty() {
        check_limits()?;
        depth += 1;
        let mut next = Vec::new();
        for path in &paths {
            check_limits()?;
            let end = path.end();
            for (rel, other) in neighbours(ctx.graph, end, sp.dir, &sp.types) {
                if path.rels.contains(&rel) {
                    continue;
                }
                if prune && level_of.get(&other).is_some_and(|l| *l < depth) {
                    continue;
                }
                let mut p = path.clone();
                p.rels.push(rel);
                p.nodes.push(other);
                next.push(p);
            }
        }
        for p in &next {
            level_of.entry(p.end()).or_insert(depth);
        }
        let mut hits = Vec::new();
        for p in next.iter().filter(|p| p.end() == to && depth >= sp.min) {
            if path_accepted(sp, p, row, ctx)? {
                hits.push(p.clone());
            }
        }
        if !hits.is_empty() {
            return Ok(hits);
        }
        paths = next.into_iter().filter(|p| p.end() != to).collect();
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{MemoryGraph, Mutation};

    fn chain(n: u64) -> MemoryGraph {
        let mut g = MemoryGraph::new();
        for i in 0..n {
            g.apply(Mutation::CreateNode {
                id: NodeId(i),
                labels: vec![],
                props: vec![],
            })
            .unwrap();
        }
        for i in 0..n - 1 {
            g.apply(Mutation::CreateRel {
                id: RelId(i),
                ty: Arc::from("NEXT"),
                start: NodeId(i),
                end: NodeId(i + 1),
                props: vec![],
            })
            .unwrap();
        }
        g
    }

    #[test]
    fn bidirectional_search_finds_the_chain() {
        let g = chain(10);
        let p = bidirectional(&g, NodeId(0), NodeId(9), None, &[], 1, 20)
            .unwrap()
            .unwrap();
        assert_eq!(p.len(), 9);
        assert_eq!(p.nodes.first(), Some(&NodeId(0)));
        assert_eq!(p.nodes.last(), Some(&NodeId(9)));
        assert!(
            bidirectional(&g, NodeId(0), NodeId(9), None, &[], 1, 5)
                .unwrap()
                .is_none()
        );
        let back = bidirectional(
            &g,
            NodeId(9),
            NodeId(0),
            Some(Direction::Outgoing),
            &[],
            1,
            20,
        );
        assert!(back.unwrap().is_none());
    }
}
