//! What a page module needs to declare its routes: who may use a route, the route itself and
//! the `route!` macro. The table of every route (`routes::all`) sits above the pages.

use actix_web::web;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// Signed-in users; others are redirected to sign in.
    SignedIn,
    /// Members of the account in the path; others get 404.
    Member,
}

/// One route.
#[derive(Clone, Copy)]
pub struct RouteDef {
    /// `get` or `post`.
    pub method: &'static str,
    /// The path pattern, e.g. `/accounts/{account_id}`.
    pub path: &'static str,
    /// Who may use it.
    pub access: Access,
    /// Adds the route to the app.
    pub register: fn(&mut web::ServiceConfig),
}

impl std::fmt::Debug for RouteDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({:?})",
            self.method.to_uppercase(),
            self.path,
            self.access
        )
    }
}

/// Builds a [`RouteDef`].
#[macro_export]
macro_rules! route {
    ($method:ident, $path:literal, $access:ident, $handler:path) => {
        $crate::web::routing::RouteDef {
            method: stringify!($method),
            path: $path,
            access: $crate::web::routing::Access::$access,
            register: |cfg| {
                cfg.route($path, actix_web::web::$method().to($handler));
            },
        }
    };
}
