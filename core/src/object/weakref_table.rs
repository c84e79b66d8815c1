//! The weak-reference table: for every object that has weak references,
//! the list of them, kept outside the object.
//!
//! CPython gives each weakly referenceable type a `tp_weaklistoffset`: a
//! pointer-sized field in the object that heads a linked list of its weak
//! references. gilgamesh's header is 32 bytes and every object would pay for a
//! field in it, while few objects ever get a weak reference, so the lists
//! live here instead, keyed by the referent's address, in 64 shards (a
//! mutex and a hash map each, on their own cache lines) chosen by address,
//! so threads that create and drop weak references to different objects
//! rarely share a lock. The object carries one bit, `GC_WEAKREFS` in
//! `ob_gc_bits`, set when its first weak reference is registered: the
//! deallocator tests it with the `GC_TRACKED` test it already makes (same
//! byte, one load), and only objects that had a weak reference take the
//! cold path into [`clear_dying`].
//!
//! The table is the single source of truth: a weak reference object keeps
//! its referent's address, but it is *alive* only while its entry is in
//! the referent's list. Clearing a referent removes its whole list under
//! the shard's lock, so a dead weak reference never looks at memory of
//! another object that reused the address (its own address is in no list
//! there). A weak reference's callback is kept in its entry too, so that
//! clearing hands it out without touching the weak reference object.
//!
//! Lists are in CPython's order: the basic reference (no callback, exact
//! `weakref.ref`, shared by every `ref(obj)` call while it lives) first,
//! then the others, newest first (CPython also puts a basic proxy second;
//! gilgamesh's proxies are Python objects holding a weak reference of a
//! subclass). Callbacks run in
//! that order (newest first), each with its weak reference as argument,
//! and only for weak references that are still alive: the clearing thread
//! takes a reference to each with [`refcount::try_incref`], which fails
//! for one whose count already reached zero (it is being freed and will
//! find its entry gone).
//!
//! Free-threaded dereference (CPython's `_PyWeakref_GET_REF`): under the
//! shard's lock, a weak reference whose entry is present has a referent
//! whose memory is not freed yet (the deallocator clears the entry under
//! the same lock before freeing), and `try_incref` refuses a referent whose
//! count already reached zero. Registration puts the referent in the
//! maybe-weakref state of `ob_ref_shared` (`refcount::mark_maybe_weakref_words`),
//! so a non-owner's `try_incref` races correctly with the owner's last
//! decrement.
//!
//! Lock order: a shard's lock is a leaf. Nothing that may take another
//! lock runs under it, and no `Value` is dropped under it (a drop may free
//! an object with weak references, which takes a shard lock): values to
//! drop are carried out of the critical section first. The collector's
//! traverse of a weak reference visits its callback under the lock; the
//! visitor only counts.
//!
//! Immortal referents (built-in types and functions, interned strings) are
//! shared by every interpreter and never die: weak references to them are
//! not registered here (see `stdlib::weakref`), so no interpreter can find
//! another's weak reference object through this table.

use std::collections::HashMap;
use std::sync::atomic::Ordering::Relaxed;

use super::header::{ObjHeader, GC_WEAKREFS};
use super::{refcount, Value};

/// How a weak reference sits in its referent's list.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    /// An exact `weakref.ref` without callback, shared by every `ref(obj)`.
    BasicRef,
    /// Any other: with a callback, or an instance of a subclass (the
    /// proxies of `weakref.py` hold one).
    Other,
}

/// One weak reference in a referent's list.
struct Entry {
    /// Address of the weak reference object.
    wr: usize,
    flavor: Flavor,
    callback: Option<Value>,
}

// SAFETY: an entry is only reached under its shard's lock. Its callback is
// an object of the interpreter that created the weak reference, and only
// that interpreter's threads look up entries of its objects (referents are
// mortal objects of one interpreter); a `Value` may be dropped on any
// thread, biased counting routing the decrement to the right count.
unsafe impl Send for Entry {}

type Lists = HashMap<usize, Vec<Entry>, rustc_hash::FxBuildHasher>;

/// One shard of the table, on its own cache lines.
#[repr(align(128))]
struct Shard(parking_lot::Mutex<Lists>);

const SHARDS: usize = 64;

static TABLE: [Shard; SHARDS] = [const {
    Shard(parking_lot::Mutex::new(HashMap::with_hasher(
        rustc_hash::FxBuildHasher,
    )))
}; SHARDS];

