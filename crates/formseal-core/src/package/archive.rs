//! The zip container: written with fixed order and timestamps, read back with every guard a
//! verifier needs (path traversal, absolute paths, duplicate names, zip bombs, truncation).

use super::limits::{MAX_ENTRIES, MAX_RATIO, MAX_UNPACKED_BYTES, RATIO_FLOOR};
use crate::issue::Finding;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Writes entries in the order they are added, all dated 1980-01-01 00:00 with mode 0644, so
/// the same inputs give the same bytes.
pub struct ZipOut {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

impl Default for ZipOut {
    fn default() -> Self {
        Self::new()
    }
}

impl ZipOut {
    pub fn new() -> Self {
        ZipOut { zip: ZipWriter::new(Cursor::new(Vec::new())) }
    }

    fn options(compress: bool) -> SimpleFileOptions {
        SimpleFileOptions::default()
            .compression_method(if compress { CompressionMethod::Deflated } else { CompressionMethod::Stored })
            .compression_level(compress.then_some(6))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(false)
    }

    /// Starts entry `name`; write its bytes with [`ZipOut::write`].
    pub fn start(&mut self, name: &str, compress: bool) -> std::io::Result<()> {
        self.zip.start_file(name, Self::options(compress)).map_err(std::io::Error::other)
    }

    pub fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.zip.write_all(bytes)
    }

    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.start(name, true)?;
        self.write(bytes)
    }

    pub fn finish(self) -> std::io::Result<Vec<u8>> {
        Ok(self.zip.finish().map_err(std::io::Error::other)?.into_inner())
    }
}

/// One unpacked entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Unpacks a package, refusing anything a well-made package never contains. The error names the
/// entry and what is wrong with it.
pub fn read_entries(bytes: &[u8]) -> Result<Vec<Entry>, Finding> {
    let directory = container(bytes)?;
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Finding::error(match e {
            zip::result::ZipError::InvalidArchive(ref m) if m.contains("uplicate") => {
                key!("package.zip.duplicate_unknown")
            }
            _ => key!("package.zip.unreadable"),
        })
        .with("reason", e.to_string())
    })?;
    // The zip reader keeps only the last of entries with the same name: look at the central
    // directory itself so a duplicate cannot hide.
    let raw_names = central_directory_names(bytes);
    if let Some(dup) = raw_names.iter().enumerate().find(|(i, n)| raw_names[..*i].contains(n)).map(|(_, n)| n) {
        return Err(Finding::error(key!("package.zip.duplicate")).with("name", dup.clone()));
    }
    if archive.len() > MAX_ENTRIES {
        return Err(Finding::error(key!("package.zip.too_many")).with("count", archive.len().to_string()));
    }
    // Names and declared sizes first, before unpacking anything.
    let mut names: Vec<String> = Vec::with_capacity(archive.len());
    let (mut total, mut packed_total) = (0u64, 0u64);
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|e| unreadable(&format!("#{}", i + 1), e))?;
        let name = String::from_utf8_lossy(f.name_raw()).into_owned();
        check_name(&name)?;
        if names.contains(&name) {
            return Err(Finding::error(key!("package.zip.duplicate")).with("name", name));
        }
        if f.encrypted() {
            return Err(Finding::error(key!("package.zip.encrypted")).with("name", name));
        }
        if !matches!(f.compression(), CompressionMethod::Stored | CompressionMethod::Deflated) {
            return Err(Finding::error(key!("package.zip.method")).with("name", name));
        }
        let (size, packed) = (f.size(), f.compressed_size());
        if size > RATIO_FLOOR && size / packed.max(1) > MAX_RATIO {
            return Err(Finding::error(key!("package.zip.bomb"))
                .with("name", name)
                .with("ratio", (size / packed.max(1)).to_string()));
        }
        total = total.saturating_add(size);
        packed_total = packed_total.saturating_add(packed);
        if total > MAX_UNPACKED_BYTES {
            return Err(Finding::error(key!("package.zip.too_large")).with("limit", mb(MAX_UNPACKED_BYTES)));
        }
        names.push(name);
    }
    // Entries each under the floor add up (240 of 1 MB of zeros are a 250 KB file that unpacks
    // to 240 MB): the whole package is held to the same ratio. A package formseal makes stores
    // its attachments and deflates only its JSON and PDF, a few to one.
    if total > RATIO_FLOOR && total / packed_total.max(1) > MAX_RATIO {
        return Err(Finding::error(key!("package.zip.bomb_total"))
            .with("count", names.len().to_string())
            .with("ratio", (total / packed_total.max(1)).to_string()));
    }
    // Each local header names the entry its central directory record names, and says what the
    // record says of it (no data descriptor; the same method, CRC and sizes); the entries lie end
    // to end from the first byte to the central directory, so no unlisted entry and no other
    // bytes hide between them. A streaming reader (which reads the local headers in turn) sees
    // the same package as this one.
    let mut next = 0usize;
    for (i, name) in names.iter().enumerate() {
        let f = archive.by_index_raw(i).map_err(|e| unreadable(name, e))?;
        let at = usize::try_from(f.header_start()).unwrap_or(usize::MAX);
        let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
        let u32_at = |i: usize| bytes.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64);
        let local = match (bytes.get(at..at + 4), u16_at(at + 26)) {
            (Some([0x50, 0x4b, 3, 4]), Some(n)) => bytes.get(at + 30..at + 30 + n as usize),
            _ => None,
        };
        if local != Some(f.name_raw()) {
            return Err(Finding::error(key!("package.zip.local_name")).with("name", name.clone()));
        }
        if at != next {
            return Err(Finding::error(key!("package.zip.gap")).with("name", name.clone()));
        }
        let method = if f.compression() == CompressionMethod::Stored { 0 } else { 8 };
        let agrees = u16_at(at + 6).is_some_and(|flags| flags & 0x0008 == 0)
            && u16_at(at + 8) == Some(method)
            && u32_at(at + 14) == Some(u64::from(f.crc32()))
            && u32_at(at + 18) == Some(f.compressed_size())
            && u32_at(at + 22) == Some(f.size());
        if !agrees {
            return Err(Finding::error(key!("package.zip.local_header")).with("name", name.clone()));
        }
        let extra = u16_at(at + 28).unwrap_or(0);
        next = at + 30 + (f.name_raw().len() as u64 + extra + f.compressed_size()) as usize;
    }
    if next != directory {
        let last = names.last().cloned().unwrap_or_default();
        return Err(Finding::error(key!("package.zip.gap")).with("name", last));
    }
    // Then the bytes, never more than each entry declared (a lying header cannot inflate us).
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.into_iter().enumerate() {
        let f = archive.by_index(i).map_err(|e| unreadable(&name, e))?;
        let declared = f.size();
        let mut data = Vec::with_capacity(declared.min(64 * 1024 * 1024) as usize);
        f.take(declared + 1).read_to_end(&mut data).map_err(|e| unreadable(&name, e))?;
        if data.len() as u64 != declared {
            return Err(Finding::error(key!("package.zip.size_mismatch")).with("name", name));
        }
        out.push(Entry { name, bytes: data });
    }
    Ok(out)
}

