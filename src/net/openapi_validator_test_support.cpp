#include "net/openapi_validator_test_support.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace hotline::net {
namespace {

namespace bj = boost::json;

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

// "/api/v1/tickets/{id}" matches "/api/v1/tickets/42"; literal segments win over templates, as
// the router's table does ("/tickets/{id}/history" before "/tickets/{id}/{action}").
int match_score(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return -1;
  int literal = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].starts_with('{')) continue;
    if (pattern[i] != path[i]) return -1;
    ++literal;
  }
  return literal;
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  if (text.size() < from + count) return false;
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                     text.begin() + static_cast<std::ptrdiff_t>(from + count),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
bool is_date_time(std::string_view s) {
  if (!digits(s, 0, 4) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2) ||
      s[10] != 'T' || !digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2))
    return false;
  std::size_t i = 19;
  if (s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
  }
  std::string_view zone = s.substr(i);
  if (zone == "Z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2) && zone[3] == ':' &&
         digits(zone, 4, 2);
}

double as_number(const bj::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return v.as_double();
}

const std::set<std::string_view> kKnownKeywords{"$ref",    "type",    "properties", "required", "additionalProperties",
                                                "items",   "enum",    "nullable",   "format",   "description",
                                                "minimum", "maximum", "maxItems",   "example"};

}  // namespace

OpenApiValidator::OpenApiValidator(std::string_view document) {
  boost::system::error_code ec;
  document_ = bj::parse(document, ec);
  if (ec || !document_.is_object()) throw std::invalid_argument("the OpenAPI document is not a JSON object");
}

const bj::value& OpenApiValidator::resolve(const bj::value& maybe_ref) const {
  const bj::value* current = &maybe_ref;
  for (int depth = 0; depth < 16 && current->is_object() && current->as_object().contains("$ref"); ++depth) {
    std::string_view ref = current->at("$ref").as_string();
    if (!ref.starts_with("#/")) throw std::invalid_argument("only local $ref: " + std::string(ref));
    const bj::value* target = &document_;
    for (const auto& part : split_path(ref.substr(1))) {
      if (!target->is_object() || !target->as_object().contains(part))
        throw std::invalid_argument("dangling $ref: " + std::string(ref));
      target = &target->at(part);
    }
    current = target;
  }
  return *current;
}

std::vector<std::string> OpenApiValidator::check_value(const bj::value& value, const bj::value& schema,
                                                       const std::string& where) const {
  std::vector<std::string> problems;
  check(value, schema, where, problems);
  return problems;
}

