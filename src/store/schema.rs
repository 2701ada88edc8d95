//! The tantivy schema and the `news` analyzer.
//!
//! One tantivy document per passage, plus one `kind:file` marker document
//! per ingested file that records its content hash (committed atomically
//! with the file's passages, so a crash never leaves a file marked done
//! without its passages).

use super::analysis::PRE_ANALYZED;
use super::stem::CachedEnglishStemmer;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, STORED, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// The version of the on-disk layout; an index with another is refused.
pub const SCHEMA_VERSION: u32 = 7;

/// Tokens of this many bytes or more (as written) are dropped by the
/// analyzer: tantivy's `RemoveLongFilter` keeps only shorter ones.
pub const MAX_TOKEN_BYTES: usize = 40;

/// The `news` analyzer: words, lowercased, accents folded (`Vučić` ->
/// `vucic`), English Snowball stems (unless `stem` is false); tokens of
/// [`MAX_TOKEN_BYTES`] or more dropped.
pub fn analyzer_with(stem: bool) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if stem {
        base.filter(CachedEnglishStemmer).build()
    } else {
        base.build()
    }
}

/// The default `news` analyzer, with stemming.
pub fn analyzer() -> TextAnalyzer {
    analyzer_with(true)
}

/// Handles to every field. `title`, `body` and `caption` are searched
/// (indexed from their analyzed text, [`analysis`](super::analysis)); the
/// text shown is stored apart, in the `*_text` fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub title: Field,
    pub body: Field,
    pub caption: Field,
    pub title_text: Field,
    pub body_text: Field,
    pub caption_text: Field,
    pub article_id: Field,
    pub article_key: Field,
    pub ordinal: Field,
    pub offset: Field,
    pub kind: Field,
    pub lead_id: Field,
    pub source_key: Field,
    pub source: Field,
    pub url: Field,
    pub date: Field,
    pub dated: Field,
    pub date_source: Field,
    pub file_hash: Field,
    pub file_key: Field,
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PRE_ANALYZED)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    // Searched under these names (`title:word`); shown from the stored copies.
    let title = b.add_text_field("title", text());
    let body = b.add_text_field("body", text());
    let caption = b.add_text_field("caption", text());
    let title_text = b.add_text_field("title_text", STORED);
    let body_text = b.add_text_field("body_text", STORED);
    let caption_text = b.add_text_field("caption_text", STORED);
    // Exact-match keys: looked up and filtered on, never ranked, so no
    // field norms (a byte per passage each).
    let key = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
    };
    let stored_key = || key().set_stored();
    // Also a column (schema 7): `eval` reads the ids of ranked passages
    // from it, not from the doc store, whose blocks it decompressed for
    // nothing else (`search::columns`).
    let article_id = b.add_text_field("article_id", stored_key().set_fast("raw"));
    let article_key = b.add_u64_field("article_key", NumericOptions::default().set_fast());
    // Fast, not stored: search breaks score ties by article and passage
    // order, and hits read it from the column (a doc store smaller by
    // what it held of this and the date makes room for smaller blocks:
    // `store::index_settings`).
    let ordinal = b.add_u64_field(
        "ordinal",
        NumericOptions::default().set_indexed().set_fast(),
    );
    // Where the passage starts in its article's body: `show` rebuilds the
    // body from overlapping passages without storing the text twice.
    let offset = b.add_u64_field("offset", NumericOptions::default().set_stored());
    let kind = b.add_text_field("kind", stored_key());
    let lead_id = b.add_text_field("lead_id", stored_key());
    // Every document of a file carries its key, to be deleted by it; only
    // the file's marker stores it (as `file_key`), for the manifest.
    let source_key = b.add_text_field("source_key", key());
    let source = b.add_text_field("source", STORED);
    let url = b.add_text_field("url", STORED);
    let date = b.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    let dated = b.add_u64_field("dated", NumericOptions::default().set_indexed());
    let date_source = b.add_text_field("date_source", STORED);
    let file_hash = b.add_text_field("file_hash", STORED);
    let file_key = b.add_text_field("file_key", STORED);
    let fields = Fields {
        title,
        body,
        caption,
        title_text,
        body_text,
        caption_text,
        article_id,
        article_key,
        ordinal,
        offset,
        kind,
        lead_id,
        source_key,
        source,
        url,
        date,
        dated,
        date_source,
        file_hash,
        file_key,
    };
    (b.build(), fields)
}
