//! Loom model of the lock-free list read protocol
//! (`gilgamesh_core::types::list_store`): a writer publishes the buffer,
//! capacity, start and length of a list in the order `ListStore::publish`
//! uses (the buffer before its capacity, then the start, then the length)
//! while it pops from the front, appends, compacts and moves the items into
//! bigger buffers; a reader loads them in the order `ListView::get` uses
//! (length, capacity, buffer, start) and reads a word only when its index is
//! below the capacity it loaded. The model checks, in every interleaving,
//! that such a word is inside the buffer the reader loaded: a race can show
//! the reader another item, never memory outside the buffer. (Swapping the
//! writer's buffer and capacity stores makes the model fail.)

use loom::sync::atomic::AtomicUsize;
use loom::sync::Arc;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};

/// The capacities of the model's buffers, by id (0: no buffer). A buffer
/// is only replaced by one at least as big (the module's rule).
const CAPS: [usize; 4] = [0, 2, 4, 8];

#[derive(Default)]
struct View {
    buf: AtomicUsize,
    cap: AtomicUsize,
    start: AtomicUsize,
    len: AtomicUsize,
}

/// The writer's state: (buffer id, start, length).
#[derive(Clone, Copy)]
struct Store(usize, usize, usize);

impl Store {
    /// `ListStore::publish`.
    fn publish(self, v: &View) {
        let Store(buf, start, len) = self;
        if v.buf.load(Relaxed) != buf {
            v.buf.store(buf, Release);
            v.cap.store(CAPS[buf], Release);
        }
        if v.start.load(Relaxed) != start {
            v.start.store(start, Release);
        }
        if v.len.load(Relaxed) != len {
            v.len.store(len, Release);
        }
    }

    fn pop_front(self) -> Store {
        let Store(buf, start, len) = self;
        assert!(len > 0);
        if len == 1 {
            Store(buf, 0, 0)
        } else {
            Store(buf, start + 1, len - 1)
        }
    }

    /// `push` with `reserve`'s choice: compact in place when the buffer is
    /// at most three quarters full, else move to the next buffer.
    fn push(self) -> Store {
        let Store(buf, start, len) = self;
        let cap = CAPS[buf];
        if start + len < cap {
            return Store(buf, start, len + 1);
        }
        if start > 0 && len < cap - cap / 4 {
            return Store(buf, 0, len + 1);
        }
        assert!(buf + 1 < CAPS.len(), "model ran out of buffers");
        Store(buf + 1, 0, len + 1)
    }
}

/// `ListView::get` for every index the reader's length allows; returns how
/// many words it read.
fn read_all(v: &View) -> usize {
    let len = v.len.load(Acquire);
    let cap = v.cap.load(Acquire);
    let buf = v.buf.load(Acquire);
    let start = v.start.load(Acquire);
    let mut read = 0;
    for i in 0..len {
        let k = start + i;
        if k >= cap {
            continue; // the locked path
        }
        assert!(
            k < CAPS[buf],
            "word {k} outside buffer {buf} ({} words)",
            CAPS[buf]
        );
        read += 1;
    }
    read
}

fn run(steps: &'static [fn(Store) -> Store]) {
    loom::model(move || {
        let v = Arc::new(View::default());
        let first = Store(1, 0, 2);
        first.publish(&v);
        let w = {
            let v = v.clone();
            loom::thread::spawn(move || {
                let mut s = first;
                for step in steps {
                    s = step(s);
                    s.publish(&v);
                }
            })
        };
        read_all(&v);
        w.join().unwrap();
        read_all(&v);
    });
}

/// A queue that outgrows its buffer: pop, push (moves to a bigger buffer),
/// pops that advance the start, pushes that reach the end.
#[test]
fn queue_moves_to_a_bigger_buffer() {
    run(&[
        Store::pop_front,
        Store::push,
        Store::push,
        Store::pop_front,
        Store::push,
    ]);
}

/// Pops from the front, then pushes that compact the items in place (the
/// start goes back to 0 while the reader may hold an old, larger one).
#[test]
fn compaction_resets_the_start() {
    run(&[
        Store::push,
        Store::push,
        Store::pop_front,
        Store::pop_front,
        Store::pop_front,
        Store::push,
        Store::push,
    ]);
}
