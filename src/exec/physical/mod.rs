//! The physical operators: a plan's read operators as a tree of pull-based operators that
//! pass each other [`Batch`]es of rows held by column. One file per operator; `build` turns a
//! logical operator tree into them.
//!
//! **Invariant:** every operator produces exactly the rows the row-at-a-time executor
//! (`exec/row/`) produces for the same plan and input, in the same order; `tests/engines.rs`
//! checks it on random graphs and queries.

mod aggregate;
mod apply;
mod distinct;
mod expand;
mod filter;
mod input;
mod keys;
mod limit;
mod load_csv;
mod node_test;
mod optional;
mod procedure;
mod project;
mod rowwise;
mod scan;
mod shortest;
mod sort;
mod split;
mod unwind;
mod var_expand;

use super::context::{Ctx, Result};
use super::vector::Batch;
use crate::plan::Op;

use super::profile::Profiled;
pub use input::Input;
use split::Part;

/// A physical operator: hands out its rows a batch at a time, `None` once it has no more.
pub trait Operator {
    fn next_batch(&mut self) -> Result<Option<Batch>>;
}

pub type BoxOp<'a> = Box<dyn Operator + 'a>;

/// The operators for `op`, whose `Input` leaf reads `input`.
pub fn build<'a>(op: &'a Op, ctx: &'a Ctx<'a>, input: BoxOp<'a>) -> BoxOp<'a> {
    build_part(op, ctx, input, None)
}

/// The operators for `op`, or for part `part` of its rows when `op` can be split (see
/// `split.rs`): the part goes down the chain of per-row operators to the scan at its
/// bottom.
fn build_part<'a>(op: &'a Op, ctx: &'a Ctx<'a>, input: BoxOp<'a>, part: Option<Part>) -> BoxOp<'a> {
    if matches!(op, Op::Input) {
        return input;
    }
    let built = Box::new(Guarded(crate::stack::guarded(|| {
        build_one(op, ctx, input, part)
    })));
    if ctx.stmt.is_profiled() {
        return Box::new(Profiled::new(built, crate::plan::key_of(op), ctx));
    }
    built
}

/// An operator whose call for a batch runs with stack room: an operator calls its input's,
/// so a plan of thousands of clauses nests that many calls.
struct Guarded<'a>(BoxOp<'a>);

impl Operator for Guarded<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        crate::stack::guarded(|| self.0.next_batch())
    }
}

fn build_one<'a>(op: &'a Op, ctx: &'a Ctx<'a>, input: BoxOp<'a>, part: Option<Part>) -> BoxOp<'a> {
    // The input of a per-row operator gets the part; other operators read all of theirs.
    let input_of = |inner: &'a Op, input| match split::per_row_input(op) {
        Some(_) => build_part(inner, ctx, input, part),
        None => build(inner, ctx, input),
    };
    match op {
        Op::Input => input,
        Op::NodeScan {
            input: inner,
            slot,
            label,
            filter,
        } => Box::new(scan::NodeScan::new(
            input_of(inner, input),
            ctx,
            *slot,
            *label,
            filter,
            // The chain's first scan takes the part; a later one scans all for each row.
            part.filter(|_| matches!(**inner, Op::Input)),
        )),
        Op::NodeIndexSeek {
            input: inner,
            slot,
            seek,
            filter,
        } => Box::new(scan::IndexSeek::new(
            input_of(inner, input),
            ctx,
            *slot,
            seek,
            filter,
        )),
        Op::CheckNode {
            input: inner,
            slot,
            filter,
        } => Box::new(scan::CheckNode::new(
            input_of(inner, input),
            ctx,
            *slot,
            filter,
        )),
        Op::Expand(e) if e.var_length.is_some() => Box::new(var_expand::VarExpand::new(
            e,
            ctx,
            input_of(&e.input, input),
        )),
        Op::Expand(e) => Box::new(expand::Expand::new(e, ctx, input_of(&e.input, input))),
        Op::ShortestPath(sp) => Box::new(shortest::ShortestPaths::new(
            sp,
            ctx,
            input_of(&sp.input, input),
        )),
        Op::Filter {
            input: inner,
            predicate,
        } => Box::new(filter::Filter::new(input_of(inner, input), ctx, predicate)),
        Op::Optional {
            input: outer,
            inner,
            nullable,
        } => Box::new(optional::Optional::new(
            input_of(outer, input),
            ctx,
            inner,
            nullable,
        )),
        Op::Unwind {
            input: inner,
            list,
            slot,
        } => Box::new(unwind::Unwind::new(
            input_of(inner, input),
            ctx,
            list,
            *slot,
        )),
        Op::LoadCsv(load) => Box::new(load_csv::LoadCsvRows::new(
            input_of(&load.input, input),
            ctx,
            load,
        )),
        Op::ProcedureCall(call) => Box::new(procedure::Procedure::new(
            input_of(&call.input, input),
            ctx,
            call,
        )),
        Op::Apply(a) => Box::new(apply::Apply::new(input_of(&a.input, input), ctx, a)),
        Op::Project {
            input: inner,
            items,
        } => Box::new(project::Project::new(input_of(inner, input), ctx, items)),
        Op::Aggregate {
            input: inner,
            keys,
            aggregates,
        } => Box::new(aggregate::Aggregate::new(
            inner, input, ctx, keys, aggregates,
        )),
        Op::Distinct {
            input: inner,
            slots,
        } => Box::new(distinct::Distinct::new(input_of(inner, input), ctx, slots)),
        Op::Sort {
            input: inner,
            keys,
            top,
        } => Box::new(sort::Sort::new(input_of(inner, input), ctx, keys, top)),
        Op::Skip {
            input: inner,
            count,
        } => Box::new(limit::Skip::new(input_of(inner, input), ctx, count)),
        Op::Limit {
            input: inner,
            count,
        } => Box::new(limit::Limit::new(input_of(inner, input), ctx, count)),
    }
}
