//! `CALL { ... } IN TRANSACTIONS`: the database's commit, done for each batch while the
//! statement runs (the one exception to a statement committing as a whole).

use super::CommitSink;
use super::Error;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::exec::{self, WriteStats};
use crate::graph::Transaction;

/// Commits the batches of `CALL { ... } IN TRANSACTIONS` while the statement runs: each batch
/// is checked against the constraints and handed to the store, as a statement is at its end.
pub(super) struct BatchCommits<'s> {
    sink: std::cell::RefCell<Option<&'s mut Box<dyn CommitSink>>>,
    /// What the committed batches changed, for the statement's counts.
    pub stats: std::cell::RefCell<WriteStats>,
    count: std::cell::Cell<usize>,
    /// The store's failure to commit a batch, reported as it is.
    failure: std::cell::RefCell<Option<Error>>,
}

impl<'s> BatchCommits<'s> {
    pub fn new(sink: Option<&'s mut Box<dyn CommitSink>>) -> Self {
        BatchCommits {
            sink: std::cell::RefCell::new(sink),
            stats: std::cell::RefCell::default(),
            count: std::cell::Cell::new(0),
            failure: std::cell::RefCell::new(None),
        }
    }

    /// After the statement failed: a note saying how many batches stay committed, if any,
    /// and the store's own failure to commit one, which is the statement's error.
    pub fn after_failure(self) -> (Option<String>, Option<Error>) {
        let count = self.count.get();
        let note = (count > 0).then(|| {
            format!(
                "CALL {{ ... }} IN TRANSACTIONS committed {count} batch{} before the statement failed: those changes stay",
                if count == 1 { "" } else { "es" }
            )
        });
        (note, self.failure.into_inner())
    }
}

impl exec::BatchCommit for BatchCommits<'_> {
    fn commit(&self, tx: &mut Transaction) -> Result<(), QueryError> {
        tx.commit_applied(|mutations, graph| {
            if mutations.is_empty() {
                return Ok(());
            }
            graph
                .check_constraints(mutations)
                .map_err(exec::graph_error)?;
            if let Some(sink) = self.sink.borrow_mut().as_mut() {
                if let Err(e) = sink.commit(mutations, graph) {
                    let error = QueryError::runtime(
                        ErrorClass::SemanticError,
                        Detail::ExternalResourceFailed,
                        format!(
                            "a batch of CALL {{ ... }} IN TRANSACTIONS could not be committed: {e}"
                        ),
                    );
                    *self.failure.borrow_mut() = Some(e);
                    return Err(error);
                }
            }
            self.stats
                .borrow_mut()
                .add(&WriteStats::from_mutations(mutations));
            self.count.set(self.count.get() + 1);
            Ok(())
        })
    }
}
