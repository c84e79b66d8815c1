//! A frame's value stack: a `Vec<Value>` whose push, pop and top are forced
//! inline into the eval loop.
//!
//! The eval loop pushes and pops on every instruction. `Vec::push` is an
//! `#[inline]` hint that LLVM declined inside `execute` (a function of
//! about 200 handlers): callgrind showed an out-of-line `Vec::push_mut` on
//! the call path of `fib`. Here the common case is a capacity compare, a
//! store and a length update, and only the growth path (the compiler sizes
//! each frame's stack, so it is not taken in practice) is a call.
//!
//! Everything else (`split_off`, `drain`, indexing, slices) is the inner
//! `Vec`'s, through `Deref`.
//!
//! While a frame runs, the eval loop works on its stack through a
//! [`LiveStack`], whose push and pop check nothing: the stack verifier
//! (`compiler::stack_verify`) proved them in bounds for the code the frame
//! runs. This module must never let a `LiveStack` run on a buffer smaller
//! than the code's stack bound.

use crate::object::Value;

/// The value stack of a frame.
#[derive(Default)]
pub struct ValueStack(Vec<Value>);

impl ValueStack {
    /// An empty stack with room for `n` values.
    pub fn with_capacity(n: usize) -> ValueStack {
        ValueStack(Vec::with_capacity(n))
    }

    /// Pushes `v`.
    #[inline(always)]
    pub fn push(&mut self, v: Value) {
        let len = self.0.len();
        if len == self.0.capacity() {
            self.grow();
        }
        // SAFETY: `len < capacity` (grown above if it was not), so slot
        // `len` is allocated and uninitialised; it becomes initialised
        // before the length covers it.
        unsafe {
            self.0.as_mut_ptr().add(len).write(v);
            self.0.set_len(len + 1);
        }
    }

    /// Pops the top value, or None when the stack is empty.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<Value> {
        let len = self.0.len();
        if len == 0 {
            return None;
        }
        // SAFETY: slot `len - 1` is initialised; shrinking the length first
        // hands its ownership to the read.
        unsafe {
            self.0.set_len(len - 1);
            Some(self.0.as_ptr().add(len - 1).read())
        }
    }

    /// The top value, or None when the stack is empty.
    #[inline(always)]
    pub fn last(&self) -> Option<&Value> {
        self.0.last()
    }

    /// The number of values.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the stack is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Drops values above height `n`.
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        while self.0.len() > n {
            drop(self.pop());
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        self.0.reserve(1);
    }
}

impl std::ops::Deref for ValueStack {
    type Target = Vec<Value>;
    #[inline(always)]
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl std::ops::DerefMut for ValueStack {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}

impl<'a> IntoIterator for &'a ValueStack {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The current frame's value stack while the eval loop runs.
///
/// The loop takes the stack of a frame when it starts running it and gives
/// it back when it leaves it (a call or a return switches frames, an
/// exception or the end of the loop leaves). In between, the buffer's
/// pointers are locals of the loop, so the optimiser keeps the top in a
/// register (CPython's eval loop keeps `stack_pointer` in a local the same
/// way and writes it back before anything that may look at the frame).
///
/// Push and pop check nothing, as CPython's do: [`LiveStack::take`] makes
/// the buffer hold at least the code's stack bound, and the stack verifier
/// (`compiler::stack_verify`, run on every code object by
/// `DispatchCode::new`) proved that no run of the code takes more values
/// than the stack holds or leaves more than the bound. Builds with debug
/// assertions still check every push and pop against the buffer.
///
/// Ownership while the stack is taken: the frame's vector keeps owning its
/// buffer, with its length set to zero, and the values on the stack belong
/// to the `LiveStack`. Nothing else looks at the stack of a running frame
/// (the collector traverses suspended generator frames only; tracebacks read
/// the code and the instruction pointer), and if a Rust panic unwinds
/// through the loop, the values are leaked, never dropped twice.
///
/// Invariants (between [`LiveStack::take`] and [`LiveStack::give_back`]):
/// `base..top` holds initialised values this stack owns; `top..end` is
/// allocated and uninitialised; `base..end` is the frame vector's buffer.
pub struct LiveStack {
    base: *mut Value,
    top: *mut Value,
    end: *mut Value,
}

impl LiveStack {
    /// Takes the values of `s`, leaving it empty (its buffer stays), after
    /// making room for `bound` values: the stack bound of the code about to
    /// run (`DispatchCode::stack_bound`), which the unchecked pushes rely
    /// on. Frames are made with that much room (`Vm::alloc_frame`) and
    /// nothing shrinks a frame's buffer, so the growth is never taken in
    /// practice.
    #[inline(always)]
    pub fn take(s: &mut ValueStack, bound: usize) -> LiveStack {
        if s.0.capacity() < bound {
            reserve_bound(s, bound);
        }
        let base = s.0.as_mut_ptr();
        let (len, cap) = (s.0.len(), s.0.capacity());
        // SAFETY: shrinking the length to zero hands the values to the
        // `LiveStack` (they stay initialised in the buffer); `len` and `cap`
        // stay within the buffer.
        unsafe {
            s.0.set_len(0);
            LiveStack {
                base,
                top: base.add(len),
                end: base.add(cap),
            }
        }
    }

