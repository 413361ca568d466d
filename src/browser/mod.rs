//! Browser I/O: storage, files, downloads, time. Everything that touches web APIs lives here.

pub mod clock;
pub mod files;
pub mod idb;
pub mod storage;
pub mod worker;
