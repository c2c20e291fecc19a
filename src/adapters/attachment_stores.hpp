#pragma once
// core::AttachmentStore over memory and over a folder; both name content by its SHA-256
// (libsodium's crypto_hash_sha256). Both are safe to call from many threads at once.

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "core/attachment_store.hpp"

namespace hotline::adapters {

// SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// Tests and the memory backend (`--db memory:`): the bytes live as long as the store.
class InMemoryAttachmentStore final : public core::AttachmentStore {
 public:
  // core::AttachmentStore
  [[nodiscard]] core::Result<std::string> put(std::string_view bytes) override;
  [[nodiscard]] core::Result<std::optional<std::string>> get(const std::string& sha256) override;

 private:
  std::mutex mutex_;  // guards files_
  std::map<std::string, std::string> files_;
};

// Files at `<root>/<first 2 hex digits>/<sha256>`, written as a temporary file in the same folder
// (".<sha256>.XXXXXX"), fsynced, then linked under its name (an existing file of that name is left
// as it is: same name, same content) and the folder fsynced; the temporary name is removed in
// every case. A temporary file left by a crash is never read (its name is not a hash) and harmless.
// The folders are created on first use.
class FilesystemAttachmentStore final : public core::AttachmentStore {
 public:
  explicit FilesystemAttachmentStore(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  // Where the file `sha256` is (or would be) stored.
  std::filesystem::path path_of(const std::string& sha256) const;

  // core::AttachmentStore
  [[nodiscard]] core::Result<std::string> put(std::string_view bytes) override;
  [[nodiscard]] core::Result<std::optional<std::string>> get(const std::string& sha256) override;

 private:
  std::filesystem::path root_;
};

}  // namespace hotline::adapters
