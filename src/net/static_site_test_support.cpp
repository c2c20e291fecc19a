#include "net/static_site_test_support.hpp"

#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace hotline::net {

namespace fs = std::filesystem;

FakeWebApp::FakeWebApp(const std::string& name)
    : base_(fs::temp_directory_path() / ("hotline-web-" + name + "-" + std::to_string(::getpid()))) {
  fs::remove_all(base_);
  write("index.html", kIndex);
  write("portal.html", kPortal);
  write("robots.txt", "User-agent: *\nDisallow: /\n");
  write("favicon.ico", std::string("\0\0\1\0", 4));
  write(".env", "SECRET=1");
  write("lone.txt.gz", "gzip bytes without a base file");
  write("assets/app-1a2b.js", kScript);
  write("assets/app-1a2b.js.br", kScriptBrotli);
  write("assets/app-1a2b.js.gz", kScriptGzip);
  write("assets/app-1a2b.css", "body{margin:0}");
  write("assets/app-1a2b.css.gz", "GZ-bytes-of-app-css");
  write("assets/deep/nested/font.woff2", "wOF2");
  fs::create_directories(outside());
  std::ofstream(outside() / "secret.txt") << kSecret;
  fs::create_symlink("assets/app-1a2b.js", base_ / "dist" / "link-in.js");
  fs::create_symlink("../outside/secret.txt", base_ / "dist" / "link-out.txt");
  fs::create_directory_symlink("../outside", base_ / "dist" / "linkdir");
}

FakeWebApp::~FakeWebApp() {
  std::error_code ignored;
  fs::remove_all(base_, ignored);
}

void FakeWebApp::write(const std::string& relative, const std::string& bytes) const {
  const fs::path path = base_ / "dist" / relative;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace hotline::net
