//! From bytes to text, JSON values and CSV rows, refusing what is not a peer's text file.

use super::{ImportError, ImportReason};

/// The largest file read: 10 MiB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// UTF-8 text without its BOM; binary and UTF-16 files are refused by name.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::NotText("it is UTF-16; save it as UTF-8"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(ImportError::NotText("it holds binary data"));
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| ImportError::NotText("it is not valid UTF-8"))?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// A JSON document; serde_json's recursion limit (128) refuses deep nesting before it costs.
pub(crate) fn parse_json(text: &str) -> Result<serde_json::Value, ImportError> {
    serde_json::from_str(text).map_err(|e| ImportError::Malformed {
        format: "JSON",
        reason: if e.to_string().contains("recursion limit") {
            ImportReason::JsonTooDeep
        } else if e.is_eof() {
            ImportReason::JsonTruncated { line: e.line() }
        } else {
            ImportReason::JsonInvalid {
                line: e.line(),
                column: e.column(),
            }
        },
    })
}

/// One CSV row and the line it starts on.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) line: usize,
    pub(crate) cells: Vec<String>,
}

impl Row {
    /// Empty lines and separator lines such as `,,,,`.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    pub(crate) fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }
}

/// All rows of a CSV file, blank lines dropped, with their line numbers.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// Reads `,`- or `;`-separated text (a spreadsheet in a decimal-comma locale writes `;`).
    pub(crate) fn read(text: &str) -> Result<Table, ImportError> {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let delimiter = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| ImportError::Malformed {
                format: "CSV",
                reason: match e.position() {
                    Some(p) => ImportReason::CsvUnreadableAt {
                        line: p.line() as usize,
                    },
                    None => ImportReason::CsvUnreadable,
                },
            })?;
            let line = record.position().map_or(0, |p| p.line()) as usize;
            let row = Row {
                line,
                cells: record.iter().map(str::to_string).collect(),
            };
            if !row.is_blank() {
                rows.push(row);
            }
        }
        if rows.is_empty() {
            return Err(ImportError::Empty);
        }
        Ok(Table { rows })
    }
}
