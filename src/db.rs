//! The database facade: text in, results out. Parses, plans and executes each statement inside
//! a transaction, so a statement that fails leaves the graph exactly as it was.

use crate::error::{Detail, Error, ErrorClass, QueryError};
use crate::exec::{self, NodeData, QueryResult, RelData, WriteStats};
use crate::graph::{GraphRead, MemoryGraph, Mutation, Transaction, TxLog};
use crate::model::Value;
use crate::plan::{self, QueryPlan};
use crate::syntax::{self, ast};
use std::collections::BTreeMap;

/// Query parameters by name (without the `$`).
pub type Params = BTreeMap<String, Value>;

/// Where committed changes go to be made durable. The in-memory database has none.
pub trait CommitSink {
    /// Makes `mutations` durable as one unit before the statement's results are released.
    fn commit(&mut self, mutations: &[Mutation]) -> Result<(), Error>;
}

/// The seed article's graph, compiled into the binary.
pub const DEFAULT_GRAPH: &str = include_str!("../graph-data/seed/article.cypher");

pub struct Database {
    graph: MemoryGraph,
    log: TxLog,
    /// True between BEGIN and COMMIT/ROLLBACK.
    explicit: bool,
    sink: Option<Box<dyn CommitSink>>,
}

impl Default for Database {
    fn default() -> Self {
        Self::in_memory()
    }
}

impl Database {
    /// An empty graph held in memory.
    pub fn in_memory() -> Self {
        Database {
            graph: MemoryGraph::new(),
            log: TxLog::default(),
            explicit: false,
            sink: None,
        }
    }

    /// A database over an existing graph (loaded from a store), committing through `sink`.
    pub fn with_graph(graph: MemoryGraph, sink: Option<Box<dyn CommitSink>>) -> Self {
        Database {
            graph,
            log: TxLog::default(),
            explicit: false,
            sink,
        }
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
        let script = syntax::parse_script(text)?;
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
            ast::StatementKind::Commit => self.commit()?,
            ast::StatementKind::Rollback => self.rollback().map_err(|e| e.at(span))?,
            ast::StatementKind::Query(query) => return self.run_query(query, params),
        }
        Ok(QueryResult::default())
    }

    fn run_query(&mut self, query: &ast::Query, params: &Params) -> Result<QueryResult, Error> {
        let savepoint = self.log.savepoint();
        let mut result = {
            let mut tx = Transaction::new(&mut self.graph, &mut self.log);
            let outcome = plan::plan_query(query, &mut tx)
                .and_then(|plan| exec::execute(&plan, &mut tx, params));
            match outcome {
                Ok(r) => r,
                Err(e) => {
                    tx.rollback_to(savepoint);
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
            if let Err(e) = sink.commit(self.log.mutations()) {
                Transaction::new(&mut self.graph, &mut self.log).rollback_to(0);
                return Err(e);
            }
        }
        self.log.clear();
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

    pub fn rollback(&mut self) -> Result<(), QueryError> {
        if !self.explicit {
            return Err(tx_error("there is no open transaction to roll back"));
        }
        self.explicit = false;
        Transaction::new(&mut self.graph, &mut self.log).rollback_to(0);
        Ok(())
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
            if let ast::StatementKind::Query(query) = &statement.kind {
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
