//! Reading the small files that configure a run (soi.yaml, rule files, baselines) without
//! trusting them: only regular files (a FIFO would block forever), a size cap, and for YAML
//! a screen run before parsing that refuses anchors/aliases (a 1 MB file can expand to
//! gigabytes) and nesting deeper than any real setting needs (deep nesting parses slowly).

use std::io::Read;
use std::path::Path;

/// soi.yaml and rule files are a few kilobytes; this is far above any real one.
pub const MAX_YAML_BYTES: u64 = 1024 * 1024;

/// The deepest nesting a real soi.yaml or rule file has is 4 (list → rule → message → vi).
pub const MAX_YAML_DEPTH: usize = 16;

/// Why a settings file was refused, and where in its text (byte offset) when known.
#[derive(Debug)]
pub struct Refused {
    pub reason: String,
    pub at: Option<usize>,
    /// The text, when it was read (for a diagnostic pointing into it).
    pub text: String,
}

impl Refused {
    fn plain(reason: String) -> Refused {
        Refused { reason, at: None, text: String::new() }
    }
}

/// Reads a regular file of at most `limit` bytes as UTF-8.
pub fn read_regular(path: &Path, limit: u64) -> Result<String, Refused> {
    let meta = std::fs::metadata(path).map_err(|e| Refused::plain(e.to_string()))?;
    if !meta.is_file() {
        return Err(Refused::plain("không phải tệp thường (FIFO, thiết bị hay thư mục); hãy chỉ đến một tệp".to_owned()));
    }
    if meta.len() > limit {
        return Err(Refused::plain(format!("tệp quá lớn ({} byte, tối đa {limit} byte)", meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| Refused::plain(e.to_string()))?;
    let mut bytes = Vec::new();
    // The size may change between the check and the read: never read past the cap.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| Refused::plain(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(Refused::plain(format!("tệp quá lớn (hơn {limit} byte)")));
    }
    let text = String::from_utf8(bytes).map_err(|e| Refused::plain(format!("không phải UTF-8 hợp lệ (byte {})", e.utf8_error().valid_up_to())))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

/// Whether the line holding byte `at` is short enough to be shown under an error (a
/// 200 KB line of brackets would flood the terminal).
pub fn showable(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    end - start <= 300
}

/// Reads a YAML settings file: `read_regular` with the YAML cap, then `screen`.
pub fn read_yaml(path: &Path) -> Result<String, Refused> {
    let text = read_regular(path, MAX_YAML_BYTES)?;
    match screen(&text) {
        Ok(()) => Ok(text),
        Err((reason, at)) => Err(Refused { reason, at: Some(at), text }),
    }
}

/// Refuses anchors (`&a`), aliases (`*a`) and nesting deeper than `MAX_YAML_DEPTH`. A light scanner: it follows quotes, comments, flow brackets,
/// block scalars and indentation, which is all soi's settings files use.
pub fn screen(text: &str) -> Result<(), (String, usize)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    // Indentation of the line that opened a block scalar (`|` or `>`): lines indented more
    // are its text.
    let mut block: Option<usize> = None;
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let content = &body[indent..];
        if let Some(b) = block {
            if content.is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        if quote.is_none() && flow == 0 && !content.is_empty() && !content.starts_with('#') {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut depth_here = indents.len() + flow;
        let mut prev = ' ';
        let mut chars = content.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let pos = start + indent + i;
            if let Some(q) = quote {
                if c == q {
                    // '' inside a single-quoted scalar is an escaped quote.
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                } else if c == '\\' && q == '"' {
                    chars.next();
                }
                prev = c;
                continue;
            }
            let token_start = matches!(prev, ' ' | '\t' | '[' | '{' | ',');
            match c {
                '#' if matches!(prev, ' ' | '\t') || i == 0 => break,
                '"' | '\'' if token_start || prev == ':' => quote = Some(c),
                '[' | '{' if token_start || prev == ':' => {
                    flow += 1;
                    depth_here = depth_here.max(indents.len() + flow);
                }
                ']' | '}' => flow = flow.saturating_sub(1),
                '&' | '*' if token_start && chars.peek().is_some_and(|&(_, n)| !matches!(n, ' ' | '\t' | ',' | ']' | '}')) => {
                    let what = if c == '&' { "neo (anchor &)" } else { "bí danh (alias *)" };
                    return Err((format!("không cho phép {what} trong tệp cấu hình/quy tắc; viết giá trị ra đầy đủ, hoặc đặt mẫu glob trong ngoặc kép"), pos));
                }
                '-' if token_start && chars.peek().is_none_or(|&(_, n)| n == ' ') && flow == 0 => depth_here += 1,
                '|' | '>' if token_start && flow == 0 && opens_block(&content[i + 1..]) => {
                    block = Some(indent);
                    break;
                }
                _ => {}
            }
            if depth_here > MAX_YAML_DEPTH {
                return Err((format!("lồng quá sâu (hơn {MAX_YAML_DEPTH} cấp)"), pos));
            }
            prev = c;
        }
        if depth_here > MAX_YAML_DEPTH {
            return Err((format!("lồng quá sâu (hơn {MAX_YAML_DEPTH} cấp)"), start));
        }
    }
    Ok(())
}

/// What follows `|` or `>` when it opens a block scalar: chomping/indent marks, a comment.
fn opens_block(rest: &str) -> bool {
    let rest = rest.trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit()).trim_start();
    rest.is_empty() || rest.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::screen;

    #[test]
    fn plain_settings_pass() {
        let ok = "select: [SOI1, SOI2]   # codes\nper-file-ignores:\n  \"luu-tru/**\": [SOI3]\nexclude: [nhap/**, 'a*b']\n\
                  - code: X\n  message: { vi: \"R&D *đạt* {word}\", en: 'it''s' }\n  help: |\n    * a bullet\n    &x\nlang: vi\n";
        assert_eq!(screen(ok), Ok(()));
    }

    #[test]
    fn anchors_aliases_and_depth_are_refused_with_their_place() {
        let a = "a: &x [1, 2]\nb: *x\n";
        assert_eq!(screen(a).map_err(|e| e.1), Err(3));
        let b = "select: [SOI1]\nignore: *x\n";
        assert_eq!(screen(b).map_err(|e| e.1), Err(23));
        let deep = format!("select: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert!(screen(&deep).is_err());
        let block_deep: String = (0..40).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
        assert!(screen(&block_deep).is_err());
        let dashes = format!("{}x\n", "- ".repeat(40));
        assert!(screen(&dashes).is_err());
    }
}
