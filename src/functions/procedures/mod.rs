//! Procedures: what `CALL name(args) YIELD ...` runs. Each has a name, typed parameters, typed
//! result columns, a one-line description and its implementation: a hook (the built-in `db.*`
//! procedures, in `schema.rs`) or a table of rows (procedures a program registers on its
//! database, such as the TCK's). The planner resolves calls here, checks the arguments'
//! number and types; the executor calls [`Procedure::call`]; `SHOW PROCEDURES`, `:help` and
//! completion read the same rows.

mod schema;
mod types;

pub use types::ProcType;

use crate::error::{Detail, ErrorClass, QueryError};
use crate::graph::GraphRead;
use crate::model::{Value, group_key_eq};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

pub type Result<T> = std::result::Result<T, QueryError>;

/// A named, typed parameter or result column.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Arc<str>,
    pub ty: ProcType,
}

/// The implementation of a built-in procedure: its result rows, one value per column.
pub type ProcHook = fn(&ProcCall) -> Result<Vec<Vec<Value>>>;

/// One call of a procedure: its arguments (already of the parameters' types) and the graph.
pub struct ProcCall<'a> {
    pub args: &'a [Value],
    pub graph: &'a dyn GraphRead,
}

#[derive(Debug, Clone)]
enum Body {
    Hook(ProcHook),
    /// Rows of parameter values followed by result values: a call yields the result part of
    /// every row whose parameter part equals the arguments (null matching null).
    Table(Vec<Vec<Value>>),
}

#[derive(Debug, Clone)]
pub struct Procedure {
    pub name: Arc<str>,
    pub params: Vec<Field>,
    pub outputs: Vec<Field>,
    pub description: Arc<str>,
    body: Body,
}

impl Procedure {
    /// A procedure answering from a table, for programs and tests that need a procedure of
    /// their own. `signature` is written as `SHOW PROCEDURES` prints it (and as the openCypher
    /// TCK declares procedures): `test.my.proc(name :: STRING?, in :: INTEGER?) :: (out ::
    /// INTEGER?)`; a procedure without results ends in `:: ()` or `:: VOID`. Each row holds the
    /// parameters' values then the results', and is converted to their types (an integer
    /// where a float is declared becomes a float).
    pub fn from_table(
        signature: &str,
        description: &str,
        rows: Vec<Vec<Value>>,
    ) -> std::result::Result<Procedure, String> {
        let (name, params, outputs) = parse_signature(signature)?;
        let fields: Vec<&Field> = params.iter().chain(&outputs).collect();
        let mut table = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            if row.len() != fields.len() {
                return Err(format!(
                    "row {} has {} values for {} columns",
                    i + 1,
                    row.len(),
                    fields.len()
                ));
            }
            let converted = row
                .into_iter()
                .zip(&fields)
                .map(|(v, f)| {
                    let shown = v.value_type();
                    f.ty.accept(v).ok_or_else(|| {
                        format!("row {}: {} :: {} cannot be {shown}", i + 1, f.name, f.ty)
                    })
                })
                .collect::<std::result::Result<Vec<_>, String>>()?;
            table.push(converted);
        }
        Ok(Procedure {
            name: name.into(),
            params,
            outputs,
            description: description.into(),
            body: Body::Table(table),
        })
    }

    fn builtin(
        name: &str,
        params: &[(&str, ProcType)],
        outputs: &[(&str, ProcType)],
        description: &str,
        hook: ProcHook,
    ) -> Procedure {
        let fields = |list: &[(&str, ProcType)]| {
            list.iter()
                .map(|(n, t)| Field {
                    name: (*n).into(),
                    ty: t.clone(),
                })
                .collect()
        };
        Procedure {
            name: name.into(),
            params: fields(params),
            outputs: fields(outputs),
            description: description.into(),
            body: Body::Hook(hook),
        }
    }

    /// `db.labels() :: (label :: STRING)`; `:: VOID` when it has no results.
    pub fn signature(&self) -> String {
        let list = |fields: &[Field]| {
            fields
                .iter()
                .map(|f| format!("{} :: {}", f.name, f.ty))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let outputs = if self.outputs.is_empty() {
            "VOID".to_string()
        } else {
            format!("({})", list(&self.outputs))
        };
        format!("{}({}) :: {outputs}", self.name, list(&self.params))
    }

    /// Runs the procedure: its rows, each with a value per result column. The arguments must
    /// be as many as the parameters; each is converted to its parameter's type or refused.
    pub fn call(&self, args: &[Value], graph: &dyn GraphRead) -> Result<Vec<Vec<Value>>> {
        let mut converted = Vec::with_capacity(args.len());
        for (arg, param) in args.iter().zip(&self.params) {
            let shown = arg.value_type();
            converted.push(param.ty.accept(arg.clone()).ok_or_else(|| {
                QueryError::runtime(
                    ErrorClass::TypeError,
                    Detail::InvalidArgumentType,
                    format!(
                        "{} takes {} :: {}, not {shown}",
                        self.name, param.name, param.ty
                    ),
                )
            })?);
        }
        match &self.body {
            Body::Hook(hook) => hook(&ProcCall {
                args: &converted,
                graph,
            }),
            Body::Table(rows) => {
                let n = self.params.len();
                Ok(rows
                    .iter()
                    .filter(|row| {
                        row[..n]
                            .iter()
                            .zip(&converted)
                            .all(|(have, want)| group_key_eq(have, want))
                    })
                    .map(|row| row[n..].to_vec())
                    .collect())
            }
        }
    }
}

