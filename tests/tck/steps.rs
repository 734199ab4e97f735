//! The TCK's step vocabulary: what each step text means, with its doc string or table parsed.

use crate::gherkin::{GherkinStep, StepArgument};
use crate::side_effects::{SideEffectKind, SideEffects};
use crate::values::{TckValue, parse_value};

pub enum Step {
    EmptyGraph,
    /// "any graph": results must not depend on it, so an empty graph serves.
    AnyGraph,
    /// A graph from the graphs directory, built by running its `.cypher` script.
    NamedGraph(String),
    HavingExecuted(String),
    /// `there exists a procedure name(a :: T) :: (b :: T):` with its table of parameter and
    /// result values, for this scenario only.
    Procedure(ProcedureTable),
    Parameters(Vec<(String, TckValue)>),
    /// The query under test: side effects are measured around it.
    ExecuteQuery(String),
    /// A query that inspects the graph afterwards; its result is checked like any other.
    ExecuteControlQuery(String),
    ExpectRows(ExpectedRows),
    ExpectEmpty,
    ExpectSideEffects(SideEffects),
    ExpectError(ExpectedError),
}

pub struct ProcedureTable {
    /// As the step writes it: `test.my.proc(in :: INTEGER?) :: (out :: STRING?)`.
    pub signature: String,
    /// The table's column names: the parameters' and the results', in any order.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<TckValue>>,
}

pub struct ExpectedRows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<TckValue>>,
    pub ordered: bool,
    pub lists_as_bags: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseSpec {
    CompileTime,
    Runtime,
    AnyTime,
}

pub struct ExpectedError {
    /// The error type, e.g. `SyntaxError`.
    pub class: String,
    pub phase: PhaseSpec,
    /// The detail, e.g. `UndefinedVariable`; `None` for the wildcard `*`.
    pub detail: Option<String>,
}

impl std::fmt::Display for ExpectedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let phase = match self.phase {
            PhaseSpec::CompileTime => "compile time",
            PhaseSpec::Runtime => "runtime",
            PhaseSpec::AnyTime => "any time",
        };
        let detail = self.detail.as_deref().unwrap_or("*");
        write!(f, "{}/{detail} at {phase}", self.class)
    }
}

/// Interprets one step; the error says what is wrong with it.
pub fn interpret(step: &GherkinStep) -> Result<Step, String> {
    let text = step.text.as_str();
    let argument = step.argument.as_ref();
    let doc_string = || match argument {
        Some(StepArgument::DocString(doc)) => Ok(doc.clone()),
        _ => Err(format!("step '{text}' needs a doc string")),
    };
    let table = || match argument {
        Some(StepArgument::Table(rows)) => Ok(rows),
        _ => Err(format!("step '{text}' needs a table")),
    };
    Ok(match text {
        "an empty graph" => Step::EmptyGraph,
        "any graph" => Step::AnyGraph,
        "having executed:" => Step::HavingExecuted(doc_string()?),
        "parameters are:" => Step::Parameters(parameters(table()?)?),
        "executing query:" => Step::ExecuteQuery(doc_string()?),
        "executing control query:" => Step::ExecuteControlQuery(doc_string()?),
        "the result should be empty" => Step::ExpectEmpty,
        "the side effects should be:" => Step::ExpectSideEffects(side_effects(table()?)?),
        "no side effects" => Step::ExpectSideEffects(SideEffects::default()),
        _ => {
            if let Some(name) = text
                .strip_prefix("the ")
                .and_then(|t| t.strip_suffix(" graph"))
            {
                Step::NamedGraph(name.to_string())
            } else if let Some(signature) = text.strip_prefix("there exists a procedure ") {
                let signature = signature.trim_end().trim_end_matches(':').trim_end();
                Step::Procedure(procedure_table(signature, table()?)?)
            } else if let Some(mode) = text.strip_prefix("the result should be") {
                Step::ExpectRows(expected_rows(mode, table()?)?)
            } else if let Some(error) = expected_error(text)? {
                Step::ExpectError(error)
            } else {
                return Err(format!("unsupported step '{text}'"));
            }
        }
    })
}