    /// Gives the values back to `s`, the stack they were taken from. `self`
    /// must not be used again before it takes a stack again (the loop does
    /// that at once, or leaves).
    #[inline(always)]
    pub fn give_back(&mut self, s: &mut ValueStack) {
        debug_assert!(s.0.is_empty(), "value stack given back twice");
        debug_assert!(std::ptr::eq(s.0.as_ptr(), self.base), "another stack");
        // SAFETY: the buffer is the vector's own and its first `len` slots
        // hold the values, which pass back to the vector.
        unsafe { s.0.set_len(self.len()) };
    }

    /// The number of values.
    #[inline(always)]
    pub fn len(&self) -> usize {
        // SAFETY: both pointers are in the same buffer, `top >= base`.
        unsafe { self.top.offset_from(self.base) as usize }
    }

    /// Whether the stack is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.top == self.base
    }

    /// Pushes `v`. The caller must know there is room: in the eval loop,
    /// the push is one the stack verifier counted (see the type's
    /// documentation). Checked in builds with debug assertions only.
    #[inline(always)]
    pub fn push(&mut self, v: Value) {
        debug_assert!(self.top < self.end, "value stack overflow");
        // SAFETY: `top < end`: the buffer holds the code's stack bound
        // (`take`), and the stack verifier proved that every run of the
        // code stays within it (`compiler::stack_verify` argues each way
        // the loop moves between instructions), so this slot is allocated
        // and uninitialised; it becomes owned once `top` passes it.
        unsafe {
            self.top.write(v);
            self.top = self.top.add(1);
        }
    }

    /// Pops the top value. The caller must know there is one: in the eval
    /// loop, the pop is one the stack verifier counted. Checked in builds
    /// with debug assertions only.
    #[inline(always)]
    pub fn pop(&mut self) -> Value {
        debug_assert!(self.top > self.base, "value stack underflow");
        // SAFETY: `top > base`: the stack verifier proved that the stack
        // holds at least the values each instruction takes, and the depth
        // before an instruction is the verified one (`compiler::stack_verify`),
        // so the slot below `top` is initialised; moving `top` below it
        // hands its ownership to the read.
        unsafe {
            self.top = self.top.sub(1);
            self.top.read()
        }
    }

    /// The top value. The caller must know there is one, as for
    /// [`LiveStack::pop`].
    #[inline(always)]
    pub fn last(&self) -> &Value {
        debug_assert!(self.top > self.base, "value stack underflow");
        // SAFETY: as in `pop`, the slot below `top` is initialised and
        // owned by `self`.
        unsafe { &*self.top.sub(1) }
    }

    /// The values, bottom first.
    #[inline(always)]
    pub fn as_slice(&self) -> &[Value] {
        // SAFETY: `base..top` are initialised values owned by `self`.
        unsafe { std::slice::from_raw_parts(self.base, self.len()) }
    }

    /// The values, bottom first, mutably.
    #[inline(always)]
    pub fn as_mut_slice(&mut self) -> &mut [Value] {
        // SAFETY: as in `as_slice`, and `&mut self` makes the access unique.
        unsafe { std::slice::from_raw_parts_mut(self.base, self.len()) }
    }

    /// Drops values above height `n`.
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        while self.len() > n {
            drop(self.pop());
        }
    }

