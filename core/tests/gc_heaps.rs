//! Each interpreter's heap is collected on its own (PEP 684: a collector
//! per interpreter). A thread collecting cycles in heap A in a loop must
//! neither free, promote nor move the containers of heap B, which a second
//! thread builds, reads and throws away at the same time without any lock
//! shared with A (as two interpreters with their own GILs do).
//!
//! Its own test binary: it needs no `Vm` and no GIL, and nothing else may
//! allocate into the heaps it watches.

use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::Arc;

use gilgamesh_core::gc;
use gilgamesh_core::types::{self, seq::ListData};
use gilgamesh_core::Value;

/// `n` two-list cycles, let go of at once: garbage only a collection frees.
fn make_garbage_cycles(n: usize) {
    for _ in 0..n {
        let x = types::new_list(vec![]);
        let y = types::new_list(vec![x.clone()]);
        x.downcast::<ListData>().expect("list").push(y);
    }
}

fn int_of(v: &Value) -> i64 {
    v.as_small().expect("small int")
}

#[test]
fn collections_of_one_heap_leave_another_heap_alone() {
    let a = gc::new_heap();
    let b = gc::new_heap();
    let b_ready = Arc::new(AtomicBool::new(false));
    let a_done = Arc::new(AtomicBool::new(false));

    let collector = {
        let (b_ready, a_done) = (b_ready.clone(), a_done.clone());
        std::thread::spawn(move || {
            let _in_a = gc::enter_heap(a);
            while !b_ready.load(SeqCst) {
                std::thread::yield_now();
            }
            let mut found = 0;
            for _ in 0..2_000 {
                make_garbage_cycles(20);
                found += gc::collect();
            }
            a_done.store(true, SeqCst);
            found
        })
    };

    let builder = {
        let (b_ready, a_done) = (b_ready.clone(), a_done.clone());
        std::thread::spawn(move || {
            let _in_b = gc::enter_heap(b);
            // A live graph: a chain of [i, previous] lists, every tenth one
            // in a cycle with the root, held only by this thread's `root`.
            let root = types::new_list(vec![]);
            let mut prev = types::none();
            for i in 0..5_000i64 {
                let node = types::new_list(vec![types::new_int(i), prev]);
                if i % 10 == 0 {
                    node.downcast::<ListData>()
                        .expect("list")
                        .push(root.clone());
                }
                root.downcast::<ListData>()
                    .expect("list")
                    .push(node.clone());
                prev = node;
            }
            drop(prev);
            // And garbage of B's own, which only B's collector may free.
            make_garbage_cycles(1_000);
            let before = gc::generation_counts();
            b_ready.store(true, SeqCst);
            let mut reads = 0u64;
            while !a_done.load(SeqCst) {
                let nodes = root.downcast::<ListData>().expect("list").snapshot();
                for (i, node) in nodes.iter().enumerate() {
                    let items = node.downcast::<ListData>().expect("list").snapshot();
                    assert_eq!(
                        int_of(&items[0]),
                        i as i64,
                        "B's graph changed under A's collector"
                    );
                }
                reads += 1;
                assert_eq!(
                    gc::generation_counts(),
                    before,
                    "A's collections touched B's registry"
                );
            }
            let after = gc::generation_counts();
            // B's own collection finds exactly its garbage (two lists per
            // cycle) and keeps the graph.
            let found = gc::collect();
            let kept = root.downcast::<ListData>().expect("list").len();
            (before, after, found, kept, reads)
        })
    };

    let found_in_a = collector.join().expect("collector thread");
    let (before, after, found_in_b, kept, reads) = builder.join().expect("builder thread");
    assert_eq!(found_in_a, 2_000 * 20 * 2, "A finds exactly its own cycles");
    assert_eq!(before, after, "B's generations unchanged while A collected");
    assert_eq!(before.1, 0, "B never collected, so nothing of B is old");
    assert_eq!(
        found_in_b,
        1_000 * 2,
        "B's garbage was left for B's collector"
    );
    assert_eq!(kept, 5_000);
    assert!(reads > 0);
}
