//! The database facade: text in, results out. Parses, plans and executes each statement inside
//! a transaction, so a statement that fails leaves the graph exactly as it was.

use crate::error::{Detail, ErrorClass, QueryError};
use crate::exec::{self, NodeData, QueryResult, RelData, WriteStats};
use crate::functions::procedures::{Procedure, Procedures};
use crate::graph::{GraphRead, MemoryGraph, Mutation, Transaction, TxLog};
use crate::limits::{self, Interrupter, Limits};
use crate::model::Value;
use crate::persist::{OpenReport, Store, StoreError, StoreOptions};
use crate::plan::{self, QueryPlan};
use crate::result::Subgraph;
use crate::syntax::{self, ast};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

mod batches;
mod error;
mod evaluate;
mod inspect;
mod notify;
mod schema;

use batches::BatchCommits;
pub use error::Error;
pub use evaluate::ValueError;

pub use crate::model::Params;

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

    /// On a clean exit, with no transaction open. Returns a warning for the user when
    /// something was left undone that loses nothing (a checkpoint on a full disk).
    fn close(&mut self, _graph: &MemoryGraph) -> Result<Option<String>, Error> {
        Ok(None)
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

    fn close(&mut self, graph: &MemoryGraph) -> Result<Option<String>, Error> {
        Ok(Store::close(self, graph)?)
    }
}

/// The seed article's graph, compiled into the binary.
pub const DEFAULT_GRAPH: &str = include_str!("../graph-data/seed/article.cypher");

/// Statements whose plans are kept, by their text and the version of the declared schema
/// they were made under: a repeated statement skips parsing and planning until an index or
/// constraint comes or goes. Plans stay valid as data changes (names are only ever added);
/// the counts they were chosen by may drift, which costs speed, never correctness.
const PLAN_CACHE_SIZE: usize = 512;

