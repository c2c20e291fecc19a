#include "net/openapi.hpp"

#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/lifecycle_docs.hpp"
#include "core/workflow.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;

std::string complete_from_table(std::string_view committed) {
  bj::value document = bj::parse(committed);
  auto& operation = document.at("paths").at(kActionOperationPath).at("post").as_object();
  std::string description(operation.at("description").as_string());
  description += "\n\nActions (generated from the transition table):\n" + core::lifecycle_action_lines();
  operation["description"] = description;
  bj::array actions;
  for (const auto& row : core::transition_table()) {
    if (row.action != core::Action::register_ticket) actions.emplace_back(core::to_string(row.action));
  }
  for (auto& parameter : operation.at("parameters").as_array()) {
    if (parameter.at("name").as_string() == "action") parameter.at("schema").as_object()["enum"] = std::move(actions);
  }
  return bj::serialize(document);
}

}  // namespace

std::string_view openapi_document() {
  static const std::string document = complete_from_table(committed_openapi_document());
  return document;
}

}  // namespace hotline::net
