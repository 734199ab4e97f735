//! The database facade: text in, results out. Parses, plans and executes each statement inside
//! a transaction, so a statement that fails leaves the graph exactly as it was.

use crate::error::{Detail, Error, ErrorClass, QueryError};
use crate::exec::{self, NodeData, QueryResult, RelData, WriteStats};
use crate::graph::{GraphRead, MemoryGraph, Mutation, Transaction, TxLog};
use crate::model::Value;
use crate::persist::{OpenReport, Store, StoreError, StoreOptions};
use crate::plan::{self, QueryPlan};
use crate::syntax::{self, ast};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// Query parameters by name (without the `$`).
pub type Params = BTreeMap<String, Value>;

/// Where committed changes go to be made durable. The in-memory database has none.
pub trait CommitSink {
    /// Makes `mutations` durable as one unit before the statement's results are released.
    /// `graph` is the state they produced.
    fn commit(&mut self, mutations: &[Mutation], graph: &MemoryGraph) -> Result<(), Error>;

    /// Called after a rollback: ids that `graph` handed out to the undone changes must not
    /// be handed out again after a reload either, since rows may have shown them.
    fn keep_ids(&mut self, _graph: &MemoryGraph) -> Result<(), Error> {
        Ok(())
    }

    /// Whether enough was committed since the last checkpoint to warrant one.
    fn checkpoint_due(&self) -> bool {
        false
    }

    /// Makes `graph` the new base state: what was committed, and for
    /// `Database::commit_through_checkpoint` the transaction being committed.
    fn checkpoint(&mut self, _graph: &MemoryGraph) -> Result<(), Error> {
        Ok(())
    }

    /// On a clean exit, with no transaction open.
    fn close(&mut self, _graph: &MemoryGraph) -> Result<(), Error> {
        Ok(())
    }
}

impl CommitSink for Store {
    fn commit(&mut self, mutations: &[Mutation], graph: &MemoryGraph) -> Result<(), Error> {
        Ok(self.append(mutations, graph)?)
    }

    fn keep_ids(&mut self, graph: &MemoryGraph) -> Result<(), Error> {
        Ok(self.keep_ids(graph)?)
    }

    fn checkpoint_due(&self) -> bool {
        Store::checkpoint_due(self)
    }

    fn checkpoint(&mut self, graph: &MemoryGraph) -> Result<(), Error> {
        Store::checkpoint(self, graph)?;
        Ok(())
    }

    fn close(&mut self, graph: &MemoryGraph) -> Result<(), Error> {
        Ok(Store::close(self, graph)?)
    }
}

/// The seed article's graph, compiled into the binary.
pub const DEFAULT_GRAPH: &str = include_str!("../graph-data/seed/article.cypher");

/// Statements whose plans are kept, by their text: a repeated statement skips parsing and
/// planning. Plans stay valid as the graph changes (names are only ever added).
const PLAN_CACHE_SIZE: usize = 512;

pub struct Database {
    graph: MemoryGraph,
    plans: HashMap<String, Arc<QueryPlan>>,
    log: TxLog,
    /// True between BEGIN and COMMIT/ROLLBACK.
    explicit: bool,
    sink: Option<Box<dyn CommitSink>>,
    /// Things worth telling the user that did not fail a statement (a failed automatic
    /// checkpoint, say), until the caller takes them.
    notes: Vec<String>,
}

impl Default for Database {
    fn default() -> Self {
        Self::in_memory()
    }
}

impl Database {
    /// An empty graph held in memory.
    pub fn in_memory() -> Self {
        Self::with_graph(MemoryGraph::new(), None)
    }

    /// A database over an existing graph (loaded from a store), committing through `sink`.
    pub fn with_graph(graph: MemoryGraph, sink: Option<Box<dyn CommitSink>>) -> Self {
        Database {
            graph,
            plans: HashMap::new(),
            log: TxLog::default(),
            explicit: false,
            sink,
            notes: Vec::new(),
        }
    }

    /// Opens (or, unless read-only, creates) the store in `dir`: its snapshot, with the log
    /// replayed on top. Every commit is then written to the log before it is reported.
    pub fn open(dir: &Path, options: StoreOptions) -> Result<(Self, OpenReport), Error> {
        let opened = Store::open(dir, options)?;
        let db = Self::with_graph(opened.graph, Some(Box::new(opened.store)));
        Ok((db, opened.report))
    }

    /// Writes a snapshot and resets the log (a no-op in memory).
    pub fn checkpoint(&mut self) -> Result<(), Error> {
        if self.explicit {
            return Err(StoreError::TransactionOpen.into());
        }
        match &mut self.sink {
            Some(sink) => sink.checkpoint(&self.graph),
            None => Ok(()),
        }
    }

