#pragma once
// Ports for the chat's live traffic: `ChatPublisher`, which `ChatService` feeds after each durable
// change, and `ChatFeed`, which hands every change to its subscribers (the chat WebSocket hub of
// each server node). `InProcessChatBus` implements both for one node; a cross-node one (PostgreSQL
// LISTEN/NOTIFY, or a broker) implements both without changing `ChatService` or the sessions.
// Typing indicators travel only here (they are not stored).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <map>
#include <optional>

#include "core/dialogue.hpp"
#include "core/event_publisher.hpp"  // Subscription

namespace hotline::core {

struct ChatEvent {
  enum class Kind {
    message,   // `message` was stored in `dialogue`
    dialogue,  // `dialogue` changed (state, holder, read marks, ticket)
    typing,    // `typing_sender` is typing in `dialogue`
    presence,  // `presence` changed
  };
  Kind kind = Kind::message;
  Dialogue dialogue;                    // message, dialogue, typing: the dialogue after the change
  std::optional<ChatMessage> message;   // message
  ChatSender typing_sender = ChatSender::citizen;  // typing
  AgentPresence presence;               // presence
  std::int64_t previous_agent_id = 0;   // dialogue: who held it before (a transfer or an end), else 0
};

class ChatPublisher {
 public:
  virtual ~ChatPublisher() = default;
  // After the change is durable; quick, never throws (see EventPublisher).
  virtual void publish(const ChatEvent& event) = 0;
};

using ChatCallback = std::function<void(const std::shared_ptr<const ChatEvent>&)>;

class ChatFeed {
 public:
  virtual ~ChatFeed() = default;
  // As `EventFeed::subscribe`: on the publishing thread, quick, thread-safe.
  [[nodiscard]] virtual Subscription subscribe(ChatCallback callback) = 0;
};

// One node's bus. Thread-safe.
class InProcessChatBus final : public ChatPublisher, public ChatFeed {
 public:
  void publish(const ChatEvent& event) override;
  [[nodiscard]] Subscription subscribe(ChatCallback callback) override;

 private:
  std::mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<ChatCallback>> callbacks_;
  std::uint64_t next_ = 0;
};

}  // namespace hotline::core
