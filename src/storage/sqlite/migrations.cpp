#include "storage/sqlite/migrations.hpp"

#include "storage/sqlite/kpi_schema.hpp"

namespace hotline::storage::sqlite {
namespace {

// Version 1: tickets (projection + history), reference data, users and sessions.
// Timestamps are integer epoch seconds; enums are their `to_string` text.
// Every ticket index ends in `id` so a filter walks it newest-first without a sort (the list order
// is `id DESC`); see `ticket_query.cpp` for how a query picks its driving index.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  caller_name TEXT NOT NULL,
  caller_phone TEXT NOT NULL,
  caller_confidential INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  district TEXT NOT NULL,
  street TEXT NOT NULL,
  address TEXT NOT NULL,
  latitude REAL,
  longitude REAL,
  category TEXT NOT NULL,
  urgency TEXT NOT NULL,
  state TEXT NOT NULL,
  resume_state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  acknowledge_deadline INTEGER,
  closed_at INTEGER,
  lead_unit TEXT NOT NULL,
  co_units TEXT NOT NULL,
  dispatch_count INTEGER NOT NULL,
  wrong_dispatch_count INTEGER NOT NULL,
  supervision_count INTEGER NOT NULL,
  redo_count INTEGER NOT NULL,
  reviewed INTEGER NOT NULL,
  rating TEXT,
  requested_deadline INTEGER,
  merged_into INTEGER,
  reply TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_by INTEGER NOT NULL
);
CREATE INDEX tickets_by_state ON tickets(state, id);
CREATE INDEX tickets_by_type ON tickets(type, id);
CREATE INDEX tickets_by_district ON tickets(district, id);
CREATE INDEX tickets_by_created ON tickets(created_at, id);
CREATE INDEX tickets_open_by_id ON tickets(id, deadline)
  WHERE state IN ('dispatched','acknowledged','in_progress','return_requested','extension_requested');

-- Lead ('lead') and co-handling ('co') units of each ticket, for the unit filter.
CREATE TABLE ticket_units (
  unit_id TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  role TEXT NOT NULL,
  PRIMARY KEY (unit_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_units_by_ticket ON ticket_units(ticket_id);

CREATE TABLE ticket_events (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (ticket_id, seq)
) WITHOUT ROWID;

-- Character bigrams of title and text (computed in C++, see bigram.hpp); rowid = tickets.id.
-- Contentless: the text lives in `tickets`, matches are confirmed there with instr().
CREATE VIRTUAL TABLE ticket_fts USING fts5(grams, content='', columnsize=0, tokenize='ascii');

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  parent_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL
);

CREATE TABLE categories (
  level1 TEXT NOT NULL,
  level2 TEXT NOT NULL,
  level3 TEXT NOT NULL,
  PRIMARY KEY (level1, level2, level3)
);

CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY,
  off_day INTEGER NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
)sql";

// Version 2: the audit trail of who saw citizens' contact details.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX audit_log_by_ticket ON audit_log(ticket_id, id);
CREATE INDEX audit_log_by_actor ON audit_log(actor_id, id);
)sql";

// Version 4: the dispatch catalogue (派单目录); configuration rows, edited in place. `co_units` is a
// JSON array of unit ids, as in `tickets`; empty district/street mean "any place".
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE dispatch_rules (
  id TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  district TEXT NOT NULL,
  street TEXT NOT NULL,
  lead_unit TEXT NOT NULL,
  co_units TEXT NOT NULL,
  place_co_handles INTEGER NOT NULL,
  note TEXT NOT NULL
);
)sql";

// Version 5: a global event id for live subscribers (`TicketEvent::id`, `events_after`). The
// events table gets an INTEGER PRIMARY KEY, assigned at insert by the single writer, so ids grow
// in commit order; (ticket_id, seq) stays unique and is the history's index. Events stored before
// get ids in the order they happened.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE ticket_events_v5 (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (ticket_id, seq)
);
INSERT INTO ticket_events_v5 (ticket_id, seq, action, actor_id, actor, role, at, reason, payload)
  SELECT ticket_id, seq, action, actor_id, actor, role, at, reason, payload FROM ticket_events
  ORDER BY at, ticket_id, seq;
DROP TABLE ticket_events;
ALTER TABLE ticket_events_v5 RENAME TO ticket_events;
)sql";