    /// A clean exit: rolls back an open transaction (saying so in the notes) and lets the
    /// store checkpoint. Dropping a database without closing it is like a crash: nothing
    /// committed is lost, the next open replays the log.
    pub fn close(&mut self) -> Result<(), Error> {
        if self.explicit {
            self.rollback()?;
            self.notes
                .push("a transaction was still open: it was rolled back".to_string());
        }
        match &mut self.sink {
            Some(sink) => sink.close(&self.graph),
            None => Ok(()),
        }
    }

    /// Notes gathered since the last call, oldest first.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// The graph of the seed article, held in memory.
    pub fn default_graph() -> Result<Self, Error> {
        let mut db = Self::in_memory();
        db.run(DEFAULT_GRAPH, &Params::new())?;
        Ok(db)
    }

    /// Runs every statement of a script in order and returns one result per statement. Stops at
    /// the first statement that fails; the statements before it stay applied.
    pub fn run(&mut self, text: &str, params: &Params) -> Result<Vec<QueryResult>, Error> {
        if let Some(plan) = self.plans.get(text).cloned() {
            return Ok(vec![self.run_plan(Ok(plan), params)?]);
        }
        let script = syntax::parse_script(text)?;
        if let [statement] = script.statements.as_slice() {
            if let ast::StatementKind::Query(query) = &statement.kind {
                let plan = self.plan(query).map(Arc::new);
                if let Ok(plan) = &plan {
                    if self.plans.len() >= PLAN_CACHE_SIZE {
                        self.plans.clear();
                    }
                    self.plans.insert(text.to_string(), plan.clone());
                }
                return Ok(vec![self.run_plan(plan, params)?]);
            }
        }
        let mut results = Vec::with_capacity(script.statements.len());
        for statement in &script.statements {
            results.push(self.run_statement(statement, params)?);
        }
        Ok(results)
    }

    /// Runs one parsed statement.
    pub fn run_statement(
        &mut self,
        statement: &ast::Statement,
        params: &Params,
    ) -> Result<QueryResult, Error> {
        let span = statement.span;
        match &statement.kind {
            ast::StatementKind::Begin => self.begin().map_err(|e| e.at(span))?,
            ast::StatementKind::Commit => self.commit().map_err(|e| match e {
                Error::Query(q) => Error::Query(q.at(span)),
                other => other,
            })?,
            ast::StatementKind::Rollback => self.rollback().map_err(|e| e.at(span))?,
            ast::StatementKind::Query(query) => return self.run_query(query, params),
            ast::StatementKind::Explain(query) => {
                let plan = self.plan(query)?;
                let text = plan::explain(&plan, self.graph.names());
                return Ok(QueryResult {
                    columns: vec!["plan".to_string()],
                    rows: text.lines().map(|l| vec![Value::str(l)]).collect(),
                    ..QueryResult::default()
                });
            }
        }
        Ok(QueryResult::default())
    }

    fn run_query(&mut self, query: &ast::Query, params: &Params) -> Result<QueryResult, Error> {
        let plan = self.plan(query).map(Arc::new);
        self.run_plan(plan, params)
    }

    /// Runs a planned statement (or reports its planning error) as one atomic unit.
    fn run_plan(
        &mut self,
        plan: Result<Arc<QueryPlan>, Error>,
        params: &Params,
    ) -> Result<QueryResult, Error> {
        let plan = plan?;
        check_params(params)?;
        let savepoint = self.log.savepoint();
        let mut result = {
            let mut tx = Transaction::new(&mut self.graph, &mut self.log);
            let outcome = exec::execute(&plan, &mut tx, params);
            match outcome {
                Ok(r) => r,
                Err(e) => {
                    tx.rollback_to(savepoint);
                    if !self.explicit {
                        self.keep_ids();
                    }
                    return Err(e.into());
                }
            }
        };
        result.stats = WriteStats::from_mutations(&self.log.mutations()[savepoint..]);
        if !self.explicit {
            self.commit_log()?;
        }
        Ok(result)
    }

    /// Makes the logged changes durable, or undoes them if that fails.
    fn commit_log(&mut self) -> Result<(), Error> {
        if self.log.is_empty() {
            return Ok(());
        }
        if let Some(sink) = &mut self.sink {
            if let Err(e) = sink.commit(self.log.mutations(), &self.graph) {
                Transaction::new(&mut self.graph, &mut self.log).rollback_to(0);
                self.keep_ids();
                return Err(e);
            }
        }
        self.log.clear();
        if let Some(sink) = &mut self.sink {
            // The commit is already durable in the log; a failed checkpoint only means the
            // log keeps growing until one succeeds, so it is a note, not a failed statement.
            if sink.checkpoint_due() {
                if let Err(e) = sink.checkpoint(&self.graph) {
                    self.notes.push(format!("checkpoint failed: {e}"));
                }
            }
        }
        Ok(())
    }

