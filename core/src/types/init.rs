//! Process start-up: creates the immortal built-in type objects, their
//! namespaces and methods, the singletons and the exception hierarchy.
//!
//! Type objects are created with null `ob_type` fields, which are patched to
//! `type` (and their namespaces' to `dict`) before anything else can see them.

use std::collections::HashMap;

use super::exception::{ExceptionTypes, EXCEPTION_HIERARCHY};
use super::methods::{self, Method, MethodKind};
use super::typeobj::{type_payload, TypeData, BASE_TYPE, EXCEPTION_TYPE, WEAKREFABLE};
use super::*;
use crate::object::header::ObjHeader;
use crate::object::{alloc_immortal, Kind};

static INIT_LOCK: parking_lot::Mutex<()> = parking_lot::Mutex::new(());

/// Initialises the built-in types (idempotent) and returns them.
pub fn init_and_get() -> &'static BuiltinTypes {
    if let Some(t) = TYPES.get() {
        return t;
    }
    let _g = INIT_LOCK.lock();
    if let Some(t) = TYPES.get() {
        return t;
    }
    init();
    TYPES.get().expect("initialised")
}

struct Builder {
    objects: Vec<*mut ObjHeader>,
    dicts: Vec<*mut ObjHeader>,
}

impl Builder {
    fn make(&mut self, name: &str, layout: Kind, new: Option<NativeFn>, flags: u32) -> Value {
        let dict = alloc_immortal(std::ptr::null(), DictData::new());
        self.dicts.push(dict.as_ptr() as *mut ObjHeader);
        let t = alloc_immortal(
            std::ptr::null(),
            type_payload(name, vec![], vec![], dict, layout, new, flags, vec![]),
        );
        self.objects.push(t.as_ptr() as *mut ObjHeader);
        t
    }
}

fn set_base(t: &Value, base: &Value) {
    let td = t.downcast::<TypeData>().expect("type");
    td.bases.replace(vec![base.clone()]);
    let mut mro = vec![base.clone()];
    if let Some(btd) = base.downcast::<TypeData>() {
        mro.extend(btd.mro_rest.get());
    }
    td.mro_rest.replace(mro);
}

fn native(name: &'static str, owner: &'static str, f: NativeFn, fn_ty: *const ObjHeader) -> Value {
    alloc_immortal(
        fn_ty,
        NativeFunctionData {
            name,
            func: f,
            owner,
        },
    )
}

fn install(t: &Value, owner: &'static str, ms: &[Method], bt_ptrs: &Ptrs) {
    let td = t.downcast::<TypeData>().expect("type");
    for m in ms {
        let f = native(m.name, owner, m.func, bt_ptrs.builtin_function);
        let v = match m.kind {
            MethodKind::Instance => f,
            MethodKind::Class => alloc_immortal(bt_ptrs.classmethod, ClassMethodData { func: f }),
            MethodKind::Static => {
                alloc_immortal(bt_ptrs.staticmethod, StaticMethodData { func: f })
            }
        };
        td.dict().set_str(intern(m.name), v);
    }
}

struct Ptrs {
    builtin_function: *const ObjHeader,
    classmethod: *const ObjHeader,
    staticmethod: *const ObjHeader,
}

