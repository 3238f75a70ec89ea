//! Placeholder.

use crate::web::routes::RouteDef;

/// This module's routes.
pub fn routes() -> Vec<RouteDef> {
    vec![]
}
