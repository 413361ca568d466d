//! Where received packages go: one SQLite file (`rusqlite`, SQLite compiled in). Each package is
//! one row, written in one transaction with its bytes and its receipt, so a server stopped in the
//! middle of an upload leaves either the whole package or nothing.

use formseal_core::intake::Row;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

/// The schema, in order; `PRAGMA user_version` says how many have run.
const MIGRATIONS: &[&str] = &["CREATE TABLE packages (
        id INTEGER PRIMARY KEY,
        body_sha256 TEXT NOT NULL UNIQUE,
        manifest_sha256 TEXT NOT NULL,
        application_sha256 TEXT NOT NULL,
        key_fingerprint TEXT NOT NULL,
        form TEXT NOT NULL,
        unit TEXT NOT NULL,
        registration TEXT NOT NULL,
        file_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        verdict TEXT NOT NULL,
        failures TEXT NOT NULL,
        row_json TEXT NOT NULL,
        receipt BLOB NOT NULL,
        bytes BLOB NOT NULL
    );
    CREATE INDEX packages_manifest ON packages (manifest_sha256);"];

pub struct Store {
    db: Connection,
}

/// One stored package, as `GET /packages` lists it.
#[derive(serde::Serialize)]
pub struct Listed {
    pub id: i64,
    pub received_at: String,
    pub body_sha256: String,
    #[serde(flatten)]
    pub row: Row,
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let db = Connection::open(path)?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        let done: usize = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
            let tx = db.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(Store { db })
    }

    /// The receipt already given for these bytes, if they were received before.
    pub fn receipt_of(&self, body_sha256: &str) -> rusqlite::Result<Option<Vec<u8>>> {
        self.db.query_row("SELECT receipt FROM packages WHERE body_sha256 = ?1", [body_sha256], |r| r.get(0)).optional()
    }

    /// Stores a package with its row and receipt, in one transaction.
    pub fn insert(
        &self,
        body_sha256: &str,
        received_at: &str,
        row: &Row,
        receipt: &[u8],
        bytes: &[u8],
    ) -> rusqlite::Result<()> {
        let verdict = serde_json::to_value(row.verdict).ok().and_then(|v| v.as_str().map(str::to_string));
        self.db.execute(
            "INSERT INTO packages (body_sha256, manifest_sha256, application_sha256, key_fingerprint, form, unit,
                registration, file_name, received_at, verdict, failures, row_json, receipt, bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                body_sha256,
                row.manifest_sha256,
                row.application_sha256,
                row.fingerprint,
                row.form,
                row.unit,
                row.registration,
                row.file,
                received_at,
                verdict.unwrap_or_default(),
                row.failures.join("\n"),
                serde_json::to_string(row).unwrap_or_default(),
                receipt,
                bytes,
            ],
        )?;
        Ok(())
    }

    /// Every package received, in the order received.
    pub fn list(&self) -> rusqlite::Result<Vec<Listed>> {
        let mut q = self.db.prepare("SELECT id, received_at, body_sha256, row_json FROM packages ORDER BY id")?;
        let rows = q.query_map([], |r| {
            let json: String = r.get(3)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, json))
        })?;
        let mut out = Vec::new();
        for item in rows {
            let (id, received_at, body_sha256, json) = item?;
            if let Ok(row) = serde_json::from_str::<Row>(&json) {
                out.push(Listed { id, received_at, body_sha256, row });
            }
        }
        Ok(out)
    }

    /// The bytes of package `id`, as received.
    pub fn bytes(&self, id: i64) -> rusqlite::Result<Option<Vec<u8>>> {
        self.db.query_row("SELECT bytes FROM packages WHERE id = ?1", [id], |r| r.get(0)).optional()
    }
}
