//! The line syntax of a vCard, below the meaning of its properties: unfolding (continuation
//! lines, 2.1's quoted-printable soft line breaks), a property's group, name and parameters
//! (including 2.1's bare ones), its value decoded to text, and text escapes.

use encoding_rs::{Encoding, GB18030};

/// Unfold: a line starting with a space or tab continues the previous one; in 2.1, a
/// quoted-printable value ending in "=" continues on the next line whatever it starts with.
pub(super) fn logical_lines(bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let mut out: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut soft_break = false;
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match out.last_mut() {
            Some((_, prev)) if soft_break => {
                prev.pop();
                prev.extend_from_slice(raw);
            }
            Some((_, prev)) if matches!(raw.first(), Some(b' ' | b'\t')) => prev.extend_from_slice(&raw[1..]),
            _ => {
                if raw.iter().all(u8::is_ascii_whitespace) {
                    soft_break = false;
                    continue;
                }
                out.push((i + 1, raw.to_vec()));
            }
        }
        let last = &out.last().map(|(_, l)| l.as_slice()).unwrap_or_default();
        soft_break = last.ends_with(b"=") && is_quoted_printable(last);
    }
    out
}

fn is_quoted_printable(line: &[u8]) -> bool {
    let head_end = line.iter().position(|&b| b == b':').unwrap_or(line.len());
    let head = String::from_utf8_lossy(&line[..head_end]).to_ascii_uppercase();
    head.contains("QUOTED-PRINTABLE")
}

pub(super) struct Property {
    /// The group before a dot (`item1` of `item1.TEL`), upper-cased: Apple ties a label
    /// (`item1.X-ABLabel`) to a property this way.
    pub group: Option<String>,
    pub name: String,
    pub params: Vec<(String, String)>,
    pub raw_value: Vec<u8>,
}

impl Property {
    pub fn parse(line: &[u8]) -> Option<Property> {
        let mut quoted = false;
        let colon = line.iter().position(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == b':' && !quoted
        })?;
        let head = String::from_utf8_lossy(&line[..colon]).into_owned();
        let mut parts = split_unquoted(&head, ';').into_iter();
        let full = parts.next()?.trim().to_ascii_uppercase();
        let (group, name) = match full.rsplit_once('.') {
            Some((g, n)) => (Some(g.to_string()), n.to_string()),
            None => (None, full),
        };
        let params = parts
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().trim_matches('"').to_string()),
                // vCard 2.1 writes bare types: "TEL;CELL;VOICE:" and "…;QUOTED-PRINTABLE:".
                None => {
                    let bare = p.trim().to_ascii_uppercase();
                    let key = match bare.as_str() {
                        "QUOTED-PRINTABLE" | "BASE64" | "B" => "ENCODING",
                        _ => "TYPE",
                    };
                    (key.to_string(), bare)
                }
            })
            .collect();
        Some(Property { group, name, params, raw_value: line[colon + 1..].to_vec() })
    }

    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(k, _)| k == "TYPE")
            .flat_map(|(_, v)| v.split(',').map(|t| t.trim().to_ascii_lowercase()).collect::<Vec<_>>())
            .collect()
    }

    /// The value as text: quoted-printable undone, then decoded from its CHARSET (UTF-8 when
    /// none is named; GB18030 when that fails, as old Chinese phones wrote). None for binary
    /// (base64 photos).
    pub fn text(&self) -> Option<String> {
        let encoding = self.param("ENCODING").map(str::to_ascii_uppercase);
        let bytes = match encoding.as_deref() {
            Some("QUOTED-PRINTABLE") => quoted_printable(&self.raw_value),
            Some("B" | "BASE64") => return None,
            _ => self.raw_value.clone(),
        };
        let charset = self.param("CHARSET").and_then(|c| Encoding::for_label(c.as_bytes()));
        Some(match charset {
            Some(e) => e.decode(&bytes).0.into_owned(),
            None => match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => GB18030.decode(e.as_bytes()).0.into_owned(),
            },
        })
    }
}

fn split_unquoted(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in s.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == sep && !quoted {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

pub(super) fn quoted_printable(raw: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'=' {
            if let (Some(h), Some(l)) = (raw.get(i + 1).and_then(|&b| hex(b)), raw.get(i + 2).and_then(|&b| hex(b))) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
            if i + 1 == raw.len() {
                break; // a soft line break left at the very end
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Undo vCard text escaping (`\n`, `\,`, `\;`, `\\`).
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Split a structured value (N, ADR, ORG) on unescaped semicolons, then unescape each part.
pub(super) fn components(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            if let Some(last) = parts.last_mut() {
                last.push('\\');
                last.push(c);
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ';' {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts.iter().map(|p| unescape(p).trim().to_string()).collect()
}
