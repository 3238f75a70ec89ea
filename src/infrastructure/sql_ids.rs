//! The domain's ids as Diesel values: stored as their 16 bytes (`BINARY(16)` on MySQL and
//! MariaDB, `BLOB` on SQLite), for either backend of [`super::db::DbConnection`]. The impls
//! live here so that `domain` stays free of Diesel; bytes that are not an id are an error
//! when read, never a made-up id.

use crate::domain::{AccountId, CategoryId, ExpenseId, MemberId, ScheduleId, TransferId, UserId};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Binary, Nullable};
use uuid::Uuid;

macro_rules! sql_id {
    ($($name:ident),*) => {$(
        impl<DB> ToSql<Binary, DB> for $name
        where
            DB: Backend,
            [u8]: ToSql<Binary, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                <[u8] as ToSql<Binary, DB>>::to_sql(self.0.as_bytes().as_slice(), out)
            }
        }

        impl<DB> FromSql<Binary, DB> for $name
        where
            DB: Backend,
            Vec<u8>: FromSql<Binary, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let bytes = <Vec<u8> as FromSql<Binary, DB>>::from_sql(bytes)?;
                Uuid::from_slice(&bytes).map($name).map_err(|e| {
                    format!("{} is not 16 bytes: {e}", stringify!($name)).into()
                })
            }
        }

        impl<DB> Queryable<Binary, DB> for $name
        where
            DB: Backend,
            Self: FromSql<Binary, DB>,
        {
            type Row = Self;

            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }

        impl AsExpression<Binary> for $name {
            type Expression = <Vec<u8> as AsExpression<Binary>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Binary>::as_expression(self.0.as_bytes().to_vec())
            }
        }

        impl<'a> AsExpression<Binary> for &'a $name {
            type Expression = <&'a [u8] as AsExpression<Binary>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Binary>::as_expression(self.0.as_bytes().as_slice())
            }
        }

        impl AsExpression<Nullable<Binary>> for $name {
            type Expression = <Vec<u8> as AsExpression<Nullable<Binary>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Binary>>::as_expression(self.0.as_bytes().to_vec())
            }
        }

        impl<'a> AsExpression<Nullable<Binary>> for &'a $name {
            type Expression = <&'a [u8] as AsExpression<Nullable<Binary>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Binary>>::as_expression(self.0.as_bytes().as_slice())
            }
        }
    )*};
}

sql_id!(
    AccountId, MemberId, ExpenseId, TransferId, UserId, CategoryId, ScheduleId
);
