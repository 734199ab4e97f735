//! The texts of string properties, each distinct text stored once in one buffer and named by
//! a `u32` id. Columns hold ids, so a string column costs four bytes a row, equal texts compare
//! as equal ids, and grouping by a text property hashes integers. A text is only turned into a
//! `Value` (one allocation) when a query hands it out.

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Bytes of dead texts tolerated before the buffer is rewritten: below this, or below half
/// the buffer, reclaiming would cost more than it saves.
const COMPACT_AT: usize = 1 << 20;

#[derive(Clone, Default)]
pub struct StringPool {
    text: String,
    /// Where each id's text starts in `text`, and its length.
    starts: Vec<u64>,
    lens: Vec<u32>,
    /// Holders of each id (property cells, and index keys: see `PropertyIndex`); a slot
    /// with none is free for reuse.
    refs: Vec<u32>,
    free: Vec<u32>,
    /// Ids by 32 bits of their text's hash, kept beside the id (eight bytes an entry) so
    /// that growing the table never reads the texts again.
    /// the texts again.
    table: HashTable<(u32, u32)>,
    hasher: FxBuildHasher,
    /// Bytes of `text` that belong to freed ids.
    garbage: usize,
}

impl StringPool {
    /// The 32 bits of `text`'s hash an entry keeps, and the table's hash made from them.
    #[inline]
    fn hash(&self, text: &str) -> (u32, u64) {
        let short = (self.hasher.hash_one(text) >> 32) as u32;
        (short, spread(short))
    }

    /// The text of a live id.
    pub fn get(&self, id: u32) -> &str {
        let start = self.starts[id as usize] as usize;
        &self.text[start..start + self.lens[id as usize] as usize]
    }

    /// The id of `text`, if some property holds it.
    pub fn find(&self, text: &str) -> Option<u32> {
        let (short, hash) = self.hash(text);
        self.table
            .find(hash, |&(h, id)| h == short && self.get(id) == text)
            .map(|&(_, id)| id)
    }

    /// The id of `text` for one more property cell, adding the text if it is new.
    pub fn acquire(&mut self, text: &str) -> u32 {
        let (short, hash) = self.hash(text);
        if let Some(&(_, id)) = self
            .table
            .find(hash, |&(h, id)| h == short && self.get(id) == text)
        {
            self.refs[id as usize] += 1;
            return id;
        }
        let start = self.text.len() as u64;
        self.text.push_str(text);
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        let id = match self.free.pop() {
            Some(id) => {
                let i = id as usize;
                self.starts[i] = start;
                self.lens[i] = len;
                self.refs[i] = 1;
                id
            }
            None => {
                let id = u32::try_from(self.starts.len()).unwrap_or(u32::MAX);
                self.starts.push(start);
                self.lens.push(len);
                self.refs.push(1);
                id
            }
        };
        self.table
            .insert_unique(hash, (short, id), |&(h, _)| spread(h));
        id
    }

    /// One more holder of the live id `id`.
    pub fn retain(&mut self, id: u32) {
        self.refs[id as usize] += 1;
    }

    /// One holder less of `id`; the text goes when none is left.
    pub fn release(&mut self, id: u32) {
        let i = id as usize;
        self.refs[i] -= 1;
        if self.refs[i] > 0 {
            return;
        }
        let (_, hash) = self.hash(self.get(id));
        if let Ok(entry) = self.table.find_entry(hash, |&(_, other)| other == id) {
            entry.remove();
        }
        self.garbage += self.lens[i] as usize;
        self.free.push(id);
        if self.garbage > COMPACT_AT && self.garbage * 2 > self.text.len() {
            self.compact();
        }
    }

    /// Rewrites the buffer with the live texts only; ids stay as they are.
    fn compact(&mut self) {
        let mut text = String::with_capacity(self.text.len() - self.garbage);
        for i in 0..self.starts.len() {
            if self.refs[i] == 0 {
                self.starts[i] = 0;
                self.lens[i] = 0;
                continue;
            }
            let start = self.starts[i] as usize;
            let live = &self.text[start..start + self.lens[i] as usize];
            self.starts[i] = text.len() as u64;
            text.push_str(live);
        }
        self.text = text;
        self.garbage = 0;
    }

    /// Room for about `texts` more distinct texts of `bytes` in all, so that a bulk load
    /// does not copy the buffers as they grow. The table is left to grow by itself: it is
    /// filled at random places, so room reserved beyond what is used would still be touched.
    pub fn reserve(&mut self, texts: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.starts.reserve(texts);
        self.lens.reserve(texts);
        self.refs.reserve(texts);
    }

    /// Gives back the room [`reserve`](Self::reserve) made beyond what was used.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.lens.shrink_to_fit();
        self.refs.shrink_to_fit();
    }

    /// Distinct live texts.
    pub fn len(&self) -> usize {
        self.starts.len() - self.free.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held, for statistics.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * 8
            + self.lens.capacity() * 4
            + self.refs.capacity() * 4
            + self.table.capacity() * 9
    }
}

/// A table hash from an entry's 32 bits: the table takes its control byte from the top
/// bits and the bucket from the bottom ones, so the bits are spread over all 64.
#[inline]
fn spread(short: u32) -> u64 {
    u64::from(short).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_id_until_the_last_holder_lets_go() {
        let mut pool = StringPool::default();
        let a = pool.acquire("Software");
        let b = pool.acquire("Software");
        let c = pool.acquire("AI");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(pool.get(c), "AI");
        pool.release(a);
        assert_eq!(pool.find("Software"), Some(a));
        pool.release(b);
        assert_eq!(pool.find("Software"), None);
        assert_eq!(pool.len(), 1);
        // The freed id is reused for the next new text.
        assert_eq!(pool.acquire("Fintech"), a);
        assert_eq!(pool.get(a), "Fintech");
    }

    #[test]
    fn compaction_keeps_ids_and_texts() {
        let mut pool = StringPool::default();
        let big = "x".repeat(COMPACT_AT + 1);
        let keep = pool.acquire("kept");
        let gone = pool.acquire(&big);
        let after = pool.acquire("after");
        pool.release(gone);
        assert_eq!(pool.garbage, 0, "a large dead text is reclaimed");
        assert_eq!(pool.get(keep), "kept");
        assert_eq!(pool.get(after), "after");
        assert_eq!(pool.find("after"), Some(after));
    }
}
