//! A passage as the doc store holds it, read into owned values.
//!
//! Building a hit moves each stored string out of here: no
//! [`tantivy::TantivyDocument`] in between, and no copy of its strings
//! (a document held by [`super::preload`] is cloned first, and stays).

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};

/// The stored values of one document, in stored order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stored {
    values: Vec<(Field, OwnedValue)>,
}

impl DocumentDeserialize for Stored {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(entry) = deserializer.next_field::<OwnedValue>()? {
            values.push(entry);
        }
        Ok(Stored { values })
    }
}

impl Stored {
    /// The stored values, in stored order.
    pub fn values(&self) -> &[(Field, OwnedValue)] {
        &self.values
    }

    /// Moves out the first string still stored in `field` (a field holding
    /// one string gives it once, then `None`).
    pub fn take_str(&mut self, field: Field) -> Option<String> {
        let (_, v) = self
            .values
            .iter_mut()
            .find(|(f, v)| *f == field && matches!(v, OwnedValue::Str(_)))?;
        match std::mem::replace(v, OwnedValue::Null) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{INDEXED, STORED, STRING, Schema};
    use tantivy::{Index, doc};

    #[test]
    fn moves_each_stored_string_out_once() {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", STRING | STORED);
        let n = b.add_u64_field("n", INDEXED | STORED);
        let missing = b.add_text_field("missing", STRING | STORED);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.add_document(doc!(title => "first", n => 7u64, title => "second"))
            .unwrap();
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let mut s: Stored = searcher.doc(tantivy::DocAddress::new(0, 0)).unwrap();
        assert_eq!(s.values.len(), 3);
        assert_eq!(s.take_str(n), None);
        assert_eq!(s.take_str(title).as_deref(), Some("first"));
        assert_eq!(s.take_str(title).as_deref(), Some("second"));
        assert_eq!(s.take_str(title), None);
        assert_eq!(s.take_str(missing), None);
    }
}
