#include "net/static_site.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <vector>

namespace hotline::net {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMount = "desk";
constexpr std::string_view kIndex = "index.html";
constexpr std::string_view kPortal = "portal.html";
constexpr std::string_view kAssetsPrefix = "assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A strong ETag from the content: FNV-1a 64 and the size, stable across restarts so browsers
// keep revalidating cheaply after a deploy of the same build. `tag` tells encodings apart.
std::string etag_of(std::string_view bytes, std::string_view tag) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  std::ostringstream out;
  out << '"' << std::hex << hash << '-' << bytes.size();
  if (!tag.empty()) out << '-' << tag;
  out << '"';
  return out.str();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) throw std::runtime_error("cannot open web app file " + path.string());
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw std::runtime_error("cannot read web app file " + path.string());
  return bytes;
}

// True when `path` (canonical) is `root` (canonical) or below it, compared component by component
// so that "/srv/web-other" is not inside "/srv/web".
bool is_inside(const fs::path& path, const fs::path& root) {
  auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

// Text for the 404s and the "not built" answer: short, both languages, never a file.
Response text_response(int status, std::string body) {
  Response response{status, std::move(body), {}};
  response.content_type = "text/plain; charset=utf-8";
  return response;
}

Response not_found() {
  return text_response(404, "未找到 / not found\n");
}

Response not_built(const StaticSite* site) {
  std::string where = site != nullptr && !site->root().empty() ? " (" + site->root() + ")" : "";
  return text_response(
      404, "网页端尚未构建 / the web app is not built" + where + ": run `make web`, then restart the server\n");
}

// "/desk" -> "/desk/" with the query kept.
Response redirect(int status, const Request& request) {
  Response response{status, {}, {}};
  response.content_type.clear();
  auto question = request.target.find('?');
  std::string location = "/desk/";
  if (question != std::string::npos) location += request.target.substr(question);
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

// A segment that may name part of a file: not ".", "..", and free of separators and NUL (the
// segments are percent-decoded, so "%2e%2e" and "%2f" arrive here as ".." and "/").
bool is_safe_segment(std::string_view segment) {
  if (segment == "." || segment == "..") return false;
  return segment.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

// The q-value an Accept-Encoding header gives `coding` (exact name or "*"); 0 when neither is listed.
double accepted_q(std::string_view header, std::string_view coding) {
  std::optional<double> exact;
  std::optional<double> wildcard;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semicolon = item.find(';');
    std::string_view name = item.substr(0, semicolon);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    double q = 1.0;
    while (semicolon != std::string_view::npos) {  // parameters: only q counts
      item.remove_prefix(semicolon + 1);
      semicolon = item.find(';');
      std::string parameter;
      for (char c : item.substr(0, semicolon))
        if (c != ' ' && c != '\t') parameter += lower(c);
      if (parameter.rfind("q=", 0) != 0) continue;
      auto [end, error] = std::from_chars(parameter.data() + 2, parameter.data() + parameter.size(), q);
      if (error != std::errc{} || end != parameter.data() + parameter.size()) q = 0.0;  // unreadable: refuses
    }
    std::string lowered;
    for (char c : name) lowered += lower(c);
    if (lowered == coding) exact = q;
    if (lowered == "*") wildcard = q;
  }
  if (exact) return *exact;
  return wildcard.value_or(0.0);
}

// True when If-None-Match lists `etag` (weak comparison, as RFC 9110 13.1.2 asks) or is "*".
bool none_match_hits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*") return true;
    if (item.rfind("W/", 0) == 0) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

Response file_response(const StaticFile& file, std::string_view relative_path, const Request& request) {
  // Choose the smallest form the client takes: br, then gzip, then identity; q=0 refuses.
  const StaticBytes* chosen = &file.identity;
  std::string_view encoding;
  const double brotli_q = file.brotli ? accepted_q(request.accept_encoding, "br") : 0.0;
  const double gzip_q = file.gzip ? accepted_q(request.accept_encoding, "gzip") : 0.0;
  if (brotli_q > 0 && brotli_q >= gzip_q) {
    chosen = &*file.brotli;
    encoding = "br";
  } else if (gzip_q > 0) {
    chosen = &*file.gzip;
    encoding = "gzip";
  }

  Response response{200, {}, {}};
  response.cache_control = relative_path.rfind(kAssetsPrefix, 0) == 0 ? kImmutable : kRevalidate;
  response.headers.emplace_back("ETag", chosen->etag);
  if (file.brotli || file.gzip) response.headers.emplace_back("Vary", "Accept-Encoding");
  if (!request.if_none_match.empty() && none_match_hits(request.if_none_match, chosen->etag)) {
    response.status = 304;
    response.content_type.clear();  // a 304 carries no representation metadata but the validators
    return response;
  }
  response.content_type = file.content_type;
  if (!encoding.empty()) response.headers.emplace_back("Content-Encoding", std::string(encoding));
  response.body = chosen->bytes;
  return response;
}

}  // namespace

std::string content_type_for(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".wasm", "application/wasm"},
  };
  std::string lowered;
  for (char c : file_name) lowered += lower(c);
  for (const auto& [extension, type] : kTypes) {
    if (ends_with(lowered, extension)) return std::string(type);
  }
  return "application/octet-stream";
}

