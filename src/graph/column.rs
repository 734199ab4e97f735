//! One property key's values for every node (or every relationship), by id: a column.
//!
//! Ids are cut into chunks of [`CHUNK`]; a chunk holding none of the key's values is not
//! allocated, so a key that only one label uses costs nothing over the other labels' ids
//! (entities of one label are mostly created together, so their ids are close). A chunk is
//! typed while its values are: integers, floats, booleans and texts (ids into the
//! [`StringPool`]) sit in plain arrays that a scan reads without touching a `Value`; a chunk
//! that meets a second type, a list or a temporal value keeps `Value`s instead.

use super::strings::StringPool;
use crate::model::Value;
use std::sync::Arc;

pub const CHUNK_SHIFT: u32 = 10;
pub const CHUNK: usize = 1 << CHUNK_SHIFT;
const WORDS: usize = CHUNK / 64;

/// The values of one chunk, in the chunk's type.
#[derive(Clone)]
pub enum Cells {
    Int(Box<[i64]>),
    Float(Box<[f64]>),
    Bool(Box<[bool]>),
    /// Ids into the graph's [`StringPool`].
    Str(Box<[u32]>),
    Any(Box<[Value]>),
}

#[derive(Clone)]
pub struct Chunk {
    /// Which ids of the chunk have a value.
    present: [u64; WORDS],
    count: u32,
    pub cells: Cells,
}

/// A stored value as read in place: no text is copied.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(u32),
    Any(&'a Value),
}

impl Chunk {
    fn new(cells: Cells) -> Self {
        Chunk {
            present: [0; WORDS],
            count: 0,
            cells,
        }
    }

    #[inline]
    pub fn has(&self, offset: usize) -> bool {
        self.present[offset / 64] & (1 << (offset % 64)) != 0
    }

    #[inline]
    pub fn cell(&self, offset: usize) -> Cell<'_> {
        if !self.has(offset) {
            return Cell::Null;
        }
        match &self.cells {
            Cells::Int(v) => Cell::Int(v[offset]),
            Cells::Float(v) => Cell::Float(v[offset]),
            Cells::Bool(v) => Cell::Bool(v[offset]),
            Cells::Str(v) => Cell::Str(v[offset]),
            Cells::Any(v) => Cell::Any(&v[offset]),
        }
    }

    fn mark(&mut self, offset: usize, present: bool) {
        let bit = 1u64 << (offset % 64);
        let word = &mut self.present[offset / 64];
        match (*word & bit != 0, present) {
            (false, true) => {
                *word |= bit;
                self.count += 1;
            }
            (true, false) => {
                *word &= !bit;
                self.count -= 1;
            }
            _ => {}
        }
    }

    /// Turns a typed chunk into one of `Value`s, for a value of another type.
    fn widen(&mut self, pool: &mut StringPool) {
        let values: Box<[Value]> = (0..CHUNK)
            .map(|i| {
                if !self.has(i) {
                    return Value::Null;
                }
                let v = cell_value(self.cell(i), pool);
                if let Cell::Str(id) = self.cell(i) {
                    pool.release(id);
                }
                v
            })
            .collect();
        self.cells = Cells::Any(values);
    }
}

/// The value of a cell, with its text copied out of the pool.
pub fn cell_value(cell: Cell<'_>, pool: &StringPool) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Int(i) => Value::Int(i),
        Cell::Float(f) => Value::Float(f),
        Cell::Bool(b) => Value::Bool(b),
        Cell::Str(id) => Value::String(Arc::from(pool.get(id))),
        Cell::Any(v) => v.clone(),
    }
}

/// A non-null value in the form a column keeps it: a text is an id of the pool, whose
/// reference the value holds. Loaders build these on another thread than the graph's, so that
/// interning texts is not the graph's work.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(u32),
    Other(Value),
}

impl Stored {
    /// Takes a reference in `pool` for a text.
    pub fn from_value(value: Value, pool: &mut StringPool) -> Self {
        match value {
            Value::Int(i) => Stored::Int(i),
            Value::Float(f) => Stored::Float(f),
            Value::Bool(b) => Stored::Bool(b),
            Value::String(s) => Stored::Text(pool.acquire(&s)),
            other => Stored::Other(other),
        }
    }

    /// Gives a text's reference in `pool` back.
    pub fn into_value(self, pool: &mut StringPool) -> Value {
        match self {
            Stored::Text(id) => {
                let v = self.to_value(pool);
                pool.release(id);
                v
            }
            Stored::Other(v) => v,
            typed => typed.to_value(pool),
        }
    }

    /// The value, leaving the pool as it is.
    pub fn to_value(&self, pool: &StringPool) -> Value {
        match self {
            Stored::Int(i) => Value::Int(*i),
            Stored::Float(f) => Value::Float(*f),
            Stored::Bool(b) => Value::Bool(*b),
            Stored::Text(id) => Value::String(Arc::from(pool.get(*id))),
            Stored::Other(v) => v.clone(),
        }
    }

