//! Runs one scenario's steps against a fresh in-memory database.

use crate::compare::compare_rows;
use crate::convert::to_kg;
use crate::gherkin::Scenario;
use crate::side_effects::GraphState;
use crate::steps::{ExpectedError, ExpectedRows, PhaseSpec, ProcedureTable, Step, interpret};
use kg::{Database, Error, Params, Phase, Procedure, QueryError, QueryResult};
use std::path::Path;

/// Why a scenario failed: `category` groups failures in the expected-failures file, `reason`
/// is the specific, one-line explanation.
#[derive(Clone, Debug)]
pub struct Failure {
    pub category: String,
    pub reason: String,
}

impl Failure {
    pub fn new(category: impl Into<String>, reason: impl Into<String>) -> Failure {
        Failure {
            category: category.into(),
            reason: reason.into(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Outcome {
    Passed,
    /// `passes_leniently`: the only problems were an error's phase or detail, so the scenario
    /// passes when errors are matched on their type alone.
    Failed {
        failure: Failure,
        passes_leniently: bool,
    },
    Skipped(String),
}

pub fn run_scenario(scenario: &Scenario, graphs_dir: &Path) -> Outcome {
    let mut run = ScenarioRun {
        db: Database::in_memory(),
        params: Params::new(),
        graphs_dir,
        last_result: None,
        measured: None,
        strict_only_failure: None,
    };
    let steps_result = scenario.steps.iter().try_for_each(|gherkin_step| {
        let step = interpret(gherkin_step).map_err(|e| {
            Failure::new("malformed step", format!("line {}: {e}", gherkin_step.line))
        })?;
        run.apply(step)
    });
    match (steps_result, run.strict_only_failure) {
        (Err(failure), _) => Outcome::Failed {
            failure,
            passes_leniently: false,
        },
        (Ok(()), Some(failure)) => Outcome::Failed {
            failure,
            passes_leniently: true,
        },
        (Ok(()), None) => Outcome::Passed,
    }
}

struct ScenarioRun<'a> {
    db: Database,
    params: Params,
    graphs_dir: &'a Path,
    /// The outcome of the latest "executing query" or "executing control query".
    last_result: Option<Result<QueryResult, Error>>,
    /// The graph state before and after the latest "executing query".
    measured: Option<(GraphState, GraphState)>,
    /// A mismatch of error phase or detail; later steps still run, for the lenient figure.
    strict_only_failure: Option<Failure>,
}

impl ScenarioRun<'_> {
    fn apply(&mut self, step: Step) -> Result<(), Failure> {
        match step {
            // Every scenario starts on a fresh, empty database.
            Step::EmptyGraph | Step::AnyGraph => Ok(()),
            Step::NamedGraph(name) => {
                let script = self.graphs_dir.join(&name).join(format!("{name}.cypher"));
                let text = std::fs::read_to_string(&script).map_err(|e| {
                    Failure::new(
                        "setup failed",
                        format!("graph {name}: {}: {e}", script.display()),
                    )
                })?;
                self.set_up(&text)
            }
            Step::HavingExecuted(query) => self.set_up(&query),
            Step::Procedure(table) => {
                let procedure = table_procedure(&table)
                    .map_err(|e| Failure::new("malformed step", format!("procedure: {e}")))?;
                self.db.register_procedure(procedure);
                Ok(())
            }
            Step::Parameters(parameters) => {
                for (name, value) in parameters {
                    let value = to_kg(&value).map_err(|e| Failure::new("malformed step", e))?;
                    self.params.insert(name, value);
                }
                Ok(())
            }
            Step::ExecuteQuery(query) => {
                let before = self.measure()?;
                self.last_result = Some(execute(&mut self.db, &query, &self.params));
                let after = self.measure()?;
                self.measured = Some((before, after));
                Ok(())
            }
            Step::ExecuteControlQuery(query) => {
                self.last_result = Some(execute(&mut self.db, &query, &self.params));
                Ok(())
            }
            Step::ExpectRows(expected) => self.expect_rows(&expected),
            Step::ExpectEmpty => {
                let result = self.result()?;
                match result.rows.len() {
                    0 => Ok(()),
                    n => Err(Failure::new(
                        "result mismatch",
                        format!("expected no rows, got {n}"),
                    )),
                }
            }
            Step::ExpectSideEffects(expected) => {
                let (before, after) = self.measured()?;
                match expected.mismatch(&before.diff(after)) {
                    None => Ok(()),
                    Some(m) => Err(Failure::new("side effects", format!("side effects: {m}"))),
                }
            }
            Step::ExpectError(expected) => self.expect_error(&expected),
        }
    }

    /// Setup queries run without the scenario's parameters, as in the reference harness.
    fn set_up(&mut self, query: &str) -> Result<(), Failure> {
        match execute(&mut self.db, query, &Params::new()) {
            Ok(_) => Ok(()),
            Err(error) => {
                let category = match &error {
                    Error::Query(e) => format!("setup failed: {}", brief(e)),
                    other => format!("setup failed: {}", first_chars(&other.to_string(), 60)),
                };
                Err(Failure::new(
                    category,
                    format!("setup query failed: {}", describe(&error)),
                ))
            }
        }
    }

    fn measure(&self) -> Result<GraphState, Failure> {
        GraphState::measure(&self.db).map_err(|e| Failure::new("graph state unreadable", e))
    }

    fn measured(&self) -> Result<(&GraphState, &GraphState), Failure> {
        match &self.measured {
            Some((before, after)) => Ok((before, after)),
            None => Err(Failure::new(
                "malformed step",
                "side effects without 'executing query'",
            )),
        }
    }

    /// The latest result, or the failure of not having one.
    fn result(&self) -> Result<&QueryResult, Failure> {
        match &self.last_result {
            None => Err(Failure::new(
                "malformed step",
                "expectation before any query ran",
            )),
            Some(Ok(result)) => Ok(result),
            Some(Err(error)) => Err(unexpected_error(error)),
        }
    }

    fn expect_rows(&self, expected: &ExpectedRows) -> Result<(), Failure> {
        let result = self.result()?;
        compare_rows(expected, result).map_err(|reason| {
            let category = if reason.starts_with("columns") {
                "column names"
            } else {
                "result mismatch"
            };
            Failure::new(category, reason)
        })
    }

    fn expect_error(&mut self, expected: &ExpectedError) -> Result<(), Failure> {
        let wanted = expected
            .detail
            .as_deref()
            .unwrap_or(&expected.class)
            .to_string();
        let error = match &self.last_result {
            None => {
                return Err(Failure::new(
                    "malformed step",
                    "error expected before any query ran",
                ));
            }
            Some(Ok(result)) => {
                return Err(Failure::new(
                    format!("{wanted} not raised"),
                    format!(
                        "expected {expected}, got success with {} rows",
                        result.rows.len()
                    ),
                ));
            }
            Some(Err(Error::Query(error))) => error.clone(),
            Some(Err(other)) => {
                let mut failure = unexpected_error(other);
                failure.reason = format!("expected {expected}, got {}", describe(other));
                return Err(failure);
            }
        };
        let (before, after) = self.measured()?;
        if before != after {
            let changes = before.diff(after).summary();
            return Err(Failure::new(
                "failing query changed the graph",
                format!("{} left the graph changed: {changes}", brief(&error)),
            ));
        }
        let got = format!(
            "expected {expected}, got {} at {}",
            brief(&error),
            phase_name(error.phase)
        );
        if error.class.to_string() != expected.class {
            return Err(Failure::new(format!("wrong error for {wanted}"), got));
        }
        let phase_matches = match expected.phase {
            PhaseSpec::AnyTime => true,
            PhaseSpec::CompileTime => error.phase == Phase::CompileTime,
            PhaseSpec::Runtime => error.phase == Phase::Runtime,
        };
        let detail_matches = expected
            .detail
            .as_ref()
            .is_none_or(|d| *d == error.detail.to_string());
        if !(phase_matches && detail_matches) && self.strict_only_failure.is_none() {
            self.strict_only_failure = Some(Failure::new(format!("wrong error for {wanted}"), got));
        }
        Ok(())
    }
}

/// The scenario's procedure, through kg's public API for table-backed procedures: the
/// table's columns reordered to the parameters then the results, as the signature has them.
fn table_procedure(table: &ProcedureTable) -> Result<Procedure, String> {
    let shape = Procedure::from_table(&table.signature, "", Vec::new())?;
    let order = shape
        .params
        .iter()
        .chain(&shape.outputs)
        .map(|field| {
            table
                .columns
                .iter()
                .position(|c| *c == *field.name)
                .ok_or_else(|| format!("the table has no column {}", field.name))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if order.len() != table.columns.len() {
        return Err(format!(
            "the table has {} columns for the signature's {}",
            table.columns.len(),
            order.len()
        ));
    }
    let rows = table
        .rows
        .iter()
        .map(|row| order.iter().map(|i| to_kg(&row[*i])).collect())
        .collect::<Result<Vec<Vec<_>>, String>>()?;
    Procedure::from_table(&table.signature, "a procedure of the scenario", rows)
}

/// Runs the script and keeps the last statement's result (TCK queries are one statement).
fn execute(db: &mut Database, query: &str, params: &Params) -> Result<QueryResult, Error> {
    db.run(query, params)
        .map(|mut results| results.pop().unwrap_or_default())
}

fn unexpected_error(error: &Error) -> Failure {
    let category = match error {
        Error::Query(e) => format!("unexpected {}", brief(e)),
        other => format!("engine error: {}", first_chars(&other.to_string(), 60)),
    };
    Failure::new(category, format!("unexpected error: {}", describe(error)))
}

/// `TypeError/InvalidArgumentType`.
fn brief(error: &QueryError) -> String {
    format!("{}/{}", error.class, error.detail)
}

/// `TypeError/InvalidArgumentType at runtime: <message>`, or the message of a non-query error.
fn describe(error: &Error) -> String {
    match error {
        Error::Query(e) => format!("{} at {}: {}", brief(e), phase_name(e.phase), e.message),
        other => other.to_string(),
    }
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::CompileTime => "compile time",
        Phase::Runtime => "runtime",
    }
}

fn first_chars(text: &str, count: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    line.chars().take(count).collect()
}
