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
