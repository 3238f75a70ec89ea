//! The route table. The app is configured from it and the authorization tests read it,
//! so a route cannot be added without its access rule being tested. Each page module
//! declares its own routes (with [`RouteDef`] from `routing`); this module gathers them.

pub use super::routing::{Access, RouteDef};

/// Every route of the app.
pub fn all() -> Vec<RouteDef> {
    use super::{pages, static_files};
    [
        pages::health::routes(),
        static_files::routes(),
        pages::auth::routes(),
        pages::reset::routes(),
        pages::forgot::routes(),
        pages::settings::routes(),
        pages::home::routes(),
        pages::dashboard::routes(),
        pages::payment::routes(),
        pages::payments::routes(),
        pages::as_of::routes(),
        pages::expenses::routes(),
        pages::refund_new::routes(),
        pages::members::routes(),
        pages::join::routes(),
        pages::history::routes(),
        pages::export::routes(),
        pages::recurring::routes(),
        pages::categories::routes(),
        pages::statistics::routes(),
        pages::import::routes(),
        pages::rates::routes(),
    ]
    .concat()
}
