//! Layout assertions for the types whose size is a design decision.
//!
//! The object header follows CPython's free-threaded `PyObject`
//! (Include/object.h, PEP 703) field for field and size for size; a
//! container adds the collector's registry link after it, other objects
//! nothing. A value on the VM stack is one machine word. A change that
//! grows either one makes every object, or every stack slot, larger: it should
//! fail here and be argued for in docs/ARCHITECTURE.md, not slip in.

use std::mem::{align_of, offset_of, size_of};

use gilgamesh_core::object::header::ObjHeader;
use gilgamesh_core::object::PyObj;
use gilgamesh_core::types::misc::FloatData;
use gilgamesh_core::Value;

#[test]
fn value_is_one_word() {
    assert_eq!(size_of::<Value>(), size_of::<usize>());
    assert_eq!(align_of::<Value>(), align_of::<usize>());
    // The niche (a Value is never zero) makes `None` free: a local slot or an
    // empty stack cell costs no extra tag word.
    assert_eq!(size_of::<Option<Value>>(), size_of::<usize>());
}

#[test]
fn header_fields_are_in_pep703_order() {
    let offsets = [
        ("ob_tid", offset_of!(ObjHeader, ob_tid)),
        ("ob_flags", offset_of!(ObjHeader, ob_flags)),
        ("ob_mutex", offset_of!(ObjHeader, ob_mutex)),
        ("ob_gc_bits", offset_of!(ObjHeader, ob_gc_bits)),
        ("ob_ref_local", offset_of!(ObjHeader, ob_ref_local)),
        ("ob_ref_shared", offset_of!(ObjHeader, ob_ref_shared)),
        ("ob_type", offset_of!(ObjHeader, ob_type)),
    ];
    for pair in offsets.windows(2) {
        assert!(
            pair[0].1 < pair[1].1,
            "{} (offset {}) must come before {} (offset {})",
            pair[0].0,
            pair[0].1,
            pair[1].0,
            pair[1].1
        );
    }
}

#[test]
#[cfg(target_pointer_width = "64")]
fn header_layout_on_64_bit() {
    // CPython 3.13t's PyObject: the same offsets for the first seven fields.
    assert_eq!(offset_of!(ObjHeader, ob_tid), 0);
    assert_eq!(offset_of!(ObjHeader, ob_flags), 8);
    assert_eq!(offset_of!(ObjHeader, ob_mutex), 10);
    assert_eq!(offset_of!(ObjHeader, ob_gc_bits), 11);
    assert_eq!(offset_of!(ObjHeader, ob_ref_local), 12);
    assert_eq!(offset_of!(ObjHeader, ob_ref_shared), 16);
    assert_eq!(offset_of!(ObjHeader, ob_type), 24);
    // And its size: nothing of gilgamesh's own in the header.
    assert_eq!(size_of::<ObjHeader>(), 32);
    assert_eq!(align_of::<ObjHeader>(), 8);
}

#[test]
fn header_field_sizes() {
    // ob_mutex is parking_lot's one-byte RawMutex, the shape of PyMutex.
    assert_eq!(size_of::<parking_lot::RawMutex>(), 1);
    assert_eq!(size_of::<ObjHeader>() % align_of::<usize>(), 0);
}

#[test]
#[cfg(target_pointer_width = "64")]
fn objects_are_exactly_as_large_as_their_payload() {
    // Kind-tagged exact-size allocation: a float is the header plus 8 bytes
    // (40 bytes, CPython 3.13t's float), with no registry link.
    assert_eq!(size_of::<PyObj<FloatData>>(), size_of::<ObjHeader>() + 8);
    assert_eq!(size_of::<PyObj<FloatData>>(), 40);
}

#[test]
#[cfg(target_pointer_width = "64")]
fn containers_carry_the_registry_link_after_the_header() {
    use gilgamesh_core::object::header::{GcLink, GC_LINK_OFFSET};
    use gilgamesh_core::types::seq::ListData;
    assert_eq!(GC_LINK_OFFSET, 32);
    assert_eq!(size_of::<GcLink>(), 8);
    assert_eq!(offset_of!(PyObj<ListData>, link), GC_LINK_OFFSET);
    assert_eq!(
        size_of::<PyObj<ListData>>(),
        size_of::<ObjHeader>() + size_of::<GcLink>() + size_of::<ListData>()
    );
}

#[test]
#[cfg(target_pointer_width = "64")]
fn a_str_is_48_bytes_and_its_text() {
    // The header, the cached hash and the length; the text follows in the
    // same block, so ASCII text of up to 16 bytes makes a 64-byte object
    // (CPython 3.11's compact ASCII str: 48 bytes, its text and a NUL).
    use gilgamesh_core::types::str::{new_str, StrData};
    assert_eq!(size_of::<PyObj<StrData>>(), 48);
    let v = new_str("sixteen bytes...");
    let d = v.downcast::<StrData>().expect("str");
    assert_eq!(d.as_str().len(), 16);
}
