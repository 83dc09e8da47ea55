//! Lines of a text, whatever its line endings.

/// The lines of `text` with the byte offset where each starts: `\n`,
/// `\r\n` and a lone `\r` (old Mac files, some copy-paste) all end a line,
/// and the ending is not part of the line. A text that ends with a line
/// ending has no empty last line; an empty text has no line.
///
/// ```
/// let lines: Vec<(usize, &str)> = jianbao::text::lines("一\r\n二\r三\n").collect();
/// assert_eq!(lines, vec![(0, "一"), (5, "二"), (9, "三")]);
/// ```
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, at: 0 }
}

/// The iterator of [`lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = &self.text[self.at..];
        if rest.is_empty() {
            return None;
        }
        let start = self.at;
        match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) => {
                let ending =
                    if rest.as_bytes()[i] == b'\r' && rest.as_bytes().get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                self.at += i + ending;
                Some((start, &rest[..i]))
            }
            None => {
                self.at = self.text.len();
                Some((start, rest))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ending_ends_a_line() {
        fn all(t: &str) -> Vec<&str> {
            lines(t).map(|(_, l)| l).collect()
        }
        assert_eq!(all("a\nb"), ["a", "b"]);
        assert_eq!(all("a\r\nb\r\n"), ["a", "b"]);
        assert_eq!(all("a\rb\r"), ["a", "b"]);
        assert_eq!(all("a\n\n\rb"), ["a", "", "", "b"]);
        assert!(all("").is_empty());
        for t in ["一\r二\n三\r\n四", "\r\r\n"] {
            for (start, line) in lines(t) {
                assert_eq!(&t[start..start + line.len()], line);
            }
        }
    }
}
