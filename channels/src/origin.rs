//! Where queue items come from, and what becomes of them when their origin
//! goes away (CPython 3.14's `unbounditems`).
//!
//! Every item in a [`crate::Queue`] carries a [`Tag`]: its *origin*, a number
//! the caller picks (the interpreter layer uses the id of the interpreter
//! that put it), and an [`Unbound`] rule. When an origin is retired
//! ([`retire`]: its interpreter was closed), its items still queued follow
//! their rule:
//!
//! - [`Unbound::Replace`]: `get` takes the item and returns
//!   [`crate::Got::Unbound`] instead of its message (Python: the `UNBOUND`
//!   sentinel);
//! - [`Unbound::Error`]: the same, and the interpreter layer raises
//!   `ItemInterpreterDestroyed`;
//! - [`Unbound::Remove`]: the item leaves the queue at once: `qsize` drops
//!   and a bounded queue has room again.
//!
//! # Cost
//!
//! Nothing is done to the queues' items when an origin is retired, except
//! for `Remove` items: a message is never touched after `put`, and `get`
//! decides what an item has become. For a `Replace` or `Error` item that is
//! one bit test in a table of retired origins, which is only written by
//! [`retire`] (a load from a line no one writes; origin 0 skips even that).
//! `Remove` items are counted per queue and origin when they are put (only
//! they take the queue's book-keeping lock), so [`retire`] knows how many
//! each queue loses without walking the channel: they stay in it as
//! *tombstones*, no longer counted, and `get` drops them when it meets them.
//!
//! # Contract
//!
//! Origins are below 2^62 (a queue packs an item's tag in one word). Origin
//! 0 is never retired (the main interpreter). An origin is retired once,
//! after the last `put` from it has returned, and never puts again
//! (interpreter ids are never reused; an interpreter is closed only when
//! nothing runs in it).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// What becomes of an item whose origin is retired while it is queued. The
/// numbers are CPython's flags (`Modules/_interpreters_common.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Unbound {
    /// The item leaves the queue at once (`UNBOUND_REMOVE`).
    Remove = 1,
    /// `get` takes it and reports the loss (`UNBOUND_ERROR`).
    Error = 2,
    /// `get` takes it and gives a stand-in (`UNBOUND`).
    Replace = 3,
}

impl Unbound {
    /// The rule with CPython's flag `flag` (1, 2 or 3).
    pub fn from_flag(flag: i64) -> Option<Unbound> {
        match flag {
            1 => Some(Unbound::Remove),
            2 => Some(Unbound::Error),
            3 => Some(Unbound::Replace),
            _ => None,
        }
    }

    /// CPython's flag for this rule.
    pub fn flag(self) -> i64 {
        self as i64
    }
}

/// Who put an item, and what becomes of it once that origin is retired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    /// The origin (0: one that is never retired).
    pub origin: u64,
    /// The rule applied once the origin is retired.
    pub unbound: Unbound,
}

impl Tag {
    /// An item of origin 0, which is never retired.
    pub const UNRETIRED: Tag = Tag {
        origin: 0,
        unbound: Unbound::Replace,
    };

    /// An item of `origin` (below 2^62), handled by `unbound` once the
    /// origin is retired.
    pub fn new(origin: u64, unbound: Unbound) -> Tag {
        Tag { origin, unbound }
    }
}

impl Default for Tag {
    fn default() -> Tag {
        Tag::UNRETIRED
    }
}

/// Origins per page of the table (a bit each: 8 KiB a page).
const PAGE_ORIGINS: u64 = 1 << 16;
const PAGE_WORDS: usize = (PAGE_ORIGINS / 64) as usize;
/// Pages in the table: origins below 2^24 are a bit test; any beyond that
/// (16 million interpreters later) are looked up in a set.
const PAGES: usize = 256;

type Page = [AtomicU64; PAGE_WORDS];

/// The retired origins below `PAGES * PAGE_ORIGINS`, a page allocated when
/// the first origin in it is retired.
static TABLE: [OnceLock<Box<Page>>; PAGES] = [const { OnceLock::new() }; PAGES];
/// Retired origins past the table.
static BEYOND: Mutex<Option<HashSet<u64>>> = Mutex::new(None);
static ANY_BEYOND: AtomicBool = AtomicBool::new(false);

/// True once `origin` has been retired.
#[inline]
pub fn is_retired(origin: u64) -> bool {
    let page = origin / PAGE_ORIGINS;
    if page < PAGES as u64 {
        match TABLE[page as usize].get() {
            None => false,
            Some(p) => {
                let bit = origin % PAGE_ORIGINS;
                p[(bit / 64) as usize].load(Ordering::Acquire) & (1 << (bit % 64)) != 0
            }
        }
    } else {
        is_retired_beyond(origin)
    }
}

#[cold]
fn is_retired_beyond(origin: u64) -> bool {
    ANY_BEYOND.load(Ordering::Acquire)
        && BEYOND
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|s| s.contains(&origin))
}

/// Retires `origin` (its interpreter was closed): from now on `get` treats
/// its queued items by their [`Unbound`] rule, and its `Remove` items leave
/// every queue at once. Origin 0 is never retired (the call does nothing).
pub fn retire(origin: u64) {
    if origin == 0 {
        return;
    }
    let page = origin / PAGE_ORIGINS;
    if page < PAGES as u64 {
        let p = TABLE[page as usize]
            .get_or_init(|| Box::new([const { AtomicU64::new(0) }; PAGE_WORDS]));
        let bit = origin % PAGE_ORIGINS;
        p[(bit / 64) as usize].fetch_or(1 << (bit % 64), Ordering::SeqCst);
    } else {
        BEYOND
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(HashSet::new)
            .insert(origin);
        ANY_BEYOND.store(true, Ordering::SeqCst);
    }
    crate::queue::drop_removable(origin);
}
