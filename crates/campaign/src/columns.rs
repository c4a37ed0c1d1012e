//! Typed database columns: a value stored as its stable text code, or as
//! JSON text, read back through the same parse. A stored value that does not
//! parse is a decode error naming the value, never a default.

/// Stores `$ty` as the text `$to(&value)` and reads it back with `$from(&str)
/// -> Option<$ty>`, on every sqlx backend whose `String` is text.
#[macro_export]
macro_rules! text_column {
    ($ty:ty, $to:expr, $from:expr) => {
        impl<DB: ::sqlx::Database> ::sqlx::Type<DB> for $ty
        where
            String: ::sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as ::sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as ::sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: ::sqlx::Database> ::sqlx::Decode<'r, DB> for $ty
        where
            String: ::sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as ::sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, ::sqlx::error::BoxDynError> {
                let code = <String as ::sqlx::Decode<'r, DB>>::decode(value)?;
                let from: fn(&str) -> Option<$ty> = $from;
                from(&code).ok_or_else(|| {
                    format!("stored {} {code:?} is not a known value", stringify!($ty)).into()
                })
            }
        }

        impl<'q, DB: ::sqlx::Database> ::sqlx::Encode<'q, DB> for $ty
        where
            String: ::sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as ::sqlx::Database>::ArgumentBuffer,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                let to: fn(&$ty) -> &'static str = $to;
                <String as ::sqlx::Encode<'q, DB>>::encode(to(self).to_owned(), buf)
            }
        }
    };
}

/// Stores `$ty` (Serialize + Deserialize) as JSON text; a stored text that
/// does not deserialise is a decode error.
#[macro_export]
macro_rules! json_column {
    ($ty:ty) => {
        impl<DB: ::sqlx::Database> ::sqlx::Type<DB> for $ty
        where
            String: ::sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as ::sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as ::sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: ::sqlx::Database> ::sqlx::Decode<'r, DB> for $ty
        where
            String: ::sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as ::sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, ::sqlx::error::BoxDynError> {
                let text = <String as ::sqlx::Decode<'r, DB>>::decode(value)?;
                ::serde_json::from_str(&text)
                    .map_err(|e| format!("stored {} does not parse: {e}", stringify!($ty)).into())
            }
        }

        impl<'q, DB: ::sqlx::Database> ::sqlx::Encode<'q, DB> for $ty
        where
            String: ::sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as ::sqlx::Database>::ArgumentBuffer,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <String as ::sqlx::Encode<'q, DB>>::encode(::serde_json::to_string(self)?, buf)
            }
        }
    };
}

crate::text_column!(crate::Category, |c| c.code(), crate::Category::from_code);