void OpenApiValidator::check(const bj::value& value, const bj::value& schema_or_ref, const std::string& where,
                             std::vector<std::string>& problems) const {
  const bj::value& schema = resolve(schema_or_ref);
  if (!schema.is_object()) {
    problems.push_back(where + ": schema is not an object");
    return;
  }
  const auto& s = schema.as_object();
  for (const auto& [key, unused] : s) {
    if (!kKnownKeywords.contains(key)) problems.push_back(where + ": unsupported schema keyword " + std::string(key));
  }
  if (value.is_null()) {
    if (!(s.contains("nullable") && s.at("nullable").as_bool()))
      problems.push_back(where + ": null, but the schema is not nullable");
    return;
  }
  std::string_view type = s.contains("type")         ? std::string_view(s.at("type").as_string())
                          : s.contains("properties") ? "object"
                                                     : "";
  auto wrong = [&](std::string_view expected) {
    problems.push_back(where + ": expected " + std::string(expected) + ", got " + bj::serialize(value));
  };
  if (type == "object" && !value.is_object()) return wrong("an object");
  if (type == "array" && !value.is_array()) return wrong("an array");
  if (type == "string" && !value.is_string()) return wrong("a string");
  if (type == "boolean" && !value.is_bool()) return wrong("a boolean");
  if (type == "integer" && !value.is_int64() && !value.is_uint64()) return wrong("an integer");
  if (type == "number" && !value.is_number()) return wrong("a number");

  if (s.contains("enum")) {
    const auto& options = s.at("enum").as_array();
    if (std::find(options.begin(), options.end(), value) == options.end())
      problems.push_back(where + ": " + bj::serialize(value) + " is not in the enum");
  }
  if (s.contains("format") && s.at("format").as_string() == "date-time" && value.is_string() &&
      !is_date_time(value.as_string()))
    problems.push_back(where + ": not a date-time: " + std::string(value.as_string()));
  if (value.is_number()) {
    if (s.contains("minimum") && as_number(value) < as_number(s.at("minimum")))
      problems.push_back(where + ": below the minimum");
    if (s.contains("maximum") && as_number(value) > as_number(s.at("maximum")))
      problems.push_back(where + ": above the maximum");
  }
  if (value.is_array()) {
    const auto& items = value.as_array();
    if (s.contains("maxItems") && static_cast<std::int64_t>(items.size()) > s.at("maxItems").to_number<std::int64_t>())
      problems.push_back(where + ": more items than maxItems");
    if (s.contains("items")) {
      for (std::size_t i = 0; i < items.size(); ++i)
        check(items[i], s.at("items"), where + "[" + std::to_string(i) + "]", problems);
    }
  }
  if (value.is_object()) {
    const auto& object = value.as_object();
    static const bj::object kNoProperties;
    const auto& properties = s.contains("properties") ? s.at("properties").as_object() : kNoProperties;
    if (s.contains("required")) {
      for (const auto& name : s.at("required").as_array()) {
        if (!object.contains(name.as_string()))
          problems.push_back(where + ": missing required " + std::string(name.as_string()));
      }
    }
    for (const auto& [key, member] : object) {
      const std::string at = where + "." + std::string(key);
      if (properties.contains(key)) {
        check(member, properties.at(key), at, problems);
      } else if (s.contains("additionalProperties")) {
        const auto& extra = s.at("additionalProperties");
        if (extra.is_bool()) {
          if (!extra.as_bool()) problems.push_back(at + ": not in the schema (additionalProperties false)");
        } else {
          check(member, extra, at, problems);
        }
      }
    }
  }
}

std::vector<std::string> OpenApiValidator::check_response(std::string_view method, std::string_view target, int status,
                                                          std::string_view body) const {
  std::vector<std::string> problems;
  const std::string name = std::string(method) + " " + std::string(target) + " " + std::to_string(status);
  const auto path = split_path(target.substr(0, target.find('?')));
  const bj::object* operations = nullptr;
  int best = -1;
  for (const auto& [pattern, item] : document_.at("paths").as_object()) {
    int score = match_score(split_path(pattern), path);
    if (score > best) {
      best = score;
      operations = &item.as_object();
    }
  }
  if (operations == nullptr) return problems;  // the router's 404 for an unknown path
  std::string verb(method);
  std::transform(verb.begin(), verb.end(), verb.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool head = verb == "head";
  if (head) verb = "get";
  if (!operations->contains(verb)) return problems;  // the router's 405
  const auto& responses = operations->at(verb).at("responses").as_object();
  const std::string code = std::to_string(status);
  // The document's info says any operation may answer 500 or 503 with the error shape.
  const bool server_error = (status == 500 || status == 503) && !responses.contains(code);
  if (!responses.contains(code) && !server_error) {
    problems.push_back(name + ": status not documented for this operation");
    return problems;
  }
  if (head) {
    if (!body.empty()) problems.push_back(name + ": a HEAD answer has a body");
    return problems;
  }
  static const bj::value kServerError = bj::parse(R"({"$ref":"#/components/responses/Error"})");
  const auto& response = resolve(server_error ? kServerError : responses.at(code)).as_object();
  if (!response.contains("content") || !response.at("content").as_object().contains("application/json")) {
    if (!response.contains("content") && !body.empty()) problems.push_back(name + ": undocumented body");
    return problems;  // text/plain and the like are not checked
  }
  boost::system::error_code ec;
  auto value = bj::parse(body, ec);
  if (ec) {
    problems.push_back(name + ": body is not JSON");
    return problems;
  }
  const auto& schema = response.at("content").at("application/json").at("schema");
  for (auto& problem : check_value(value, schema)) problems.push_back(name + ": " + problem);
  return problems;
}

}  // namespace hotline::net
