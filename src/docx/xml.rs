//! Namespace-aware reading of the XML parts of a package. Elements and attributes are matched
//! by namespace URI and local name, whatever prefix the producer chose (`w:p`, `ns0:p`, or a
//! default namespace), and a part that is not well-formed XML (cut short, tags that do not
//! match) is an error, never a silently shorter text.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, QName, ResolveResult};
use quick_xml::NsReader;

/// WordprocessingML, transitional and strict.
pub const W_NS: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT_NS: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility: `mc:AlternateContent` holds a text box twice (`mc:Choice` and an
/// older `mc:Fallback`); only the choice is read.
pub const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
pub const CONTENT_TYPES_NS: &[u8] = b"http://schemas.openxmlformats.org/package/2006/content-types";
pub const RELATIONSHIPS_NS: &[u8] = b"http://schemas.openxmlformats.org/package/2006/relationships";

/// An event reader over one part that tracks depth, so a part cut short is caught at its end.
pub struct Walk<'a> {
    r: NsReader<&'a [u8]>,
    part: &'a str,
    open: Vec<Vec<u8>>,
    root: bool,
}

impl<'a> Walk<'a> {
    pub fn new(part: &'a str, xml: &'a [u8]) -> Walk<'a> {
        Walk { r: NsReader::from_reader(xml), part, open: Vec::new(), root: false }
    }

    /// The next event; `None` at the end of a complete part.
    pub fn next(&mut self) -> Result<Option<Event<'a>>, String> {
        let ev = self.r.read_event().map_err(|e| {
            format!("{} không phải XML hợp lệ (byte {}: {e}); tệp có thể đã hỏng: hãy mở và lưu lại bằng Word", self.part, self.r.error_position())
        })?;
        match &ev {
            Event::Eof => {
                return match self.open.last() {
                    None if !self.root => Err(format!("{} không có phần tử nào (trống hoặc bị cắt cụt); hãy mở và lưu lại bằng Word", self.part)),
                    None => Ok(None),
                    Some(name) => Err(format!(
                        "{} bị cắt cụt: hết dữ liệu khi thẻ <{}> chưa đóng; tệp có thể chưa được ghi xong: hãy mở và lưu lại bằng Word",
                        self.part,
                        String::from_utf8_lossy(name)
                    )),
                };
            }
            Event::Start(e) => {
                self.root = true;
                self.open.push(e.name().as_ref().to_vec());
            }
            Event::Empty(_) => self.root = true,
            Event::End(_) => {
                self.open.pop();
            }
            _ => {}
        }
        Ok(Some(ev))
    }

    /// How many elements are open after the last event (a start tag counts, an empty one not).
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Byte offset of the end of the last event read.
    pub fn position(&self) -> usize {
        usize::try_from(self.r.buffer_position()).unwrap_or(usize::MAX)
    }

    /// Whether an element is `local` of namespace `ns`.
    pub fn is(&self, name: QName, ns: &[u8], local: &[u8]) -> bool {
        let (n, l) = self.r.resolve_element(name);
        matches!(n, ResolveResult::Bound(Namespace(n)) if n == ns) && l.as_ref() == local
    }

    /// The local name of a WordprocessingML element (`p`, `t`, `tbl` …), None for others.
    pub fn w<'n>(&self, name: QName<'n>) -> Option<&'n [u8]> {
        let (ns, local) = self.r.resolve_element(name);
        matches!(ns, ResolveResult::Bound(Namespace(n)) if is_w(n)).then(|| local.into_inner())
    }

    /// A WordprocessingML attribute (`w:val`, `ns0:val`; unprefixed too, as lenient readers
    /// accept), unescaped.
    pub fn w_attr(&self, e: &BytesStart, local: &[u8]) -> Option<String> {
        self.attr_in(e, local, is_w)
    }

    /// An attribute of a namespace, or unprefixed (package parts use unprefixed attributes).
    pub fn attr_in(&self, e: &BytesStart, local: &[u8], ns: fn(&[u8]) -> bool) -> Option<String> {
        e.attributes().flatten().find_map(|a| {
            let (n, l) = self.r.resolve_attribute(a.key);
            let ok = l.as_ref() == local
                && match n {
                    ResolveResult::Bound(Namespace(n)) => ns(n),
                    ResolveResult::Unbound => true,
                    ResolveResult::Unknown(_) => false,
                };
            if ok {
                a.decode_and_unescape_value(e.decoder()).ok().map(|v| v.into_owned())
            } else {
                None
            }
        })
    }
}

pub fn is_w(ns: &[u8]) -> bool {
    ns == W_NS || ns == W_STRICT_NS
}

/// Reads a whole part as namespace-aware XML: Err when it is not well-formed, or an element
/// or attribute uses a prefix that is not declared. Used on every part soi writes.
pub fn check(part: &str, xml: &[u8]) -> Result<(), String> {
    let mut walk = Walk::new(part, xml);
    let mut roots = 0;
    while let Some(ev) = walk.next()? {
        let e = match &ev {
            // Start has already been pushed on `open`; an empty element is not.
            Event::Start(e) => {
                roots += usize::from(walk.open.len() == 1);
                e
            }
            Event::Empty(e) => {
                roots += usize::from(walk.open.is_empty());
                e
            }
            Event::Text(t) if walk.open.is_empty() && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(format!("{part}: có văn bản nằm ngoài phần tử gốc"));
            }
            _ => continue,
        };
        if roots > 1 {
            return Err(format!("{part}: có hơn một phần tử gốc"));
        }
        let undeclared = |p: Vec<u8>| format!("{part}: tiền tố '{}' chưa được khai báo", String::from_utf8_lossy(&p));
        if let ResolveResult::Unknown(p) = walk.r.resolve_element(e.name()).0 {
            return Err(undeclared(p));
        }
        for a in e.attributes() {
            let a = a.map_err(|err| format!("{part}: thuộc tính hỏng: {err}"))?;
            if let ResolveResult::Unknown(p) = walk.r.resolve_attribute(a.key).0 {
                return Err(undeclared(p));
            }
        }
    }
    Ok(())
}

/// The characters of a text event, or of an entity reference (`&amp;`, `&#7843;`).
pub fn text_of(ev: &Event) -> String {
    match ev {
        Event::Text(t) => t.decode().map(|c| c.into_owned()).unwrap_or_default(),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                return c.to_string();
            }
            let name = r.decode().map(|c| c.into_owned()).unwrap_or_default();
            quick_xml::escape::resolve_predefined_entity(&name).unwrap_or("").to_owned()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formedness_is_checked() {
        let ok = br#"<?xml version="1.0"?><a:x xmlns:a="u"><a:y a:k="1"/>t</a:x>"#;
        assert_eq!(check("p", ok), Ok(()));
        for bad in [&br#"<a:x xmlns:a="u"><a:y>"#[..], br#"<a:x xmlns:a="u"></a:y>"#, br#"<b:x/>"#, br#"<x b:k="1"/>"#, br#"<x/><y/>"#, b""] {
            assert!(check("p", bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
