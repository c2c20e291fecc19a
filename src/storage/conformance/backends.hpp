#pragma once
// The backends the conformance suite runs against, and the fixture every conformance test uses.
// Each test gets a fresh backend; SQLite ones live in a temp directory deleted after the test.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/storage.hpp"

namespace hotline::storage::conformance {

// A backend is the storage bundle a deployment runs on.
using Backend = core::Storage;

struct BackendFactory {
  std::string name;
  std::function<std::unique_ptr<Backend>(const std::filesystem::path& temp_dir)> make;
};

// Memory and SQLite.
std::vector<BackendFactory> all_backends();

class ConformanceTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override;
  void TearDown() override;

  core::TicketRepository& tickets() { return backend_->tickets(); }
  core::ReferenceRepository& reference() { return backend_->reference(); }
  core::UserRepository& users() { return backend_->users(); }
  core::AuditRepository& audit() { return backend_->audit(); }
  core::DispatchCatalogueRepository& dispatch_catalogue() { return backend_->dispatch_catalogue(); }
  core::KpiRepository& kpi() { return backend_->kpi(); }
  core::QualityRepository& quality() { return backend_->quality(); }
  core::OutboxRepository& outbox() { return backend_->outbox(); }
  core::SettingsRepository& settings() { return backend_->settings(); }
  core::Storage& backend() { return *backend_; }

 private:
  std::filesystem::path temp_dir_;
  std::unique_ptr<Backend> backend_;
};

std::string backend_name(const ::testing::TestParamInfo<BackendFactory>& info);

}  // namespace hotline::storage::conformance
