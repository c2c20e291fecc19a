// Measures the dispatch helpers of hotline::text on real messages: place extraction and
// near-duplicate detection (并单). Usage:
//   dispatch_bench [--data-dir DIR] [--divisions DIR] [--labelled DIR] [--shingle 2]
//                  [--overlap 0|1] [--summary W] [--dump-pairs FILE] [--scan CITY]
// DIR defaults to ../shared/data beside the repository, --divisions to data/divisions of the repo, --labelled to
// tests/data/text. --dump-pairs writes, for every 附件3 message, its best earlier match within
// 30 days (the pool the hand-checked sample was drawn from) and exits. --summary sets
// `DuplicateOptions::summary_weight` (0 = the whole-text cosine alone). Prints a Markdown-ready
// summary. --scan prints what the extractor finds in every 附件3 and 附件4 message for a city
// (used to build the place samples and to count false positives of another city's names).
#include "text/divisions.hpp"
#include "text/duplicate_index.hpp"
#include "text/place_extractor.hpp"
#include "wire/csv_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
std::size_t g_max_posting = 0;  // set from the command line before use
std::size_t g_candidates = 0;
double g_summary_weight = 0.0;
std::size_t g_max_content = hotline::text::DuplicateOptions{}.max_content_chars;
using std::chrono::sys_seconds;
std::size_t g_archive_phrases = 8;  // as `IndexDuplicateFinder::set_archive` by default

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Message {
  std::int64_t id = 0;
  sys_seconds time{};
  std::string title;
  std::string text;
};

// "2019-02-28T11:25:05" or "2019-02-28" -> seconds (zone ignored: only differences matter).
sys_seconds parse_time(const std::string& iso) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::sscanf(iso.c_str(), "%d-%u-%uT%d:%d:%d", &year, &month, &day, &hour, &minute, &second);
  const std::chrono::sys_days date = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
  return sys_seconds{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot open " << path << "\n";
    std::exit(1);
  }
  hotline::wire::CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (reader.next(fields)) rows.push_back(fields);
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) {
    std::cerr << "missing column " << name << "\n";
    std::exit(1);
  }
  return static_cast<std::size_t>(it - header.begin());
}

std::vector<Message> read_fj3(const std::string& data_dir) {
  const auto rows = read_csv(data_dir + "/tipdm2020c/fj3_messages_with_votes.csv");
  const auto& h = rows.at(0);
  const std::size_t id = column(h, "留言编号");
  const std::size_t time = column(h, "留言时间");
  const std::size_t title = column(h, "留言主题");
  const std::size_t text = column(h, "留言详情");
  std::vector<Message> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != h.size()) continue;
    out.push_back({std::stoll(rows[r][id]), parse_time(rows[r][time]), rows[r][title], rows[r][text]});
  }
  std::stable_sort(out.begin(), out.end(), [](const Message& a, const Message& b) { return a.time < b.time; });
  return out;
}

