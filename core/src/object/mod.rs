//! The object core: header, values, allocation and deallocation.
//!
//! Every heap object is a `PyObj<T>`: the [`ObjHeader`], for containers the
//! collector's [`header::GcLink`], then a payload `T`. The payload's layout
//! is recorded in the header as a [`Kind`], so an object is exactly as large
//! as its payload needs (a float is the 32-byte header + 8 bytes), and
//! downcasting is one compare. The Python type (`ob_type`) is
//! separate from the layout: a user class inheriting from `Exception` has its own
//! type object but the `Exception` layout.
//!
//! This module owns every `unsafe` cast between header pointers and payloads.
//! It must never call back into Python code: deallocation only drops Rust data
//! (an object's weak references are cleared there, and their callbacks only
//! queued: `weakref_table`).

pub mod borrowed;
pub mod cache_slot;
pub mod claim_slot;
pub mod deferred;
pub mod freelist;
pub mod header;
pub mod pycell;
pub mod refcount;
pub mod value;
pub mod value_slot;
pub mod weakref_table;

use std::cell::Cell;

pub use header::ObjHeader;
pub use pycell::PyCell;
pub use value::Value;

/// A heap object: header, registry link (containers only), payload.
#[repr(C)]
pub struct PyObj<T: PyPayload> {
    /// The PEP 703 header.
    pub header: ObjHeader,
    /// The collector's registry slot ([`header::GcLink`]) for a tracked
    /// payload, zero bytes ([`header::NoLink`]) for the rest.
    pub link: T::Link,
    /// The layout-specific data.
    pub data: T,
}

/// Implemented by every payload type: its layout tag and how the cycle collector
/// sees its references.
pub trait PyPayload: Sized + 'static {
    /// The layout tag stored in the header.
    const KIND: Kind;
    /// True if the payload can hold references (the collector tracks it).
    const TRACKED: bool;
    /// [`header::GcLink`] if `TRACKED`, else [`header::NoLink`].
    type Link: header::LinkSlot;
    /// Calls `visit` on every reference the payload holds.
    fn traverse(&self, _visit: &mut dyn FnMut(&Value)) {}
    /// Drops every reference the payload holds (breaks cycles).
    fn clear(&self) {}
    /// True if bytes follow the payload in the object's block
    /// ([`alloc_with_tail`]).
    const HAS_TAIL: bool;
    /// How many (when `HAS_TAIL`).
    fn tail_len(&self) -> usize;
}

macro_rules! kinds {
    ($($kind:ident => $ty:ty,)*) => {
        /// The payload layout of a heap object.
        #[repr(u8)]
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Kind { $(
            #[doc = concat!("Layout `", stringify!($ty), "`.")]
            $kind,
        )* }

        $(impl PyPayload for $ty {
            const KIND: Kind = Kind::$kind;
            const TRACKED: bool = <$ty as crate::types::Traverse>::TRACKED;
            type Link = <header::LinkFor<{ <$ty as crate::types::Traverse>::TRACKED }> as header::SelectLink>::Link;
            fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
                <$ty as crate::types::Traverse>::traverse(self, visit)
            }
            fn clear(&self) {
                <$ty as crate::types::Traverse>::clear(self)
            }
            const HAS_TAIL: bool = <$ty as crate::types::Traverse>::HAS_TAIL;
            fn tail_len(&self) -> usize {
                <$ty as crate::types::Traverse>::tail_len(self)
            }
        }
        // The collector finds a container's link at one offset whatever
        // its payload.
        const _: () = assert!(
            !<$ty as PyPayload>::TRACKED
                || std::mem::offset_of!(PyObj<$ty>, link) == header::GC_LINK_OFFSET
        );
        )*

        /// Frees an object whose last reference is gone.
        ///
        /// # Safety
        /// `p` is a live object with no remaining references.
        unsafe fn dealloc_now(p: *const ObjHeader) {
            // SAFETY: the caller guarantees exclusivity.
            let h = unsafe { &*p };
            let bits = h.ob_gc_bits.load(std::sync::atomic::Ordering::Relaxed);
            // Weak references are cleared first, while the object is
            // intact (its `__del__`, if any, has run: `dealloc` asked the
            // finalize hook). One test of the byte already loaded: the
            // common object never had a weak reference.
            if bits & header::GC_WEAKREFS != 0 {
                // SAFETY: no reference is left and the object is not freed.
                unsafe { weakref_table::clear_dying(p) };
            }
            if bits & header::GC_TRACKED != 0 {
                crate::gc::untrack(p);
            }
            // (Floats were offered to the free list by `dealloc` already.)
            let ty = h.ob_type;
            match h.kind() { $(
                // SAFETY: objects of this kind were allocated as PyObj<$ty>
                // (by `alloc_with`, `alloc_immortal` or `alloc_with_tail`).
                Kind::$kind => unsafe { free_obj(p as *mut PyObj<$ty>) },
            )* }
            // The object held a reference to its type (heap types are mortal).
            // SAFETY: the type outlives its instances; this gives up that reference.
            if !ty.is_null() { unsafe { refcount::decref(ty) } }
        }

        /// Calls `visit` on every reference held by the object at `p`.
        ///
        /// # Safety
        /// `p` is a live object.
        pub unsafe fn traverse_raw(p: *const ObjHeader, visit: &mut dyn FnMut(&Value)) {
            // SAFETY: the caller guarantees liveness.
            let h = unsafe { &*p };
            match h.kind() { $(
                // SAFETY: objects of this kind are PyObj<$ty>.
                Kind::$kind => <$ty as PyPayload>::traverse(&unsafe { &*(p as *const PyObj<$ty>) }.data, visit),
            )* }
        }

        /// Drops every reference held by the object at `p`.
        ///
        /// # Safety
        /// `p` is a live object; no payload borrow is active.
        pub unsafe fn clear_raw(p: *const ObjHeader) {
            // SAFETY: the caller guarantees liveness.
            let h = unsafe { &*p };
            match h.kind() { $(
                // SAFETY: objects of this kind are PyObj<$ty>.
                Kind::$kind => <$ty as PyPayload>::clear(&unsafe { &*(p as *const PyObj<$ty>) }.data),
            )* }
        }
    };
}

