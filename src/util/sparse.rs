//! Sparse vectors (`(id, weight)` pairs sorted by id) and rows of them
//! stored end to end.

/// A sparse vector: `(term id, weight)` pairs sorted by id.
pub type SparseVec = Vec<(u32, f32)>;

/// Rows of entries stored end to end (one allocation for all of them):
/// row `i` is `rows[i]`, a slice. A document keeps one row per sentence.
///
/// ```
/// use jianbao::analysis::Analyzer;
/// let doc = Analyzer::default().analyze("医院开诊。医院很忙。");
/// assert_eq!(doc.rows().len(), 2);
/// assert!(doc.rows().iter().all(|row| !row.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows<T> {
    /// Row `i` is `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    entries: Vec<T>,
}

impl<T> Rows<T> {
    /// Rows from their offsets (`n + 1` of them, starting at 0, never
    /// decreasing, the last at most `entries.len()`) and entries.
    pub(crate) fn from_parts(offsets: Vec<usize>, entries: Vec<T>) -> Self {
        debug_assert!(offsets.first() == Some(&0) && offsets.windows(2).all(|w| w[0] <= w[1]));
        Rows { offsets, entries }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Are there no rows?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in order.
    pub fn iter(&self) -> RowsIter<'_, T> {
        RowsIter {
            rows: self,
            next: 0,
        }
    }

    /// Every entry of every row, end to end.
    pub(crate) fn entries(&self) -> &[T] {
        &self.entries
    }

    /// Where each row starts, and where the last ends.
    pub(crate) fn offsets(&self) -> &[usize] {
        &self.offsets
    }
}

/// The rows of a [`Rows`], in order.
#[derive(Debug, Clone)]
pub struct RowsIter<'r, T> {
    rows: &'r Rows<T>,
    next: usize,
}

impl<'r, T> Iterator for RowsIter<'r, T> {
    type Item = &'r [T];

    fn next(&mut self) -> Option<&'r [T]> {
        (self.next < self.rows.len()).then(|| {
            self.next += 1;
            &self.rows[self.next - 1]
        })
    }
}

impl<'r, T> IntoIterator for &'r Rows<T> {
    type Item = &'r [T];
    type IntoIter = RowsIter<'r, T>;

    fn into_iter(self) -> RowsIter<'r, T> {
        self.iter()
    }
}

impl<T> std::ops::Index<usize> for Rows<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        &self.entries[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// Each distinct id of `ids` with the number of times it occurs, in
/// increasing id order. `ids` is sorted in place: plain numbers sort
/// faster than `(id, count)` pairs would.
pub(crate) fn id_runs(ids: &mut [u32]) -> impl Iterator<Item = (u32, usize)> + '_ {
    ids.sort_unstable();
    ids.chunk_by(|a, b| a == b).map(|run| (run[0], run.len()))
}

/// Sorts `(id, value)` pairs by id and adds up the values of repeated ids,
/// turning a list of occurrences into a sparse vector.
#[cfg_attr(not(feature = "summarize"), allow(dead_code))]
pub(crate) fn sum_duplicates<T: std::ops::AddAssign + Copy>(v: &mut Vec<(u32, T)>) {
    v.sort_unstable_by_key(|&(id, _)| id);
    let mut kept = 0;
    for k in 0..v.len() {
        if kept > 0 && v[kept - 1].0 == v[k].0 {
            let value = v[k].1;
            v[kept - 1].1 += value;
        } else {
            v[kept] = v[k];
            kept += 1;
        }
    }
    v.truncate(kept);
}

/// Scales a sparse vector to unit length (a zero vector stays zero).
pub(crate) fn normalize(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Dot product of two sparse vectors sorted by id.
///
/// ```
/// use jianbao::analysis::dot;
/// assert_eq!(dot(&[(0, 1.0), (2, 2.0)], &[(2, 3.0), (5, 1.0)]), 6.0);
/// ```
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_summed() {
        let mut v = vec![(3, 1.0), (1, 2.0), (3, 0.5)];
        sum_duplicates(&mut v);
        assert_eq!(v, vec![(1, 2.0), (3, 1.5)]);
    }
}
