//! Adapters: each turns one kind of input into a [`crate::page::Page`].

#[cfg(feature = "html")]
pub mod charset;
#[cfg(feature = "html")]
pub mod html;
pub mod text;
