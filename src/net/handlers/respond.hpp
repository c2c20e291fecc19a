#pragma once
// The last line of most handlers: a core result becomes either the mapped error or `status` with
// the encoded value.

#include "core/result.hpp"
#include "net/error_response.hpp"
#include "net/request.hpp"

namespace hotline::net::handlers {

template <typename T, typename Encode>
Response respond(const core::Result<T>& result, int status, Encode encode) {
  if (!result) return error_response(result.error());
  return json_response(status, encode(*result));
}

}  // namespace hotline::net::handlers
