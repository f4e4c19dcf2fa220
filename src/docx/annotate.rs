//! The annotated copy: one Word comment per finding, anchored on the disputed figure (runs
//! split where a range starts or ends inside them), the comments part created or extended,
//! and every other part of the package copied raw. Parts are edited through namespace-aware
//! XML events, never by searching strings; every changed part is parsed again before anything
//! is written, and the copy is written to a temporary file beside the target and renamed into
//! place, so a failure never leaves a half-written file.

use std::io::{Cursor, Write};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::xml::{self, text_of, Walk, CONTENT_TYPES_NS, RELATIONSHIPS_NS, W_NS};
use super::{bad, open, part, DocxText, Origin, Piece};
use crate::error::Result;

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

const DOCUMENT: &str = "word/document.xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const COMMENTS_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";

fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

fn w_ns() -> String {
    String::from_utf8_lossy(W_NS).into_owned()
}

/// A copy of the .docx `bytes` with the comments added, for the caller to write. Parts soi does
/// not touch are copied byte for byte; the comments part is extended if there is one.
pub fn annotate(path: &Path, bytes: &[u8], comments: &[Comment]) -> Result<Vec<u8>> {
    let mut zip = open(path, bytes)?;
    let document = part(path, &mut zip, DOCUMENT)?.ok_or_else(|| bad(path, "thiếu word/document.xml"))?;
    let rels = part(path, &mut zip, DOCUMENT_RELS)?;
    // The comments part is where the document's relationships say, else word/comments.xml.
    let target = match &rels {
        Some(r) => comments_target(r).map_err(|e| bad(path, e))?,
        None => None,
    };
    let comments_name = target.clone().unwrap_or_else(|| "word/comments.xml".into());
    let existing = part(path, &mut zip, &comments_name)?;
    let first_id = match &existing {
        Some(x) => max_comment_id(&comments_name, x).map_err(|e| bad(path, e))?.map_or(0, |m| m.saturating_add(1)),
        None => 0,
    };
    let ids: Vec<usize> = (0..comments.len()).map(|i| first_id + i).collect();
    // A comment whose range could not be placed whole is left out, mark and text alike.
    let (mut new_doc, placed) = mark_document(&document, comments, &ids).map_err(|e| bad(path, e))?;
    let keep: Vec<bool> = ids.iter().map(|id| placed.contains(id)).collect();
    if keep.contains(&false) {
        let (kept, kept_ids): (Vec<Comment>, Vec<usize>) = comments.iter().cloned().zip(ids.iter().copied()).zip(&keep).filter(|(_, k)| **k).map(|(c, _)| c).unzip();
        new_doc = mark_document(&document, &kept, &kept_ids).map_err(|e| bad(path, e))?.0;
    }
    let bodies = |decl: &str| -> String {
        comments
            .iter()
            .zip(&ids)
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|((c, id), _)| {
                format!(
                    r#"<w:comment{decl} w:id="{id}" w:author="soi" w:initials="soi"><w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:comment>"#,
                    esc(&c.text)
                )
            })
            .collect()
    };
    let mut changed: Vec<(String, Vec<u8>)> = vec![(DOCUMENT.into(), new_doc)];
    match &existing {
        Some(x) => {
            let extended = append_to_root(&comments_name, x, W_NS, b"comments", &|prefix_is_w| bodies(if prefix_is_w { "" } else { &DECL_W })).map_err(|e| bad(path, e))?;
            changed.push((comments_name.clone(), extended));
        }
        None => {
            let x = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{}\">{}</w:comments>", w_ns(), bodies(""));
            changed.push((comments_name.clone(), x.into_bytes()));
        }
    }
    if target.is_none() {
        let rel_target = comments_name.strip_prefix("word/").map_or_else(|| format!("/{comments_name}"), str::to_owned);
        let new_rels = match &rels {
            Some(r) => add_relationship(r, &rel_target).map_err(|e| bad(path, e))?,
            None => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{}\"><Relationship Id=\"rIdSoiComments\" Type=\"{COMMENTS_REL}\" Target=\"{}\"/></Relationships>",
                String::from_utf8_lossy(RELATIONSHIPS_NS),
                esc(&rel_target)
            )
            .into_bytes(),
        };
        changed.push((DOCUMENT_RELS.into(), new_rels));
    }
    // The comments part's content type, unless the package already declares it.
    let types = part(path, &mut zip, CONTENT_TYPES)?.ok_or_else(|| bad(path, "thiếu [Content_Types].xml: gói không hợp lệ"))?;
    if let Some(t) = add_override(&types, &format!("/{comments_name}")).map_err(|e| bad(path, e))? {
        changed.push((CONTENT_TYPES.into(), t));
    }
    // What soi wrote must be XML that Word can open; otherwise nothing is written.
    for (name, data) in &changed {
        xml::check(name, data).map_err(|e| bad(path, format!("bản có chú thích sẽ có XML không hợp lệ ({e}); không ghi gì cả")))?;
    }
    repackage(path, &mut zip, &changed)
}

