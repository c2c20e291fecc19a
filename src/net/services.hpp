#pragma once
// The core services the HTTP API calls. References, owned by the composition root (app), which
// keeps them alive until `Server::stop` has returned. Each service is safe to call concurrently.

#include "core/auth_service.hpp"
#include "core/dashboard.hpp"
#include "core/dispatch_service.hpp"
#include "core/kpi_service.hpp"
#include "core/portal_service.hpp"
#include "core/portal_tracking.hpp"
#include "core/notifier.hpp"
#include "core/quality_service.hpp"
#include "core/reference_service.hpp"
#include "core/settings_service.hpp"
#include "core/ticket_service.hpp"

namespace hotline::net {

struct Services {
  core::TicketService& tickets;
  core::AuthService& auth;
  core::ReferenceService& reference;
  core::KpiService& kpi;
  core::DispatchService& dispatch;
  core::DashboardService& dashboard;
  core::QualityService& quality;
  core::Notifier& notifier;
  core::SettingsService& settings;
  core::PortalService* portal = nullptr;  // the citizens' portal; null when the server does not offer it
  core::PortalTracking* tracking = nullptr;  // tracking on the portal; null when the server does not offer it
};

}  // namespace hotline::net
