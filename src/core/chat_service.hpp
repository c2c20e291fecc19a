#pragma once
// The online chat's use cases (dialogue.hpp for the vocabulary, docs/chat-protocol.md for the
// wire). Citizens have no account: a dialogue's token (returned once by `start`) is their
// capability for it; agents, supervisors and admins act as `Actor`s.
//
// Every change is stored first (`DialogueRepository`, compare-and-set on the version: another node
// may have changed it; on conflict reread and decide again), then published (`ChatPublisher`). The
// bot answers inside the citizen's `send`. Assignment (`assign_waiting`) runs after every change
// that can free or fill a place: a dialogue queued, an agent available, a dialogue closed or
// transferred; and from `sweep`, which a timer calls (idle dialogues close; stale presences count
// as offline). A closed dialogue that asked for a human writes its `DialogueRecord` through
// `KpiRepository::import_records` (session "chat-<id>", channel online_chat), so the online-response
// KPI is measured from real dialogues.
// Thread-safe; synchronous (net calls it on the blocking pool).

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/auth_service.hpp"  // TokenGenerator
#include "core/chat_bus.hpp"
#include "core/clock.hpp"
#include "core/dialogue.hpp"
#include "core/dialogue_repository.hpp"
#include "core/dispatch_service.hpp"
#include "core/kpi_repository.hpp"
#include "core/rate_limiter.hpp"
#include "core/result.hpp"
#include "core/ticket_service.hpp"

namespace hotline::core {

inline constexpr std::string_view kChatUsername = "citizen-chat";  // the actor of left messages

// What a citizen sees of their dialogue.
struct CitizenDialogueView {
  Dialogue dialogue;        // token_digest cleared
  int queue_position = 0;   // 1-based while waiting, else 0
  int agents_on_duty = 0;   // of its skill: available or busy, fresh presence
};

struct StartDialogue {
  ChatSkill skill = ChatSkill::putonghua;
  std::string name;    // optional
  std::string origin;  // the embedding page, optional
};

struct StartedDialogue {
  std::string token;  // give to the citizen once; only its digest is stored
  CitizenDialogueView view;
  std::vector<ChatMessage> messages;  // the bot's greeting
};

struct LeaveMessage {
  std::string name;
  std::string phone;  // mainland mobile, required (the hotline calls back)
  std::string text;   // what the citizen wants; the transcript so far is added to the ticket
};

// Transfer to one agent (agent_id) or back to a queue (skill); exactly one is set.
struct TransferTarget {
  std::optional<std::int64_t> agent_id;
  std::optional<ChatSkill> skill;
};

struct AgentChatOverview {
  AgentPresence presence;
  std::vector<Dialogue> dialogues;  // the ones it holds (active), oldest first
};

// The supervisor's board.
struct ChatBoard {
  struct Row {
    Dialogue dialogue;
    std::int64_t waiting_seconds = 0;  // `waiting_seconds` at `now`
  };
  Timestamp now{};
  std::vector<Row> waiting;  // FIFO order
  std::vector<Row> active;
  std::vector<AgentPresence> agents;  // with `active` counts below, same order
  std::vector<int> agent_active_counts;
  std::int64_t warn_seconds = 120;
  std::int64_t late_seconds = 180;
};

struct ChatServiceDeps {
  DialogueRepository& dialogues;
  KpiRepository& kpi;
  AuditRepository& audit;
  TicketService& tickets;      // transcripts follow the ticket's read rule; link_ticket checks it
  DispatchService& dispatch;   // left messages register like a staff registration
  ChatPublisher& publisher;
  TokenGenerator& tokens;
  const Clock& clock;
};

class ChatService {
 public:
  ChatService(ChatServiceDeps deps, ChatPolicy policy = {},
              RateLimit starts_per_address = {.limit = 30, .period = std::chrono::seconds{3600}, .burst = 10,
                                              .max_keys = 100000});

