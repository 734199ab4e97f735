//! The library's error: a statement's `QueryError`, or a file, data or store problem met by
//! the facade, each converted here at the boundary of the layer it comes from.

use crate::error::QueryError;
use crate::persist::StoreError;
use std::fmt;

/// Any error the library reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Query(#[from] QueryError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Damaged or unreadable data: a file that is not what it should be.
    #[error("{0}")]
    Data(String),
    /// The durable store: damage (with file and byte offset), the lock, read-only writes.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    pub fn io(path: impl fmt::Display, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }
}