struct Counts {
  std::size_t tp = 0, fp = 0, fn = 0;
  [[nodiscard]] double precision() const { return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  [[nodiscard]] double recall() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
};

void duplicates(const std::vector<Message>& messages, const std::string& labelled_dir, int shingle, bool overlap,
                const std::string& dump) {
  hotline::text::DuplicateOptions options;
  options.shingle_chars = shingle;
  options.overlap = overlap;
  options.max_posting = g_max_posting;
  options.candidate_cap = g_candidates;
  options.summary_weight = g_summary_weight;
  options.max_content_chars = g_max_content;
  options.min_score = 0.0;
  options.max_results = 1000;  // the replay keeps the best; the labelled pairs below look further
  // Time-ordered replay: each message queries the index of the messages before it, then joins it.
  hotline::text::DuplicateIndex replay(options);
  std::FILE* out = dump.empty() ? nullptr : std::fopen(dump.c_str(), "w");
  if (out != nullptr) std::fprintf(out, "id_a,id_b,score\n");
  std::size_t bytes = 0;
  std::vector<double> best_scores;  // best earlier match of each message that has one
  double query_seconds = 0.0;
  double add_seconds = 0.0;
  for (const auto& m : messages) {
    const std::string text = m.title + "\n" + m.text;
    bytes += text.size();
    auto start = Clock::now();
    const auto found = replay.query(text, m.time);
    query_seconds += seconds_since(start);
    if (!found.empty()) best_scores.push_back(found.front().score);
    if (out != nullptr && !found.empty() && found.front().time <= m.time) {
      std::fprintf(out, "%lld,%lld,%.4f\n", static_cast<long long>(found.front().id), static_cast<long long>(m.id), found.front().score);
    }
    start = Clock::now();
    replay.add(m.id, m.time, text);
    add_seconds += seconds_since(start);
  }
  if (out != nullptr) {
    std::fclose(out);
    std::printf("wrote %s\n", dump.c_str());
    return;
  }
  std::printf("## near-duplicates (并单), %d-character shingles, %s, summary weight %.2f\n", shingle,
              overlap ? "weighted overlap" : "weighted cosine", g_summary_weight);
  std::printf("replay of %zu messages (mean %zu bytes): add %.1f us, query %.1f us per message (index up to %zu entries, 30-day window)\n",
              messages.size(), bytes / messages.size(), 1e6 * add_seconds / static_cast<double>(messages.size()),
              1e6 * query_seconds / static_cast<double>(messages.size()), replay.size());
  std::printf("messages whose best earlier match scores at least");
  for (const double t : {0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5}) {
    std::printf(" %.2f: %zd,", t, std::count_if(best_scores.begin(), best_scores.end(), [t](double s) { return s >= t; }));
  }
  std::printf(" of %zu\n", messages.size());

  // Labelled pairs, scored by the index of all messages (idf over the whole file).
  const auto rows = read_csv(labelled_dir + "/duplicates_labelled.csv");
  const auto& h = rows.at(0);
  const std::size_t a = column(h, "id_a");
  const std::size_t b = column(h, "id_b");
  const std::size_t label = column(h, "duplicate");
  const std::size_t sampled = column(h, "sampled_as");
  struct Pair {
    double score;
    bool duplicate;
    bool keyword;
  };
  std::vector<Pair> pairs;
  std::map<std::int64_t, const Message*> by_id;
  for (const auto& m : messages) by_id[m.id] = &m;
  // The query path only fully scores its candidates (`candidate_cap`): count the duplicates that
  // `query` of the later message (index of all messages) returns with the same score as `similarity`.
  std::size_t reachable = 0;
  std::size_t archive_reachable = 0;
  std::size_t archive_reachable_above = 0;  // and scoring at least the default threshold
  std::size_t above = 0;                    // duplicates scoring at least the default threshold
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::int64_t id_a = std::stoll(rows[r][a]);
    const std::int64_t id_b = std::stoll(rows[r][b]);
    const double score = replay.similarity(id_a, id_b);
    pairs.push_back({score, rows[r][label] == "1", rows[r][sampled].rfind("keyword", 0) == 0});
    if (!pairs.back().duplicate) continue;
    const Message& later = by_id.at(id_a)->time < by_id.at(id_b)->time ? *by_id.at(id_b) : *by_id.at(id_a);
    const std::int64_t earlier = later.id == id_a ? id_b : id_a;
    for (const auto& match : replay.query(later.title + "\n" + later.text, later.time, later.id)) {
      if (match.id == earlier && std::abs(match.score - score) < 1e-9) ++reachable;
    }
    // The storage path (an in-memory index too small to hold the earlier message): found when
    // its raw title or text contains one of the rarest bigrams of the later message's title.
    const Message& first = *by_id.at(earlier);
    // Counts as storage would see them: neither message in the in-memory index.
    replay.remove(earlier);
    replay.remove(later.id);
    const auto phrases = replay.rare_phrases(later.title + "\n" + later.text, g_archive_phrases);
    replay.add(first.id, first.time, first.title + "\n" + first.text);
    replay.add(later.id, later.time, later.title + "\n" + later.text);
    for (const auto& phrase : phrases) {
      if (first.title.find(phrase) != std::string::npos || first.text.find(phrase) != std::string::npos) {
        ++archive_reachable;
        if (score >= hotline::text::DuplicateOptions{}.min_score) ++archive_reachable_above;
        break;
      }
    }
    if (score >= hotline::text::DuplicateOptions{}.min_score) ++above;
  }
  // Second sample (duplicates_summary_added.csv): suggestions the summary term adds to the replay.
  std::vector<Pair> added;
  if (std::ifstream(labelled_dir + "/duplicates_summary_added.csv")) {
    const auto extra = read_csv(labelled_dir + "/duplicates_summary_added.csv");
    const std::size_t ea = column(extra.at(0), "id_a");
    const std::size_t eb = column(extra.at(0), "id_b");
    const std::size_t elabel = column(extra.at(0), "duplicate");
    for (std::size_t r = 1; r < extra.size(); ++r) {
      added.push_back({replay.similarity(std::stoll(extra[r][ea]), std::stoll(extra[r][eb])), extra[r][elabel] == "1", false});
    }
  }
  const auto positives = std::count_if(pairs.begin(), pairs.end(), [](const Pair& p) { return p.duplicate; });
  std::printf("labelled pairs: %zu (%zd duplicates; %zu returned by `query` of the later message)\n\n"
              "| threshold | precision | recall | F1 | TP | FP | FN | keyword pairs: precision | recall | score-level pairs: precision | recall "
              "| summary-added pairs: kept | precision |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
              pairs.size(), positives, reachable);
  std::printf("storage path (the %zu rarest bigrams of the later message's title, as `IndexDuplicateFinder` searches storage): "
              "%zu of %zd duplicates reachable; %zu of the %zu scoring >= %.2f\n\n",
              g_archive_phrases, archive_reachable, positives, archive_reachable_above, above,
              hotline::text::DuplicateOptions{}.min_score);
  for (double t = 0.05; t < 0.71; t += 0.05) {
    Counts c;
    Counts k;
    Counts l;
    for (const auto& p : pairs) {
      const bool predicted = p.score >= t;
      for (Counts* counts : {&c, p.keyword ? &k : &l}) {
        if (predicted && p.duplicate) ++counts->tp;
        else if (predicted) ++counts->fp;
        else if (p.duplicate) ++counts->fn;
      }
    }
    Counts a;
    for (const auto& p : added) {
      if (p.score >= t && p.duplicate) ++a.tp;
      else if (p.score >= t) ++a.fp;
    }
    const double f1 = c.precision() + c.recall() == 0 ? 0 : 2 * c.precision() * c.recall() / (c.precision() + c.recall());
    std::printf("| %.2f | %.3f | %.3f | %.3f | %zu | %zu | %zu | %.3f | %.3f | %.3f | %.3f | %zu of %zu | %.3f |\n", t, c.precision(), c.recall(),
                f1, c.tp, c.fp, c.fn, k.precision(), k.recall(), l.precision(), l.recall(), a.tp + a.fp, added.size(), a.precision());
  }
}