    /// Removes the values from height `n` up and returns them, bottom
    /// first. Panics if `n` is above the top.
    #[inline]
    pub fn split_off(&mut self, n: usize) -> Vec<Value> {
        self.drain_from(n).collect()
    }

    /// Removes the values from height `n` up and yields them, bottom first;
    /// those not consumed are dropped with the iterator. Panics if `n` is
    /// above the top.
    #[inline]
    pub fn drain_from(&mut self, n: usize) -> TopDrain<'_> {
        let len = self.len();
        assert!(n <= len, "drain above the top of the value stack");
        // SAFETY: `n <= len`, so the pointer is in `base..=top`.
        let from = unsafe { self.base.add(n) };
        let end = self.top;
        // The values above `n` now belong to the drain.
        self.top = from;
        TopDrain {
            cur: from,
            end,
            _stack: std::marker::PhantomData,
        }
    }
}

/// Grows a frame's stack buffer to hold `bound` values before the loop
/// takes it (`LiveStack::take`).
#[cold]
#[inline(never)]
fn reserve_bound(s: &mut ValueStack, bound: usize) {
    let len = s.0.len();
    s.0.reserve(bound.saturating_sub(len));
}

/// The values [`LiveStack::drain_from`] removed, bottom first.
pub struct TopDrain<'a> {
    cur: *mut Value,
    end: *mut Value,
    _stack: std::marker::PhantomData<&'a mut LiveStack>,
}

impl Iterator for TopDrain<'_> {
    type Item = Value;

    #[inline(always)]
    fn next(&mut self) -> Option<Value> {
        if self.cur == self.end {
            return None;
        }
        // SAFETY: `cur..end` are initialised values the drain owns; moving
        // `cur` past one hands its ownership to the read.
        unsafe {
            let v = self.cur.read();
            self.cur = self.cur.add(1);
            Some(v)
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        // SAFETY: both pointers are in one buffer, `end >= cur`.
        let n = unsafe { self.end.offset_from(self.cur) as usize };
        (n, Some(n))
    }
}

impl ExactSizeIterator for TopDrain<'_> {}

impl Drop for TopDrain<'_> {
    fn drop(&mut self) {
        for v in self.by_ref() {
            drop(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(s: &[Value]) -> Vec<i64> {
        s.iter().map(|v| v.as_small().expect("small int")).collect()
    }

    #[test]
    fn take_makes_room_for_the_bound_and_gives_back() {
        let mut frame = ValueStack::with_capacity(2);
        frame.push(Value::small(1));
        let mut live = LiveStack::take(&mut frame, 40);
        assert!(frame.is_empty() && frame.capacity() >= 40);
        for i in 2..=40 {
            live.push(Value::small(i));
        }
        assert_eq!(live.len(), 40);
        assert_eq!(live.last().as_small(), Some(40));
        live.give_back(&mut frame);
        assert_eq!(ints(&frame), (1..=40).collect::<Vec<_>>());
        let mut live = LiveStack::take(&mut frame, 40);
        assert_eq!(live.pop().as_small(), Some(40));
        live.give_back(&mut frame);
        assert_eq!(frame.len(), 39);
    }

    #[test]
    fn drain_split_truncate_and_pop() {
        let mut frame = ValueStack::with_capacity(16);
        let mut live = LiveStack::take(&mut frame, 10);
        for i in 0..10 {
            live.push(Value::small(i));
        }
        let top: Vec<Value> = live.split_off(7);
        assert_eq!(ints(&top), vec![7, 8, 9]);
        {
            let mut d = live.drain_from(4);
            assert_eq!(d.len(), 3);
            assert_eq!(d.next().and_then(|v| v.as_small()), Some(4));
            // The rest is dropped with the drain.
        }
        assert_eq!(ints(live.as_slice()), vec![0, 1, 2, 3]);
        live.as_mut_slice().swap(0, 3);
        live.truncate(2);
        assert_eq!(ints(live.as_slice()), vec![3, 1]);
        assert_eq!(live.pop().as_small(), Some(1));
        assert_eq!(live.pop().as_small(), Some(3));
        assert!(live.is_empty());
        live.give_back(&mut frame);
        assert!(frame.is_empty());
    }
}
