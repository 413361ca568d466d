//! The widget's pages: the form itself and the review page (核对信息).

pub mod form_page;
pub mod home_page;
pub mod review_page;
pub mod verify_page;