/// The container's shape, from its end record alone, before any parsing: the first local header
/// at the very start, the end record at the very end (nothing hidden before or after the
/// archive), no zip64, and no more entries or directory bytes than a package can have — so a
/// hostile directory costs nothing to refuse (issue 14, items 8 and 9). Returns where the central
/// directory starts.
fn container(bytes: &[u8]) -> Result<usize, Finding> {
    let unreadable = |reason: &str| Finding::error(key!("package.zip.unreadable")).with("reason", reason);
    let from = bytes.len().saturating_sub(65_557);
    let eocd = (from..bytes.len().saturating_sub(21)).rev().find(|&i| bytes.get(i..i + 4) == Some(&[0x50, 0x4b, 5, 6]));
    let Some(eocd) = eocd else { return Err(unreadable("no end of central directory record")) };
    if bytes.get(..4) != Some(&[0x50, 0x4b, 3, 4]) {
        return Err(Finding::error(key!("package.zip.prefix")));
    }
    let u16_at = |i: usize| bytes.get(i..i + 2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u32_at = |i: usize| bytes.get(i..i + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if eocd + 22 + u16_at(eocd + 20) != bytes.len() {
        return Err(Finding::error(key!("package.zip.trailing")));
    }
    let (count, size, offset) = (u16_at(eocd + 10), u32_at(eocd + 12), u32_at(eocd + 16));
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        return Err(unreadable("zip64, which formseal packages never use"));
    }
    if count > MAX_ENTRIES || size > MAX_ENTRIES * (46 + 3 * 1024) {
        return Err(Finding::error(key!("package.zip.too_many")).with("count", count.to_string()));
    }
    // The directory's recorded offset is where it is: no bytes were put before the archive.
    if offset + size != eocd {
        return Err(Finding::error(key!("package.zip.prefix")));
    }
    Ok(offset)
}

/// Names of the central directory records, in order (empty when the directory cannot be found;
/// the zip reader has already accepted the archive by then).
fn central_directory_names(bytes: &[u8]) -> Vec<String> {
    let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u32_at = |i: usize| bytes.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    // End of central directory: the last "PK\x05\x06" within the final 64 KiB + 22 bytes.
    let from = bytes.len().saturating_sub(65_557);
    let Some(eocd) = (from..bytes.len().saturating_sub(21)).rev().find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 5, 6])
    else {
        return Vec::new();
    };
    let (Some(count), Some(mut at)) = (u16_at(eocd + 10), u32_at(eocd + 16)) else { return Vec::new() };
    let mut names = Vec::with_capacity(count.min(MAX_ENTRIES + 1));
    for _ in 0..count.min(MAX_ENTRIES + 1) {
        let (Some(0x0201_4b50), Some(n), Some(x), Some(c)) =
            (u32_at(at), u16_at(at + 28), u16_at(at + 30), u16_at(at + 32))
        else {
            break;
        };
        let Some(name) = bytes.get(at + 46..at + 46 + n) else { break };
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + n + x + c;
    }
    names
}