fn shard(referent: usize) -> &'static parking_lot::Mutex<Lists> {
    // Objects are at least 16-byte aligned: mix the bits above.
    let h = (referent >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    &TABLE[h >> (usize::BITS - SHARDS.trailing_zeros())].0
}

/// Callbacks to run for weak references cleared by a death: each weak
/// reference (a new reference to it) with its callback, in calling order.
pub type Callbacks = Vec<(Value, Value)>;

/// Queues cleared weak references' callbacks to run at the next safe point
/// (installed by the VM: deallocation and the collector run no Python code).
pub type CallbackHook = fn(Callbacks);

static CALLBACK_HOOK: std::sync::OnceLock<CallbackHook> = std::sync::OnceLock::new();

/// Installs the callback hook (once per process).
pub fn install_callback_hook(h: CallbackHook) {
    let _ = CALLBACK_HOOK.set(h);
}

fn hand_callbacks(cbs: Callbacks) {
    if cbs.is_empty() {
        return;
    }
    match CALLBACK_HOOK.get() {
        Some(h) => h(cbs),
        None => drop(cbs),
    }
}

/// Takes a new reference to the object at `addr` unless its count already
/// reached zero.
///
/// # Safety
/// `addr` is an object whose memory stays valid meanwhile (its entry is in
/// a list and the caller holds the shard's lock).
unsafe fn try_take(addr: usize) -> Option<Value> {
    let p = addr as *const ObjHeader;
    // SAFETY: valid memory (the caller's guarantee).
    if unsafe { refcount::try_incref(p) } {
        // SAFETY: the reference just taken is handed to the Value.
        Some(unsafe { Value::from_raw(p) })
    } else {
        None
    }
}

/// Registers the weak reference `wr` to `referent` (a mortal object the
/// caller holds a reference to). For a basic flavor, if a live weak
/// reference of that flavor already exists it is returned instead and `wr`
/// is not registered (the caller drops it).
pub fn register(
    referent: &Value,
    wr: &Value,
    flavor: Flavor,
    callback: Option<Value>,
) -> Option<Value> {
    let h = referent.header()?;
    // Read-modify-writes: another thread holding a reference may register
    // too; the collector writes this byte only with the world stopped.
    h.ob_gc_bits.fetch_or(GC_WEAKREFS, Relaxed);
    refcount::mark_maybe_weakref_words(h);
    // The weak reference object too (as CPython's `init_weakref`): the
    // thread that clears it, or that reuses it as the basic reference, may
    // not be its owner, and takes a reference with `try_incref`.
    if let Some(w) = wr.header() {
        refcount::mark_maybe_weakref_words(w);
    }
    let key = referent.bits();
    let mut leftover = callback;
    let existing = {
        let mut lists = shard(key).lock();
        let list = lists.entry(key).or_default();
        let mut found = None;
        if flavor != Flavor::Other {
            for e in list.iter().filter(|e| e.flavor == flavor) {
                // SAFETY: listed, under the lock.
                if let Some(v) = unsafe { try_take(e.wr) } {
                    found = Some(v);
                    break;
                }
            }
        }
        if found.is_none() {
            let at = match flavor {
                Flavor::BasicRef => 0,
                Flavor::Other => list
                    .iter()
                    .take_while(|e| e.flavor == Flavor::BasicRef)
                    .count(),
            };
            list.insert(
                at,
                Entry {
                    wr: wr.bits(),
                    flavor,
                    callback: leftover.take(),
                },
            );
        }
        found
    };
    drop(leftover);
    existing
}

/// Removes the weak reference at `wr` from the list of `referent` (the
/// weak reference is being freed). Nothing happens if the referent died
/// first (its list is gone, and with it the entry).
pub fn unregister(wr: usize, referent: usize) {
    let removed = {
        let mut lists = shard(referent).lock();
        let Some(list) = lists.get_mut(&referent) else {
            return;
        };
        let Some(i) = list.iter().position(|e| e.wr == wr) else {
            return;
        };
        let e = list.remove(i);
        if list.is_empty() {
            lists.remove(&referent);
        }
        e.callback
    };
    drop(removed);
}

/// The referent of the weak reference at `wr` (a new reference), or None
/// once it died or is dying.
pub fn deref(wr: usize, referent: usize) -> Option<Value> {
    let lists = shard(referent).lock();
    let list = lists.get(&referent)?;
    if !list.iter().any(|e| e.wr == wr) {
        return None;
    }
    // SAFETY: the entry is present under the lock, so the referent is not
    // freed yet (its deallocator removes the list first, under this lock).
    unsafe { try_take(referent) }
}

