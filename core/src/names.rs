//! Interned names used by the runtime itself, resolved once per process.

/// The interned `str` for a literal name, cached in a static (one atomic load
/// after the first use).
#[macro_export]
macro_rules! name {
    ($s:literal) => {{
        static N: std::sync::OnceLock<$crate::types::StaticValue> = std::sync::OnceLock::new();
        N.get_or_init(|| $crate::types::StaticValue($crate::types::intern($s)))
            .v()
    }};
}
