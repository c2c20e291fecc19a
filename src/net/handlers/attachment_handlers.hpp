#pragma once
// Files on tickets (附件): the upload, whose body is the raw file (no multipart; the session lets
// this route exceed the general body limit, up to `ServerOptions::max_attachment_bytes`), and the
// download. Thin: `TicketService::attach`/`attachment` hold every rule (visibility, the `attach`
// action's roles, the type by content). Run concurrently on the blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

// POST /api/v1/tickets/{id}/attachments?filename=<name>: 201 with the ticket.
Response upload_attachment(const Services& services, const Call& call);
// GET (and HEAD) /api/v1/tickets/{id}/attachments/{sha256}: the bytes, with the detected type,
// Content-Disposition, nosniff and `private, max-age=0`.
Response download_attachment(const Services& services, const Call& call);

// The Content-Disposition value of a download: `attachment` (or `inline`) with the name as RFC 8187
// `filename*=UTF-8''<percent-encoded>`.
std::string content_disposition(std::string_view filename, bool inline_display);

}  // namespace hotline::net::handlers
