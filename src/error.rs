//! The crate's one error type.
//!
//! Every fallible public function returns [`Result<T>`]. Each variant says
//! what went wrong with typed fields a caller can match on, and its message
//! says what to do about it where there is something to do.

use std::path::{Path, PathBuf};

/// Everything that can go wrong in jianbao.
///
/// ```
/// use jianbao::Error;
/// let e = Error::invalid("sentences", 0, "at least 1");
/// assert!(matches!(e, Error::InvalidOption { option: "sentences", .. }));
/// assert_eq!(e.to_string(), "invalid option `sentences` = 0: expected at least 1");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An option given to a builder (or a flag of an example) is out of range.
    #[error("invalid option `{option}` = {value}: expected {expected}")]
    InvalidOption {
        /// The option's name, as the builder method spells it (the examples'
        /// flags use the same names).
        option: &'static str,
        /// The value given.
        value: String,
        /// What the option accepts.
        expected: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file at fault (or `standard input` / `standard output`).
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// Input bytes are not valid UTF-8.
    #[error("{} is not valid UTF-8 (first bad byte at offset {offset})", path.display())]
    InvalidUtf8 {
        /// What was being read: a file, `standard input`, or `file:line`.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A line of a file (JSON Lines, a dictionary, an IDF table) could not
    /// be used.
    #[error("{}:{line}: {reason}", path.display())]
    BadRecord {
        /// The file at fault.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// A data set has nothing usable in it.
    #[error("empty data: {0}")]
    EmptyData(String),
    /// A model file was written by a jianbao of another format version.
    #[error("model {}: format version {found} is not supported (this build reads version {expected}); retrain it or use a matching jianbao", path.display())]
    ModelVersion {
        /// The model file.
        path: PathBuf,
        /// The version the file gives, as written (`"1"`, `2.5`, …).
        found: String,
        /// The version this build reads.
        expected: u32,
    },
    /// A model file or model data cannot be used.
    #[error("model {}: {reason}", path.display())]
    Model {
        /// The file or model at fault (`<shipped>` for the built-in one).
        path: PathBuf,
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

    /// An [`Error::InvalidOption`]: `option` got `value`, which is not
    /// what it accepts (`expected`).
    pub fn invalid(
        option: &'static str,
        value: impl std::fmt::Display,
        expected: impl Into<String>,
    ) -> Self {
        Error::InvalidOption {
            option,
            value: value.to_string(),
            expected: expected.into(),
        }
    }

    /// An [`Error::Model`] about the model at `path`.
    #[cfg_attr(not(feature = "topics"), allow(dead_code))]
    pub(crate) fn model(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Model {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Decodes bytes as UTF-8, or says where they stop being UTF-8. A leading
/// byte-order mark (`EF BB BF`) is dropped.
///
/// # Errors
///
/// [`Error::InvalidUtf8`] naming `what` and the offset of the first bad byte.
///
/// ```
/// let text = jianbao::decode_utf8("page.md", "\u{feff}新闻".as_bytes().to_vec()).unwrap();
/// assert_eq!(text, "新闻");
/// assert!(jianbao::decode_utf8("page.md", vec![0xe6, 0x96]).is_err());
/// ```
pub fn decode_utf8(what: impl AsRef<Path>, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: what.as_ref().to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Opens a file for reading, refusing a directory (which `File::open`
/// accepts on some systems) with an error that says so.
///
/// # Errors
///
/// [`Error::Io`] naming the path.
///
/// ```
/// assert!(jianbao::open_file(".").unwrap_err().to_string().contains("directory"));
/// ```
pub fn open_file(path: impl AsRef<Path>) -> Result<std::fs::File> {
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

/// Fails now, before any long work, if `path` cannot be written: its
/// folder must exist and the file must be creatable (an existing file is
/// left as it is; a file this call creates is removed again).
///
/// # Errors
///
/// [`Error::Io`] naming the path.
///
/// ```
/// assert!(jianbao::check_writable("no/such/folder/model.json").is_err());
/// ```
pub fn check_writable(path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let existed = path.exists();
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    if !existed {
        std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// Reads all of an opened file as UTF-8 text; `path` names it in errors.
pub(crate) fn read_opened(path: &Path, mut file: std::fs::File) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    decode_utf8(path, bytes)
}

/// Reads a whole file as UTF-8 text (a leading byte-order mark dropped),
/// with errors naming the file.
///
/// # Errors
///
/// A directory, a missing file and invalid UTF-8 each give their own error.
///
/// ```
/// assert!(jianbao::read_text_file("no/such/file.md").is_err());
/// ```
pub fn read_text_file(path: impl AsRef<Path>) -> Result<String> {
    let path = path.as_ref();
    read_opened(path, open_file(path)?)
}
