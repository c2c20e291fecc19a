#pragma once
// Online chat (在线咨询, issue 14 item 3): the vocabulary of a dialogue between a citizen and the
// hotline, and its pure rules. A dialogue starts with the bot (greeting, canned answers); when the
// citizen asks for a human it waits in the queue of its skill; an available agent takes it (FIFO
// per skill, a per-agent limit of concurrent dialogues); the agent answers, may transfer it to
// another agent or queue, may register a ticket from it; it ends closed. When no agent is on duty
// the citizen leaves a message, which becomes a ticket.
//
// The 180-second clock (the online-response KPI): from `human_requested_at`, the citizen's first
// message asking for a human, to `first_human_reply_at`, the first answer of an agent. A closed
// dialogue that asked for a human writes one `DialogueRecord` (kpi_records.hpp) itself.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

using DialogueId = std::int64_t;

// The queues. Wire names: putonghua, cantonese, english, enterprise.
enum class ChatSkill { putonghua, cantonese, english, enterprise };
std::string_view to_string(ChatSkill skill);
std::optional<ChatSkill> parse_chat_skill(std::string_view text);
const std::vector<ChatSkill>& all_chat_skills();

// bot: talking to the bot; waiting: in its skill's queue for a human; active: an agent holds it;
// closed: ended (see `DialogueEnd`).
enum class DialogueState { bot, waiting, active, closed };
std::string_view to_string(DialogueState state);
std::optional<DialogueState> parse_dialogue_state(std::string_view text);

// Why a dialogue ended. citizen: the citizen ended it; agent: the agent ended it; left_message:
// the citizen left a message (a ticket) instead of waiting; idle: nobody wrote for the idle limit.
enum class DialogueEnd { citizen, agent, left_message, idle };
std::string_view to_string(DialogueEnd end);
std::optional<DialogueEnd> parse_dialogue_end(std::string_view text);

// Who wrote a message. system: the hotline's notices (queue position, assignment, transfer,
// ticket number), written by the service, shown to both sides.
enum class ChatSender { citizen, bot, agent, system };
std::string_view to_string(ChatSender sender);
std::optional<ChatSender> parse_chat_sender(std::string_view text);

// An agent's state in the chat. offline: not signed in to the chat (no connection); available:
// takes new dialogues up to the limit; busy: keeps its dialogues, takes no new ones; away: the same,
// and the supervisor sees it away.
enum class AgentChatState { offline, available, busy, away };
std::string_view to_string(AgentChatState state);
std::optional<AgentChatState> parse_agent_chat_state(std::string_view text);

struct Dialogue {
  DialogueId id = 0;
  // The citizen's capability for this dialogue (resume after a refresh), as `TokenGenerator::digest`
  // writes it; the token itself is only ever in the citizen's browser.
  std::string token_digest;
  ChatSkill skill = ChatSkill::putonghua;
  DialogueState state = DialogueState::bot;
  std::string citizen_name;  // optional, what the citizen typed (称呼)
  std::string origin;        // the page that embedded the widget (its Origin), for the agent's context
  Timestamp created_at{};
  Timestamp updated_at{};                      // the last message or change
  std::optional<Timestamp> human_requested_at;  // the 180-s clock's start (set once)
  std::optional<Timestamp> queued_at;           // when it (last) entered the queue: the FIFO order
  std::optional<Timestamp> first_human_reply_at;  // the clock's stop (set once)
  std::int64_t agent_id = 0;  // the agent holding it (active), 0 otherwise
  std::string agent_name;     // that agent's display name (the username)
  std::optional<TicketId> ticket_id;  // the ticket registered from it, or of its left message
  std::optional<Timestamp> closed_at;
  std::optional<DialogueEnd> end;
  std::int64_t last_seq = 0;          // seq of its newest message
  std::int64_t citizen_read_seq = 0;  // the newest message the citizen has seen
  std::int64_t agent_read_seq = 0;    // the newest message the agent has seen
  std::int64_t version = 0;           // +1 per stored change; compare-and-set of `update`
};

struct ChatMessage {
  DialogueId dialogue_id = 0;
  std::int64_t seq = 0;  // 1-based, per dialogue, assigned by storage
  Timestamp at{};
  ChatSender sender = ChatSender::citizen;
  std::string author;  // agent: the agent's username; otherwise empty
  std::string text;
};

// An agent's presence, shared by every server node (through `DialogueRepository`).
struct AgentPresence {
  std::int64_t user_id = 0;
  std::string username;
  AgentChatState state = AgentChatState::offline;
  std::vector<ChatSkill> skills;  // the queues it serves
  int max_dialogues = 3;          // concurrent active dialogues
  Timestamp updated_at{};
};

// A canned answer the bot gives (admins maintain them): when the citizen's text contains any of
// `keywords` (after `normalize_chat_text`), the bot answers `answer`.
struct CannedAnswer {
  std::int64_t id = 0;
  std::string question;               // a title for the admin list
  std::vector<std::string> keywords;  // 1..20, each 1..20 code points
  std::string answer;                 // 1..1000 code points
  bool active = true;
  Timestamp updated_at{};
};

struct ChatPolicy {
  std::size_t max_message_chars = 1000;
  std::size_t max_name_chars = 20;
  int default_max_dialogues = 3;
  int max_dialogues_limit = 10;          // an agent's limit is 1..this
  std::int64_t idle_close_seconds = 30 * 60;  // a dialogue nobody wrote in for this long closes (idle)
  std::int64_t warn_seconds = 120;       // the supervisor's yellow
  std::int64_t late_seconds = 180;       // red, and late in the KPI
};

// Pure rules.
// Lower-cases ASCII, folds full-width forms and drops spaces, for keyword matching.
std::string normalize_chat_text(std::string_view text);
// Does the text ask for a human ("人工", "转人工", "客服", "human", "agent", ...)?
bool asks_for_human(std::string_view text);
// The first active answer one of whose keywords the text contains, if any.
const CannedAnswer* match_canned_answer(const std::vector<CannedAnswer>& answers, std::string_view text);
// A message's text: 1..max_chars code points, not only white space (the JSON reader has already
// refused invalid UTF-8).
bool valid_chat_text(std::string_view text, std::size_t max_chars);
// A canned answer's fields; errors name "question", "keywords" or "answer".
Result<void> validate_canned_answer(const CannedAnswer& answer);

// Seconds the dialogue has waited for its first human answer at `now` (0 before it asked for one;
// frozen once answered).
std::int64_t waiting_seconds(const Dialogue& dialogue, Timestamp now);

// Whether `presence` may take one more dialogue of `skill` holding `active` dialogues.
bool can_take(const AgentPresence& presence, ChatSkill skill, int active);

}  // namespace hotline::core
