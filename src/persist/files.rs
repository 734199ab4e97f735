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
/// Returns the file, still open. On failure (a full disk) the temporary file is removed, so
/// that it does not keep the disk full.
pub fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> Result<File, StoreError> {
    let tmp = dir.join(temp_name(name));
    let written = File::create(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(file)
    });
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        StoreError::io(&tmp, e)
    })
}

/// The second half: the temporary file replaces `dir/name`, durably (or is removed).
pub fn rename_into_place(dir: &Path, name: &str) -> Result<(), StoreError> {
    let target = dir.join(name);
    let tmp = dir.join(temp_name(name));
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        StoreError::io(&target, e)
    })?;
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

/// Writes `bytes` over the start of `path` and makes that durable.
pub fn write_at_start(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
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

/// What makes a file the same file whatever its name: device and inode.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

#[cfg(unix)]
pub fn file_id(meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some(FileId {
        dev: meta.dev(),
        ino: meta.ino(),
    })
}

/// Elsewhere the identity is unknown, and the checks that use it pass.
#[cfg(not(unix))]
pub fn file_id(_meta: &std::fs::Metadata) -> Option<FileId> {
    None
}

/// The identity of the file at `path`, or `None` if there is none.
pub fn id_at(path: &Path) -> Option<FileId> {
    std::fs::metadata(path).ok().and_then(|m| file_id(&m))
}

/// The identity of an open file.
pub fn id_of(file: &File) -> Option<FileId> {
    file.metadata().ok().and_then(|m| file_id(&m))
}

/// A file kept open so that its identity stays its own: the inode of a file deleted while
/// it is open cannot be given to a new file, so comparing identities cannot be fooled.
pub struct Held {
    _file: File,
    pub id: Option<FileId>,
}

impl Held {
    pub fn new(file: File) -> Self {
        let id = id_of(&file);
        Held { _file: file, id }
    }

    /// The file at `path`, if there is one.
    pub fn open(path: &Path) -> Result<Option<Self>, StoreError> {
        match File::open(path) {
            Ok(file) => Ok(Some(Self::new(file))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(path, e)),
        }
    }
}

/// Whether `path` still names the file whose identity is `expected` (`None`: no file).
/// Where identities are unknown, always true.
pub fn still_there(path: &Path, expected: Option<FileId>) -> Result<(), StoreError> {
    if cfg!(not(unix)) || id_at(path) == expected {
        return Ok(());
    }
    Err(StoreError::Replaced {
        path: path.to_path_buf(),
    })
}

/// Both file kinds keep their format version at byte 8. Versions from `oldest` up to
/// `newest` are read (an older file is written anew in the newest format by the next
/// checkpoint); returns the version found.
pub fn check_version(
    path: &Path,
    bytes: &[u8],
    oldest: u32,
    newest: u32,
) -> Result<u32, StoreError> {
    let found = le_u32(bytes, 8);
    if (oldest..=newest).contains(&found) {
        return Ok(found);
    }
    Err(StoreError::Version {
        path: path.to_path_buf(),
        offset: 8,
        found,
        supported: newest,
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

/// Decodes one value from the front of `bytes`, as `bincode::serde::decode_from_slice` with
/// the standard configuration does, but with a limit on what containers may claim. bincode
/// sizes a text (and reserves other containers) by the length prefix before it reads a
/// byte, so without a limit a 9-byte prefix in a checksummed file could ask for a terabyte.
/// The limit keeps every claim in proportion to the input: a value's items each take at
/// least a byte in the file and at most `CLAIM_PER_BYTE` bytes in memory.
pub fn decode_bounded<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> Result<(T, usize), bincode::error::DecodeError> {
    const CLAIM_PER_BYTE: u64 = 128;
    let need = (bytes.len() as u64)
        .saturating_mul(CLAIM_PER_BYTE)
        .max(1 << 16);
    let config = bincode::config::standard();
    macro_rules! within {
        ($($bits:literal)*) => {$(
            if need <= 1u64 << $bits {
                let limited = config.with_limit::<{ 1usize << $bits }>();
                return bincode::serde::decode_from_slice(bytes, limited);
            }
        )*};
    }
    within!(16 18 20 22 24 26 28 30 32 34 36 38 40 42 44 46);
    bincode::serde::decode_from_slice(bytes, config)
}
