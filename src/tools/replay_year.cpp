#include "tools/replay_year.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/china_time.hpp"

namespace hotline::tools {
namespace {

using core::Timestamp;
using std::chrono::seconds;

constexpr std::size_t kBatchRecords = 50'000;
constexpr std::size_t kQueueBatches = 4;
constexpr std::int64_t kTicketIdsPerYear = 100'000'000;
constexpr std::int64_t kOverflowTicketOffset = 90'000'000;

// Share of a day's contacts by hour (China time): quiet nights, peaks mid-morning and afternoon.
constexpr std::array<double, 24> kHourly{0.6, 0.4, 0.3, 0.25, 0.25, 0.4, 1.0, 2.5, 5.0, 7.5, 8.0, 7.5,
                                         5.5, 6.0, 7.0, 7.0, 6.5, 5.5, 4.0, 3.5, 3.0, 2.5, 1.8, 1.0};
// By weekday (Sunday first): Mondays are busiest, weekends quieter.
constexpr std::array<double, 7> kWeekday{0.75, 1.18, 1.08, 1.04, 1.03, 1.0, 0.8};

// SplitMix64: fast, good enough for synthetic data, deterministic for a seed.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0.
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
  // True with probability want / of, and used to pick exactly `want` of `of` items in a stream.
  bool pick(std::int64_t& want, std::int64_t& of) {
    bool chosen = of > 0 && below(of) < want;
    if (chosen) --want;
    --of;
    return chosen;
  }

 private:
  std::uint64_t state_;
};

// Times within one month, following the hourly and weekday profile.
class MonthClock {
 public:
  explicit MonthClock(core::YearMonth month)
      : start_(core::month_start(month)), end_(core::month_start(core::next_month(month))) {
    auto hours = (core::to_epoch(end_) - core::to_epoch(start_)) / 3600;
    // month_start is local midnight; weekday of that local date.
    unsigned first_weekday = std::chrono::weekday{std::chrono::sys_days{core::china_date(start_)}}.c_encoding();
    double total = 0;
    for (std::int64_t hour = 0; hour < hours; ++hour) {
      total += kHourly[static_cast<std::size_t>(hour % 24)] * kWeekday[(first_weekday + hour / 24) % 7];
      cumulative_.push_back(total);
    }
  }
  Timestamp start() const { return start_; }
  Timestamp end() const { return end_; }
  Timestamp sample(Random& random) const {
    double point = static_cast<double>(random.next() >> 11) * 0x1.0p-53 * cumulative_.back();
    auto hour = std::upper_bound(cumulative_.begin(), cumulative_.end(), point) - cumulative_.begin();
    hour = std::min<std::ptrdiff_t>(hour, static_cast<std::ptrdiff_t>(cumulative_.size()) - 1);
    return start_ + seconds{hour * 3600 + random.below(3600)};
  }
  // A time in the month at which an event `delay` seconds later is still in the month.
  Timestamp sample_before_end(Random& random, std::int64_t delay) const {
    Timestamp at = sample(random);
    if (core::to_epoch(at) + delay < core::to_epoch(end_)) return at;
    std::int64_t room = core::to_epoch(end_) - core::to_epoch(start_) - delay - 1;
    return start_ + seconds{room > 0 ? random.below(room) : 0};
  }

 private:
  Timestamp start_;
  Timestamp end_;
  std::vector<double> cumulative_;
};

struct DispatchedTicket {
  std::int64_t id;
  Timestamp at;
};

// A bounded hand-over of batches from the generator thread to the importing thread.
class BatchQueue {
 public:
  struct Item {
    core::KpiRecordBatch batch;
    bool month_end = false;
  };
  // Returns false when the consumer gave up.
  bool push(Item item) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return items_.size() < kQueueBatches || cancelled_; });
    if (cancelled_) return false;
    items_.push_back(std::move(item));
    ready_.notify_one();
    return true;
  }
  Item pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty(); });
    Item item = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return item;
  }
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    space_.notify_all();
  }

 private:
  std::mutex mutex_;  // guards items_ and cancelled_
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<Item> items_;
  bool cancelled_ = false;
};

class Generator {
 public:
  Generator(const YearSpec& spec, const core::KpiConfig& config, std::uint64_t seed, BatchQueue& queue)
      : spec_(spec), config_(config), random_(seed), queue_(queue) {}

