//! Where received packages go: SQLite by default (one file, `rusqlite` with SQLite compiled in),
//! or PostgreSQL when `--db` is a `postgres://` URL (`postgres`). Same table, same migrations
//! (the SQL differs only in the types of the id and the bytes). Each package is one row — its
//! bytes, its `intake` row, its verdict and its receipt — written in one statement, so a server
//! stopped in the middle of an upload leaves either the whole package or nothing.

use formseal_core::intake::Row;

/// The table, for each database (`{id}` and `{bytes}` differ).
const TABLE: &str = "CREATE TABLE packages (
        id {id},
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
        receipt {bytes} NOT NULL,
        bytes {bytes} NOT NULL
    )";

/// The schema's steps, in order; the table `formseal_schema` says how many have run.
fn migrations(postgres: bool) -> Vec<String> {
    let (id, bytes) = if postgres { ("BIGSERIAL PRIMARY KEY", "BYTEA") } else { ("INTEGER PRIMARY KEY", "BLOB") };
    vec![
        TABLE.replace("{id}", id).replace("{bytes}", bytes),
        "CREATE INDEX packages_manifest ON packages (manifest_sha256)".into(),
    ]
}

const INSERT: &str = "INSERT INTO packages (body_sha256, manifest_sha256, application_sha256, key_fingerprint,
        form, unit, registration, file_name, received_at, verdict, failures, row_json, receipt, bytes)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
const RECEIPT: &str = "SELECT receipt FROM packages WHERE body_sha256 = $1";
const LIST: &str = "SELECT id, received_at, body_sha256, row_json FROM packages ORDER BY id";

/// A database error, as text (the two drivers' errors differ).
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

pub enum Store {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
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
    /// Opens (or creates) the database — a file path, or a `postgres://` URL — and brings its
    /// schema up to date.
    pub fn open(db: &str) -> Result<Store, StoreError> {
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            let mut client = postgres::Client::connect(db, postgres::NoTls)?;
            let mut tx = client.transaction()?;
            tx.batch_execute("CREATE TABLE IF NOT EXISTS formseal_schema (version INTEGER NOT NULL)")?;
            // One server migrates at a time.
            tx.batch_execute("LOCK TABLE formseal_schema")?;
            let done: i64 = tx.query_one("SELECT COUNT(*) FROM formseal_schema", &[])?.get(0);
            for (i, sql) in migrations(true).iter().enumerate().skip(done as usize) {
                tx.batch_execute(sql)?;
                tx.execute("INSERT INTO formseal_schema (version) VALUES ($1)", &[&(i as i32 + 1)])?;
            }
            tx.commit()?;
            return Ok(Store::Postgres(Box::new(client)));
        }
        let db = rusqlite::Connection::open(db)?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        let tx = db.unchecked_transaction()?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS formseal_schema (version INTEGER NOT NULL)")?;
        let done: i64 = tx.query_row("SELECT COUNT(*) FROM formseal_schema", [], |r| r.get(0))?;
        for (i, sql) in migrations(false).iter().enumerate().skip(done as usize) {
            tx.execute_batch(sql)?;
            tx.execute("INSERT INTO formseal_schema (version) VALUES ($1)", [i as i64 + 1])?;
        }
        tx.commit()?;
        Ok(Store::Sqlite(db))
    }

    /// The receipt already given for these bytes, if they were received before.
    pub fn receipt_of(&mut self, body_sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(match self {
            Store::Sqlite(db) => {
                use rusqlite::OptionalExtension;
                db.query_row(RECEIPT, [body_sha256], |r| r.get(0)).optional()?
            }
            Store::Postgres(db) => db.query_opt(RECEIPT, &[&body_sha256])?.map(|r| r.get(0)),
        })
    }

    /// Stores a package with its row and receipt, in one statement.
    pub fn insert(
        &mut self,
        body_sha256: &str,
        received_at: &str,
        row: &Row,
        receipt: &[u8],
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let verdict = serde_json::to_value(row.verdict).ok().and_then(|v| v.as_str().map(str::to_string));
        let (verdict, failures) = (verdict.unwrap_or_default(), row.failures.join("\n"));
        let json = serde_json::to_string(row).unwrap_or_default();
        match self {
            Store::Sqlite(db) => {
                db.execute(
                    INSERT,
                    rusqlite::params![
                        body_sha256,
                        row.manifest_sha256,
                        row.application_sha256,
                        row.fingerprint,
                        row.form,
                        row.unit,
                        row.registration,
                        row.file,
                        received_at,
                        verdict,
                        failures,
                        json,
                        receipt,
                        bytes
                    ],
                )?;
            }
            Store::Postgres(db) => {
                db.execute(
                    INSERT,
                    &[
                        &body_sha256,
                        &row.manifest_sha256,
                        &row.application_sha256,
                        &row.fingerprint,
                        &row.form,
                        &row.unit,
                        &row.registration,
                        &row.file,
                        &received_at,
                        &verdict,
                        &failures,
                        &json,
                        &receipt,
                        &bytes,
                    ],
                )?;
            }
        }
        Ok(())
    }

    /// Every package received, in the order received.
    pub fn list(&mut self) -> Result<Vec<Listed>, StoreError> {
        let raw: Vec<(i64, String, String, String)> = match self {
            Store::Sqlite(db) => {
                let mut q = db.prepare(LIST)?;
                let rows = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                rows.collect::<Result<_, _>>()?
            }
            Store::Postgres(db) => {
                db.query(LIST, &[])?.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect()
            }
        };
        Ok(raw
            .into_iter()
            .filter_map(|(id, received_at, body_sha256, json)| {
                Some(Listed { id, received_at, body_sha256, row: serde_json::from_str(&json).ok()? })
            })
            .collect())
    }
}