/// ` xmlns:w="…"` on an inserted element, where the part does not bind `w` to WordprocessingML.
static DECL_W: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| format!(r#" xmlns:w="{}""#, w_ns()));

/// The package with the changed parts, every other entry copied raw, in a buffer.
fn repackage(path: &Path, zip: &mut zip::ZipArchive<Cursor<Vec<u8>>>, changed: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let write_err = |e: &dyn std::fmt::Display| bad(path, format!("bản có chú thích không đóng gói được: {e}"));
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut names: Vec<String> = (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.name().to_owned())).collect();
    for (n, _) in changed {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    for name in names {
        match changed.iter().find(|(n, _)| *n == name) {
            Some((_, data)) => {
                w.start_file(name.as_str(), opts).map_err(|e| write_err(&e))?;
                w.write_all(data).map_err(|e| write_err(&e))?;
            }
            None => {
                let entry = zip.by_name(&name).map_err(|e| bad(path, format!("{name}: {e}")))?;
                w.raw_copy_file(entry).map_err(|e| write_err(&e))?;
            }
        }
    }
    Ok(w.finish().map_err(|e| write_err(&e))?.into_inner())
}

/// The comments part named by the document's relationships, if any.
fn comments_target(rels: &[u8]) -> std::result::Result<Option<String>, String> {
    let mut walk = Walk::new(DOCUMENT_RELS, rels);
    while let Some(ev) = walk.next()? {
        let (Event::Start(e) | Event::Empty(e)) = &ev else { continue };
        if !walk.is(e.name(), RELATIONSHIPS_NS, b"Relationship") {
            continue;
        }
        let any = |_: &[u8]| false;
        let external = walk.attr_in(e, b"TargetMode", any).is_some_and(|m| m == "External");
        if walk.attr_in(e, b"Type", any).as_deref() == Some(COMMENTS_REL) && !external {
            if let Some(t) = walk.attr_in(e, b"Target", any) {
                return Ok(Some(resolve_target(&t)));
            }
        }
    }
    Ok(None)
}

/// A relationship target of word/document.xml as a part name ("comments.xml" → "word/comments.xml").
fn resolve_target(target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { vec!["word"] };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The largest comment id of a comments part.
fn max_comment_id(name: &str, xml: &[u8]) -> std::result::Result<Option<usize>, String> {
    let mut walk = Walk::new(name, xml);
    let mut max = None;
    while let Some(ev) = walk.next()? {
        let (Event::Start(e) | Event::Empty(e)) = &ev else { continue };
        if walk.w(e.name()) == Some(b"comment") {
            if let Some(id) = walk.w_attr(e, b"id").and_then(|v| v.trim().parse::<usize>().ok()) {
                max = Some(max.map_or(id, |m: usize| m.max(id)));
            }
        }
    }
    Ok(max)
}

/// `xml` with `children` inserted as the last children of its root element, which must be
/// `local` of namespace `ns` (a self-closing root is opened). `children` is told whether the
/// root's prefix is `w` (then inserted WordprocessingML needs no declaration of its own).
fn append_to_root(name: &str, xml: &[u8], ns: &[u8], local: &[u8], children: &dyn Fn(bool) -> String) -> std::result::Result<Vec<u8>, String> {
    let mut walk = Walk::new(name, xml);
    let mut out = Vec::with_capacity(xml.len() + 1024);
    let mut at = 0usize;
    let mut root: Option<Vec<u8>> = None;
    let mut done = false;
    while let Some(ev) = walk.next()? {
        let end = walk.position();
        let raw = xml.get(at..end).unwrap_or_default();
        let depth = walk.depth();
        match &ev {
            Event::Start(e) | Event::Empty(e) if root.is_none() => {
                if !walk.is(e.name(), ns, local) {
                    return Err(format!("{name}: phần tử gốc không phải <{}>", String::from_utf8_lossy(local)));
                }
                let qname = e.name().as_ref().to_vec();
                let is_w_prefix = e.name().prefix().is_some_and(|p| p.as_ref() == b"w");
                if matches!(ev, Event::Empty(_)) {
                    out.extend_from_slice(&open_tag(raw));
                    out.extend_from_slice(children(is_w_prefix).as_bytes());
                    out.extend_from_slice(b"</");
                    out.extend_from_slice(&qname);
                    out.push(b'>');
                    done = true;
                } else {
                    out.extend_from_slice(raw);
                }
                root = Some(if is_w_prefix { b"w".to_vec() } else { Vec::new() });
            }
            Event::End(_) if depth == 0 && !done => {
                out.extend_from_slice(children(root.as_deref() == Some(b"w")).as_bytes());
                out.extend_from_slice(raw);
                done = true;
            }
            _ => out.extend_from_slice(raw),
        }
        at = end;
    }
    out.extend_from_slice(xml.get(at..).unwrap_or_default());
    if !done {
        return Err(format!("{name}: không có phần tử gốc"));
    }
    Ok(out)
}

/// `<x a="1"/>` → `<x a="1">`.
fn open_tag(raw: &[u8]) -> Vec<u8> {
    let mut t = raw.to_vec();
    while t.last().is_some_and(|c| c.is_ascii_whitespace()) {
        t.pop();
    }
    if t.ends_with(b"/>") {
        t.truncate(t.len() - 2);
        t.push(b'>');
    }
    t
}

/// The document's relationships with one to the comments part.
fn add_relationship(rels: &[u8], target: &str) -> std::result::Result<Vec<u8>, String> {
    // An id no other relationship has.
    let mut ids = Vec::new();
    let mut prefix = String::new();
    let mut walk = Walk::new(DOCUMENT_RELS, rels);
    while let Some(ev) = walk.next()? {
        let (Event::Start(e) | Event::Empty(e)) = &ev else { continue };
        if walk.is(e.name(), RELATIONSHIPS_NS, b"Relationships") {
            prefix = qualified_prefix(e);
        }
        if let Some(id) = walk.attr_in(e, b"Id", |_| false) {
            ids.push(id);
        }
    }
    let id = (0..).map(|k| if k == 0 { "rIdSoiComments".to_owned() } else { format!("rIdSoiComments{k}") }).find(|c| !ids.contains(c)).unwrap_or_default();
    let child = format!(r#"<{prefix}Relationship Id="{id}" Type="{COMMENTS_REL}" Target="{}"/>"#, esc(target));
    append_to_root(DOCUMENT_RELS, rels, RELATIONSHIPS_NS, b"Relationships", &|_| child.clone())
}

/// The content types with an override for `part_name`, or None when it already has one.
fn add_override(types: &[u8], part_name: &str) -> std::result::Result<Option<Vec<u8>>, String> {
    let mut prefix = String::new();
    let mut walk = Walk::new(CONTENT_TYPES, types);
    while let Some(ev) = walk.next()? {
        let (Event::Start(e) | Event::Empty(e)) = &ev else { continue };
        if walk.is(e.name(), CONTENT_TYPES_NS, b"Types") {
            prefix = qualified_prefix(e);
        }
        // Part names compare without regard to case.
        if walk.is(e.name(), CONTENT_TYPES_NS, b"Override") && walk.attr_in(e, b"PartName", |_| false).is_some_and(|p| p.eq_ignore_ascii_case(part_name)) {
            return Ok(None);
        }
    }
    let child = format!(r#"<{prefix}Override PartName="{}" ContentType="{COMMENTS_TYPE}"/>"#, esc(part_name));
    append_to_root(CONTENT_TYPES, types, CONTENT_TYPES_NS, b"Types", &|_| child.clone()).map(Some)
}

/// "p:" for a root written `<p:Types>`, "" for `<Types>`: children are written the same way.
fn qualified_prefix(e: &BytesStart) -> String {
    e.name().prefix().map(|p| format!("{}:", String::from_utf8_lossy(p.as_ref()))).unwrap_or_default()
}

/// An open run: its start tag as written, its properties as written, its depth.
struct Run {
    tag: Vec<u8>,
    name: Vec<u8>,
    rpr: Vec<u8>,
    depth: usize,
}

/// document.xml with each comment's range marked, and the ids whose start and end were both
/// placed. The run is split where a range starts or ends inside it: the run (and text) is
/// closed, the mark written, and a run with the same start tag and properties reopened.
fn mark_document(xml: &[u8], comments: &[Comment], ids: &[usize]) -> std::result::Result<(Vec<u8>, Vec<usize>), String> {
    let mut walk = Walk::new(DOCUMENT, xml);
    let mut out: Vec<u8> = Vec::with_capacity(xml.len() + comments.len() * 300);
    let mut decl = String::new();
    let mut marks: Vec<(Point, u8, usize)> = Vec::new(); // point, ends before starts, id
    for (c, id) in comments.iter().zip(ids) {
        marks.push((c.start, 1, *id));
        marks.push((c.end, 0, *id));
    }
    marks.sort_by_key(|m| (m.0, m.1));
    // Text points and reference points are met in two separate sequences.
    let (marks, ref_marks): (Vec<_>, Vec<_>) = marks.into_iter().partition(|m| matches!(m.0, Point::Text { .. }));
    let (mut next, mut next_ref) = (0usize, 0usize);
    let mut started: Vec<usize> = Vec::new();
    let mut placed: Vec<usize> = Vec::new();
    let mark_xml = |m: &(Point, u8, usize), decl: &str| -> String {
        let id = m.2;
        if m.1 == 1 {
            format!(r#"<w:commentRangeStart{decl} w:id="{id}"/>"#)
        } else {
            format!(
                r#"<w:commentRangeEnd{decl} w:id="{id}"/><w:r{decl}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#
            )
        }
    };
    let note = |m: &(Point, u8, usize), started: &mut Vec<usize>, placed: &mut Vec<usize>| {
        if m.1 == 1 {
            started.push(m.2);
        } else if started.contains(&m.2) {
            placed.push(m.2);
        }
    };
    let mut runs: Vec<Run> = Vec::new();
    let mut rpr_depth: Option<usize> = None; // capturing the current run's properties
    let mut t_open: Vec<u8> = Vec::new(); // the current w:t's start tag, space preserved
    let mut t_name: Vec<u8> = Vec::new();
    let mut in_t = false;
    let (mut node, mut refs, mut offset) = (0usize, 0usize, 0usize);
    let mut at = 0usize;
    // Closes the text (if inside) and the run, writes the mark, reopens both.
    let split = |out: &mut Vec<u8>, run: Option<&Run>, mark: &str, t: Option<(&[u8], &[u8])>| {
        let Some(run) = run else {
            out.extend_from_slice(mark.as_bytes());
            return;
        };
        if let Some((name, _)) = t {
            out.extend_from_slice(b"</");
            out.extend_from_slice(name);
            out.push(b'>');
        }
        out.extend_from_slice(b"</");
        out.extend_from_slice(&run.name);
        out.push(b'>');
        out.extend_from_slice(mark.as_bytes());
        out.extend_from_slice(&run.tag);
        out.extend_from_slice(&run.rpr);
        if let Some((_, open)) = t {
            out.extend_from_slice(open);
        }
    };
    while let Some(ev) = walk.next()? {
        let end = walk.position();
        let raw = xml.get(at..end).unwrap_or_default();
        at = end;
        if let Some(d) = rpr_depth {
            // Inside the run's properties (a tracked formatting change nests another rPr).
            out.extend_from_slice(raw);
            if let Some(r) = runs.last_mut() {
                r.rpr.extend_from_slice(raw);
            }
            if matches!(ev, Event::End(_)) && walk.depth() < d {
                rpr_depth = None;
            }
            continue;
        }
        let local = match &ev {
            Event::Start(e) | Event::Empty(e) => walk.w(e.name()),
            Event::End(e) => walk.w(e.name()),
            _ => None,
        };
        match (&ev, local) {
            (Event::Start(e), _) if walk.depth() == 1 => {
                // The root: whether `w` is WordprocessingML's prefix throughout.
                if e.name().prefix().is_none_or(|p| p.as_ref() != b"w") || local.is_none() {
                    decl.clone_from(&DECL_W);
                }
                out.extend_from_slice(raw);
            }
            (Event::Start(e), Some(b"r")) => {
                runs.push(Run { tag: raw.to_vec(), name: e.name().as_ref().to_vec(), rpr: Vec::new(), depth: walk.depth() });
                out.extend_from_slice(raw);
            }
            // The run's own properties: a child of the run, not of something inside it.
            (Event::Start(_) | Event::Empty(_), Some(b"rPr")) if runs.last().is_some_and(|r| r.depth == parent_depth(&walk, &ev)) => {
                if let Some(r) = runs.last_mut() {
                    r.rpr = raw.to_vec();
                }
                if matches!(ev, Event::Start(_)) {
                    rpr_depth = Some(walk.depth());
                }
                out.extend_from_slice(raw);
            }
            (Event::End(_), Some(b"r")) => {
                runs.pop();
                out.extend_from_slice(raw);
            }
            (Event::Start(e), Some(b"t")) => {
                in_t = true;
                offset = 0;
                t_name = e.name().as_ref().to_vec();
                let has_space = e.attributes().flatten().any(|a| a.key.as_ref() == b"xml:space");
                t_open = if has_space { raw.to_vec() } else { preserve(raw) };
                out.extend_from_slice(&t_open);
            }
            (Event::End(_), Some(b"t")) => {
                // Marks at the very end of this text go after it.
                out.extend_from_slice(raw);
                in_t = false;
                while let Some(m) = marks.get(next).filter(|m| matches!(m.0, Point::Text { node: n, offset: o } if n == node && o >= offset)) {
                    split(&mut out, runs.last(), &mark_xml(m, &decl), None);
                    note(m, &mut started, &mut placed);
                    next += 1;
                }
                node += 1;
            }
            (Event::Empty(_), Some(b"t")) => {
                out.extend_from_slice(raw);
                node += 1;
            }
            (Event::Text(_) | Event::GeneralRef(_), _) if in_t => {
                let s = text_of(&ev);
                let n = s.chars().count();
                let mut written = 0usize; // chars of s already written
                while let Some(m) = marks.get(next) {
                    let Point::Text { node: mn, offset: mo } = m.0 else { break };
                    if mn != node || mo >= offset + n {
                        break;
                    }
                    let k = mo.saturating_sub(offset).max(written);
                    let piece: String = s.chars().skip(written).take(k - written).collect();
                    out.extend_from_slice(esc(&piece).as_bytes());
                    written = k;
                    split(&mut out, runs.last(), &mark_xml(m, &decl), Some((&t_name, &t_open)));
                    note(m, &mut started, &mut placed);
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
            (Event::Empty(_), Some(b"footnoteReference")) => {
                while let Some(m) = ref_marks.get(next_ref).filter(|m| m.0 == Point::BeforeRef(refs)) {
                    split(&mut out, runs.last(), &mark_xml(m, &decl), None);
                    note(m, &mut started, &mut placed);
                    next_ref += 1;
                }
                out.extend_from_slice(raw);
                while let Some(m) = ref_marks.get(next_ref).filter(|m| m.0 == Point::AfterRef(refs)) {
                    split(&mut out, runs.last(), &mark_xml(m, &decl), None);
                    note(m, &mut started, &mut placed);
                    next_ref += 1;
                }
                refs += 1;
            }
            (Event::Start(_), Some(b"footnoteReference")) => {
                out.extend_from_slice(raw);
                refs += 1;
            }
            _ => out.extend_from_slice(raw),
        }
        // Points before the current node that were never reached are skipped.
        while marks.get(next).is_some_and(|m| matches!(m.0, Point::Text { node: n, .. } if n < node)) {
            next += 1;
        }
        while ref_marks.get(next_ref).is_some_and(|m| matches!(m.0, Point::BeforeRef(r) | Point::AfterRef(r) if r < refs)) {
            next_ref += 1;
        }
    }
    out.extend_from_slice(xml.get(at..).unwrap_or_default());
    Ok((out, placed))
}

/// The depth of the element that holds the one just read.
fn parent_depth(walk: &Walk, ev: &Event) -> usize {
    walk.depth() - usize::from(matches!(ev, Event::Start(_)))
}

/// A `w:t` start tag with `xml:space="preserve"` added (a split must keep its spaces).
fn preserve(raw: &[u8]) -> Vec<u8> {
    let mut t = raw.to_vec();
    if t.ends_with(b">") {
        t.pop();
        t.extend_from_slice(br#" xml:space="preserve">"#);
    }
    t
}