    pub fn begin(&mut self) -> Result<(), QueryError> {
        if self.explicit {
            return Err(tx_error("a transaction is already open"));
        }
        self.explicit = true;
        Ok(())
    }

    pub fn commit(&mut self) -> Result<(), Error> {
        if !self.explicit {
            return Err(tx_error("there is no open transaction to commit").into());
        }
        self.explicit = false;
        self.commit_log()
    }

    /// Commits the open transaction by writing a new snapshot (a checkpoint) instead of a log
    /// record: for bulk imports. A crash before the snapshot replaces the old one leaves the
    /// store as it was; after, everything is there. In memory it is a plain commit.
    pub fn commit_through_checkpoint(&mut self) -> Result<(), Error> {
        if !self.explicit {
            return Err(tx_error("there is no open transaction to commit").into());
        }
        self.explicit = false;
        if let Some(sink) = &mut self.sink {
            if let Err(e) = sink.checkpoint(&self.graph) {
                Transaction::new(&mut self.graph, &mut self.log).rollback_to(0);
                self.keep_ids();
                return Err(e);
            }
        }
        self.log.clear();
        Ok(())
    }

    pub fn rollback(&mut self) -> Result<(), QueryError> {
        if !self.explicit {
            return Err(tx_error("there is no open transaction to roll back"));
        }
        self.explicit = false;
        Transaction::new(&mut self.graph, &mut self.log).rollback_to(0);
        self.keep_ids();
        Ok(())
    }

    fn keep_ids(&mut self) {
        if let Some(sink) = &mut self.sink {
            if let Err(e) = sink.keep_ids(&self.graph) {
                self.notes
                    .push(format!("cannot record the ids in use: {e}"));
            }
        }
    }

    /// Whether BEGIN has been run without COMMIT or ROLLBACK.
    pub fn in_transaction(&self) -> bool {
        self.explicit
    }

    /// The plan of a statement, as text, without running it.
    pub fn explain(&mut self, text: &str) -> Result<String, Error> {
        let script = syntax::parse_script(text)?;
        let mut out = String::new();
        for statement in &script.statements {
            if let ast::StatementKind::Query(query) | ast::StatementKind::Explain(query) =
                &statement.kind
            {
                let plan = self.plan(query)?;
                out.push_str(&plan::explain(&plan, self.graph.names()));
            }
        }
        Ok(out)
    }

    fn plan(&mut self, query: &ast::Query) -> Result<QueryPlan, Error> {
        let savepoint = self.log.savepoint();
        let mut tx = Transaction::new(&mut self.graph, &mut self.log);
        let plan = plan::plan_query(query, &mut tx);
        tx.rollback_to(savepoint);
        Ok(plan?)
    }

    pub fn graph(&self) -> &MemoryGraph {
        &self.graph
    }

    /// The graph, for a database that is done with (an import's fresh graph, say).
    pub fn into_graph(self) -> MemoryGraph {
        self.graph
    }

    /// Applies one change directly, as a statement would: inside the open transaction if
    /// there is one, otherwise committed at once. Bulk imports use this.
    pub fn apply_mutation(&mut self, mutation: Mutation) -> Result<(), Error> {
        let mut tx = Transaction::new(&mut self.graph, &mut self.log);
        crate::graph::GraphWrite::apply(&mut tx, mutation)
            .map_err(|e| Error::Data(e.to_string()))?;
        if !self.explicit {
            self.commit_log()?;
        }
        Ok(())
    }

    /// Every node with its labels and properties, in id order.
    pub fn nodes(&self) -> Vec<NodeData> {
        exec::graph_nodes(&self.graph)
    }

    /// Every relationship with its type, ends and properties, in id order.
    pub fn rels(&self) -> Vec<RelData> {
        exec::graph_rels(&self.graph)
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn rel_count(&self) -> usize {
        self.graph.rel_count()
    }
}

fn tx_error(message: &str) -> QueryError {
    QueryError::new(
        ErrorClass::SemanticError,
        crate::error::Phase::Runtime,
        Detail::InvalidClauseComposition,
        message,
    )
}

/// Parameters come from the caller, who can build a value deeper than any statement may (see
/// [`crate::model::MAX_DEPTH`]): refused before it reaches anything that recurses over it.
fn check_params(params: &Params) -> Result<(), QueryError> {
    match params.iter().find(|(_, v)| v.too_deep()) {
        Some((name, _)) => Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::NestingTooDeep,
            format!(
                "parameter ${name}: {}",
                crate::model::too_deep_message("value")
            ),
        )),
        None => Ok(()),
    }
}