  void run() {
    for (std::size_t m = 0; m < spec_.months.size() && !stopped_; ++m) {
      month(m);
      flush();
      if (!stopped_ && !queue_.push({{}, true})) stopped_ = true;
    }
  }

 private:
  void flush() {
    if (batch_.size() == 0 || stopped_) return;
    if (!queue_.push({std::move(batch_), false})) stopped_ = true;
    batch_ = {};
  }
  void maybe_flush() {
    if (batch_.size() >= kBatchRecords) flush();
  }

  void month(std::size_t m) {
    MonthClock clock(spec_.months[m]);
    platform(m, clock);
    calls(m, clock);
    dialogues(m, clock);
    tickets(m, clock);
    dispatches(m, clock);
    intake_ratings(m, clock);
    results_and_callbacks(m, clock);
  }

  void platform(std::size_t m, const MonthClock& clock) {
    std::int64_t normal = spec_.platform_normal_minutes[m] * 60;
    std::int64_t service = spec_.platform_service_minutes[m] * 60;
    Timestamp from = clock.start();
    batch_.platform.push_back({from, from + seconds{normal}, true});
    if (service > normal) batch_.platform.push_back({from + seconds{normal}, from + seconds{service}, false});
  }

  void calls(std::size_t m, const MonthClock& clock) {
    std::int64_t total = spec_.calls_offered[m];
    std::int64_t answered_left = spec_.calls_answered[m];
    static const std::array<std::string, 5> skills{"consult", "complaint", "enterprise", "social_security", "english"};
    for (std::int64_t left = total; left > 0;) {
      bool answered = random_.pick(answered_left, left);
      core::CallRecord call;
      call.offered_at = clock.sample(random_);
      if (answered) {
        call.answered_at = call.offered_at + seconds{2 + random_.below(40)};
        call.ended_at = *call.answered_at + seconds{60 + random_.below(400)};
        call.agent = "A" + std::to_string(1000 + random_.below(1100));
      } else {
        call.ended_at = call.offered_at + seconds{15 + random_.below(120)};
      }
      call.skill = skills[static_cast<std::size_t>(random_.below(static_cast<std::int64_t>(skills.size())))];
      call.caller = "1" + std::to_string(3000000000 + random_.below(6999999999));
      batch_.calls.push_back(std::move(call));
      maybe_flush();
    }
  }

  void dialogues(std::size_t m, const MonthClock& clock) {
    std::int64_t timely_left = spec_.dialogues_timely[m];
    static const std::array<core::Channel, 4> channels{core::Channel::online_chat, core::Channel::wechat,
                                                       core::Channel::web, core::Channel::app};
    std::int64_t number = 0;
    for (std::int64_t left = spec_.dialogues[m]; left > 0;) {
      bool timely = random_.pick(timely_left, left);
      core::DialogueRecord dialogue;
      dialogue.asked_at = clock.sample(random_);
      dialogue.channel = channels[static_cast<std::size_t>(random_.below(4))];
      dialogue.session = std::to_string(spec_.months[m]) + "-" + std::to_string(++number / 3);
      std::int64_t limit = config_.online_response_limit_seconds;
      if (timely) dialogue.answered_at = dialogue.asked_at + seconds{3 + random_.below(std::max<std::int64_t>(1, limit - 3))};
      else if (random_.below(10) > 0) dialogue.answered_at = dialogue.asked_at + seconds{limit + 1 + random_.below(900)};
      batch_.dialogues.push_back(std::move(dialogue));
      maybe_flush();
    }
  }

  std::int64_t dispatch_delay(bool timely) {
    std::int64_t limit = config_.dispatch_limit_seconds;
    if (timely) return 60 + random_.below(std::max<std::int64_t>(1, limit - 60));
    return limit + 60 + random_.below(6 * 3600);
  }

