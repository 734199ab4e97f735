//! What can go wrong with a store, each naming the file (and, for damage, the byte offset).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file whose content is not what kg wrote: bad magic, bad checksum, a gap in the log.
    #[error("{} is damaged at byte {offset}: {reason}", path.display())]
    Damaged {
        path: PathBuf,
        offset: u64,
        reason: String,
    },
    #[error(
        "{} has format version {found} (at byte {offset}); this kg reads version {supported}{}",
        path.display(),
        if *found > *supported { ": it was written by a newer kg" } else { "" }
    )]
    Version {
        path: PathBuf,
        offset: u64,
        found: u32,
        supported: u32,
    },
    #[error(
        "the store {} is open for writing by another kg process ({}); use --read-only to read it meanwhile",
        dir.display(),
        match pid { Some(pid) => format!("pid {pid}"), None => "pid unknown".to_string() }
    )]
    Locked { dir: PathBuf, pid: Option<u32> },
    #[error("the store {} is open read-only (--read-only): writes are refused", dir.display())]
    ReadOnly { dir: PathBuf },
    #[error("there is no store at {}", dir.display())]
    NoStore { dir: PathBuf },
    /// A directory that holds files, none of them kg's: making it a store would mix the two.
    #[error(
        "{} is not a kg store: it holds other files ({example}) and none of kg's; give --db a new or empty directory",
        dir.display()
    )]
    NotAStore { dir: PathBuf, example: String },
    #[error(
        "{} is a symbolic link: kg replaces its files by renaming new ones into place, which would replace the link; move the file itself into the store directory (the directory may be a link)",
        path.display()
    )]
    Symlinked { path: PathBuf },
    /// A failed write whose partial effect could not be undone: later writes could land after
    /// garbage, so the store takes none until it is reopened.
    #[error("an earlier write to {} failed and could not be undone; reopen the store", path.display())]
    Poisoned { path: PathBuf },
    /// One of the store's files (or the directory) is no longer the one this writer opened:
    /// someone deleted or replaced it, and another writer may have the store now.
    #[error(
        "{} was deleted or replaced while this kg had the store open: it writes no more, so as not to overwrite another writer's work; reopen the store",
        path.display()
    )]
    Replaced { path: PathBuf },
    #[error("cannot encode {what}: {reason}")]
    Encode { what: &'static str, reason: String },
    #[error("an explicit transaction is open; commit or roll it back first")]
    TransactionOpen,
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn damaged(
        path: impl Into<PathBuf>,
        offset: u64,
        reason: impl Into<String>,
    ) -> Self {
        StoreError::Damaged {
            path: path.into(),
            offset,
            reason: reason.into(),
        }
    }
}