fn unreadable(name: &str, e: impl std::fmt::Display) -> Finding {
    Finding::error(key!("package.zip.entry_unreadable")).with("name", name).with("reason", e.to_string())
}

fn mb(bytes: u64) -> String {
    (bytes / (1024 * 1024)).to_string()
}

/// Whether `name` is one of the documented entries (README, package format): the four fixed
/// files, or `attachments/NN-name` with two digits and a plain, visible file name. Case
/// variants, look-alike letters and hidden characters are not (issue 14, item 8).
pub(crate) fn documented(name: &str) -> bool {
    if [super::APPLICATION_JSON, super::FORM_JSON, super::APPLICATION_PDF, super::MANIFEST_JSON, super::SIGNATURE_JSON]
        .contains(&name)
    {
        return true;
    }
    let Some(rest) = name.strip_prefix("attachments/") else { return false };
    let (digits, file) = (rest.get(..2), rest.get(3..));
    digits.is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        && rest.as_bytes().get(2) == Some(&b'-')
        && file.is_some_and(|f| {
            !f.is_empty()
                && !f.contains('/')
                && !f.chars().any(|c| c.is_control() || crate::rules::normalize::is_invisible(c))
        })
}

/// Entry names are relative, forward-slash paths without `.`/`..` components or control characters.
fn check_name(name: &str) -> Result<(), Finding> {
    let bad = |code| Err(Finding::error(code).with("name", name));
    if name.starts_with('/') || name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':') {
        return bad(key!("package.zip.absolute"));
    }
    if name.contains('\\') || name.split('/').any(|c| c == ".." || c == "." || c.is_empty()) {
        return bad(key!("package.zip.traversal"));
    }
    if name.chars().any(char::is_control) {
        return bad(key!("package.zip.bad_name"));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = ZipOut::new();
        for (n, b) in entries {
            z.add(n, b).unwrap();
        }
        z.finish().unwrap()
    }

    #[test]
    fn round_trip_and_determinism() {
        let a = zip_of(&[("a.json", b"{}"), ("attachments/01-x.txt", b"hello")]);
        assert_eq!(a, zip_of(&[("a.json", b"{}"), ("attachments/01-x.txt", b"hello")]));
        let e = read_entries(&a).unwrap();
        assert_eq!(e[1], Entry { name: "attachments/01-x.txt".into(), bytes: b"hello".to_vec() });
    }

    #[test]
    fn hostile_names_are_refused() {
        for (name, code) in [
            ("../evil.sh", key!("package.zip.traversal")),
            ("attachments/../../evil", key!("package.zip.traversal")),
            ("/etc/passwd", key!("package.zip.absolute")),
            ("C:/x", key!("package.zip.absolute")),
            ("a\\b", key!("package.zip.traversal")),
        ] {
            // The zip writer refuses some of these names itself; patch a harmless name instead.
            let safe = "z".repeat(name.len());
            let mut bytes = zip_of(&[(&safe, b"x")]);
            replace_all(&mut bytes, safe.as_bytes(), name.as_bytes());
            assert_eq!(read_entries(&bytes).unwrap_err().code, code, "{name}");
        }
    }

    #[test]
    fn duplicates_truncation_and_bombs_are_refused() {
        let mut dup = zip_of(&[("a.txt", b"1"), ("b.txt", b"2")]);
        replace_all(&mut dup, b"b.txt", b"a.txt");
        let e = read_entries(&dup).unwrap_err();
        assert!(e.code.starts_with(key!("package.zip.duplicate")), "{e:?}");

        let ok = zip_of(&[("a.txt", b"1")]);
        assert_eq!(read_entries(&ok[..ok.len() - 10]).unwrap_err().code, key!("package.zip.unreadable"));

        let zeros = vec![0u8; 20 * 1024 * 1024];
        let bomb = zip_of(&[("a.txt", &zeros)]);
        assert_eq!(read_entries(&bomb).unwrap_err().code, key!("package.zip.bomb"));
    }

    pub(crate) fn replace_all(hay: &mut [u8], from: &[u8], to: &[u8]) {
        assert_eq!(from.len(), to.len());
        let mut i = 0;
        while i + from.len() <= hay.len() {
            if &hay[i..i + from.len()] == from {
                hay[i..i + from.len()].copy_from_slice(to);
                i += from.len();
            } else {
                i += 1;
            }
        }
    }
}