fn init() {
    let mut b = Builder {
        objects: vec![],
        dicts: vec![],
    };
    let type_ = b.make(
        "type",
        Kind::Type,
        Some(methods::object::type_new),
        BASE_TYPE | WEAKREFABLE,
    );
    let object = b.make("object", Kind::Instance, None, BASE_TYPE);
    macro_rules! mk {
        ($name:literal, $kind:ident, $new:expr, $flags:expr) => {
            b.make($name, Kind::$kind, $new, $flags)
        };
    }
    let int = mk!("int", Int, Some(methods::int::int_new), BASE_TYPE);
    let bool_ = mk!("bool", Bool, Some(methods::int::bool_new), 0);
    let float = mk!("float", Float, Some(methods::float::float_new), BASE_TYPE);
    let complex = mk!(
        "complex",
        Complex,
        Some(methods::complex::complex_new),
        BASE_TYPE
    );
    let str_ = mk!("str", Str, Some(methods::str::str_new), BASE_TYPE);
    let bytes = mk!("bytes", Bytes, Some(methods::bytes::bytes_new), BASE_TYPE);
    let tuple = mk!("tuple", Tuple, Some(methods::tuple::tuple_new), BASE_TYPE);
    let list = mk!("list", List, Some(methods::list::list_new), BASE_TYPE);
    let dict = mk!("dict", Dict, Some(methods::dict::dict_new), BASE_TYPE);
    let set = mk!(
        "set",
        Set,
        Some(methods::set::set_new),
        BASE_TYPE | WEAKREFABLE
    );
    let frozenset = mk!(
        "frozenset",
        Set,
        Some(methods::set::frozenset_new),
        BASE_TYPE | WEAKREFABLE
    );
    let function = mk!("function", Function, None, WEAKREFABLE);
    let code = mk!("code", Code, None, WEAKREFABLE);
    let builtin_function = mk!(
        "builtin_function_or_method",
        NativeFunction,
        None,
        WEAKREFABLE
    );
    let method = mk!(
        "method",
        BoundMethod,
        Some(methods::object::method_new),
        WEAKREFABLE
    );
    let module = mk!(
        "module",
        Module,
        Some(methods::object::module_new),
        WEAKREFABLE
    );
    let range = mk!("range", Range, Some(methods::object::range_new), 0);
    let slice = mk!("slice", Slice, Some(methods::object::slice_new), 0);
    let cell = mk!("cell", Cell, None, 0);
    let generator = mk!("generator", Generator, None, WEAKREFABLE);
    let property = mk!(
        "property",
        Property,
        Some(methods::object::property_new),
        BASE_TYPE
    );
    let classmethod = mk!(
        "classmethod",
        ClassMethod,
        Some(methods::object::classmethod_new),
        BASE_TYPE
    );
    let staticmethod = mk!(
        "staticmethod",
        StaticMethod,
        Some(methods::object::staticmethod_new),
        BASE_TYPE
    );
    let super_ = mk!("super", Super, Some(methods::object::super_new), 0);
    let none_type = mk!("NoneType", None, Some(methods::object::none_new), 0);
    let not_implemented_type = mk!("NotImplementedType", None, None, 0);
    let ellipsis_type = mk!("ellipsis", None, None, 0);
    let null_type = mk!("NULL", None, None, 0);
    let it = |b: &mut Builder, n: &str| b.make(n, Kind::Iterator, None, 0);
    let list_iterator = it(&mut b, "list_iterator");
    let tuple_iterator = it(&mut b, "tuple_iterator");
    let range_iterator = it(&mut b, "range_iterator");
    let str_iterator = it(&mut b, "str_ascii_iterator");
    let bytes_iterator = it(&mut b, "bytes_iterator");
    let dict_keyiterator = it(&mut b, "dict_keyiterator");
    let dict_valueiterator = it(&mut b, "dict_valueiterator");
    let dict_itemiterator = it(&mut b, "dict_itemiterator");
    let set_iterator = it(&mut b, "set_iterator");
    let dict_keys = it(&mut b, "dict_keys");
    let dict_values = it(&mut b, "dict_values");
    let dict_items = it(&mut b, "dict_items");
    let enumerate = b.make(
        "enumerate",
        Kind::Iterator,
        Some(methods::iter::enumerate_new),
        0,
    );
    let zip = b.make("zip", Kind::Iterator, Some(methods::iter::zip_new), 0);
    let map = b.make("map", Kind::Iterator, Some(methods::iter::map_new), 0);
    let filter = b.make("filter", Kind::Iterator, Some(methods::iter::filter_new), 0);
    let reversed = b.make(
        "reversed",
        Kind::Iterator,
        Some(methods::iter::reversed_new),
        0,
    );
    let callable_iterator = it(&mut b, "callable_iterator");
    let generic_iterator = it(&mut b, "iterator");

    // Exceptions.
    let mut exc_map: HashMap<&'static str, Value> = HashMap::new();
    for (field, name, _) in EXCEPTION_HIERARCHY {
        let t = b.make(
            name,
            Kind::Exception,
            Some(methods::exception::exception_new),
            BASE_TYPE | EXCEPTION_TYPE,
        );
        exc_map.insert(field, t);
    }

    // Patch every type's ob_type to `type` and every namespace's to `dict`.
    for &p in &b.objects {
        // SAFETY: these objects were just allocated and are not yet visible to
        // any other code; ob_type is written once here before publication.
        unsafe { (*p).ob_type = type_.as_ptr() };
    }
    for &p in &b.dicts {
        // SAFETY: as above.
        unsafe { (*p).ob_type = dict.as_ptr() };
    }
    // Bases and MROs.
    let all_simple = [
        &int,
        &complex,
        &float,
        &str_,
        &bytes,
        &tuple,
        &list,
        &dict,
        &set,
        &frozenset,
        &function,
        &code,
        &builtin_function,
        &method,
        &module,
        &range,
        &slice,
        &cell,
        &generator,
        &property,
        &classmethod,
        &staticmethod,
        &super_,
        &none_type,
        &not_implemented_type,
        &ellipsis_type,
        &null_type,
        &list_iterator,
        &tuple_iterator,
        &range_iterator,
        &str_iterator,
        &bytes_iterator,
        &dict_keyiterator,
        &dict_valueiterator,
        &dict_itemiterator,
        &set_iterator,
        &dict_keys,
        &dict_values,
        &dict_items,
        &enumerate,
        &zip,
        &map,
        &filter,
        &reversed,
        &callable_iterator,
        &generic_iterator,
        &type_,
    ];
    for t in all_simple {
        set_base(t, &object);
    }
    set_base(&bool_, &int);
    for (field, _, parent) in EXCEPTION_HIERARCHY {
        let p = if *parent == "object" {
            object.clone()
        } else {
            exc_map[parent].clone()
        };
        set_base(&exc_map[field], &p);
    }

    let ptrs = Ptrs {
        builtin_function: builtin_function.as_ptr(),
        classmethod: classmethod.as_ptr(),
        staticmethod: staticmethod.as_ptr(),
    };
    let bt = BuiltinTypes {
        type_: StaticValue(type_),
        object: StaticValue(object),
        int: StaticValue(int),
        bool: StaticValue(bool_),
        float: StaticValue(float),
        complex: StaticValue(complex),
        str: StaticValue(str_),
        bytes: StaticValue(bytes),
        tuple: StaticValue(tuple),
        list: StaticValue(list),
        dict: StaticValue(dict),
        set: StaticValue(set),
        frozenset: StaticValue(frozenset),
        function: StaticValue(function),
        code: StaticValue(code),
        builtin_function: StaticValue(builtin_function),
        method: StaticValue(method),
        module: StaticValue(module),
        range: StaticValue(range),
        slice: StaticValue(slice),
        cell: StaticValue(cell),
        generator: StaticValue(generator),
        property: StaticValue(property),
        classmethod: StaticValue(classmethod),
        staticmethod: StaticValue(staticmethod),
        super_: StaticValue(super_),
        none_type: StaticValue(none_type),
        not_implemented_type: StaticValue(not_implemented_type),
        ellipsis_type: StaticValue(ellipsis_type),
        null_type: StaticValue(null_type),
        list_iterator: StaticValue(list_iterator),
        tuple_iterator: StaticValue(tuple_iterator),
        range_iterator: StaticValue(range_iterator),
        str_iterator: StaticValue(str_iterator),
        dict_keyiterator: StaticValue(dict_keyiterator),
        dict_valueiterator: StaticValue(dict_valueiterator),
        dict_itemiterator: StaticValue(dict_itemiterator),
        set_iterator: StaticValue(set_iterator),
        dict_keys: StaticValue(dict_keys),
        dict_values: StaticValue(dict_values),
        dict_items: StaticValue(dict_items),
        enumerate: StaticValue(enumerate),
        zip: StaticValue(zip),
        map: StaticValue(map),
        filter: StaticValue(filter),
        reversed: StaticValue(reversed),
        callable_iterator: StaticValue(callable_iterator),
        generic_iterator: StaticValue(generic_iterator),
        bytes_iterator: StaticValue(bytes_iterator),
    };
    let singles = Singletons {
        none: StaticValue(alloc_immortal(bt.none_type.as_ptr(), NoneData)),
        true_: StaticValue(alloc_immortal(bt.bool.as_ptr(), BoolData(true))),
        false_: StaticValue(alloc_immortal(bt.bool.as_ptr(), BoolData(false))),
        not_implemented: StaticValue(alloc_immortal(bt.not_implemented_type.as_ptr(), NoneData)),
        ellipsis: StaticValue(alloc_immortal(bt.ellipsis_type.as_ptr(), NoneData)),
        null: StaticValue(alloc_immortal(bt.null_type.as_ptr(), NoneData)),
        empty_tuple: StaticValue(alloc_immortal(
            bt.tuple.as_ptr(),
            seq::tuple_payload(vec![]),
        )),
        empty_str: StaticValue(super::str::immortal_str(bt.str.v(), "")),
    };
    let exc = ExceptionTypes::from_map(&exc_map);
    // Publish before installing methods (interning needs the str type).
    let _ = TYPES.set(bt);
    let _ = SINGLETONS.set(singles);
    let _ = EXC_TYPES.set(exc);
    let bt = TYPES.get().expect("types");
    for (t, owner, ms) in methods::tables(bt) {
        install(t, owner, &ms, &ptrs);
    }
    let et = EXC_TYPES.get().expect("exc");
    install(
        et.base_exception.v(),
        "BaseException",
        &methods::exception::methods(),
        &ptrs,
    );
}