// Version 6: a username is one name regardless of case ("Alice" is "alice"; usernames are ASCII,
// which NOCASE folds). A unique index would fail to build on a database that already holds two
// such names, and the database would no longer open; so the triggers refuse new clashes, the
// NOCASE index serves the lookups, and an old pair keeps signing in by its exact names.
constexpr std::string_view kVersion6 = R"sql(
CREATE INDEX users_by_username_nocase ON users(username COLLATE NOCASE);
CREATE TRIGGER users_username_nocase_insert BEFORE INSERT ON users
WHEN EXISTS (SELECT 1 FROM users WHERE username = NEW.username COLLATE NOCASE)
BEGIN SELECT RAISE(ABORT, 'username is taken'); END;
CREATE TRIGGER users_username_nocase_update BEFORE UPDATE OF username ON users
WHEN EXISTS (SELECT 1 FROM users WHERE username = NEW.username COLLATE NOCASE AND id <> NEW.id)
BEGIN SELECT RAISE(ABORT, 'username is taken'); END;
)sql";

// The dispatch-side workflow's ticket fields (core::Ticket): per co-unit status (JSON array of
// {unit, acknowledged_at, opinion, opinion_at}), the forward chain (JSON array of unit ids) and a
// rejection still to be corrected. Tickets stored before get them as their events would project
// them: a co-unit entry per co-handling unit, and a registered ticket whose last review rejected it
// needs correcting, with that review's reason.
constexpr std::string_view kDispatchWorkflow = R"sql(
ALTER TABLE tickets ADD COLUMN co_handling TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN forwarded_from TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN needs_correction INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN correction_reason TEXT NOT NULL DEFAULT '';
UPDATE tickets SET co_handling =
  (SELECT json_group_array(json_object('unit', value)) FROM json_each(tickets.co_units))
  WHERE co_units <> '[]';
UPDATE tickets SET needs_correction = 1, correction_reason =
  (SELECT reason FROM ticket_events e WHERE e.ticket_id = tickets.id AND e.action = 'review' ORDER BY seq DESC LIMIT 1)
  WHERE state = 'registered' AND
  (SELECT json_extract(payload, '$.approved') FROM ticket_events e
    WHERE e.ticket_id = tickets.id AND e.action = 'review' ORDER BY seq DESC LIMIT 1) = '0';
)sql";

// Callback outcomes, intake answers and ratings, the tickets merged into a target (JSON array of
// ids; the projection's new fields), and the
// PBX's call id on call records (CTI events are idempotent per call id; NULL for imported files).
constexpr std::string_view kTicketClosing = R"sql(
ALTER TABLE tickets ADD COLUMN callback_due INTEGER;
ALTER TABLE tickets ADD COLUMN callback_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN next_callback_at INTEGER;
ALTER TABLE tickets ADD COLUMN callback_result TEXT;
ALTER TABLE tickets ADD COLUMN intake_answer TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN knowledge_article TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN intake_rating TEXT;
ALTER TABLE tickets ADD COLUMN merged_from TEXT NOT NULL DEFAULT '[]';
CREATE INDEX tickets_by_merged_into ON tickets(merged_into) WHERE merged_into IS NOT NULL;
ALTER TABLE kpi_calls ADD COLUMN call_id TEXT;
CREATE UNIQUE INDEX kpi_calls_by_call_id ON kpi_calls(call_id) WHERE call_id IS NOT NULL;
)sql";

// Account management and session expiry: when each user last signed in (shown to admins) and when
// each session was last used (idle expiry). Both NULL for rows from before.
constexpr std::string_view kAccountSessions = R"sql(
ALTER TABLE users ADD COLUMN last_login_at INTEGER;
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
)sql";

// The desk's list filters (category prefix, urgency, channel, street, caller phone) and the
// deadline order each get an index ending in `id`. The caller-history search compares phones
// normalized as `core::normalize_phone` does (blanks, U+3000 and dashes removed, then a leading
// "+86" dropped): a generated column computes it for old rows and new ones alike.
constexpr std::string_view kListFilters = R"sql(
ALTER TABLE tickets ADD COLUMN caller_phone_key TEXT GENERATED ALWAYS AS (
  CASE WHEN substr(replace(replace(replace(replace(caller_phone, ' ', ''), char(9), ''), char(12288), ''), '-', ''), 1, 3) = '+86'
       THEN substr(replace(replace(replace(replace(caller_phone, ' ', ''), char(9), ''), char(12288), ''), '-', ''), 4)
       ELSE replace(replace(replace(replace(caller_phone, ' ', ''), char(9), ''), char(12288), ''), '-', '') END) VIRTUAL;
