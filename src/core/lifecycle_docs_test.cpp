#include "core/lifecycle_docs.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace hotline::core {
namespace {

TEST(LifecycleDocs, CommittedDocsAreWhatTheTableProduces) {
  const std::string path = std::string(HOTLINE_SOURCE_DIR) + "/docs/lifecycle.md";
  std::ifstream in(path, std::ios::binary);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_TRUE(committed.str() == lifecycle_markdown())
      << path << " differs from the transition table; regenerate it from the repository root with:\n  "
      << kLifecycleDocsCommand;
}

TEST(LifecycleDocs, EveryRowIsDocumentedWithItsRolesAndStates) {
  const std::string markdown = lifecycle_markdown();
  const std::string lines = lifecycle_action_lines();
  for (const auto& row : transition_table()) {
    const std::string name = "`" + std::string(to_string(row.action)) + "`";
    EXPECT_NE(markdown.find("| " + name + " |"), std::string::npos) << name;
    EXPECT_EQ(lines.find("- " + name + ": from ") != std::string::npos, row.action != Action::register_ticket) << name;
  }
  EXPECT_NE(lines.find("- `dispatch`: from pending_review to dispatched; roles: dispatcher; reason required: no."),
            std::string::npos);
  EXPECT_NE(lines.find("- `redo`: from closed to dispatched; roles: callback_agent, supervisor; reason required: yes."),
            std::string::npos);
}

}  // namespace
}  // namespace hotline::core
