//! Errors that stop a file (or the whole run) from being read. Findings are not errors.

use std::path::PathBuf;

use miette::Diagnostic;
use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("{path}: không đọc được tệp: {source}")]
    #[diagnostic(code(soi::io))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: tệp rỗng")]
    #[diagnostic(code(soi::empty), help("Tệp không có nội dung nào để kiểm tra."))]
    Empty { path: PathBuf },

    #[error("{path}: đây là tệp nhị phân, không phải văn bản")]
    #[diagnostic(
        code(soi::binary),
        help("soi đọc tệp .txt và .md (UTF-8 hoặc UTF-16 có BOM). Hãy xuất báo cáo ra văn bản thuần.")
    )]
    Binary { path: PathBuf },

    #[error("{path}: tệp có vẻ dùng bảng mã tiếng Việt cũ 8-bit ({guess}), không phải Unicode")]
    #[diagnostic(
        code(soi::legacy_encoding),
        help("Chuyển tệp sang Unicode UTF-8 trước khi kiểm tra: trong Unikey chọn Công cụ… → Chuyển mã, nguồn {guess}, đích Unicode{convert}.")
    )]
    LegacyEncoding { path: PathBuf, guess: &'static str, convert: &'static str },

    #[error("{path}: dòng {line}: không phải UTF-8 hợp lệ (byte {offset:#04x})")]
    #[diagnostic(
        code(soi::encoding),
        help("soi đọc UTF-8 (có hoặc không có BOM) và UTF-16 có BOM. Hãy lưu lại tệp với bảng mã UTF-8.")
    )]
    Encoding { path: PathBuf, offset: u8, line: usize },

    #[error("{path}: không phải tệp thường")]
    #[diagnostic(code(soi::not_a_file), help("soi đọc tệp văn bản; thư mục thì được duyệt, còn FIFO hay thiết bị thì không."))]
    NotAFile { path: PathBuf },

    #[error("{path}: định dạng tệp chưa được hỗ trợ ({extension})")]
    #[diagnostic(code(soi::format), help("soi đọc tệp .txt, .md và .docx."))]
    UnsupportedFormat { path: PathBuf, extension: String },

    #[error("{path}: soi không đọc trực tiếp tệp .{extension}")]
    #[diagnostic(code(soi::export_first), help("{how}"))]
    NeedsExport { path: PathBuf, extension: String, how: &'static str },

    #[error("{name}: đầu vào chuẩn quá lớn (hơn {limit} byte)")]
    #[diagnostic(code(soi::too_large), help("Hãy chia báo cáo thành nhiều tệp nhỏ hơn."))]
    StdinTooLarge { name: String, limit: u64 },

    #[error("{path}: không ghi kết quả vào đây vì trùng với tệp gốc {input} (tệp đầu vào)")]
    #[diagnostic(code(soi::output_is_input), help("Chọn một tên tệp khác cho kết quả; soi không bao giờ ghi đè lên báo cáo mà nó đọc."))]
    OutputIsInput { path: PathBuf, input: PathBuf },

    #[error("{path}: tệp quá lớn ({size} byte, tối đa {limit} byte)")]
    #[diagnostic(code(soi::too_large))]
    TooLarge { path: PathBuf, size: u64, limit: u64 },

    #[error("{path}: không đọc được tài liệu Word: {reason}")]
    #[diagnostic(code(soi::docx))]
    Docx { path: PathBuf, reason: String },

    #[error("{path}: tệp baseline không hợp lệ: {reason}")]
    #[diagnostic(code(soi::baseline), help("Tạo lại bằng `soi check … --write-baseline {}`.", path.display()))]
    Baseline { path: PathBuf, reason: String },

    #[error("{path}: không ghi được: {reason}")]
    #[diagnostic(code(soi::write))]
    Write { path: PathBuf, reason: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Rules(#[from] Box<crate::rules::RuleError>),

    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] Box<crate::config::ConfigError>),
}
