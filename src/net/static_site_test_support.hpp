#pragma once
// Test support: a temporary web app folder with fake files (a stand-in for web/dist), removed
// when the object dies. Layout, below `root()`:
//   index.html, portal.html, robots.txt, favicon.ico, .env (hidden), lone.txt.gz (no base file),
//   assets/app-1a2b.js (+ .br, .gz), assets/app-1a2b.css (+ .gz), assets/deep/nested/font.woff2,
//   link-in.js -> assets/app-1a2b.js, link-out.txt -> ../outside/secret.txt, linkdir -> ../outside
// and `outside()`/secret.txt next to it, which must never be served.

#include <filesystem>
#include <string>

namespace hotline::net {

class FakeWebApp {
 public:
  explicit FakeWebApp(const std::string& name);
  ~FakeWebApp();
  FakeWebApp(const FakeWebApp&) = delete;
  FakeWebApp& operator=(const FakeWebApp&) = delete;

  std::string root() const { return (base_ / "dist").string(); }
  std::filesystem::path outside() const { return base_ / "outside"; }
  // Writes `bytes` at `relative` below the root, creating folders.
  void write(const std::string& relative, const std::string& bytes) const;

  static constexpr const char* kIndex =
      "<!doctype html><title>desk</title><script type=module src=/desk/assets/app-1a2b.js></script>";
  static constexpr const char* kPortal =
      "<!doctype html><title>portal</title><script type=module src=/desk/assets/portal-3c4d.js></script>";
  static constexpr const char* kScript = "console.log('desk')";
  static constexpr const char* kScriptBrotli = "BR-bytes-of-app-js";
  static constexpr const char* kScriptGzip = "GZ-bytes-of-app-js";
  static constexpr const char* kSecret = "top secret";

 private:
  std::filesystem::path base_;
};

}  // namespace hotline::net