/// Reads `name(param :: TYPE, ...) :: (column :: TYPE, ...)`.
fn parse_signature(text: &str) -> std::result::Result<(String, Vec<Field>, Vec<Field>), String> {
    let bad =
        || format!("not a procedure signature: '{text}' (write name(a :: TYPE) :: (b :: TYPE))");
    let open = text.find('(').ok_or_else(bad)?;
    let name = text[..open].trim();
    let valid_name = !name.is_empty()
        && name
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_'));
    if !valid_name {
        return Err(bad());
    }
    let close = text[open..].find(')').map(|i| open + i).ok_or_else(bad)?;
    let params = fields(&text[open + 1..close])?;
    let rest = text[close + 1..].trim();
    let rest = rest.strip_prefix("::").ok_or_else(bad)?.trim();
    let outputs = if rest.eq_ignore_ascii_case("VOID") {
        Vec::new()
    } else {
        let inner = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .ok_or_else(bad)?;
        fields(inner)?
    };
    Ok((name.to_string(), params, outputs))
}

fn fields(text: &str) -> std::result::Result<Vec<Field>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<Field> = Vec::new();
    // Types hold no commas (`LIST<STRING>`, `LIST? OF INTEGER?`), so commas separate fields.
    for part in text.split(',') {
        let (name, ty) = part
            .split_once("::")
            .ok_or_else(|| format!("'{}' needs a type: name :: TYPE", part.trim()))?;
        let name = name.trim().trim_matches('`');
        if name.is_empty() {
            return Err(format!("'{}' needs a name", part.trim()));
        }
        if out.iter().any(|f| &*f.name == name) {
            return Err(format!("'{name}' is named twice"));
        }
        out.push(Field {
            name: name.into(),
            ty: ProcType::parse(ty)?,
        });
    }
    Ok(out)
}

/// The built-in procedures, in the order `SHOW PROCEDURES` lists them.
pub fn builtins() -> &'static [Arc<Procedure>] {
    static ALL: LazyLock<Vec<Arc<Procedure>>> =
        LazyLock::new(|| schema::procedures().into_iter().map(Arc::new).collect());
    &ALL
}

/// The procedures one database knows: the built-ins and those registered on it.
#[derive(Debug, Clone, Default)]
pub struct Procedures {
    /// By lowercase name; a registered procedure hides a built-in of the same name.
    added: HashMap<String, Arc<Procedure>>,
}

impl Procedures {
    pub fn register(&mut self, procedure: Procedure) {
        self.added
            .insert(procedure.name.to_lowercase(), Arc::new(procedure));
    }

    /// The procedure of a name, in any case.
    pub fn lookup(&self, name: &str) -> Option<Arc<Procedure>> {
        let key = name.to_lowercase();
        self.added.get(&key).cloned().or_else(|| {
            builtins()
                .iter()
                .find(|p| p.name.to_lowercase() == key)
                .cloned()
        })
    }

    /// Every procedure, sorted by name.
    pub fn all(&self) -> Vec<Arc<Procedure>> {
        let mut all: Vec<Arc<Procedure>> = builtins()
            .iter()
            .filter(|p| !self.added.contains_key(&p.name.to_lowercase()))
            .cloned()
            .chain(self.added.values().cloned())
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_procedure_reads_its_signature_and_answers_by_its_arguments() {
        let p = Procedure::from_table(
            "test.my.proc(name :: STRING?, in :: FLOAT?) :: (out :: INTEGER?)",
            "a test",
            vec![
                vec![Value::str("a"), Value::Int(1), Value::Int(10)],
                vec![Value::str("b"), Value::Float(1.0), Value::Int(20)],
                vec![Value::Null, Value::Int(1), Value::Int(30)],
            ],
        )
        .unwrap();
        assert_eq!(
            p.signature(),
            "test.my.proc(name :: STRING, in :: FLOAT) :: (out :: INTEGER)"
        );
        let graph = crate::graph::MemoryGraph::new();
        let rows = p.call(&[Value::str("b"), Value::Int(1)], &graph).unwrap();
        assert_eq!(rows, vec![vec![Value::Int(20)]]);
        let rows = p.call(&[Value::Null, Value::Int(1)], &graph).unwrap();
        assert_eq!(rows, vec![vec![Value::Int(30)]]);
        let err = p.call(&[Value::str("a"), Value::Bool(true)], &graph);
        assert_eq!(err.unwrap_err().detail, Detail::InvalidArgumentType);
        let void = Procedure::from_table("test.doNothing() :: ()", "", vec![]).unwrap();
        assert!(void.outputs.is_empty() && void.signature().ends_with(":: VOID"));
        assert!(Procedure::from_table("test(x) :: ()", "", vec![]).is_err());
        assert!(
            Procedure::from_table("t() :: (a :: INTEGER)", "", vec![vec![Value::str("x")]])
                .is_err()
        );
    }
}
