//! Adapters: each turns one kind of input into a [`crate::page::Page`].

#[cfg(feature = "html")]
pub mod charset;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(feature = "html")]
pub mod html;
pub mod shared;
pub mod text;
#[cfg(feature = "html")]
mod tokenizer;