void places(const std::string& divisions_dir, const std::string& labelled_dir, const std::string& file) {
  const auto rows = read_csv(labelled_dir + "/" + file);
  const auto& h = rows.at(0);
  const std::size_t city_col = column(h, "city");
  const std::size_t text_col = column(h, "text");
  const std::size_t district_col = column(h, "district_id");
  const std::size_t street_col = column(h, "street_id");
  std::map<std::string, hotline::text::PlaceExtractor> extractors;
  Counts district;
  Counts street;
  std::size_t ambiguous = 0;
  double seconds = 0.0;
  std::size_t bytes = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto it = extractors.find(row[city_col]);
    if (it == extractors.end()) {
      it = extractors.emplace(row[city_col], hotline::text::PlaceExtractor(hotline::text::read_city_divisions(divisions_dir, row[city_col]))).first;
    }
    const auto start = Clock::now();
    const auto result = it->second.extract(row[text_col]);
    seconds += seconds_since(start);
    bytes += row[text_col].size();
    ambiguous += result.ambiguous ? 1 : 0;
    auto count = [](Counts& c, const std::string& truth, const std::string& got) {
      if (!got.empty() && got == truth) ++c.tp;
      else {
        if (!got.empty()) ++c.fp;
        if (!truth.empty()) ++c.fn;
      }
    };
    count(district, row[district_col], result.district_id);
    count(street, row[street_col], result.street_id);
    if (row[district_col] != result.district_id || row[street_col] != result.street_id) {
      std::printf("  miss row %zu: want %s/%s got %s/%s%s\n", r + 1, row[district_col].c_str(), row[street_col].c_str(),
                  result.district_id.c_str(), result.street_id.c_str(), result.ambiguous ? " (ambiguous)" : "");
    }
  }
  std::printf("## places: %s, %zu texts (mean %zu bytes), %.1f us per text, %zu ambiguous\n", file.c_str(), rows.size() - 1,
              bytes / (rows.size() - 1), 1e6 * seconds / static_cast<double>(rows.size() - 1), ambiguous);
  std::printf("| level | precision | recall | TP | FP | FN |\n|---|---|---|---|---|---|\n");
  std::printf("| district | %.3f | %.3f | %zu | %zu | %zu |\n", district.precision(), district.recall(), district.tp, district.fp, district.fn);
  std::printf("| street/town | %.3f | %.3f | %zu | %zu | %zu |\n\n", street.precision(), street.recall(), street.tp, street.fp, street.fn);
}

}  // namespace

long resident_kb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      break;
    }
  }
  return value;
}

