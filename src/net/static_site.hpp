#pragma once
// The web apps (the Vite build in web/dist): the staff desk at /desk/ (index.html) and the
// citizens' portal at / (portal.html, assets shared under /desk/assets/). The folder is read ONCE, at
// start, into an immutable map of relative path -> bytes, MIME type, ETag and the precompressed
// `.br` / `.gz` siblings. Requests are answered from that map only, so nothing outside the folder
// (nor anything added to it later) can ever be reached, by construction. No Beast types.
//
// Thread-safety: immutable after `load`; any number of threads may call `find` and `respond`.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "net/request.hpp"

namespace hotline::net {

// One encoding of a file: its bytes and its strong ETag (quoted, differs between encodings).
struct StaticBytes {
  std::string bytes;
  std::string etag;
};

struct StaticFile {
  StaticBytes identity;
  std::string content_type;           // from the extension, see `content_type_for`
  std::optional<StaticBytes> brotli;  // the sibling `NAME.br`, when present
  std::optional<StaticBytes> gzip;    // the sibling `NAME.gz`, when present
};

class StaticSite {
 public:
  // An empty site: `available()` is false and every /desk/ path answers 404 "not built".
  StaticSite() = default;

  // Reads every regular file under `root` (recursively). Symbolic links are resolved: a link to
  // a regular file inside `root` is served under the link's name; links that lead outside `root`,
  // links to folders, and names starting with '.' (files or folders) are skipped. A `NAME.br` or
  // `NAME.gz` beside `NAME` is that file's precompressed form, never a resource of its own.
  // A missing `root` gives an empty site (the caller warns). Throws std::runtime_error naming
  // the path when `root` is not a folder or a file cannot be read.
  static StaticSite load(const std::string& root);

  // True when the folder existed and holds index.html.
  bool available() const { return files_.count("index.html") != 0; }
  std::size_t file_count() const { return files_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }
  // The folder as given to `load` (for messages); empty for a default-constructed site.
  const std::string& root() const { return root_; }

  // The file at `relative_path` ("index.html", "assets/app-1a2b.js"), or nullptr.
  const StaticFile* find(std::string_view relative_path) const;

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
  std::size_t total_bytes_ = 0;
  std::string root_;
};

// The MIME type sent for a file name, by its extension (case-insensitive): text types carry
// "; charset=utf-8"; unknown extensions are application/octet-stream.
std::string content_type_for(std::string_view file_name);

// True for the paths the web apps own: everything but /api/..., /healthz and /metrics. The
// router answers them with `respond_static` before its route table (which lists the API only).
bool is_static_path(const Request& request);

// The answer to a request for which `is_static_path` holds:
//  - GET / and any path outside /desk whose last segment has no '.' ("/track") -> portal.html
//    (the portal's client-side routes); a dotted one ("/x.js") -> 404; no portal.html -> "not built";
//  - GET /desk -> 301 to /desk/ (the query kept);
//  - /desk/<path>: the file; when there is none and the last segment has no '.', index.html
//    (client-side routes of the history-mode app); otherwise 404;
//  - a segment ".", "..", empty before the last, or holding '/', '\' or NUL (after percent
//    decoding) -> 404, never a file;
//  - methods other than GET and HEAD -> 405 with Allow;
//  - files under assets/ (hashed names) are cached for a year as immutable, everything else
//    "no-cache" with its ETag; If-None-Match with a matching ETag -> 304;
//  - the `.br` or `.gz` form when Accept-Encoding allows it (q=0 refuses), with
//    Content-Encoding and, for every file that has such a form, Vary: Accept-Encoding.
// 404s are short text/plain messages (zh-CN and English); with no site built, /desk/ says so.
// `site` may be null (no folder configured): every /desk/ path is then "not built".
Response respond_static(const StaticSite* site, const Request& request);

}  // namespace hotline::net