pub struct Database {
    graph: MemoryGraph,
    plans: HashMap<String, (u64, Arc<QueryPlan>)>,
    log: TxLog,
    /// True between BEGIN and COMMIT/ROLLBACK.
    explicit: bool,
    /// When the open explicit transaction began: the instant of `datetime.transaction()`.
    began: Option<chrono::DateTime<chrono::Utc>>,
    /// A statement run through [`Database::run`] failed inside the explicit transaction: as
    /// in Neo4j, the transaction can then only be rolled back.
    failed: bool,
    sink: Option<Box<dyn CommitSink>>,
    /// Things worth telling the user that did not fail a statement (a failed automatic
    /// checkpoint, say), until the caller takes them.
    notes: Vec<String>,
    engine: exec::Engine,
    interrupter: Interrupter,
    limits: Limits,
    /// The procedures CALL finds: the built-ins and those registered on this database.
    procedures: Procedures,
    /// `--as-of` / `:as-of`: the date every MATCH without its own AS OF sees the graph at.
    as_of: Option<chrono::NaiveDate>,
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
            began: None,
            failed: false,
            sink,
            notes: Vec::new(),
            engine: exec::Engine::default(),
            interrupter: Interrupter::default(),
            limits: Limits::standard(),
            procedures: Procedures::default(),
            as_of: None,
        }
    }

    /// A handle that stops the statement this database is running, from any thread.
    pub fn interrupter(&self) -> Interrupter {
        self.interrupter.clone()
    }

    /// The time and memory limits of each statement (by default: no time limit, and
    /// half of the memory the process may use).
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Adds a procedure that `CALL` finds on this database (and `SHOW PROCEDURES` lists),
    /// such as one answering from a table ([`Procedure::from_table`]); it replaces one of
    /// the same name, built-ins included.
    pub fn register_procedure(&mut self, procedure: Procedure) {
        self.procedures.register(procedure);
        // A plan may name the procedure it replaces.
        self.plans.clear();
    }

    /// The procedures `CALL` finds on this database.
    pub fn procedures(&self) -> &Procedures {
        &self.procedures
    }

    /// Makes every MATCH without its own `AS OF` see only what is valid at `date` (kg's
    /// valid time); `None` sees everything. Plans made before are dropped.
    pub fn set_as_of(&mut self, date: Option<chrono::NaiveDate>) {
        if self.as_of != date {
            self.plans.clear();
        }
        self.as_of = date;
    }

    pub fn as_of(&self) -> Option<chrono::NaiveDate> {
        self.as_of
    }

    /// Chooses the executor that runs reads: the batched one (the default) or the
    /// row-at-a-time reference that tests compare it with.
    pub fn set_engine(&mut self, engine: exec::Engine) {
        self.engine = engine;
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
        if let Some(sink) = &mut self.sink {
            if let Some(warning) = sink.close(&self.graph)? {
                self.notes.push(warning);
            }
        }
        Ok(())
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
    /// the first statement that fails; the statements before it stay applied. Inside an explicit
    /// transaction a failure fails the transaction, as in Neo4j: later statements are refused
    /// and COMMIT rolls it back.
    pub fn run(&mut self, text: &str, params: &Params) -> Result<Vec<QueryResult>, Error> {
        let outcome = self.run_script(text, params);
        if outcome.is_err() && self.explicit {
            self.failed = true;
        }
        outcome
    }

    fn run_script(&mut self, text: &str, params: &Params) -> Result<Vec<QueryResult>, Error> {
        let version = self.graph.schema().version;
        if let Some((_, plan)) = self.plans.get(text).filter(|(v, _)| *v == version).cloned() {
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
                    self.plans.insert(text.to_string(), (version, plan.clone()));
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

    /// Runs one parsed statement. A failure here does not fail an explicit transaction:
    /// callers that run statements of their own (an import with `--skip-bad`) decide.
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
            ast::StatementKind::Schema(command) => return self.run_schema(command, span),
            ast::StatementKind::Profile(query) => return self.profile(query, params),
            ast::StatementKind::Explain(query) => {
                let plan = self.plan(query)?;
                let rows = plan::plan_lines(&plan, &self.graph)
                    .iter()
                    .map(plan_row)
                    .collect();
                return Ok(QueryResult {
                    columns: plan_columns(),
                    rows,
                    ..QueryResult::default()
                });
            }
        }
        Ok(QueryResult::default())
    }

    /// Runs the query and returns its plan with what each operator did, in place of its
    /// rows (its changes stay, as any statement's).
    fn profile(&mut self, query: &ast::Query, params: &Params) -> Result<QueryResult, Error> {
        let plan = Arc::new(self.plan(query)?);
        let (result, figures) = self.run_plan_as(Ok(plan.clone()), params, true)?;
        let lines = plan::plan_lines(&plan, &self.graph);
        let rows = lines
            .iter()
            .map(|line| {
                let own = figures.get(&line.key).copied().unwrap_or_default();
                // Each operator's figures include its inputs': take theirs away.
                let inputs = line.inputs.iter().filter_map(|k| figures.get(k));
                let (accesses, time) = inputs.fold((own.accesses, own.time), |(a, t), i| {
                    (a.saturating_sub(i.accesses), t.saturating_sub(i.time))
                });
                let mut row = plan_row(line);
                if own.threads > 1 {
                    row[1] = Value::str(&format!("{} (on {} threads)", line.details, own.threads));
                }
                row.push(Value::Int(own.rows as i64));
                row.push(Value::Int(accesses as i64));
                row.push(Value::Float((time.as_secs_f64() * 1e6).round() / 1e3));
                row
            })
            .collect();
        let mut columns = plan_columns();
        columns.extend(["rows", "db accesses", "time (ms)"].map(String::from));
        Ok(QueryResult {
            columns,
            rows,
            stats: result.stats,
            ..QueryResult::default()
        })
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
        self.run_plan_as(plan, params, false)
            .map(|(result, _)| result)
    }

    /// Runs a plan, with PROFILE's figures recorded when `profile`.
    fn run_plan_as(
        &mut self,
        plan: Result<Arc<QueryPlan>, Error>,
        params: &Params,
        profile: bool,
    ) -> Result<(QueryResult, exec::Profile), Error> {
        let plan = plan?;
        if self.explicit && self.failed {
            return Err(tx_error(
                "the transaction has failed (a statement in it failed): it can only be rolled back, by ROLLBACK (or COMMIT, which rolls it back)",
            )
            .into());
        }
        check_params(params)?;
        let missing = self.missing_names(&plan.read_names);
        let savepoint = self.log.savepoint();
        // Batches of CALL { ... } IN TRANSACTIONS commit as the statement runs; inside an
        // explicit transaction there is nothing they could commit on their own.
        let batches = BatchCommits::new(self.sink.as_mut());
        let batch_commit: Option<&dyn exec::BatchCommit> =
            (!self.explicit).then_some(&batches as &dyn exec::BatchCommit);
        let (mut result, figures) = {
            let mut tx = Transaction::new(&mut self.graph, &mut self.log);
            let options = exec::RunOptions {
                transaction_started: if self.explicit { self.began } else { None },
                engine: self.engine,
                profile,
            };
            // An interrupt that came while nothing ran is not for this statement.
            self.interrupter.clear();
            let watching = limits::watch(&self.interrupter, self.limits);
            let outcome = exec::execute(&plan, &mut tx, params, &options, batch_commit);
            drop(watching);
            match outcome {
                Ok(done) => done,
                Err(e) => {
                    tx.rollback_to(savepoint);
                    let (note, failure) = batches.after_failure();
                    self.notes.extend(note);
                    if !self.explicit {
                        self.keep_ids();
                    }
                    return Err(failure.unwrap_or(e.into()));
                }
            }
        };
        let mut stats = batches.stats.into_inner();
        stats.add(&WriteStats::from_mutations(
            &self.log.mutations()[savepoint..],
        ));
        result.stats = stats;
        self.after_statement(savepoint)?;
        self.note_missing(missing);
        Ok((result, figures))
    }

    /// Ends a statement that succeeded: its changes must keep every constraint, or they are
    /// undone and the statement fails; outside an explicit transaction they are committed.
    fn after_statement(&mut self, savepoint: usize) -> Result<(), Error> {
        self.check_constraints(savepoint)?;
        if !self.explicit {
            self.commit_log()?;
        }
        Ok(())
    }

    /// Checks the changes logged since `savepoint` against the constraints, undoing them if
    /// they break one.
    fn check_constraints(&mut self, savepoint: usize) -> Result<(), Error> {
        let checked = self
            .graph
            .check_constraints(&self.log.mutations()[savepoint..]);
        if let Err(e) = checked {
            Transaction::new(&mut self.graph, &mut self.log).rollback_to(savepoint);
            if !self.explicit {
                self.keep_ids();
            }
            return Err(exec::graph_error(e).into());
        }
        Ok(())
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
        self.began = Some(chrono::Utc::now());
        self.failed = false;
        Ok(())
    }

    /// Commits the open transaction; one that has failed is rolled back instead, and that is
    /// the error.
    pub fn commit(&mut self) -> Result<(), Error> {
        if !self.explicit {
            return Err(tx_error("there is no open transaction to commit").into());
        }
        if self.failed {
            self.rollback()?;
            return Err(tx_error(
                "the transaction was rolled back, not committed, because a statement in it failed",
            )
            .into());
        }
        // Changes applied one by one (an import) were checked by no statement.
        self.explicit = false;
        self.check_constraints(0)?;
        self.commit_log()
    }

    /// Whether the open transaction has failed and can only be rolled back.
    pub fn transaction_failed(&self) -> bool {
        self.explicit && self.failed
    }

    /// Commits the open transaction by writing a new snapshot (a checkpoint) instead of a log
    /// record: for bulk imports. A crash before the snapshot replaces the old one leaves the
    /// store as it was; after, everything is there. In memory it is a plain commit.
    pub fn commit_through_checkpoint(&mut self) -> Result<(), Error> {
        if !self.explicit {
            return Err(tx_error("there is no open transaction to commit").into());
        }
        self.explicit = false;
        self.check_constraints(0)?;
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
        self.failed = false;
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
                out.push_str(&plan::explain(&plan, &self.graph));
            }
        }
        Ok(out)
    }

    fn plan(&self, query: &ast::Query) -> Result<QueryPlan, Error> {
        let as_of = self.as_of.map(Value::Date);
        Ok(plan::plan_query_with(
            query,
            &self.graph,
            &self.procedures,
            as_of.as_ref(),
        )?)
    }

    /// The whole graph, or the subgraph of what `statement` returns (with `induced`, also
    /// the relationships between the nodes it returns): what exports write.
    pub fn subgraph(
        &mut self,
        statement: Option<&str>,
        params: &Params,
        induced: bool,
    ) -> Result<Subgraph<'_>, Error> {
        Ok(match statement {
            None => Subgraph::whole(self.graph()),
            Some(text) => {
                let results = self.run(text, params)?;
                Subgraph::from_results(&results, self.graph(), induced)
            }
        })
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

fn plan_columns() -> Vec<String> {
    ["operator", "details", "estimated rows"]
        .map(String::from)
        .to_vec()
}

/// An operator of a plan as a row of EXPLAIN: the operator indented under the one that
/// reads it, what it works on, the rows expected.
fn plan_row(line: &plan::PlanLine) -> Vec<Value> {
    vec![
        Value::str(&format!("{}{}", "  ".repeat(line.depth), line.operator)),
        Value::str(&line.details),
        Value::Int(line.estimated_rows.round().min(i64::MAX as f64) as i64),
    ]
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
