//! The annotated copy: one Word comment per finding, anchored on the disputed figure (runs
//! split where a range starts or ends inside them), comments.xml created or extended, and
//! every other part of the package copied raw.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{attr, bad, open, part, text_of, DocxText, Origin, Piece};
use crate::error::{Error, Result};

/// Where a comment starts or ends in word/document.xml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Point {
    /// Before the `offset`-th character of the `node`-th `w:t`.
    Text { node: usize, offset: usize },
    /// Before or after the `node`-th `w:footnoteReference`.
    BeforeRef(usize),
    AfterRef(usize),
}

/// A Word comment to add: its range and text.
#[derive(Debug, Clone)]
pub struct Comment {
    pub start: Point,
    pub end: Point,
    pub text: String,
}

impl DocxText {
    /// The range of a finding (lines and 1-based columns, end exclusive) in document.xml. A
    /// finding inside a footnote is anchored on the footnote's reference mark in the body.
    pub fn anchor(&self, line: usize, column: usize, end_line: usize, end_column: usize) -> Option<(Point, Point)> {
        let first = |l: usize, c: usize, forward: bool| -> Option<Point> {
            let pieces = self.pieces.get(l.wrapping_sub(1))?;
            let c = c.saturating_sub(1);
            let body = |p: &Piece, k: usize| match p.origin {
                Origin::Body { node, offset } => Some(Point::Text { node, offset: offset + k }),
                _ => None,
            };
            if forward {
                pieces.iter().filter(|p| p.start + p.len > c).find_map(|p| body(p, c.saturating_sub(p.start)))
            } else {
                pieces.iter().rev().filter(|p| p.start < c).find_map(|p| body(p, (c - p.start).min(p.len)))
            }
        };
        if let (Some(s), Some(e)) = (first(line, column, true), first(end_line, end_column, false)) {
            if s < e {
                return Some((s, e));
            }
        }
        let note = self.note_of_line.get(line.wrapping_sub(1))?.as_ref()?;
        let r = *self.note_refs.get(note)?;
        Some((Point::BeforeRef(r), Point::AfterRef(r)))
    }
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";

fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// Writes `out`: a copy of the .docx `bytes` with the comments added. Parts soi does not touch
/// are copied byte for byte; comments.xml is extended if there is one.
pub fn annotate(path: &Path, bytes: &[u8], comments: &[Comment], out: &Path) -> Result<()> {
    let mut zip = open(path, bytes)?;
    let document = part(path, &mut zip, "word/document.xml")?.ok_or_else(|| bad(path, "thiếu word/document.xml"))?;
    let existing = part(path, &mut zip, "word/comments.xml")?;
    let first_id = existing.as_deref().and_then(max_comment_id).map(|m| m + 1).unwrap_or(0);
    let ids: Vec<usize> = (0..comments.len()).map(|i| first_id + i).collect();
    let new_doc = mark_document(&document, comments, &ids).map_err(|e| bad(path, format!("word/document.xml: {e}")))?;
    let mut bodies = String::new();
    for (c, id) in comments.iter().zip(&ids) {
        bodies.push_str(&format!(
            r#"<w:comment w:id="{id}" w:author="soi" w:initials="soi"><w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:comment>"#,
            esc(&c.text)
        ));
    }
    let comments_xml = match &existing {
        Some(x) => {
            let x = String::from_utf8_lossy(x).into_owned();
            match x.rfind("</w:comments>") {
                Some(at) => format!("{}{bodies}{}", &x[..at], &x[at..]),
                None => return Err(bad(path, "word/comments.xml không có </w:comments>")),
            }
        }
        None => format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W_NS}">{bodies}</w:comments>"#),
    };
    let write_err = |e: &dyn std::fmt::Display| Error::Write { path: out.into(), reason: e.to_string() };
    let file = std::fs::File::create(out).map_err(|e| write_err(&e))?;
    let mut w = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut names: Vec<String> = (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.name().to_owned())).collect();
    if existing.is_none() {
        names.push("word/comments.xml".into());
    }
    for name in names {
        let replaced: Option<Vec<u8>> = match name.as_str() {
            "word/document.xml" => Some(new_doc.clone()),
            "word/comments.xml" => Some(comments_xml.clone().into_bytes()),
            "[Content_Types].xml" if existing.is_none() => {
                let x = String::from_utf8_lossy(&part(path, &mut zip, &name)?.unwrap_or_default()).into_owned();
                Some(insert_before(&x, "</Types>", &format!(r#"<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/>"#)).into_bytes())
            }
            "word/_rels/document.xml.rels" if existing.is_none() => {
                let x = String::from_utf8_lossy(&part(path, &mut zip, &name)?.unwrap_or_default()).into_owned();
                Some(insert_before(&x, "</Relationships>", &format!(r#"<Relationship Id="rIdSoiComments" Type="{COMMENTS_REL}" Target="comments.xml"/>"#)).into_bytes())
            }
            _ => None,
        };
        match replaced {
            Some(data) => {
                w.start_file(name.as_str(), opts).map_err(|e| write_err(&e))?;
                std::io::Write::write_all(&mut w, &data).map_err(|e| write_err(&e))?;
            }
            None => {
                let entry = zip.by_name(&name).map_err(|e| bad(path, e.to_string()))?;
                w.raw_copy_file(entry).map_err(|e| write_err(&e))?;
            }
        }
    }
    w.finish().map_err(|e| write_err(&e))?;
    Ok(())
}

fn insert_before(x: &str, close: &str, what: &str) -> String {
    match x.rfind(close) {
        Some(at) => format!("{}{what}{}", &x[..at], &x[at..]),
        None => x.to_owned(),
    }
}

fn max_comment_id(xml: &[u8]) -> Option<usize> {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut max = None;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().as_ref() == b"w:comment" => {
                if let Some(id) = attr(&e, b"w:id").and_then(|v| v.parse::<usize>().ok()) {
                    max = Some(max.map_or(id, |m: usize| m.max(id)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    max
}

/// document.xml with each comment's range marked: the run is split where a range starts or
/// ends inside it (`</w:r>`, the mark, then a new `<w:r>` with the same properties).
fn mark_document(xml: &[u8], comments: &[Comment], ids: &[usize]) -> std::result::Result<Vec<u8>, quick_xml::Error> {
    // Every mark to insert: (point, order, xml). Ends before starts at the same point.
    let mut marks: Vec<(Point, u8, String)> = Vec::new();
    for (c, id) in comments.iter().zip(ids) {
        marks.push((c.start, 1, format!(r#"<w:commentRangeStart w:id="{id}"/>"#)));
        marks.push((
            c.end,
            0,
            format!(r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#),
        ));
    }
    marks.sort_by_key(|m| (m.0, m.1));
    // Text points and reference points are met in two separate sequences.
    let (marks, ref_marks): (Vec<_>, Vec<_>) = marks.into_iter().partition(|m| matches!(m.0, Point::Text { .. }));
    let mut next_ref = 0usize;
    let mut out: Vec<u8> = Vec::with_capacity(xml.len() + marks.len() * 200);
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut rpr: Vec<u8> = Vec::new(); // the current run's properties, as written
    let mut in_rpr = false;
    let mut node = 0usize;
    let mut refs = 0usize;
    let mut in_t = false;
    let mut offset = 0usize;
    let mut next = 0usize; // next mark to place
    let split = |out: &mut Vec<u8>, rpr: &[u8], mark: &str, in_t: bool| {
        if in_t {
            out.extend_from_slice(b"</w:t>");
        }
        out.extend_from_slice(b"</w:r>");
        out.extend_from_slice(mark.as_bytes());
        out.extend_from_slice(b"<w:r>");
        out.extend_from_slice(rpr);
        if in_t {
            out.extend_from_slice(br#"<w:t xml:space="preserve">"#);
        }
    };
    loop {
        let start = r.buffer_position() as usize;
        let ev = r.read_event_into(&mut buf)?;
        let end = r.buffer_position() as usize;
        let raw = &xml[start.min(xml.len())..end.min(xml.len())];
        match &ev {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:r" => {
                rpr.clear();
                out.extend_from_slice(raw);
            }
            Event::Start(e) if e.name().as_ref() == b"w:rPr" => {
                in_rpr = true;
                rpr.extend_from_slice(raw);
                out.extend_from_slice(raw);
            }
            Event::End(e) if e.name().as_ref() == b"w:rPr" => {
                in_rpr = false;
                rpr.extend_from_slice(raw);
                out.extend_from_slice(raw);
            }
            _ if in_rpr => {
                rpr.extend_from_slice(raw);
                out.extend_from_slice(raw);
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => {
                in_t = true;
                offset = 0;
                let has_space = attr(e, b"xml:space").is_some();
                if has_space {
                    out.extend_from_slice(raw);
                } else {
                    out.extend_from_slice(br#"<w:t xml:space="preserve">"#);
                }
            }
            Event::End(e) if e.name().as_ref() == b"w:t" => {
                // Marks at the very end of this text go after it.
                out.extend_from_slice(raw);
                in_t = false;
                while next < marks.len() && matches!(marks[next].0, Point::Text { node: n, offset: o } if n == node && o >= offset) {
                    split(&mut out, &rpr, &marks[next].2, false);
                    next += 1;
                }
                node += 1;
            }
            Event::Empty(e) if e.name().as_ref() == b"w:t" => {
                out.extend_from_slice(raw);
                node += 1;
            }
            Event::Text(_) | Event::GeneralRef(_) if in_t => {
                let s = text_of(&ev);
                let n = s.chars().count();
                let mut written = 0usize; // chars of s already written
                while next < marks.len() {
                    let Point::Text { node: mn, offset: mo } = marks[next].0 else { break };
                    if mn != node || mo >= offset + n {
                        break;
                    }
                    let k = mo.saturating_sub(offset).max(written);
                    let piece: String = s.chars().skip(written).take(k - written).collect();
                    out.extend_from_slice(esc(&piece).as_bytes());
                    written = k;
                    split(&mut out, &rpr, &marks[next].2, true);
                    next += 1;
                }
                if written == 0 {
                    out.extend_from_slice(raw);
                } else {
                    let rest: String = s.chars().skip(written).collect();
                    out.extend_from_slice(esc(&rest).as_bytes());
                }
                offset += n;
            }
            Event::Empty(e) if e.name().as_ref() == b"w:footnoteReference" => {
                while next_ref < ref_marks.len() && ref_marks[next_ref].0 == Point::BeforeRef(refs) {
                    split(&mut out, &rpr, &ref_marks[next_ref].2, false);
                    next_ref += 1;
                }
                out.extend_from_slice(raw);
                while next_ref < ref_marks.len() && ref_marks[next_ref].0 == Point::AfterRef(refs) {
                    split(&mut out, &rpr, &ref_marks[next_ref].2, false);
                    next_ref += 1;
                }
                refs += 1;
            }
            _ => out.extend_from_slice(raw),
        }
        // Points before the current node that were never reached (a mark past the last
        // character of a w:t is placed at its end above); skip any left behind.
        while next < marks.len() && matches!(marks[next].0, Point::Text { node: n, .. } if n < node) {
            next += 1;
        }
        buf.clear();
    }
    Ok(out)
}