/// The callback of the weak reference at `wr`, if it has one and its
/// referent has not died.
pub fn callback_of(wr: usize, referent: usize) -> Option<Value> {
    let lists = shard(referent).lock();
    lists
        .get(&referent)?
        .iter()
        .find(|e| e.wr == wr)?
        .callback
        .clone()
}

/// Calls `visit` on the callback of the weak reference at `wr` (the
/// collector's traverse, under the lock: `visit` must only count).
pub fn visit_callback(wr: usize, referent: usize, visit: &mut dyn FnMut(&Value)) {
    let lists = shard(referent).lock();
    if let Some(cb) = lists
        .get(&referent)
        .and_then(|l| l.iter().find(|e| e.wr == wr))
        .and_then(|e| e.callback.as_ref())
    {
        visit(cb);
    }
}

/// Takes the callback of the weak reference at `wr` out (the collector's
/// clear, breaking a cycle through it).
pub fn take_callback(wr: usize, referent: usize) -> Option<Value> {
    let mut lists = shard(referent).lock();
    lists
        .get_mut(&referent)?
        .iter_mut()
        .find(|e| e.wr == wr)?
        .callback
        .take()
}

/// The number of weak references to `referent`
/// (`weakref.getweakrefcount`).
pub fn count(referent: &Value) -> usize {
    let key = referent.bits();
    shard(key).lock().get(&key).map_or(0, |l| l.len())
}

/// The live weak references to `referent`, in list order
/// (`weakref.getweakrefs`).
pub fn refs(referent: &Value) -> Vec<Value> {
    let key = referent.bits();
    let lists = shard(key).lock();
    let Some(list) = lists.get(&key) else {
        return Vec::new();
    };
    list.iter()
        // SAFETY: listed, under the lock.
        .filter_map(|e| unsafe { try_take(e.wr) })
        .collect()
}

/// Clears every weak reference to the object at `p` and returns the
/// callbacks to run: those of weak references that are alive and for which
/// `wants_callback` says yes. Runs no Python code and drops nothing under
/// the lock.
fn clear_list(p: *const ObjHeader, wants_callback: impl Fn(usize) -> bool) -> Callbacks {
    let key = p as usize;
    let mut out = Vec::new();
    let mut to_drop = Vec::new();
    {
        let mut lists = shard(key).lock();
        let Some(list) = lists.remove(&key) else {
            return out;
        };
        // Out of the table, every weak reference in the list reads as
        // dead. One whose count already reached zero waits for this lock in
        // `unregister` before its memory is freed, so it is tested (and the
        // live ones taken) before the lock is released.
        for e in list {
            let Some(cb) = e.callback else { continue };
            if !wants_callback(e.wr) {
                to_drop.push(cb);
                continue;
            }
            // SAFETY: the weak reference's memory is valid: a dying one
            // waits for this lock in `unregister` (its referent is `key`).
            match unsafe { try_take(e.wr) } {
                Some(w) => out.push((w, cb)),
                None => to_drop.push(cb),
            }
        }
    }
    drop(to_drop);
    out
}

/// The deallocator's cold path for an object with the `GC_WEAKREFS` bit:
/// clears its weak references and queues the callbacks of the live ones.
///
/// # Safety
/// `p` is an object whose last reference is gone, not yet freed.
#[cold]
#[inline(never)]
pub(crate) unsafe fn clear_dying(p: *const ObjHeader) {
    hand_callbacks(clear_list(p, |_| true));
}

/// The collector's clearing of an unreachable object's weak references
/// (CPython's `handle_weakrefs`): every weak reference to it is cleared, and
/// the callbacks of those that are not garbage themselves
/// (`is_garbage(address)` false) are queued. Clears the object's
/// `GC_WEAKREFS` bit. Runs with every other thread excluded.
///
/// # Safety
/// `p` is a live object.
pub(crate) unsafe fn clear_unreachable(p: *const ObjHeader, is_garbage: impl Fn(usize) -> bool) {
    // SAFETY: live (the caller's guarantee).
    let h = unsafe { &*p };
    h.ob_gc_bits.fetch_and(!GC_WEAKREFS, Relaxed);
    hand_callbacks(clear_list(p, |wr| !is_garbage(wr)));
}
