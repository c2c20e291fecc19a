#pragma once

#include <string>
#include <vector>

namespace hotline::text {

// One labelled message. `title` may be empty (some sources only have the body, or title and
// body run together); `text` may be raw text or space-separated tokens.
struct LabelledText {
  std::string title;
  std::string text;
  std::string label;
};

// Reads a labelled file, choosing the format from its name and header row:
//   *.jsonl / *.json       one JSON object per line with string fields "text", "label" and
//                          optionally "title"
//   CSV with 一级分类, 留言主题, 留言详情    (附件2 sample release)
//   CSV with 一级标签, tokens                (full 附件2, jieba tokens only)
//   CSV with 一级标签, title_plus_detail     (recovered text / MarsW20 splits; 留言主题 +
//                          留言详情 are preferred when that row has them)
//   CSV with label, text [, title]          (generic)
// CSV is RFC 4180 (see `wire::CsvReader`). Blank lines are skipped. Throws std::runtime_error
// "path:line: reason" for an unreadable file, an unknown header, a row with the wrong number
// of fields, or a row with an empty label or empty text.
[[nodiscard]] std::vector<LabelledText> read_labelled_file(const std::string& path);

}  // namespace hotline::text