use crate::types::*;

kinds! {
    Type => TypeData,
    Int => BigIntData,
    Float => FloatData,
    Complex => ComplexData,
    Bool => BoolData,
    None => NoneData,
    Str => StrData,
    Bytes => BytesData,
    Tuple => TupleData,
    List => ListData,
    Dict => DictData,
    Set => SetData,
    Function => FunctionData,
    Code => crate::compiler::code::CodeObject,
    Instance => InstanceData,
    BoundMethod => BoundMethodData,
    NativeFunction => NativeFunctionData,
    Module => ModuleData,
    Range => RangeData,
    Slice => SliceData,
    Cell => CellData,
    Generator => GeneratorData,
    Exception => ExceptionData,
    Property => PropertyData,
    ClassMethod => ClassMethodData,
    StaticMethod => StaticMethodData,
    Iterator => IteratorData,
    Super => SuperData,
    Opaque => OpaqueData,
}

thread_local! {
    /// Depth of nested deallocations on this thread (CPython's "trashcan").
    static DEALLOC_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Objects whose deallocation was deferred to keep the native stack shallow.
    static DEFERRED: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Nested deallocation depth past which frees are deferred (a long chain of
/// objects must not overflow the native stack).
const TRASHCAN_DEPTH: u32 = 64;

/// Frees an object whose last reference is gone, keeping the native stack
/// bounded when freeing long chains.
///
/// # Safety
/// `p` is a live object with no remaining references.
pub unsafe fn dealloc(p: *const ObjHeader) {
    // SAFETY: the caller guarantees `p` is live.
    let kind = unsafe { &*p }.kind();
    // SAFETY: a float with no references left (the caller's guarantee).
    if kind == Kind::Float && unsafe { crate::object::freelist::push_float(p) } {
        return;
    }
    let finalizable = kind == Kind::Generator
        // SAFETY: forwarded from the caller (`p` is live).
        || unsafe { class_has_del(p) };
    if finalizable {
        if let Some(take_back) = FINALIZE.get() {
            // SAFETY: forwarded from the caller: an object with no
            // references left.
            if unsafe { take_back(p) } {
                return;
            }
        }
    }
    if matches!(kind, Kind::Float | Kind::Int | Kind::Str | Kind::Bytes) {
        // These hold no references: freeing one frees nothing else, so the
        // nesting bookkeeping is not needed.
        // SAFETY: forwarded from the caller.
        unsafe { dealloc_now(p) };
        return;
    }
    let depth = DEALLOC_DEPTH.with(|d| d.get());
    if depth >= TRASHCAN_DEPTH {
        DEFERRED.with(|q| q.borrow_mut().push(p as usize));
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    // SAFETY: forwarded from the caller.
    unsafe { dealloc_now(p) };
    if depth == 0 {
        // Drain what deeper levels deferred, still at depth 1.
        while let Some(next) = DEFERRED.with(|q| q.borrow_mut().pop()) {
            // SAFETY: deferred objects had no references left when queued.
            unsafe { dealloc_now(next as *const ObjHeader) };
        }
    }
    DEALLOC_DEPTH.with(|d| d.set(depth));
}

/// Allocates a new object of type `ty` with payload `data`, owned by the
/// calling thread, and registers containers with the cycle collector.
#[inline]
pub fn alloc<T: PyPayload>(ty: &Value, data: T) -> Value {
    alloc_with(ty, || data)
}

/// [`alloc`] with the payload made by `make` after the memory is
/// allocated, so that a payload of constants is written straight into the
/// object instead of being built on the stack and copied in (a `memcpy`
/// whose wide loads of just-written fields stall store forwarding: a
/// dict's payload is about a hundred bytes).
#[inline(always)]
pub fn alloc_with<T: PyPayload>(ty: &Value, make: impl FnOnce() -> T) -> Value {
    let tp = ty.as_ptr();
    // SAFETY: `ty` is a live type object; the new object keeps a reference.
    unsafe { refcount::incref(tp) };
    let mut b = Box::<PyObj<T>>::new_uninit();
    let obj = b.as_mut_ptr();
    // SAFETY: `obj` points to uninitialised memory for a `PyObj<T>`; every
    // field is written in place (no reads) before the box is taken as
    // initialised.
    let b = unsafe {
        std::ptr::addr_of_mut!((*obj).header).write(ObjHeader::for_owner(
            tp,
            T::KIND,
            refcount::current_owner(),
        ));
        std::ptr::addr_of_mut!((*obj).link).write(T::Link::default());
        std::ptr::addr_of_mut!((*obj).data).write(make());
        b.assume_init()
    };
    let p = Box::into_raw(b) as *const ObjHeader;
    if T::TRACKED {
        crate::gc::track(p);
    }
    // SAFETY: freshly allocated with one reference, which we hand over.
    unsafe { Value::from_raw(p) }
}

/// The block of a `PyObj<T>` followed by `tail` bytes.
fn tail_layout<T: PyPayload>(tail: usize) -> std::alloc::Layout {
    std::alloc::Layout::from_size_align(
        std::mem::size_of::<PyObj<T>>() + tail,
        std::mem::align_of::<PyObj<T>>(),
    )
    .expect("an object larger than the address space")
}

/// Frees the block of an object whose payload has no references left.
///
/// # Safety
/// `p` was allocated as a `PyObj<T>` by this module and nothing refers to
/// it any more.
#[inline(always)]
unsafe fn free_obj<T: PyPayload>(p: *mut PyObj<T>) {
    if T::HAS_TAIL {
        // SAFETY: per the contract; the tail length is read before the
        // payload is dropped, and the block is freed with the layout it
        // was allocated with (`alloc_with_tail`).
        unsafe {
            let layout = tail_layout::<T>((*p).data.tail_len());
            std::ptr::drop_in_place(p);
            std::alloc::dealloc(p as *mut u8, layout);
        }
    } else {
        // SAFETY: per the contract, a `Box<PyObj<T>>` given up by `alloc_with`.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// Allocates an object of type `ty` whose payload is followed by `tail`
/// bytes in the same block, a variable-size object (CPython's `str` keeps
/// its characters after its header the same way, Include/cpython/
/// unicodeobject.h). `fill` writes the tail through a pointer to its first
/// byte before the object is handed out; the payload's `tail_len` must
/// report `tail` from then on (the block is freed with that size). An
/// `immortal` object is never freed (interned strings, constants).
pub fn alloc_with_tail<T: PyPayload>(
    ty: &Value,
    immortal: bool,
    data: T,
    tail: usize,
    fill: impl FnOnce(*mut u8),
) -> Value {
    debug_assert!(T::HAS_TAIL);
    let layout = tail_layout::<T>(tail);
    // SAFETY: the layout has a non-zero size (the header alone is 32 bytes).
    let obj = unsafe { std::alloc::alloc(layout) } as *mut PyObj<T>;
    if obj.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    let tp = ty.as_ptr();
    let header = if immortal {
        ObjHeader::immortal(tp, T::KIND)
    } else {
        // SAFETY: `ty` is a live type object; the new object keeps a reference.
        unsafe { refcount::incref(tp) };
        ObjHeader::for_owner(tp, T::KIND, refcount::current_owner())
    };
    // SAFETY: `obj` is a fresh block large enough for a `PyObj<T>` and
    // `tail` more bytes; every field is written in place before use, and
    // the tail pointer is derived from the block's own pointer, so `fill`
    // may write all `tail` bytes.
    unsafe {
        std::ptr::addr_of_mut!((*obj).header).write(header);
        std::ptr::addr_of_mut!((*obj).link).write(T::Link::default());
        std::ptr::addr_of_mut!((*obj).data).write(data);
        fill((obj as *mut u8).add(std::mem::size_of::<PyObj<T>>()));
    }
    let p = obj as *const ObjHeader;
    if T::TRACKED {
        crate::gc::track(p);
    }
    // SAFETY: freshly allocated with one reference, which we hand over.
    unsafe { Value::from_raw(p) }
}

/// Allocates an immortal object that is never freed (singletons, builtin types,
/// interned strings, code constants).
pub fn alloc_immortal<T: PyPayload>(ty: *const ObjHeader, data: T) -> Value {
    let b = Box::new(PyObj {
        header: ObjHeader::immortal(ty, T::KIND),
        link: T::Link::default(),
        data,
    });
    // SAFETY: immortal objects live forever; the Value's drop is a no-op.
    unsafe { Value::from_raw(Box::into_raw(b) as *const ObjHeader) }
}

/// True if the class of `p` is a class (not a built-in type) that defines
/// `__del__` (the common answer, no, without calling the finalize hook).
///
/// # Safety
/// `p` is a live object.
#[inline]
pub(crate) unsafe fn class_has_del(p: *const ObjHeader) -> bool {
    // SAFETY: the caller guarantees liveness; an object keeps its type
    // alive, and the header's type word is viewed as a borrowed Value.
    let ty: &Value = unsafe { &*(&(*p).ob_type as *const *const ObjHeader as *const Value) };
    ty.downcast::<crate::types::typeobj::TypeData>()
        .is_some_and(|td| td.has_flag(crate::types::typeobj::HEAP_TYPE) && td.has_del(ty))
}

/// Asks, before an object is freed, whether it needs Python code to run
/// first (a suspended generator inside a `try`/`with`, an instance whose
/// class defines `__del__`: `vm::finalize`); if
/// so the hook has taken the object back (a new reference, queued) and
/// returns true, and the free does not happen. Installed by the VM, so the
/// object core itself never runs Python code.
pub type FinalizeHook = unsafe fn(*const ObjHeader) -> bool;

static FINALIZE: std::sync::OnceLock<FinalizeHook> = std::sync::OnceLock::new();

/// Installs the finalize hook (once per process).
pub fn install_finalize_hook(h: FinalizeHook) {
    let _ = FINALIZE.set(h);
}

/// How free-threaded mode frees something lock-free readers may still be
/// looking at (installed by the `nogil` crate: run the closure once every
/// thread has passed a quiescent state, QSBR).
pub type RetireHook = fn(Box<dyn FnOnce() + Send>);

static RETIRE: std::sync::OnceLock<RetireHook> = std::sync::OnceLock::new();

/// Installs the retire hook (once per process).
pub fn install_retire_hook(h: RetireHook) {
    let _ = RETIRE.set(h);
}

/// Gives up a reference after a QSBR grace period (the mode's deferred
/// list keeps the `Value` itself: no closure to allocate per item).
pub type RetireValueHook = fn(Value);

static RETIRE_VALUE: std::sync::OnceLock<RetireValueHook> = std::sync::OnceLock::new();

/// Installs the hook [`retire`] uses for a single reference (once per
/// process).
pub fn install_retire_value_hook(h: RetireValueHook) {
    let _ = RETIRE_VALUE.set(h);
}

/// Runs `free` now if no other thread can be reading without a lock (a GIL,
/// or a free-threaded program that has not started a thread), else once
/// every thread has passed a quiescent state.
pub fn retire_with(free: Box<dyn FnOnce() + Send>) {
    match RETIRE.get() {
        Some(h) if pycell::cell_locks_enabled() => h(free),
        _ => free(),
    }
}

/// True if giving up `v` must wait for a QSBR grace period: other threads
/// read without locks, and `v` could be freed (not a small int, not
/// immortal).
#[inline]
pub fn needs_grace_period(v: &Value) -> bool {
    pycell::cell_locks_enabled()
        && v.header().is_some_and(|h| {
            h.ob_ref_local.load(std::sync::atomic::Ordering::Relaxed) != header::IMMORTAL
        })
}

/// A reference handed to a deferred free. A `Value` may be dropped on any
/// thread (biased counting routes the decrement to the right count).
struct Retired(Value);

impl Retired {
    fn into_inner(self) -> Value {
        self.0
    }
}

// SAFETY: see the type's documentation.
unsafe impl Send for Retired {}

/// Gives up a reference that another thread may be reading without a lock
/// (a cache slot's value, a dict entry's key or value): dropped at once
/// when no thread reads without a lock, else after a QSBR grace period.
pub fn retire(v: Value) {
    if !needs_grace_period(&v) {
        drop(v);
        return;
    }
    if let Some(h) = RETIRE_VALUE.get() {
        h(v);
        return;
    }
    let r = Retired(v);
    retire_with(Box::new(move || drop(r.into_inner())));
}

/// Makes an existing object immortal (code constants, interned strings).
pub fn make_immortal(v: &Value) {
    if let Some(h) = v.header() {
        h.ob_ref_local
            .store(header::IMMORTAL, std::sync::atomic::Ordering::Relaxed);
    }
}
