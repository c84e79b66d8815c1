//! Substring search behind the `str` and `bytes` methods (`find`, `index`,
//! `count`, `split`, `rsplit`, `partition`, `replace`): memchr's vectorised
//! byte and substring searchers instead of building a fresh two-way searcher
//! per call (std's `str::find(&str)`), which dominated short searches such as
//! `field.partition(":")`.
//!
//! Positions are byte offsets. A match of a valid UTF-8 needle inside valid
//! UTF-8 text always starts and ends on character boundaries, so the `str`
//! callers may slice at them. Every function here takes a non-empty needle;
//! callers handle the empty separator themselves (its meaning differs per
//! method).

use memchr::memmem;

/// First occurrence of `needle` in `hay`.
#[inline]
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [b] => memchr::memchr(*b, hay),
        _ => memmem::find(hay, needle),
    }
}

/// Last occurrence of `needle` in `hay`.
#[inline]
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [b] => memchr::memrchr(*b, hay),
        _ => memmem::rfind(hay, needle),
    }
}

/// Calls `f` with the start offset of each non-overlapping occurrence of
/// `needle`, leftmost first, at most `max` of them.
#[inline]
pub fn each_match(hay: &[u8], needle: &[u8], max: usize, mut f: impl FnMut(usize)) {
    if max == 0 {
        return;
    }
    let mut n = 0;
    let mut found = |i| {
        f(i);
        n += 1;
        n < max
    };
    match needle {
        [b] => {
            for i in memchr::memchr_iter(*b, hay) {
                if !found(i) {
                    break;
                }
            }
        }
        _ => {
            // memmem's iterator already skips past each match, so the
            // occurrences it reports do not overlap.
            for i in memmem::find_iter(hay, needle) {
                if !found(i) {
                    break;
                }
            }
        }
    }
}

/// Start offsets of the non-overlapping occurrences of `needle` found from
/// the right (as `rsplit` and `rpartition` see them), rightmost first, at
/// most `max` of them.
pub fn rpositions(hay: &[u8], needle: &[u8], max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut end = hay.len();
    while out.len() < max {
        match rfind(&hay[..end], needle) {
            Some(i) => {
                out.push(i);
                end = i;
            }
            None => break,
        }
    }
    out
}

/// Number of non-overlapping occurrences of `needle`.
pub fn count(hay: &[u8], needle: &[u8]) -> usize {
    match needle {
        [b] => memchr::memchr_iter(*b, hay).count(),
        _ => memmem::find_iter(hay, needle).count(),
    }
}

/// Number of pieces `split(hay, sep, max)` gives (counted first, so the
/// caller can size its result exactly).
pub fn split_count(hay: &str, sep: &str, max: usize) -> usize {
    count(hay.as_bytes(), sep.as_bytes()).min(max) + 1
}

/// Calls `f` on each piece of `hay` split at each occurrence of `sep`, left
/// to right, at most `max` splits (`str.split(sep, maxsplit)`).
pub fn split_each<'a>(hay: &'a str, sep: &str, max: usize, mut f: impl FnMut(&'a str)) {
    let mut start = 0;
    each_match(hay.as_bytes(), sep.as_bytes(), max, |i| {
        f(&hay[start..i]);
        start = i + sep.len();
    });
    f(&hay[start..]);
}

/// `hay` split at each occurrence of `sep`, left to right, at most `max`
/// splits (`str.split(sep, maxsplit)`).
pub fn split<'a>(hay: &'a str, sep: &str, max: usize) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(split_count(hay, sep, max));
    split_each(hay, sep, max, |p| out.push(p));
    out
}

/// `hay` split at each occurrence of `sep` found from the right, at most
/// `max` splits, in left-to-right order (`str.rsplit(sep, maxsplit)`).
pub fn rsplit<'a>(hay: &'a str, sep: &str, max: usize) -> Vec<&'a str> {
    let at = rpositions(hay.as_bytes(), sep.as_bytes(), max);
    let mut out = Vec::with_capacity(at.len() + 1);
    let mut end = hay.len();
    for i in at {
        out.push(&hay[i + sep.len()..end]);
        end = i;
    }
    out.push(&hay[..end]);
    out.reverse();
    out
}

/// `hay` with the first `max` occurrences of `old` replaced by `new`.
pub fn replace(hay: &[u8], old: &[u8], new: &[u8], max: usize) -> Vec<u8> {
    // Counted first, so the result is one block of the exact size.
    let n = count(hay, old).min(max);
    if n == 0 {
        return hay.to_vec();
    }
    let mut out = Vec::with_capacity(hay.len() - n * old.len() + n * new.len());
    let mut start = 0;
    each_match(hay, old, n, |i| {
        out.extend_from_slice(&hay[start..i]);
        out.extend_from_slice(new);
        start = i + old.len();
    });
    out.extend_from_slice(&hay[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_std() {
        let cases = [
            ("a,b,,c", ","),
            ("item1:xyz", ":"),
            ("aaaa", "aa"),
            ("abcabcab", "abc"),
            ("héllo wörld héllo", "héllo"),
            ("no match here", "zz"),
            ("", "x"),
            ("xx", "xx"),
        ];
        for (hay, sep) in cases {
            let (h, s) = (hay.as_bytes(), sep.as_bytes());
            assert_eq!(find(h, s), hay.find(sep), "{hay} {sep}");
            assert_eq!(rfind(h, s), hay.rfind(sep), "{hay} {sep}");
            assert_eq!(count(h, s), hay.matches(sep).count(), "{hay} {sep}");
            assert_eq!(
                split(hay, sep, usize::MAX),
                hay.split(sep).collect::<Vec<_>>()
            );
            assert_eq!(split(hay, sep, 1), hay.splitn(2, sep).collect::<Vec<_>>());
            let mut r: Vec<&str> = hay.rsplit(sep).collect();
            r.reverse();
            assert_eq!(rsplit(hay, sep, usize::MAX), r, "{hay} {sep}");
            let mut r1: Vec<&str> = hay.rsplitn(2, sep).collect();
            r1.reverse();
            assert_eq!(rsplit(hay, sep, 1), r1, "{hay} {sep}");
            assert_eq!(
                String::from_utf8(replace(h, s, b"<>", usize::MAX)).unwrap(),
                hay.replace(sep, "<>")
            );
            assert_eq!(
                String::from_utf8(replace(h, s, b"", 1)).unwrap(),
                hay.replacen(sep, "", 1)
            );
        }
    }
}