  void tickets(std::size_t m, const MonthClock& clock) {
    dispatched_.clear();
    std::int64_t inquiries = spec_.inquiries[m];
    std::int64_t inquiries_dispatched = spec_.inquiries_dispatched[m];
    std::int64_t all_dispatched = std::max(spec_.tickets_dispatched[m], inquiries_dispatched);
    std::int64_t timely_left = spec_.tickets_dispatched_timely[m];
    std::int64_t dispatched_left = all_dispatched;
    first_inquiry_ = next_ticket_;
    static const std::array<core::TicketType, 5> others{core::TicketType::complaint, core::TicketType::help,
                                                        core::TicketType::complaint, core::TicketType::report,
                                                        core::TicketType::suggestion};
    auto add = [&](core::TicketType type, bool dispatched) {
      core::TicketRecord ticket;
      ticket.ticket = next_ticket_++;
      ticket.type = type;
      ticket.channel = random_.below(10) < 8 ? core::Channel::phone : core::Channel::wechat;
      if (dispatched) {
        bool timely = random_.pick(timely_left, dispatched_left);
        std::int64_t delay = dispatch_delay(timely);
        ticket.registered_at = clock.sample_before_end(random_, delay);
        ticket.dispatched_at = ticket.registered_at + seconds{delay};
        dispatched_.push_back({ticket.ticket, *ticket.dispatched_at});
      } else {
        ticket.registered_at = clock.sample(random_);
        ticket.resolved_at_intake = true;
      }
      batch_.tickets.push_back(ticket);
      maybe_flush();
    };
    for (std::int64_t left = inquiries; left > 0;) add(core::TicketType::inquiry, random_.pick(inquiries_dispatched, left));
    last_inquiry_ = next_ticket_;
    for (std::int64_t i = 0; i < all_dispatched - spec_.inquiries_dispatched[m]; ++i)
      add(others[static_cast<std::size_t>(random_.below(static_cast<std::int64_t>(others.size())))], true);
  }

  void dispatches(std::size_t m, const MonthClock& clock) {
    if (dispatched_.empty()) return;
    std::int64_t operations = spec_.dispatch_operations[m];
    std::int64_t wrong_left = spec_.dispatch_operations_wrong[m];
    auto firsts = std::min<std::int64_t>(operations, static_cast<std::int64_t>(dispatched_.size()));
    std::int64_t left = operations;
    for (std::int64_t i = 0; i < operations; ++i) {
      bool wrong = random_.pick(wrong_left, left);
      core::DispatchRecord op;
      if (i < firsts) {
        const auto& ticket = dispatched_[static_cast<std::size_t>(i)];
        op.ticket = ticket.id;
        op.dispatched_at = ticket.at;
      } else {
        // A re-dispatch after a return: later the same month.
        const auto& ticket = dispatched_[static_cast<std::size_t>(random_.below(firsts))];
        op.ticket = ticket.id;
        std::int64_t room = core::to_epoch(clock.end()) - core::to_epoch(ticket.at) - 1;
        op.dispatched_at = ticket.at + seconds{room > 0 ? random_.below(std::min<std::int64_t>(room, 2 * 86400)) : 0};
      }
      op.unit = "U" + std::to_string(100 + random_.below(280));
      op.wrong = wrong;
      batch_.dispatches.push_back(std::move(op));
      maybe_flush();
    }
  }

  void intake_ratings(std::size_t m, const MonthClock& clock) {
    std::array<std::int64_t, 4> left{spec_.intake_very_satisfied[m], spec_.intake_satisfied[m],
                                     spec_.intake_basically_satisfied[m], 0};
    left[3] = spec_.intake_valid[m] - left[0] - left[1] - left[2];
    std::int64_t invalid = spec_.intake_valid[m] / kValidRatingsPerInvalid;
    std::int64_t total = spec_.intake_valid[m] + invalid;
    std::int64_t inquiry_span = std::max<std::int64_t>(1, last_inquiry_ - first_inquiry_);
    for (std::int64_t remaining = total; remaining > 0; --remaining) {
      core::IntakeRatingRecord rating;
      rating.ticket = first_inquiry_ + random_.below(inquiry_span);
      rating.rated_at = clock.sample(random_);
      std::int64_t point = random_.below(remaining);
      for (std::size_t level = 0; level < 4; ++level) {
        if (point < left[level]) {
          rating.level = static_cast<core::Rating>(level);
          --left[level];
          break;
        }
        point -= left[level];
      }
      batch_.intake_ratings.push_back(rating);  // no level left: an invalid rating
      maybe_flush();
    }
  }

