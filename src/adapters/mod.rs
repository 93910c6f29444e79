//! Adapters: each turns one kind of input into a [`crate::page::Page`].

pub mod text;