// Memory of an index of `count` real messages (附件3, 附件4 and the 附件2 test data, title and
// body, cycled with a distinct suffix), measured as growth of the resident set.
void index_memory(const std::string& data_dir, std::size_t count) {
  std::vector<std::string> texts;
  for (const char* file : {"fj3_messages_with_votes.csv", "fj4_messages_with_replies.csv", "fj2_stage2_test_unlabeled.csv"}) {
    const auto rows = read_csv(data_dir + "/tipdm2020c/" + file);
    const std::size_t title = column(rows.at(0), "留言主题");
    const std::size_t text = column(rows.at(0), "留言详情");
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() == rows[0].size()) texts.push_back(rows[r][title] + "\n" + rows[r][text]);
    }
  }
  hotline::text::DuplicateOptions options;
  options.max_content_chars = g_max_content;
  hotline::text::DuplicateIndex index(options);
  const long before = resident_kb();
  const sys_seconds start{std::chrono::seconds{1700000000}};
  for (std::size_t i = 0; i < count; ++i) {
    index.add(static_cast<std::int64_t>(i), start + std::chrono::seconds(static_cast<long>(i) * 60),
              texts[i % texts.size()] + std::to_string(i));
  }
  const double megabytes = static_cast<double>(resident_kb() - before) / 1024.0;
  std::printf("index memory: %zu real messages (%zu distinct, max %zu content characters each): %.1f MB, %.0f bytes per entry\n",
              count, texts.size(), g_max_content, megabytes, megabytes * 1024.0 * 1024.0 / static_cast<double>(count));
}

int main(int argc, char** argv) {
  std::string data_dir = HOTLINE_SHARED_DATA_DIR;
  std::string divisions_dir = HOTLINE_SOURCE_DIR "/data/divisions";
  std::string labelled_dir = HOTLINE_SOURCE_DIR "/tests/data/text";
  std::string dump;
  std::string scan;
  int shingle = 2;
  bool overlap = false;
  std::size_t max_posting = hotline::text::DuplicateOptions{}.max_posting;
  std::size_t candidates = hotline::text::DuplicateOptions{}.candidate_cap;
  double summary_weight = hotline::text::DuplicateOptions{}.summary_weight;
  for (int k = 1; k < argc; ++k) {
    const std::string arg = argv[k];
    if (k + 1 >= argc) {
      std::cerr << "missing value for " << arg << "\n";
      return 2;
    }
    const std::string value = argv[++k];
    if (arg == "--data-dir") data_dir = value;
    else if (arg == "--divisions") divisions_dir = value;
    else if (arg == "--labelled") labelled_dir = value;
    else if (arg == "--shingle") shingle = std::stoi(value);
    else if (arg == "--overlap") overlap = value == "1";
    else if (arg == "--summary") summary_weight = std::stod(value);
    else if (arg == "--archive-phrases") g_archive_phrases = std::stoul(value);
    else if (arg == "--max-posting") max_posting = std::stoul(value);
    else if (arg == "--max-content") g_max_content = std::stoul(value);
    else if (arg == "--candidates") candidates = std::stoul(value);
    else if (arg == "--dump-pairs") dump = value;
    else if (arg == "--scan") scan = value;
    else {
      std::cerr << "unknown argument " << arg << "\n";
      return 2;
    }
  }
  g_max_posting = max_posting;
  g_candidates = candidates;
  g_summary_weight = summary_weight;
  if (!scan.empty()) {
    const hotline::text::PlaceExtractor extractor(hotline::text::read_city_divisions(divisions_dir, scan));
    for (const char* file : {"fj3_messages_with_votes.csv", "fj4_messages_with_replies.csv"}) {
      const auto rows = read_csv(data_dir + "/tipdm2020c/" + file);
      const std::size_t id = column(rows.at(0), "留言编号");
      const std::size_t title = column(rows.at(0), "留言主题");
      const std::size_t text = column(rows.at(0), "留言详情");
      for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto result = extractor.extract(rows[r][title] + "\n" + rows[r][text]);
        std::printf("%s\t%s\t%s\t%.2f\t%s", rows[r][id].c_str(), result.district_id.c_str(), result.street_id.c_str(), result.score,
                    result.ambiguous ? "ambiguous" : "");
        for (const auto& c : result.candidates) std::printf("\t%s:%.2f", c.name.c_str(), c.score);
        std::printf("\n");
      }
    }
    return 0;
  }
  const auto messages = read_fj3(data_dir);
  if (!dump.empty()) {
    duplicates(messages, labelled_dir, shingle, overlap, dump);
    return 0;
  }
  places(divisions_dir, labelled_dir, "places_tipdm_labelled.csv");
  places(divisions_dir, labelled_dir, "places_guangzhou_team.csv");
  duplicates(messages, labelled_dir, shingle, overlap, "");
  index_memory(data_dir, 20000);
  return 0;
}
