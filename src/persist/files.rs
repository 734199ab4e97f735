//! File operations with the durability steps spelled out: a file replaced by rename is
//! fsynced first, and the directory after, so the rename itself survives a power cut.

use super::StoreError;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// The name a file is written under before it is renamed into place.
pub fn temp_name(name: &str) -> String {
    format!("{name}.tmp")
}

/// Writes `bytes` to `dir/name` so that a crash leaves either the old file or the new one.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    write_temp(dir, name, bytes)?;
    rename_into_place(dir, name)
}

/// The first half of `write_atomically`: the new content, on disk under the temporary name.
pub fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = dir.join(temp_name(name));
    let mut file = File::create(&tmp).map_err(|e| StoreError::io(&tmp, e))?;
    file.write_all(bytes).map_err(|e| StoreError::io(&tmp, e))?;
    file.sync_all().map_err(|e| StoreError::io(&tmp, e))
}

/// The second half: the temporary file replaces `dir/name`, durably.
pub fn rename_into_place(dir: &Path, name: &str) -> Result<(), StoreError> {
    let target = dir.join(name);
    std::fs::rename(dir.join(temp_name(name)), &target).map_err(|e| StoreError::io(&target, e))?;
    sync_dir(dir)
}

/// Makes renames and creations in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io(dir, e))
}

/// The whole file, or `None` if it does not exist.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Opens a file for appending at its end (the caller has cut it to its valid length).
pub fn open_append(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))
}

/// Cuts `path` to `len` bytes and makes that durable.
pub fn truncate(path: &Path, len: u64) -> Result<(), StoreError> {
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    file.set_len(len).map_err(|e| StoreError::io(path, e))?;
    file.sync_all().map_err(|e| StoreError::io(path, e))
}

/// Both file kinds keep their format version at byte 8.
pub fn check_version(path: &Path, bytes: &[u8], supported: u32) -> Result<(), StoreError> {
    let found = le_u32(bytes, 8);
    if found == supported {
        return Ok(());
    }
    Err(StoreError::Version {
        path: path.to_path_buf(),
        offset: 8,
        found,
        supported,
    })
}

pub fn le_u32(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

pub fn le_u64(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// Runs `decode` with the stack that decoding a value nested [`crate::model::MAX_DEPTH`] deep
/// needs (decoding recurses once per level and stops past the limit; a debug build's frames
/// take about 2.5 KiB a level).
pub fn with_decoding_stack<R>(decode: impl FnOnce() -> R) -> R {
    const PER_LEVEL: usize = if cfg!(debug_assertions) { 4096 } else { 1024 };
    crate::stack::with_at_least(crate::model::MAX_DEPTH * PER_LEVEL + 256 * 1024, decode)
}

/// bincode's error as text: a message of our own (a value nested too deeply) as written, not
/// in the debug form bincode displays it in.
pub fn decode_error_text(e: &bincode::error::DecodeError) -> String {
    match e {
        bincode::error::DecodeError::OtherString(message) => message.clone(),
        other => other.to_string(),
    }
}
