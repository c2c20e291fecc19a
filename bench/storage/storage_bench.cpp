// storage_bench: how fast is the SQLite backend at the project's target scale?
//   storage_bench [--tickets N] [--dir PATH] [--keep]
// Seeds N tickets (default 1,000,000) through `import_tickets` into a fresh file, then measures
// list latency per filter (median and p99 of 100 queries), durable creates/s from 64 threads,
// gets/s from 2 threads and the process RSS. Results go to stdout; write them up in
// docs/benchmarks.md.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "storage/sqlite/database.hpp"

namespace {

using hotline::core::TicketQuery;
using hotline::core::TicketState;
using Clock = std::chrono::steady_clock;

const hotline::core::Timestamp kStart = hotline::core::from_epoch(1'672'502'400);  // 2023-01-01 UTC+8

const char* const kSubjects[] = {"噪音", "路灯", "垃圾", "停车", "占道经营", "物业", "供水", "燃气",
                                 "社保", "公积金", "学位", "医保", "交通信号灯", "井盖", "违章建筑", "油烟"};
const char* const kPlaces[] = {"天河路", "中山大道", "东风路", "解放北路", "环市路", "黄埔大道", "广州大道", "江南大道"};
const char* const kProblems[] = {"扰民严重", "长期不亮", "无人清运", "乱收费", "漏水", "咨询办理流程", "投诉处理慢", "存在安全隐患"};

long rss_kib(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
  }
  return -1;
}

hotline::core::ImportedTicket make_ticket(std::int64_t i, std::int64_t total, std::mt19937_64& rng) {
  static const TicketState kStates[] = {TicketState::closed,      TicketState::closed,   TicketState::closed,
                                        TicketState::closed,      TicketState::archived, TicketState::dispatched,
                                        TicketState::in_progress, TicketState::replied,  TicketState::acknowledged,
                                        TicketState::registered};
  hotline::core::Ticket t;
  const char* subject = kSubjects[rng() % std::size(kSubjects)];
  const char* place = kPlaces[rng() % std::size(kPlaces)];
  const char* problem = kProblems[rng() % std::size(kProblems)];
  t.type = static_cast<hotline::core::TicketType>(rng() % 6);
  t.channel = static_cast<hotline::core::Channel>(rng() % 9);
  t.caller = {"市民" + std::to_string(i % 1000), "138" + std::to_string(10000000 + i % 90000000), false};
  t.title = std::string(place) + subject + problem;
  t.text = "市民来电反映" + std::string(place) + "附近" + subject + "问题" + problem + "，希望有关部门尽快处理。编号" +
           std::to_string(i);
  t.place.district = "4401" + std::to_string(3 + rng() % 11);
  t.place.address = place;
  t.category = "城乡建设/" + std::string(subject);
  // A year of tickets, ids growing with time.
  t.created_at = kStart + std::chrono::seconds(i * (365LL * 86400) / total);
  t.updated_at = t.created_at;
  t.deadline = t.created_at + std::chrono::hours(24 * (2 + static_cast<int>(rng() % 14)));
  t.state = kStates[rng() % std::size(kStates)];
  t.lead_unit = "unit-" + std::to_string(rng() % 200);
  if (rng() % 5 == 0) t.co_units = {"unit-" + std::to_string(rng() % 200)};
  t.version = 1;
  hotline::core::TicketEvent e;
  e.action = hotline::core::Action::register_ticket;
  e.actor = "agent";
  e.at = t.created_at;
  return {t, {e}};
}

struct Latency {
  double median_ms;
  double p99_ms;
  double max_ms;
};

Latency summarise(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) { return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))]; };
  return {at(0.5), at(0.99), samples.back()};
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t total = 1'000'000;
  std::filesystem::path dir;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--tickets" && i + 1 < argc) total = std::stoll(argv[++i]);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (arg == "--keep") keep = true;
    else {
      std::fprintf(stderr, "usage: storage_bench [--tickets N] [--dir PATH] [--keep]\n");
      return 2;
    }
  }
  if (dir.empty()) dir = std::filesystem::temp_directory_path() / ("hotline-storage-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  try {
    hotline::storage::sqlite::Database db({.path = (dir / "bench.db").string()});
    auto& tickets = db.tickets();

    // Seed.
    std::mt19937_64 rng(12345);
    auto seed_start = Clock::now();
    constexpr std::int64_t kBatch = 20'000;
    for (std::int64_t done = 0; done < total; done += kBatch) {
      std::vector<hotline::core::ImportedTicket> batch;
      for (std::int64_t i = done; i < std::min(total, done + kBatch); ++i) batch.push_back(make_ticket(i, total, rng));
      auto ids = tickets.import_tickets(batch);
      if (!ids) {
        std::fprintf(stderr, "import failed: %s\n", ids.error().message.c_str());
        return 1;
      }
    }
    double seed_s = ms_since(seed_start) / 1000;
    std::printf("seeded %lld tickets in %.1f s (%.0f/s), file %.0f MB\n", static_cast<long long>(total), seed_s,
                total / seed_s, std::filesystem::file_size(dir / "bench.db") / 1e6);

    // List latency per filter.
    const auto now = kStart + std::chrono::hours(24 * 365);
    std::vector<std::pair<std::string, std::function<TicketQuery(int)>>> filters = {
        {"no filter", [](int) { return TicketQuery{}; }},
        {"state=dispatched", [](int) { TicketQuery q; q.states = {TicketState::dispatched}; return q; }},
        {"3 states", [](int) { TicketQuery q; q.states = {TicketState::dispatched, TicketState::acknowledged, TicketState::in_progress}; return q; }},
        {"type", [](int n) { TicketQuery q; q.type = static_cast<hotline::core::TicketType>(n % 6); return q; }},
        {"unit", [](int n) { TicketQuery q; q.units = {"unit-" + std::to_string(n % 200)}; return q; }},
        {"5 units", [](int n) { TicketQuery q; for (int k = 0; k < 5; ++k) q.units.push_back("unit-" + std::to_string((n + k * 37) % 200)); return q; }},
        {"district", [](int n) { TicketQuery q; q.district = "4401" + std::to_string(3 + n % 11); return q; }},
        {"overdue", [&](int) { TicketQuery q; q.overdue = true; q.now = now; return q; }},
        {"not overdue", [&](int) { TicketQuery q; q.overdue = false; q.now = now; return q; }},
        {"created last week", [&](int n) { TicketQuery q; q.created_from = now - std::chrono::hours(24 * 7 + n); q.created_to = now; return q; }},
        {"created one day, 6 months ago", [&](int n) { TicketQuery q; q.created_from = now - std::chrono::hours(24 * 180 + n); q.created_to = *q.created_from + std::chrono::hours(24); return q; }},
        {"text 2 chars", [](int n) { TicketQuery q; q.text_contains = std::string(kSubjects[n % 12]).substr(0, 6); return q; }},
        {"text 3 chars", [](int n) { TicketQuery q; q.text_contains = std::string(kPlaces[n % 8]).substr(0, 9); return q; }},
        {"text rare (编号 + digits)", [&](int n) { TicketQuery q; q.text_contains = "编号" + std::to_string(total - 1 - n * 997 % total); return q; }},
        {"text absent", [](int) { TicketQuery q; q.text_contains = "不存在的词"; return q; }},
        {"text 1 char", [](int n) { TicketQuery q; q.text_contains = std::string(kSubjects[n % 16]).substr(0, 3); return q; }},
        {"state+unit+district", [](int n) { TicketQuery q; q.states = {TicketState::closed}; q.units = {"unit-" + std::to_string(n % 200)}; q.district = "440106"; return q; }},
        {"overdue+district page 2", [&](int n) { TicketQuery q; q.overdue = true; q.now = now; q.district = "4401" + std::to_string(3 + n % 11); q.after_id = total - 1000 * n; return q; }},
    };
    std::printf("\n%-32s %10s %10s %10s %8s\n", "list filter (limit 50)", "median ms", "p99 ms", "max ms", "rows");
    for (const auto& [name, make] : filters) {
      std::vector<double> samples;
      std::size_t rows = 0;
      for (int n = 0; n < 100; ++n) {
        auto query = make(n);
        auto start = Clock::now();
        auto page = tickets.list(query);
        samples.push_back(ms_since(start));
        if (!page) {
          std::fprintf(stderr, "list %s failed: %s\n", name.c_str(), page.error().message.c_str());
          return 1;
        }
        rows += page->tickets.size();
      }
      auto l = summarise(samples);
      std::printf("%-32s %10.2f %10.2f %10.2f %8.1f\n", name.c_str(), l.median_ms, l.p99_ms, l.max_ms, rows / 100.0);
    }

    // Durable creates from 64 threads.
    {
      constexpr int kThreads = 64;
      constexpr int kPerThread = 300;
      auto before = db.stats();
      std::vector<std::vector<double>> samples(kThreads);
      std::atomic<int> failures{0};
      auto start = Clock::now();
      std::vector<std::thread> threads;
      for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
          std::mt19937_64 local(static_cast<std::uint64_t>(t));
          for (int i = 0; i < kPerThread; ++i) {
            auto imported = make_ticket(total + t * kPerThread + i, total, local);
            auto begin = Clock::now();
            if (!tickets.create(imported.ticket, imported.events.front())) ++failures;
            samples[t].push_back(ms_since(begin));
          }
        });
      }
      for (auto& thread : threads) thread.join();
      double seconds = ms_since(start) / 1000;
      std::vector<double> all;
      for (auto& s : samples) all.insert(all.end(), s.begin(), s.end());
      auto l = summarise(all);
      auto after = db.stats();
      std::printf("\ncreates: %d x %d threads in %.2f s = %.0f/s, median %.2f ms, p99 %.2f ms, failures %d, "
                  "%lld commits (avg batch %.1f, max %lld)\n",
                  kPerThread, kThreads, seconds, kThreads * kPerThread / seconds, l.median_ms, l.p99_ms,
                  failures.load(), static_cast<long long>(after.commits - before.commits),
                  static_cast<double>(after.jobs - before.jobs) / std::max<std::int64_t>(1, after.commits - before.commits),
                  static_cast<long long>(after.max_batch));
    }

    // Gets from 2 threads.
    {
      constexpr int kThreads = 2;
      constexpr int kPerThread = 50'000;
      std::vector<std::vector<double>> samples(kThreads);
      auto start = Clock::now();
      std::vector<std::thread> threads;
      for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
          std::mt19937_64 local(static_cast<std::uint64_t>(100 + t));
          for (int i = 0; i < kPerThread; ++i) {
            auto id = static_cast<hotline::core::TicketId>(1 + local() % static_cast<std::uint64_t>(total));
            auto begin = Clock::now();
            auto ticket = tickets.get(id);
            samples[t].push_back(ms_since(begin));
            if (!ticket) std::fprintf(stderr, "get %lld failed\n", static_cast<long long>(id));
          }
        });
      }
      for (auto& thread : threads) thread.join();
      double seconds = ms_since(start) / 1000;
      std::vector<double> all;
      for (auto& s : samples) all.insert(all.end(), s.begin(), s.end());
      auto l = summarise(all);
      std::printf("gets: %d x %d threads in %.2f s = %.0f/s, median %.3f ms, p99 %.3f ms\n", kPerThread, kThreads,
                  seconds, kThreads * kPerThread / seconds, l.median_ms, l.p99_ms);
    }

    std::printf("RSS %.0f MB (peak %.0f MB)\n", rss_kib("VmRSS:") / 1024.0, rss_kib("VmHWM:") / 1024.0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "storage_bench: %s\n", e.what());
    return 1;
  }
  if (!keep) std::filesystem::remove_all(dir);
  return 0;
}