  // --- citizens (by token). Errors: unauthenticated for an unknown token; conflict on a closed dialogue.
  // invalid_argument "name"; rate_limited per `client_address`.
  [[nodiscard]] Result<StartedDialogue> start(const StartDialogue& request, const std::string& client_address);
  [[nodiscard]] Result<CitizenDialogueView> resume(const std::string& token);
  [[nodiscard]] Result<std::vector<ChatMessage>> citizen_messages(const std::string& token, std::int64_t after_seq,
                                                                  int limit);
  // Stores the citizen's message; in `bot` state the bot answers (a canned answer), or the dialogue
  // joins its queue when the text asks for a human or matches no answer (the clock starts). Returns
  // the stored messages (the citizen's first). invalid_argument "text".
  [[nodiscard]] Result<std::vector<ChatMessage>> citizen_send(const std::string& token, const std::string& text);
  // The 转人工 button: as a message asking for a human, without text.
  [[nodiscard]] Result<CitizenDialogueView> request_human(const std::string& token);
  [[nodiscard]] Result<void> citizen_typing(const std::string& token);
  [[nodiscard]] Result<void> citizen_read(const std::string& token, std::int64_t seq);
  [[nodiscard]] Result<CitizenDialogueView> citizen_close(const std::string& token);
  // Registers a ticket (channel online_chat, under `kChatUsername`) with the text and the
  // transcript, closes the dialogue (left_message) with the ticket id and tells the citizen the
  // number. Allowed in bot or waiting state. invalid_argument "phone", "text", "name".
  [[nodiscard]] Result<CitizenDialogueView> leave_message(const std::string& token, const LeaveMessage& message);

  // --- agents (role agent; supervisors may too). forbidden for other roles.
  // invalid_argument "state", "skills", "max_dialogues".
  [[nodiscard]] Result<AgentPresence> set_presence(const Actor& actor, AgentChatState state,
                                                   const std::vector<ChatSkill>& skills, int max_dialogues);
  // Keeps the presence fresh (the socket calls it every 30 s); a presence not refreshed for 90 s
  // counts as offline and its dialogues go back to their queue at the next sweep.
  [[nodiscard]] Result<void> heartbeat(const Actor& actor);
  [[nodiscard]] Result<AgentChatOverview> overview(const Actor& actor);
  // The holder, supervisors, managers and admins; others forbidden.
  [[nodiscard]] Result<std::vector<ChatMessage>> agent_messages(const Actor& actor, DialogueId id,
                                                                std::int64_t after_seq, int limit);
  // The holder only (forbidden otherwise, conflict when not active). The first one stops the clock.
  [[nodiscard]] Result<ChatMessage> agent_send(const Actor& actor, DialogueId id, const std::string& text);
  [[nodiscard]] Result<void> agent_typing(const Actor& actor, DialogueId id);
  [[nodiscard]] Result<void> agent_read(const Actor& actor, DialogueId id, std::int64_t seq);
  // To another on-duty agent with the skill and room (conflict otherwise), or back to a queue
  // (keeps the clock: a dialogue already answered stays answered). invalid_argument "target".
  [[nodiscard]] Result<Dialogue> transfer(const Actor& actor, DialogueId id, const TransferTarget& target);
  [[nodiscard]] Result<Dialogue> agent_close(const Actor& actor, DialogueId id);
  // The agent registered `ticket_id` from this dialogue (POST /tickets, channel online_chat): the
  // dialogue carries it and the citizen gets "已为您登记工单，编号 N". The ticket must be readable by
  // the actor (not_found otherwise).
  [[nodiscard]] Result<Dialogue> link_ticket(const Actor& actor, DialogueId id, TicketId ticket_id);

  // --- supervisors, managers, admins.
  [[nodiscard]] Result<ChatBoard> board(const Actor& actor);
  // The transcripts of a ticket's dialogues (the ticket's read rule; personal numbers in the text
  // masked for a viewer who may not reveal the contact). Oldest dialogue first.
  struct Transcript {
    Dialogue dialogue;
    std::vector<ChatMessage> messages;
  };
  [[nodiscard]] Result<std::vector<Transcript>> ticket_transcripts(const Actor& actor, TicketId ticket_id);

  // --- admins: the bot's canned answers (audited chat_answer_* on "chat_answer:ID").
  [[nodiscard]] Result<std::vector<CannedAnswer>> answers(const Actor& actor);
  [[nodiscard]] Result<CannedAnswer> put_answer(const Actor& actor, const CannedAnswer& answer);
  [[nodiscard]] Result<void> delete_answer(const Actor& actor, std::int64_t id);

  // --- open: how many agents are on duty per skill (the widget offers "leave a message" at 0).
  [[nodiscard]] Result<std::vector<std::pair<ChatSkill, int>>> on_duty();

  // Gives waiting dialogues to available agents, FIFO per skill; returns how many were assigned.
  [[nodiscard]] Result<int> assign_waiting();
  // Closes idle dialogues (DialogueEnd::idle), returns stale agents' dialogues to their queue,
  // then `assign_waiting`. Called by a timer (every few seconds).
  [[nodiscard]] Result<void> sweep();

  const ChatPolicy& policy() const { return policy_; }

 private:
  ChatServiceDeps deps_;
  ChatPolicy policy_;
  RateLimiter starts_;
  std::mutex assign_mutex_;  // one assignment round at a time on this node (the CAS guards nodes)
};

}  // namespace hotline::core
