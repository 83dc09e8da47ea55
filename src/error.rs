//! The crate's one error type.
//!
//! Every fallible public function returns [`Result<T>`]. Each variant says what
//! went wrong and, where it can, what to do about it.

use std::path::PathBuf;

/// Everything that can go wrong in jianbao.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An option given to a builder is out of range.
    #[error("invalid option `{option}`: {reason}")]
    InvalidOption {
        /// The option's name, as the builder spells it.
        option: &'static str,
        /// Why the value was refused.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file at fault.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// Input bytes are not valid UTF-8.
    #[error("{what} is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 {
        /// What was being read (a file name, "standard input", "line 3").
        what: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A line of a JSON Lines file could not be used.
    #[error("{path}:{line}: {reason}")]
    BadRecord {
        /// The file at fault.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// A data set has nothing usable in it.
    #[error("empty data: {0}")]
    EmptyData(String),
    /// A model file or model data cannot be used.
    #[error("model {what}: {reason}")]
    Model {
        /// The file or model at fault.
        what: String,
        /// Why it cannot be used.
        reason: String,
    },
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Wraps an I/O error with the path (or stream name) it concerns.
    ///
    /// ```
    /// let e = jianbao::Error::io("standard output", std::io::ErrorKind::BrokenPipe.into());
    /// assert!(e.to_string().starts_with("standard output:"));
    /// ```
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn option(option: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            option,
            reason: reason.into(),
        }
    }
}

/// Decodes bytes as UTF-8, or says where they stop being UTF-8.
///
/// ```
/// let text = jianbao::decode_utf8("page.md", "新闻".as_bytes().to_vec()).unwrap();
/// assert_eq!(text, "新闻");
/// assert!(jianbao::decode_utf8("page.md", vec![0xe6, 0x96]).is_err());
/// ```
pub fn decode_utf8(what: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        what: what.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Opens a file for reading, refusing a directory (which `File::open`
/// accepts on some systems) with an error that says so.
///
/// ```
/// assert!(jianbao::open_file(".").unwrap_err().to_string().contains("directory"));
/// ```
pub fn open_file(path: impl AsRef<std::path::Path>) -> Result<std::fs::File> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is a directory, not a file",
            ),
        ));
    }
    Ok(file)
}

/// Reads all of an opened file as UTF-8 text; `path` names it in errors.
pub(crate) fn read_opened(path: &std::path::Path, mut file: std::fs::File) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    decode_utf8(&path.display().to_string(), bytes)
}

/// Reads a whole file as UTF-8 text, with errors naming the file.
///
/// A directory, a missing file and invalid UTF-8 each give their own error.
///
/// ```
/// assert!(jianbao::read_text_file("no/such/file.md").is_err());
/// ```
pub fn read_text_file(path: impl AsRef<std::path::Path>) -> Result<String> {
    let path = path.as_ref();
    read_opened(path, open_file(path)?)
}