fn parameters(rows: &[Vec<String>]) -> Result<Vec<(String, TckValue)>, String> {
    rows.iter()
        .map(|row| match row.as_slice() {
            [name, value] => {
                let value = parse_value(value).map_err(|e| format!("parameter {name}: {e}"))?;
                Ok((name.clone(), value))
            }
            _ => Err(format!("parameter row needs 2 cells, has {}", row.len())),
        })
        .collect()
}

fn procedure_table(signature: &str, rows: &[Vec<String>]) -> Result<ProcedureTable, String> {
    let (header, body) = rows
        .split_first()
        .ok_or("procedure table without a header")?;
    let mut parsed = Vec::with_capacity(body.len());
    for row in body {
        if row.len() != header.len() {
            return Err(format!(
                "procedure row has {} cells for {} columns",
                row.len(),
                header.len()
            ));
        }
        parsed.push(
            row.iter()
                .map(|c| parse_value(c))
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    Ok(ProcedureTable {
        signature: signature.to_string(),
        columns: header.clone(),
        rows: parsed,
    })
}

fn side_effects(rows: &[Vec<String>]) -> Result<SideEffects, String> {
    let mut expected = SideEffects::default();
    for row in rows {
        let [name, count] = row.as_slice() else {
            return Err(format!("side effect row needs 2 cells, has {}", row.len()));
        };
        let kind = SideEffectKind::from_name(name)
            .ok_or_else(|| format!("unknown side effect '{name}'"))?;
        let count = count
            .parse()
            .map_err(|_| format!("bad side effect count '{count}'"))?;
        expected.set(kind, count);
    }
    Ok(expected)
}

/// `mode` is what follows "the result should be": `, in any order:`, `, in order:`,
/// ` (ignoring element order for lists):`, `, in order (ignoring element order for lists):`.
fn expected_rows(mode: &str, rows: &[Vec<String>]) -> Result<ExpectedRows, String> {
    let mode = mode.trim_end_matches(':');
    let lists_as_bags = mode.contains("(ignoring element order for lists)");
    let mode = mode.replace("(ignoring element order for lists)", "");
    let ordered = match mode.trim().trim_start_matches(',').trim() {
        "in order" => true,
        "in any order" | "" => false,
        other => return Err(format!("unknown result mode '{other}'")),
    };
    let (header, body) = rows.split_first().ok_or("result table without a header")?;
    let mut parsed = Vec::with_capacity(body.len());
    for (i, row) in body.iter().enumerate() {
        if row.len() != header.len() {
            return Err(format!(
                "expected row {} has {} cells for {} columns",
                i + 1,
                row.len(),
                header.len()
            ));
        }
        let values = row
            .iter()
            .map(|cell| parse_value(cell))
            .collect::<Result<Vec<_>, _>>()?;
        parsed.push(values);
    }
    Ok(ExpectedRows {
        columns: header.clone(),
        rows: parsed,
        ordered,
        lists_as_bags,
    })
}

/// `a SyntaxError should be raised at compile time: UndefinedVariable`; `Ok(None)` if the text
/// is not an error step at all.
fn expected_error(text: &str) -> Result<Option<ExpectedError>, String> {
    let Some(rest) = text.strip_prefix("a ").or_else(|| text.strip_prefix("an ")) else {
        return Ok(None);
    };
    let Some((class, rest)) = rest.split_once(" should be raised at ") else {
        return Ok(None);
    };
    let (phase, detail) = rest
        .split_once(':')
        .ok_or_else(|| format!("no error detail in '{text}'"))?;
    let phase = match phase.trim() {
        "compile time" => PhaseSpec::CompileTime,
        "runtime" => PhaseSpec::Runtime,
        "any time" => PhaseSpec::AnyTime,
        other => return Err(format!("unknown error phase '{other}'")),
    };
    let detail = match detail.trim() {
        "*" => None,
        name => Some(name.to_string()),
    };
    Ok(Some(ExpectedError {
        class: class.trim().to_string(),
        phase,
        detail,
    }))
}
