//! The store commands (`check`, `recover`, `checkpoint`) and opening and closing a store for
//! the others. What the files hold is `kg::persist`'s business; this only reports.

use super::args::{StoreArgs, SyncArg};
use super::{Fatal, Session, Status, counted, print_out};
use kg::persist::{StoreError, StoreOptions, SyncMode};
use kg::{Database, Error, Params};
use std::path::{Path, PathBuf};

pub fn open(dir: &Path, args: &StoreArgs, params: Params) -> Result<Session, Fatal> {
    let options = StoreOptions {
        sync: match args.sync {
            Some(SyncArg::Commit) | None => SyncMode::Commit,
            Some(SyncArg::Off) => SyncMode::Off,
        },
        read_only: args.read_only,
        checkpoint_bytes: args
            .checkpoint_size
            .unwrap_or(kg::persist::DEFAULT_CHECKPOINT_BYTES),
    };
    let (db, report) = Database::open(dir, options).map_err(|e| open_error(dir, &e))?;
    for warning in &report.warnings {
        eprintln!("kg: warning: {warning}");
    }
    if report.created {
        eprintln!("note: created a new, empty store in {}", dir.display());
    }
    Ok(Session {
        db,
        params,
        origin: format!("the store {}", dir.display()),
        persistent: !args.read_only,
        read_only: args.read_only,
        store_dir: Some(dir.to_path_buf()),
        inputs: Vec::new(),
    })
}

fn open_error(dir: &Path, e: &Error) -> Fatal {
    let mut message = match e {
        // That message names the store already.
        Error::Store(
            StoreError::Locked { .. }
            | StoreError::NoStore { .. }
            | StoreError::NotAStore { .. }
            | StoreError::Symlinked { .. },
        ) => e.to_string(),
        _ => format!("cannot open the store {}: {e}", dir.display()),
    };
    if let Error::Store(StoreError::Damaged { .. } | StoreError::Version { .. }) = e {
        message.push_str(&format!(
            "\n  `kg check --db {0}` shows what is damaged; `kg recover --db {0}` keeps the log up to the damage and sets the rest aside (`--salvage` also replays the intact records after it)",
            dir.display()
        ));
    }
    Fatal::data(message)
}

/// A clean exit: the store takes a checkpoint if the log holds anything.
pub fn close(session: &mut Session) -> Result<(), Fatal> {
    let closed = session.db.close();
    for note in session.db.take_notes() {
        eprintln!("note: {note}");
    }
    closed.map_err(|e| Fatal::data(format!("cannot close {}: {e}", session.origin)))
}

fn store_dir(args: &StoreArgs, command: &str) -> Result<PathBuf, Fatal> {
    args.db
        .clone()
        .ok_or_else(|| Fatal::usage(format!("kg {command} needs --db DIR")))
}

pub fn check(args: &StoreArgs) -> Result<Status, Fatal> {
    let dir = store_dir(args, "check")?;
    let report = kg::persist::check(&dir).map_err(|e| Fatal::data(e.to_string()))?;
    print_out(|out| write!(out, "{report}"))?;
    Ok(if report.damage.is_some() {
        Status::DataError
    } else {
        Status::Success
    })
}

pub fn recover(args: &StoreArgs, salvage: bool) -> Result<Status, Fatal> {
    let dir = store_dir(args, "recover")?;
    if args.read_only {
        return Err(Fatal::usage(
            "kg recover changes the store; it cannot run with --read-only",
        ));
    }
    match kg::persist::recover(&dir, salvage) {
        Ok(report) => {
            print_out(|out| write!(out, "{report}"))?;
            Ok(Status::Success)
        }
        Err(e @ StoreError::Version { .. }) => Err(Fatal::data(format!(
            "{e}\n  kg recover changes nothing: open the store with the kg that wrote it"
        ))),
        Err(e @ StoreError::Damaged { .. }) => Err(Fatal::data(format!(
            "{e}\n  kg recover repairs only the log; restore the snapshot from a backup"
        ))),
        Err(e) => Err(Fatal::data(e.to_string())),
    }
}

pub fn checkpoint(session: &mut Session) -> Result<Status, Fatal> {
    if !session.persistent {
        return Err(Fatal::usage(
            "kg checkpoint needs --db DIR (and no --read-only)",
        ));
    }
    session
        .db
        .checkpoint()
        .map_err(|e| Fatal::data(format!("checkpoint failed: {e}")))?;
    let (nodes, rels) = (session.db.node_count(), session.db.rel_count());
    print_out(|out| {
        writeln!(
            out,
            "checkpoint: snapshot of {} and {} written; log emptied",
            counted(nodes, "node", "nodes"),
            counted(rels, "relationship", "relationships")
        )
    })?;
    Ok(Status::Success)
}
