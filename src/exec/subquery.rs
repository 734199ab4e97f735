//! `CALL { ... }` that changes the graph: the subquery's stages run for each input row in
//! turn, so each run sees what the runs before it did. With `IN TRANSACTIONS [OF n ROWS]`,
//! the changes are committed after every n input rows: as in Neo4j, the one exception to a
//! statement being all or nothing (a failure keeps the batches committed before it).

use super::call::{finish, merged};
use super::context::{Ctx, Result, Row};
use super::eval::eval;
use super::run_stages;
use super::write::Writer;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;
use crate::plan::{BoundExpr, Op, WriteOp, WriteSubquery};

impl Writer<'_, '_> {
    /// Runs the subquery for each of `rows`, which may be read as it goes (see
    /// [`streams_into`]).
    pub(super) fn subquery(
        &mut self,
        sub: &WriteSubquery,
        rows: impl Iterator<Item = Result<Row>>,
    ) -> Result<Vec<Row>> {
        let batch = match &sub.batch {
            None => None,
            Some(size) => Some(self.batch_size(size, sub)?),
        };
        let mut out = Vec::new();
        for (i, row) in rows.enumerate() {
            let row = row?;
            let mut made = Vec::new();
            for stages in &sub.parts {
                // One level of recursion per subquery inside another.
                let inner = crate::stack::guarded(|| {
                    run_stages(stages, vec![row.clone()], self.tx, self.stmt, self.width)
                })?;
                if !sub.returns.is_empty() {
                    made.extend(inner.iter().map(|r| merged(&row, r, &sub.returns)));
                }
            }
            if sub.returns.is_empty() {
                out.push(row);
            } else {
                out.extend(finish(made, &row, &sub.returns, sub.distinct, sub.optional));
            }
            if batch.is_some_and(|n| (i + 1) % n == 0) {
                self.commit_batch(sub)?;
            }
        }
        if batch.is_some() {
            self.commit_batch(sub)?;
        }
        Ok(out)
    }

    fn batch_size(&self, size: &crate::plan::BoundExpr, sub: &WriteSubquery) -> Result<usize> {
        if self.stmt.batch_commit.is_none() {
            return Err(QueryError::runtime(
                ErrorClass::SemanticError,
                Detail::InvalidClauseComposition,
                "CALL { ... } IN TRANSACTIONS commits as it goes, so it cannot run inside an explicit transaction (BEGIN ... COMMIT) or an import: run it as a statement of its own",
            )
            .at(sub.span));
        }
        let ctx = Ctx::new(&*self.tx, self.stmt, self.width);
        let row = vec![Value::Null; self.width];
        match eval(size, &row, &ctx)? {
            Value::Int(n) if n > 0 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            Value::Int(n) => Err(QueryError::runtime(
                ErrorClass::ArgumentError,
                Detail::InvalidArgumentValue,
                format!("IN TRANSACTIONS OF n ROWS needs a positive integer, not {n}"),
            )
            .at(sub.span)),
            other => Err(QueryError::runtime(
                ErrorClass::ArgumentError,
                Detail::InvalidArgumentValue,
                format!(
                    "IN TRANSACTIONS OF n ROWS needs a positive integer, not {}",
                    other.value_type()
                ),
            )
            .at(sub.span)),
        }
    }

    fn commit_batch(&mut self, sub: &WriteSubquery) -> Result<()> {
        match self.stmt.batch_commit {
            Some(commit) => commit.commit(self.tx).map_err(|e| e.or_at(sub.span)),
            None => Ok(()),
        }
    }
}

/// Whether the read before a `CALL { ... } IN TRANSACTIONS` can feed it as it goes rather
/// than all at once: the first read of its query part, touching no entity (LOAD CSV, UNWIND,
/// projections and filters of plain values). It then runs over an empty graph that knows the
/// names (`Transaction::empty_with_names`), while the subquery writes the real one, so a
/// file larger than memory loads a batch at a time.
pub fn streams_into(read: &Op, write: &WriteOp) -> bool {
    matches!(write, WriteOp::Subquery(sub) if sub.batch.is_some()) && reads_no_entity(read)
}

fn reads_no_entity(op: &Op) -> bool {
    let plain = |e: &BoundExpr| crate::plan::slots_of(e).is_some();
    match op {
        Op::Input => true,
        Op::LoadCsv(l) => plain(&l.url) && reads_no_entity(&l.input),
        Op::Unwind { input, list, .. } => plain(list) && reads_no_entity(input),
        Op::Project { input, items } => {
            items.iter().all(|(_, e)| plain(e)) && reads_no_entity(input)
        }
        Op::Filter { input, predicate } => plain(predicate) && reads_no_entity(input),
        _ => false,
    }
}