    /// The typed chunk this value starts, or one of `Value`s.
    fn cells(&self) -> Cells {
        match self {
            Stored::Int(_) => Cells::Int(vec![0; CHUNK].into()),
            Stored::Float(_) => Cells::Float(vec![0.0; CHUNK].into()),
            Stored::Bool(_) => Cells::Bool(vec![false; CHUNK].into()),
            Stored::Text(_) => Cells::Str(vec![0; CHUNK].into()),
            Stored::Other(_) => Cells::Any(vec![Value::Null; CHUNK].into()),
        }
    }
}

#[derive(Clone, Default)]
pub struct Column {
    chunks: Vec<Option<Box<Chunk>>>,
    /// Ids with a value.
    count: usize,
}

#[inline]
fn split(id: u32) -> (usize, usize) {
    ((id >> CHUNK_SHIFT) as usize, id as usize & (CHUNK - 1))
}

impl Column {
    pub fn count(&self) -> usize {
        self.count
    }

    /// The chunk holding ids `index * CHUNK ..`, if any of them has a value.
    #[inline]
    pub fn chunk(&self, index: usize) -> Option<&Chunk> {
        self.chunks.get(index)?.as_deref()
    }

    #[inline]
    pub fn cell(&self, id: u32) -> Cell<'_> {
        let (c, o) = split(id);
        match self.chunk(c) {
            Some(chunk) => chunk.cell(o),
            None => Cell::Null,
        }
    }

    pub fn get(&self, id: u32, pool: &StringPool) -> Value {
        cell_value(self.cell(id), pool)
    }

    pub fn has(&self, id: u32) -> bool {
        !matches!(self.cell(id), Cell::Null)
    }

    /// Stores `value` (null removes) and returns the value it replaces.
    pub fn set(&mut self, id: u32, value: Value, pool: &mut StringPool) -> Value {
        if value.is_null() {
            return self.take(id, pool);
        }
        let value = Stored::from_value(value, pool);
        self.put(id, value, pool)
    }

    /// Stores a value and returns the value it replaces (null when there was none). The pool
    /// is only read when the cell held a text or the chunk must change type.
    pub fn put(&mut self, id: u32, value: Stored, pool: &mut StringPool) -> Value {
        let old = self.take(id, pool);
        let (c, o) = split(id);
        if self.chunks.len() <= c {
            self.chunks.resize_with(c + 1, || None);
        }
        let chunk = self.chunks[c].get_or_insert_with(|| Box::new(Chunk::new(value.cells())));
        let fits = matches!(
            (&chunk.cells, &value),
            (Cells::Int(_), Stored::Int(_))
                | (Cells::Float(_), Stored::Float(_))
                | (Cells::Bool(_), Stored::Bool(_))
                | (Cells::Str(_), Stored::Text(_))
                | (Cells::Any(_), _)
        );
        if !fits {
            chunk.widen(pool);
        }
        match (&mut chunk.cells, value) {
            (Cells::Int(v), Stored::Int(i)) => v[o] = i,
            (Cells::Float(v), Stored::Float(f)) => v[o] = f,
            (Cells::Bool(v), Stored::Bool(b)) => v[o] = b,
            (Cells::Str(v), Stored::Text(id)) => v[o] = id,
            (Cells::Any(v), value) => v[o] = value.into_value(pool),
            // `widen` made the chunk take any value.
            _ => {}
        }
        chunk.mark(o, true);
        self.count += 1;
        old
    }

    /// Removes the value of `id`, returning it (null when there was none).
    pub fn take(&mut self, id: u32, pool: &mut StringPool) -> Value {
        let (c, o) = split(id);
        let Some(Some(chunk)) = self.chunks.get_mut(c) else {
            return Value::Null;
        };
        if !chunk.has(o) {
            return Value::Null;
        }
        let old = match &mut chunk.cells {
            Cells::Any(v) => std::mem::take(&mut v[o]),
            _ => {
                let cell = chunk.cell(o);
                let v = cell_value(cell, pool);
                if let Cell::Str(sid) = cell {
                    pool.release(sid);
                }
                v
            }
        };
        chunk.mark(o, false);
        self.count -= 1;
        if chunk.count == 0 {
            self.chunks[c] = None;
        }
        old
    }

    /// Bytes held, for statistics.
    pub fn heap_bytes(&self) -> usize {
        let per_value = |cells: &Cells| match cells {
            Cells::Int(_) | Cells::Float(_) => 8,
            Cells::Bool(_) => 1,
            Cells::Str(_) => 4,
            Cells::Any(_) => std::mem::size_of::<Value>(),
        };
        self.chunks.capacity() * 8
            + self
                .chunks
                .iter()
                .flatten()
                .map(|c| WORDS * 8 + CHUNK * per_value(&c.cells))
                .sum::<usize>()
    }
}

/// A chunk's presence bits and typed values.
type TypedChunk<'c, T> = (&'c [u64; WORDS], &'c [T]);