StaticSite StaticSite::load(const std::string& root_name) {
  StaticSite site;
  site.root_ = root_name;
  fs::path root(root_name);
  if (!root.has_filename()) root = root.parent_path();  // "web/dist/": names relative to "web/dist"
  std::error_code ec;
  if (!fs::exists(root, ec)) return site;
  if (!fs::is_directory(root, ec)) throw std::runtime_error("web app folder " + root.string() + " is not a folder");
  const fs::path canonical_root = fs::canonical(root);

  // Pass 1: every regular file inside the folder, by its name relative to the folder.
  std::map<std::string, fs::path, std::less<>> found;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& path = it->path();
    if (path.filename().string().front() == '.') {
      if (it->is_directory() && !it->is_symlink()) it.disable_recursion_pending();
      continue;
    }
    // Links to folders are not followed (the iterator does not descend into them) and are not
    // files; links to files count only when they resolve inside the folder.
    fs::path resolved = fs::canonical(path, ec);
    if (ec || !is_inside(resolved, canonical_root) || !fs::is_regular_file(resolved, ec)) continue;
    found.emplace(path.lexically_relative(root).generic_string(), resolved);
  }

  // Pass 2: a NAME.br / NAME.gz beside NAME is its precompressed form, not a file of its own.
  for (const auto& [name, path] : found) {
    const bool brotli = ends_with(name, ".br");
    const bool gzip = ends_with(name, ".gz");
    if ((brotli || gzip) && found.count(std::string_view(name).substr(0, name.size() - 3)) != 0) continue;
    StaticFile file;
    file.identity.bytes = read_file(path);
    file.identity.etag = etag_of(file.identity.bytes, {});
    file.content_type = content_type_for(name);
    site.total_bytes_ += file.identity.bytes.size();
    for (auto [suffix, slot, tag] : {std::tuple{".br", &file.brotli, "br"}, std::tuple{".gz", &file.gzip, "gz"}}) {
      auto sibling = found.find(name + suffix);
      if (sibling == found.end()) continue;
      StaticBytes compressed;
      compressed.bytes = read_file(sibling->second);
      // The tag keeps the encodings' ETags apart even if two forms had equal bytes.
      compressed.etag = etag_of(file.identity.bytes, tag);
      site.total_bytes_ += compressed.bytes.size();
      *slot = std::move(compressed);
    }
    site.files_.emplace(name, std::move(file));
  }
  return site;
}

const StaticFile* StaticSite::find(std::string_view relative_path) const {
  auto it = files_.find(relative_path);
  return it == files_.end() ? nullptr : &it->second;
}

bool is_static_path(const Request& request) {
  if (request.segments.empty()) return true;
  const std::string& first = request.segments.front();
  return first != "api" && first != "healthz" && first != "metrics";
}

Response respond_static(const StaticSite* site, const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response response = text_response(405, "只允许 GET 和 HEAD / only GET and HEAD are allowed here\n");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  const auto& segments = request.segments;
  if (segments.empty() || segments.front() != kMount) {
    // The citizens' portal: "/" and its client-side routes ("/track"), all answered with its shell;
    // its assets live under /desk/assets/ with the desk's (one build, shared chunks).
    for (const std::string& segment : segments) {
      if (!is_safe_segment(segment)) return not_found();
    }
    if (!segments.empty() && segments.back().find('.') != std::string::npos) return not_found();
    const StaticFile* portal = site == nullptr ? nullptr : site->find(kPortal);
    if (portal == nullptr) return not_built(site);
    return file_response(*portal, kPortal, request);
  }
  if (segments.size() == 1) return redirect(301, request);  // "/desk": relative asset URLs need the slash

  std::string relative_path;
  for (std::size_t index = 1; index < segments.size(); ++index) {
    const std::string& segment = segments[index];
    const bool last = index + 1 == segments.size();
    if (!is_safe_segment(segment) || (segment.empty() && !last)) return not_found();
    if (index > 1) relative_path += '/';
    relative_path += segment;
  }
  if (site == nullptr || !site->available()) return not_built(site);
  if (relative_path.empty()) relative_path = kIndex;  // "/desk/"
  if (const StaticFile* file = site->find(relative_path)) return file_response(*file, relative_path, request);
  // A client-side route (no extension in the last segment): the app's shell, which routes itself.
  if (segments.back().find('.') == std::string::npos) return file_response(*site->find(kIndex), kIndex, request);
  return not_found();
}

}  // namespace hotline::net
