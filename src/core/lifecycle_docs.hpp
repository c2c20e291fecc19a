#pragma once
// The ticket lifecycle in words, generated from `transition_table()` so the table stays the single
// source: docs/lifecycle.md (`hotline docs lifecycle` writes it; a test compares the committed file)
// and the description of the action operation of the OpenAPI document. Pure functions.

#include <string>
#include <string_view>

#include "core/workflow.hpp"

namespace hotline::core {

// What an action means, in one sentence; empty for an action not described yet (its table row
// still documents from-states, target, roles and reason).
std::string_view action_description(Action action);

// One line per action on an existing ticket (every row but registration), in table order:
// "- `dispatch`: from pending_review to dispatched; roles: dispatcher; reason required: no. <description>"
std::string lifecycle_action_lines();

// The whole of docs/lifecycle.md: a header naming the command that writes it, and a table of
// every action (from-states, to, roles, reason required, description).
std::string lifecycle_markdown();

// The command that regenerates docs/lifecycle.md from the repository root.
inline constexpr std::string_view kLifecycleDocsCommand =
    "./build/src/cli/hotline docs lifecycle --output docs/lifecycle.md";

}  // namespace hotline::core
