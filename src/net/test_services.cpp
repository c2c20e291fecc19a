#include "net/test_services.hpp"

#include <stdexcept>

namespace hotline::net {
namespace {

using namespace std::chrono;

class PlainHasher final : public core::PasswordHasher {
 public:
  std::string hash(const std::string& password) override { return "plain:" + password; }
  bool verify(const std::string& hash, const std::string& password) override { return hash == "plain:" + password; }
};

class CountingTokens final : public core::TokenGenerator {
 public:
  std::string new_token() override { return "token-" + std::to_string(++next_); }
  std::string digest(const std::string& token) override { return "digest:" + token; }

 private:
  std::atomic<int> next_{0};
};

core::Timestamp monday_morning() {
  // 2024-05-06 10:00 China time = 02:00 UTC.
  return core::Timestamp{sys_days{year{2024} / May / 6} + hours{2}};
}

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test setup failed: ") + what);
}

}  // namespace

void GatedTicketRepository::hold_next_get(std::promise<void>* entered, std::shared_future<void> release) {
  std::lock_guard lock(mutex_);
  entered_ = entered;
  release_ = std::move(release);
}

core::Result<core::CreatedTicket> GatedTicketRepository::create(const core::Ticket& ticket, const core::TicketEvent& first) {
  return inner_.create(ticket, first);
}
core::Result<std::int64_t> GatedTicketRepository::append(const core::Ticket& updated, const core::TicketEvent& event,
                                                 std::int64_t expected_version) {
  return inner_.append(updated, event, expected_version);
}
core::Result<std::vector<std::int64_t>> GatedTicketRepository::append_all(const std::vector<core::TicketAppend>& appends) {
  return inner_.append_all(appends);
}
core::Result<std::vector<core::TicketId>> GatedTicketRepository::import_tickets(
    const std::vector<core::ImportedTicket>& batch) {
  return inner_.import_tickets(batch);
}
core::Result<core::Ticket> GatedTicketRepository::get(core::TicketId id) {
  if (throw_next_.exchange(false)) throw std::runtime_error("storage exploded (test)");
  std::promise<void>* entered = nullptr;
  std::shared_future<void> release;
  {
    std::lock_guard lock(mutex_);
    std::swap(entered, entered_);
    release = std::exchange(release_, {});
  }
  if (entered != nullptr) {
    entered->set_value();
    release.wait();
  }
  return inner_.get(id);
}
core::Result<core::TicketPage> GatedTicketRepository::list(const core::TicketQuery& query) {
  return inner_.list(query);
}
core::Result<std::vector<core::TicketEvent>> GatedTicketRepository::history(core::TicketId id) {
  return inner_.history(id);
}
core::Result<std::int64_t> GatedTicketRepository::count() {
  return inner_.count();
}

TestServices::TestServices() : TestServices(core::DispatchAids{}) {}

TestServices::TestServices(core::DispatchAids aids) : TestServices(aids, nullptr) {}

TestServices::TestServices(core::AttachmentStore* attachments) : TestServices(core::DispatchAids{}, attachments) {}

TestServices::TestServices(core::DispatchAids aids, core::AttachmentStore* attachments)
    : clock(monday_morning()),
      ticket_repo(&kpi_repo),  // only its address: kpi_repo is constructed before any ticket is written
      hasher(std::make_unique<PlainHasher>()),
      tokens(std::make_unique<CountingTokens>()),
      auth(user_repo, audit_repo, reference, *hasher, *tokens, clock),
      tickets(ticket_repo, audit_repo, reference, clock, {}, &events, attachments),
      dispatch(tickets, ticket_repo, catalogue_repo, reference, aids, dispatch_metrics) {
  reference.audit_changes(audit_repo, clock);
  dispatch.audit_changes(audit_repo, clock);
  using core::UnitKind;
  check(reference_repo
            .upsert_units({{"440100", "", UnitKind::city, "广州市", true},
                           {"440106", "440100", UnitKind::district, "天河区", true},
                           {"440106001", "440106", UnitKind::street, "五山街道", true},
                           {"440104", "440100", UnitKind::district, "越秀区", true},
                           {"440104001", "440104", UnitKind::street, "北京街道", true},
                           {"dept-housing", "440100", UnitKind::department, "市住房城乡建设局", true}})
            .has_value(),
        "units");
  check(reference_repo.add_categories({{"城乡建设", "住房保障", "公租房"}, {"交通运输", "公共交通", ""}}).has_value(),
        "categories");
  check(reference_repo
            .upsert_calendar_days({{year{2024} / May / 1, true, "劳动节"}, {year{2024} / May / 11, false, "调休"}})
            .has_value(),
        "calendar");
  check(reference.reload().has_value(), "reload");
  const std::pair<const char*, core::Role> accounts[] = {
      {"agent1", core::Role::agent},
      {"dispatcher1", core::Role::dispatcher},
      {"callback1", core::Role::callback_agent},
      {"supervisor1", core::Role::supervisor},
      {"manager1", core::Role::manager},
      {"admin1", core::Role::admin},
  };
  for (const auto& [name, role] : accounts) check(auth.add_user({name, kTestPassword, role, "", ""}).has_value(), name);
  check(auth.add_user({"tianhe1", kTestPassword, core::Role::unit_handler, "440106", "天河区办理员"}).has_value(),
        "tianhe1");
  check(auth.add_user({"yuexiu1", kTestPassword, core::Role::unit_handler, "440104", "越秀区办理员"}).has_value(),
        "yuexiu1");
  check(auth.add_user({"wushan1", kTestPassword, core::Role::unit_handler, "440106001", "五山街道办理员"}).has_value(),
        "wushan1");
  check(auth.add_user({"housing1", kTestPassword, core::Role::unit_handler, "dept-housing", "住建局办理员"}).has_value(),
        "housing1");
}

}  // namespace hotline::net