CREATE INDEX tickets_by_caller_phone ON tickets(caller_phone_key, id);
CREATE INDEX tickets_by_category ON tickets(category, id);
CREATE INDEX tickets_by_urgency ON tickets(urgency, id);
CREATE INDEX tickets_by_channel ON tickets(channel, id);
CREATE INDEX tickets_by_street ON tickets(street, id);
CREATE INDEX tickets_by_deadline ON tickets(deadline, id);
)sql";

// A ticket whose deadline was counted over a year the working-day calendar does not cover
// (core::Ticket::deadline_beyond_calendar).
constexpr std::string_view kDeadlineBeyondCalendar = R"sql(
ALTER TABLE tickets ADD COLUMN deadline_beyond_calendar INTEGER NOT NULL DEFAULT 0;
)sql";

// The files on a ticket (core::Ticket::attachments): a JSON array of {sha256, filename,
// content_type, size, uploaded_by, uploaded_at (epoch seconds)}. The bytes are outside the
// database (core::AttachmentStore).
constexpr std::string_view kAttachments = R"sql(
ALTER TABLE tickets ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
)sql";

// Reference and account changes in the audit trail (core::AuditEntry::subject, before, after).
constexpr std::string_view kAuditSubjects = R"sql(
ALTER TABLE audit_log ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN before_json TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN after_json TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_by_subject ON audit_log(subject, id);
)sql";

// Quality inspection (质检, core/quality.hpp): checklists (items one per line), teams (member ids
// comma-separated), inspections (at most one per ticket; scores one "key=points" per line).
constexpr std::string_view kQuality = R"sql(
CREATE TABLE quality_checklists (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  items TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE quality_teams (
  name TEXT PRIMARY KEY,
  members TEXT NOT NULL
);
CREATE TABLE quality_inspections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL UNIQUE,
  agent_id INTEGER NOT NULL,
  agent TEXT NOT NULL,
  inspector_id INTEGER NOT NULL,
  inspector TEXT NOT NULL,
  checklist_id INTEGER NOT NULL,
  period_from INTEGER NOT NULL,
  period_to INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  state TEXT NOT NULL,
  scores TEXT NOT NULL,
  total REAL NOT NULL,
  remarks TEXT NOT NULL,
  sampled_at INTEGER NOT NULL,
  scored_at INTEGER
);
CREATE INDEX quality_inspections_by_agent ON quality_inspections(agent_id, id);
CREATE INDEX quality_inspections_by_scored_at ON quality_inspections(scored_at) WHERE scored_at IS NOT NULL;
)sql";

// The tickets an account registered, by time (quality sampling, `TicketRepository::created_by`):
// one agent's month without reading the city's.
constexpr std::string_view kTicketsByCreator = R"sql(
CREATE INDEX tickets_by_creator ON tickets(created_by, created_at, id);
)sql";

// Categories can be retired (refused for new tickets, kept on old ones).
constexpr std::string_view kCategoryRetirement = R"sql(
ALTER TABLE categories ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
)sql";

// The notification outbox (core/outbox_repository.hpp): every message to a citizen and its
// delivery state; `sending` rows carry the lease of the worker that claimed them.
constexpr std::string_view kOutbox = R"sql(
CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  text TEXT NOT NULL,
  ticket_id INTEGER,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  gateway_message_id TEXT NOT NULL,
  lease_owner TEXT NOT NULL,
  lease_until INTEGER
);
CREATE INDEX outbox_messages_due ON outbox_messages(next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_messages_leased ON outbox_messages(lease_until) WHERE state = 'sending';
CREATE INDEX outbox_messages_by_state ON outbox_messages(state, id);
CREATE INDEX outbox_messages_by_kind ON outbox_messages(kind, id);
)sql";

// Deployment settings the console edits (core/settings_repository.hpp): one row per key
// ("deadlines", "kpi"), the value in settings_codec.hpp's text form.
constexpr std::string_view kSettings = R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql";

}  // namespace

const std::vector<std::string_view>& migrations() {
  // Version 3: the KPI records and counters (kpi_schema.hpp).
  static const std::vector<std::string_view> all{kVersion1, kVersion2, kKpiSchema, kVersion4, kVersion5, kVersion6,
                                                 kDispatchWorkflow, kTicketClosing,
                                                 kAccountSessions, kListFilters,
                                                 kDeadlineBeyondCalendar, kAttachments, kAuditSubjects, kQuality,
                                                 kTicketsByCreator, kCategoryRetirement, kOutbox, kSettings};
  return all;
}

int latest_schema_version() { return static_cast<int>(migrations().size()); }

std::string_view open_for_handling_condition() {
  return "state IN ('dispatched','acknowledged','in_progress','return_requested','extension_requested')";
}

}  // namespace hotline::storage::sqlite