  void results_and_callbacks(std::size_t m, const MonthClock& clock) {
    std::int64_t count = spec_.result_dissatisfied[m];
    std::vector<core::ResultRatingRecord> ratings;
    ratings.reserve(static_cast<std::size_t>(count));
    auto size = static_cast<std::int64_t>(dispatched_.size());
    for (std::int64_t i = 0; i < count; ++i) {
      core::ResultRatingRecord rating;
      rating.level = core::Rating::dissatisfied;
      Timestamp after = clock.start();
      if (i < size) {
        const auto& ticket = dispatched_[static_cast<std::size_t>(i * size / count)];
        rating.ticket = ticket.id;
        after = ticket.at;
      } else {
        rating.ticket = spec_.year * kTicketIdsPerYear + kOverflowTicketOffset + overflow_++;
      }
      std::int64_t room = core::to_epoch(clock.end()) - core::to_epoch(after) - 1;
      rating.rated_at = after + seconds{room > 0 ? random_.below(std::min<std::int64_t>(room, 5 * 86400)) : 0};
      batch_.result_ratings.push_back(rating);
      ratings.push_back(rating);
      maybe_flush();
    }
    flush();  // callbacks look up the ratings, so the ratings go first
    std::int64_t in_time_left = spec_.called_back_in_time[m];
    std::int64_t left = count;
    for (const auto& rating : ratings) {
      bool in_time = random_.pick(in_time_left, left);
      batch_.callbacks.push_back({rating.ticket, rating.rated_at + seconds{3600 + random_.below(2 * 86400)}, in_time});
      maybe_flush();
    }
  }

  const YearSpec& spec_;
  const core::KpiConfig& config_;
  Random random_;
  BatchQueue& queue_;
  core::KpiRecordBatch batch_;
  std::vector<DispatchedTicket> dispatched_;  // this month's dispatched tickets
  std::int64_t next_ticket_ = spec_.year * kTicketIdsPerYear + 1;
  std::int64_t first_inquiry_ = 0;
  std::int64_t last_inquiry_ = 0;
  std::int64_t overflow_ = 0;
  bool stopped_ = false;
};

// One month of the queue as an import source.
class MonthSource final : public core::KpiRecordSource {
 public:
  MonthSource(BatchQueue& queue, ReplayProgress& progress, const ReplayOptions& options)
      : queue_(queue), progress_(progress), options_(options) {}
  core::Result<bool> next(core::KpiRecordBatch& batch) override {
    auto item = queue_.pop();
    if (item.month_end) return false;
    batch = std::move(item.batch);
    progress_.records_done += static_cast<std::int64_t>(batch.size());
    if (options_.on_progress) options_.on_progress(progress_);
    return true;
  }

 private:
  BatchQueue& queue_;
  ReplayProgress& progress_;
  const ReplayOptions& options_;
};

template <typename T>
std::int64_t sum(const std::vector<T>& values) {
  std::int64_t total = 0;
  for (auto value : values) total += value;
  return total;
}

}  // namespace

std::int64_t replay_record_count(const YearSpec& spec) {
  std::int64_t total = 0;
  for (std::size_t m = 0; m < spec.months.size(); ++m) {
    total += 1 + (spec.platform_service_minutes[m] > spec.platform_normal_minutes[m] ? 1 : 0);
    total += std::max(spec.tickets_dispatched[m], spec.inquiries_dispatched[m]) - spec.inquiries_dispatched[m];
    total += spec.intake_valid[m] / kValidRatingsPerInvalid;
  }
  return total + sum(spec.calls_offered) + sum(spec.dialogues) + sum(spec.inquiries) + sum(spec.dispatch_operations) +
         sum(spec.intake_valid) + 2 * sum(spec.result_dissatisfied);
}

core::Result<ReplaySummary> replay_year(core::KpiRepository& repository, const YearSpec& spec,
                                        const core::KpiConfig& config, const ReplayOptions& options) {
  BatchQueue queue;
  Generator generator(spec, config, options.seed, queue);
  std::thread producer([&] { generator.run(); });
  ReplayProgress progress{0, replay_record_count(spec)};
  ReplaySummary summary;
  core::Result<void> outcome;
  for (std::size_t m = 0; m < spec.months.size(); ++m) {
    MonthSource source(queue, progress, options);
    auto imported = repository.import_records(source);
    if (!imported) {
      outcome = imported.error();
      break;
    }
    summary.records += imported->records;
  }
  queue.cancel();
  producer.join();
  if (!outcome) return outcome.error();
  auto stored = repository.put_evaluation_inputs(spec.evaluation);
  if (!stored) return stored.error();
  return summary;
}

}  // namespace hotline::tools
