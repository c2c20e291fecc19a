#pragma once
// Port: durable storage of the online chat (dialogue.hpp): dialogues, their transcripts, the
// agents' presence and the bot's canned answers. Everything a second server node must see goes
// here (no chat state that matters lives only in one process): which dialogue waits in which
// queue, who holds it, which agents are available. Assignment is a compare-and-set on the
// dialogue's version, so two nodes never give one dialogue to two agents.
// Implemented in storage/{memory,sqlite}, checked by storage/conformance. Synchronous,
// thread-safe, durable on success; the rules (who may do what, the bot, the clock) are
// `ChatService`'s.

#include <optional>
#include <string>
#include <vector>

#include "core/dialogue.hpp"
#include "core/result.hpp"

namespace hotline::core {

// Filters are ANDed; newest (highest id) first, `before_id` the cursor (exclusive).
struct DialogueQuery {
  std::vector<DialogueState> states;  // empty: any
  std::optional<std::int64_t> agent_id;
  std::optional<TicketId> ticket_id;
  std::optional<std::int64_t> before_id;
  int limit = 50;  // 1..500
};

class DialogueRepository {
 public:
  virtual ~DialogueRepository() = default;

  // Stores a new dialogue with the next id and version 1, and its first messages (seq 1..n, in
  // order) in the same transaction; returns it as stored (last_seq = n).
  [[nodiscard]] virtual Result<Dialogue> create(const Dialogue& dialogue, const std::vector<ChatMessage>& first) = 0;

  // Replaces the stored dialogue `dialogue.id` when its stored version is `dialogue.version`, and
  // appends `messages` (their seq assigned after last_seq; dialogue_id, seq ignored on input) in the
  // same transaction; the stored one gets version + 1 and the new last_seq. Returns it as stored
  // and the messages as stored. Errors: not_found; conflict when the version differs (reread and
  // decide again).
  struct Updated {
    Dialogue dialogue;
    std::vector<ChatMessage> messages;
  };
  [[nodiscard]] virtual Result<Updated> update(const Dialogue& dialogue, const std::vector<ChatMessage>& messages) = 0;

  // Errors: not_found.
  [[nodiscard]] virtual Result<Dialogue> get(DialogueId id) = 0;
  // The dialogue whose token digest is `token_digest`. Errors: not_found.
  [[nodiscard]] virtual Result<Dialogue> by_token(const std::string& token_digest) = 0;
  [[nodiscard]] virtual Result<std::vector<Dialogue>> list(const DialogueQuery& query) = 0;
  // The waiting dialogues of `skills` (any skill when empty), oldest `queued_at` first (then id).
  [[nodiscard]] virtual Result<std::vector<Dialogue>> queue(const std::vector<ChatSkill>& skills, int limit) = 0;
  // Open (bot, waiting, active) dialogues whose updated_at is before `before`, oldest first.
  [[nodiscard]] virtual Result<std::vector<Dialogue>> idle_since(Timestamp before, int limit) = 0;
  // Messages of a dialogue with seq > after_seq, in seq order, at most `limit` (1..1000).
  [[nodiscard]] virtual Result<std::vector<ChatMessage>> messages(DialogueId id, std::int64_t after_seq,
                                                                  int limit) = 0;

  // Presence: upsert by user_id; all of them (offline ones included), by username.
  [[nodiscard]] virtual Result<void> put_presence(const AgentPresence& presence) = 0;
  [[nodiscard]] virtual Result<std::vector<AgentPresence>> presences() = 0;

  // Canned answers: `put` inserts (id 0 → next id) or replaces by id; returns it as stored.
  [[nodiscard]] virtual Result<CannedAnswer> put_answer(const CannedAnswer& answer) = 0;
  // Errors: not_found.
  [[nodiscard]] virtual Result<void> delete_answer(std::int64_t id) = 0;
  // All of them, by id.
  [[nodiscard]] virtual Result<std::vector<CannedAnswer>> answers() = 0;
};

}  // namespace hotline::core
