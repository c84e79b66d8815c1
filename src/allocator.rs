//! The global allocator: mimalloc (the allocator of CPython's free-threaded
//! build). The `mimalloc` crate's `MiMalloc` sends every request through
//! `mi_malloc_aligned`, whose extra checks showed up in allocation-heavy
//! profiles (about 10% of the instructions of a dict-literal loop). Every
//! mimalloc block is aligned to at least 8 bytes (block sizes are multiples
//! of the word size), so requests that need no more go to the plain
//! `mi_malloc` family; the rest keep the aligned entry points.
//!
//! Built with `MI_MAX_ALIGN_SIZE=8` (`.cargo/config.toml`): mimalloc's
//! default keeps blocks 16-byte aligned, so sizes up to 64 bytes come in
//! 16-byte steps (a 40-byte float would take 48); with 8 they come in 8-byte
//! steps. Requests for more than 8-byte alignment go to the aligned entry
//! points, which honour any alignment.
//!
//! Built with mimalloc's `no_thp` feature: no transparent-huge-page requests,
//! as the mimalloc 2 inside CPython 3.13t makes none (see bench/README.md).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long, c_void};

use libmimalloc_sys as mi;

// SAFETY: mimalloc's own declarations (mimalloc.h), which the
// `libmimalloc-sys` crate exposes only with its `extended` feature.
unsafe extern "C" {
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay`: the sixteenth entry of `mi_option_e` in
/// mimalloc 3 (the version `libmimalloc-sys` 0.1.49 builds; include/mimalloc.h).
const PURGE_DELAY: c_int = 15;

/// mimalloc 3's default purge delay, in milliseconds (src/options.c; the
/// header's comment still gives mimalloc 2's 10).
const DEFAULT_PURGE_DELAY_MS: c_long = 1000;

/// Makes mimalloc give freed pages back to the system at once instead of
/// up to a second later, unless `MIMALLOC_PURGE_DELAY` says otherwise.
///
/// With the delay, memory freed by one phase of a program (a list of half
/// a million strings dropped, a large buffer replaced) stayed resident while
/// the next phase took fresh pages instead of it, so peak memory depended on
/// timing: `str_ops` peaked anywhere between 147 and 160 MB over runs of one
/// build, and at 147 MB every time with the pages given back at once.
/// CPython gives memory back as soon as it is free too (obmalloc releases an
/// empty arena; the C library unmaps a large block on `free`).
/// (bench/results/memory_session12-2026-11-27.txt has the measurements.)
pub fn return_freed_memory_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: mimalloc's option calls are thread-safe and take any option
    // number; the option is changed only if it holds its documented default
    // (a different mimalloc whose sixteenth option is another one is left
    // alone).
    unsafe {
        if mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY_MS {
            mi_option_set(PURGE_DELAY, 0);
        }
    }
}

/// Alignment every mimalloc block has.
const WORD_ALIGN: usize = 8;

/// True if mimalloc's plain entry points satisfy `layout`'s alignment.
#[inline(always)]
fn word_aligned(layout: &Layout) -> bool {
    layout.align() <= WORD_ALIGN
}

/// mimalloc through its plain entry points where the alignment allows.
pub struct Mimalloc;

// SAFETY: the functions below forward to mimalloc, a general-purpose
// allocator: each returns memory of at least the requested size with at least
// the requested alignment (plain calls only for alignments of 8 or less, which
// every mimalloc block satisfies), or null on failure, and frees only what it
// returned.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarding a valid layout to mimalloc.
        unsafe {
            if word_aligned(&layout) {
                mi::mi_malloc(layout.size()) as *mut u8
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if word_aligned(&layout) {
                mi::mi_zalloc(layout.size()) as *mut u8
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator (the caller's contract).
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; mimalloc's
        // realloc keeps the contents and, for the aligned variant, the
        // alignment.
        unsafe {
            if word_aligned(&layout) {
                mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // SAFETY: mimalloc's own declaration (mimalloc.h), which the
    // `libmimalloc-sys` crate exposes only with its `extended` feature.
    unsafe extern "C" {
        fn mi_usable_size(p: *const c_void) -> usize;
    }

    /// The build gives mimalloc one size class per word for small blocks
    /// (`MI_MAX_ALIGN_SIZE=8`, see `.cargo/config.toml`); a CFLAGS set in
    /// the environment replaces that setting, and this fails.
    #[test]
    fn small_blocks_come_in_word_steps() {
        for size in [24, 40, 56] {
            // SAFETY: a plain allocation, measured and freed.
            unsafe {
                let p = mi::mi_malloc(size);
                assert!(!p.is_null());
                assert_eq!(
                    mi_usable_size(p),
                    size,
                    "block size of a {size}-byte request"
                );
                mi::mi_free(p);
            }
        }
    }

    /// The option set by `return_freed_memory_at_once` is mimalloc's purge
    /// delay: option 15 holds its default of 1000 ms in a process that has
    /// not changed it (test processes do not call it).
    #[test]
    fn option_fifteen_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option.
            let delay = unsafe { mi_option_get(PURGE_DELAY) };
            assert_eq!(delay, DEFAULT_PURGE_DELAY_MS);
        }
    }

    /// Types that need 16-byte alignment still get it from the
    /// word-stepped classes.
    #[test]
    fn sixteen_byte_alignment_is_honoured() {
        let layout = Layout::from_size_align(40, 16).unwrap();
        let ptrs: Vec<*mut u8> = (0..64)
            // SAFETY: a valid, non-zero-size layout.
            .map(|_| unsafe { Mimalloc.alloc(layout) })
            .collect();
        for &p in &ptrs {
            assert_eq!(p as usize % 16, 0);
            // SAFETY: allocated above with this layout.
            unsafe { Mimalloc.dealloc(p, layout) };
        }
    }
}
