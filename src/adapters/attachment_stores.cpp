#include "adapters/attachment_stores.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/attachment_type.hpp"

namespace hotline::adapters {
namespace {

core::Error io_error(const std::string& what, int error) {
  return core::make_error(core::ErrorCode::unavailable, "attachment store: " + what + ": " + std::strerror(error));
}

core::Result<void> check_name(const std::string& sha256) {
  if (!core::is_sha256_hex(sha256))
    return core::fail(core::ErrorCode::invalid_argument, "not a SHA-256 in lowercase hex", "sha256");
  return {};
}

// Makes the entries of `folder` (a new file's name, a new subfolder) durable.
core::Result<void> sync_folder(const std::filesystem::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open " + folder.string(), errno);
  int rc = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (rc != 0) return io_error("fsync " + folder.string(), error);
  return {};
}

// Creates `folder` if needed; when it was created, its parent's entry is synced too.
core::Result<void> ensure_folder(const std::filesystem::path& folder) {
  if (::mkdir(folder.c_str(), 0750) == 0) return sync_folder(folder.parent_path());
  if (errno != EEXIST) return io_error("mkdir " + folder.string(), errno);
  return {};
}

core::Result<void> write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return io_error("write " + name, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

// core::AttachmentStore
core::Result<std::string> InMemoryAttachmentStore::put(std::string_view bytes) {
  std::string name = sha256_hex(bytes);
  std::lock_guard lock(mutex_);
  files_.try_emplace(name, bytes);
  return name;
}

core::Result<std::optional<std::string>> InMemoryAttachmentStore::get(const std::string& sha256) {
  if (auto ok = check_name(sha256); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto it = files_.find(sha256);
  if (it == files_.end()) return std::optional<std::string>{};
  return std::optional<std::string>{it->second};
}

std::filesystem::path FilesystemAttachmentStore::path_of(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256;
}

// core::AttachmentStore
core::Result<std::string> FilesystemAttachmentStore::put(std::string_view bytes) {
  std::string name = sha256_hex(bytes);
  const std::filesystem::path target = path_of(name);
  const std::filesystem::path folder = target.parent_path();
  if (::access(target.c_str(), F_OK) == 0) return name;  // stored before: left as it is
  if (!std::filesystem::is_directory(root_)) {
    std::error_code error;
    std::filesystem::create_directories(root_, error);
    if (error) return io_error("create " + root_.string(), error.value());
    if (auto ok = sync_folder(root_.parent_path().empty() ? "." : root_.parent_path()); !ok) return ok.error();
  }
  if (auto ok = ensure_folder(folder); !ok) return ok.error();

  std::string temporary = (folder / ("." + name + ".XXXXXX")).string();
  int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) return io_error("create a temporary file in " + folder.string(), errno);
  auto written = write_all(fd, bytes, temporary);
  if (written && ::fsync(fd) != 0) written = io_error("fsync " + temporary, errno);
  if (::close(fd) != 0 && written) written = io_error("close " + temporary, errno);
  if (written && ::link(temporary.c_str(), target.c_str()) != 0 && errno != EEXIST) {
    // A file system without hard links: rename (the content under that name is the same anyway).
    if (::rename(temporary.c_str(), target.c_str()) != 0) written = io_error("rename to " + target.string(), errno);
  }
  ::unlink(temporary.c_str());  // gone after a rename already; the error then is ENOENT
  if (!written) return written.error();
  if (auto ok = sync_folder(folder); !ok) return ok.error();
  return name;
}

core::Result<std::optional<std::string>> FilesystemAttachmentStore::get(const std::string& sha256) {
  if (auto ok = check_name(sha256); !ok) return ok.error();
  const auto path = path_of(sha256);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>{};
    return io_error("open " + path.string(), errno);
  }
  std::string out;
  char buffer[64 * 1024];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return io_error("read " + path.string(), error);
    }
    if (got == 0) break;
    out.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return std::optional<std::string>{std::move(out)};
}

}  // namespace hotline::adapters