/// Typed values read for many ids at once, with which of them are present.
pub enum Gathered {
    Ints(Vec<i64>, Vec<bool>),
    Floats(Vec<f64>, Vec<bool>),
    Bools(Vec<bool>, Vec<bool>),
    /// Pool ids.
    Strs(Vec<u32>, Vec<bool>),
}

impl Column {
    /// The values of `ids` (`skip` marks an id that stands for null) as one typed array,
    /// when every chunk they fall in holds that type; `None` when types mix, or when no id
    /// has a value (the caller then reads cell by cell).
    pub fn gather(&self, ids: &[u32], skip: u32) -> Option<Gathered> {
        let first = ids
            .iter()
            .filter(|id| **id != skip)
            .find_map(|id| self.chunk((id >> CHUNK_SHIFT) as usize))?;
        Some(match first.cells {
            Cells::Int(_) => {
                let (v, ok) = self.gather_as(ids, skip, |c| match c {
                    Cells::Int(v) => Some(v),
                    _ => None,
                })?;
                Gathered::Ints(v, ok)
            }
            Cells::Float(_) => {
                let (v, ok) = self.gather_as(ids, skip, |c| match c {
                    Cells::Float(v) => Some(v),
                    _ => None,
                })?;
                Gathered::Floats(v, ok)
            }
            Cells::Bool(_) => {
                let (v, ok) = self.gather_as(ids, skip, |c| match c {
                    Cells::Bool(v) => Some(v),
                    _ => None,
                })?;
                Gathered::Bools(v, ok)
            }
            Cells::Str(_) => {
                let (v, ok) = self.gather_as(ids, skip, |c| match c {
                    Cells::Str(v) => Some(v),
                    _ => None,
                })?;
                Gathered::Strs(v, ok)
            }
            Cells::Any(_) => return None,
        })
    }

    /// Keeps the ids whose cell holds the pooled text `want`; ids in a chunk that does not
    /// hold texts alone (types mixed there) are decided by `other`.
    pub fn retain_text(&self, ids: &mut Vec<u32>, want: u32, other: impl Fn(u32) -> bool) {
        let mut cached: (usize, Option<&Chunk>) = (usize::MAX, None);
        ids.retain(|&id| {
            let (c, o) = split(id);
            if c != cached.0 {
                cached = (c, self.chunk(c));
            }
            match cached.1 {
                Some(chunk) => match &chunk.cells {
                    Cells::Str(texts) => chunk.has(o) && texts[o] == want,
                    _ => other(id),
                },
                None => false,
            }
        });
    }

    fn gather_as<T: Copy + Default>(
        &self,
        ids: &[u32],
        skip: u32,
        typed: impl Fn(&Cells) -> Option<&[T]>,
    ) -> Option<(Vec<T>, Vec<bool>)> {
        let mut values = Vec::with_capacity(ids.len());
        let mut present = Vec::with_capacity(ids.len());
        // Ids of one label are mostly close together: the chunk of the last id is kept.
        let mut cached: (usize, Option<TypedChunk<T>>) = (usize::MAX, None);
        for &id in ids {
            if id == skip {
                values.push(T::default());
                present.push(false);
                continue;
            }
            let (c, o) = split(id);
            if c != cached.0 {
                let chunk = match self.chunk(c) {
                    Some(chunk) => Some((&chunk.present, typed(&chunk.cells)?)),
                    None => None,
                };
                cached = (c, chunk);
            }
            match cached.1 {
                Some((bits, cells)) => {
                    values.push(cells[o]);
                    present.push(bits[o / 64] & (1 << (o % 64)) != 0);
                }
                None => {
                    values.push(T::default());
                    present.push(false);
                }
            }
        }
        Some((values, present))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_chunk_widens_when_another_type_arrives() {
        let mut pool = StringPool::default();
        let mut col = Column::default();
        col.set(3, Value::Int(7), &mut pool);
        col.set(5, Value::str("five"), &mut pool);
        assert!(matches!(col.chunk(0).unwrap().cells, Cells::Any(_)));
        assert_eq!(col.get(3, &pool), Value::Int(7));
        assert_eq!(col.get(5, &pool), Value::str("five"));
        assert_eq!(col.count(), 2);
        // Widening let go of the pooled text: the chunk holds it as a value now.
        assert!(pool.is_empty());
    }

    #[test]
    fn texts_are_pooled_and_released_with_their_cells() {
        let mut pool = StringPool::default();
        let mut col = Column::default();
        col.set(1, Value::str("AI"), &mut pool);
        col.set(2000, Value::str("AI"), &mut pool);
        assert_eq!(pool.len(), 1);
        assert!(matches!(col.cell(2000), Cell::Str(_)));
        assert_eq!(col.set(1, Value::Null, &mut pool), Value::str("AI"));
        assert_eq!(pool.len(), 1);
        assert_eq!(col.take(2000, &mut pool), Value::str("AI"));
        assert!(pool.is_empty());
        assert_eq!(col.count(), 0);
        assert!(col.chunk(0).is_none() && col.chunk(1).is_none());
    }
}
