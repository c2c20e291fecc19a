#pragma once
// The port for ticket attachments' bytes (附件), kept outside the ticket database and named by
// their content's SHA-256. Implementations: adapters/attachment_stores.hpp (in memory; files under a
// folder). Every implementation is safe to call from many threads at once.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hotline::core {

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;

  // Stores `bytes` and returns their SHA-256 as 64 lowercase hex digits. Idempotent: the same bytes
  // again return the same name and leave the stored copy as it is. Durable before it returns, so
  // an event naming the hash may be committed after it. Errors: unavailable (I/O failure).
  [[nodiscard]] virtual Result<std::string> put(std::string_view bytes) = 0;

  // The bytes stored under `sha256`, nullopt when there are none. Errors: invalid_argument (not 64
  // lowercase hex digits), unavailable (I/O failure).
  [[nodiscard]] virtual Result<std::optional<std::string>> get(const std::string& sha256) = 0;
};

}  // namespace hotline::core
