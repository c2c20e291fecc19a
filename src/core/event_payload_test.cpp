#include "core/event_payload.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

TEST(EventPayload, EveryActionsDataSurvivesTheTextMap) {
  RegisterData reg;
  reg.type = TicketType::complaint;
  reg.channel = Channel::wechat;
  reg.caller = Caller{"张三", "13800001111", true};
  reg.title = "噪音";
  reg.text = "夜间施工";
  reg.place = Place{"440106", "440106001", "天河路1号", 23.125, 113.5};
  reg.category = "城乡建设/施工";
  reg.urgency = Urgency::urgent;
  reg.deadline = from_epoch(1700000000);
  auto back = std::get<RegisterData>(decode_payload(Action::register_ticket, encode_payload(reg)));
  EXPECT_EQ(back.type, reg.type);
  EXPECT_EQ(back.channel, reg.channel);
  EXPECT_EQ(back.caller.phone, reg.caller.phone);
  EXPECT_TRUE(back.caller.confidential);
  EXPECT_EQ(back.place.street, "440106001");
  EXPECT_DOUBLE_EQ(*back.place.latitude, 23.125);
  EXPECT_EQ(back.urgency, Urgency::urgent);
  EXPECT_EQ(back.deadline, reg.deadline);

  DispatchData dispatch{"440106", {"440104", "440105"}, from_epoch(1700003600)};
  auto map = encode_payload(dispatch);
  EXPECT_EQ(map.at("co_units"), "440104,440105");
  auto d = std::get<DispatchData>(decode_payload(Action::dispatch, map));
  EXPECT_EQ(d.co_units, dispatch.co_units);
  EXPECT_EQ(d.acknowledge_deadline, dispatch.acknowledge_deadline);

  EXPECT_EQ(std::get<MergeData>(decode_payload(Action::merge, encode_payload(MergeData{42, false, 0}))).merge_into, 42);
  EXPECT_EQ(std::get<CallbackData>(decode_payload(Action::callback, encode_payload(CallbackData{Rating::dissatisfied, CallbackOutcome::rated, true, 0, std::nullopt})))
                .rating,
            Rating::dissatisfied);
  auto extension = std::get<ExtensionRequestData>(
      decode_payload(Action::request_extension, encode_payload(ExtensionRequestData{from_epoch(1700086400), 3})));
  EXPECT_EQ(extension.extension_days, 3);
  EXPECT_TRUE(std::get<ReviewData>(decode_payload(Action::review, encode_payload(ReviewData{true, ""}))).approved);
}

TEST(EventPayload, DispatchSideWorkflowDataSurvivesTheTextMap) {
  ForwardData forward{"440106", "440106001", from_epoch(1700003600), "请街道办理"};
  EXPECT_EQ(encode_payload(forward), (PayloadMap{{"from_unit", "440106"},
                                                 {"to_unit", "440106001"},
                                                 {"acknowledge_deadline", "1700003600"},
                                                 {"note", "请街道办理"}}));
  auto f = std::get<ForwardData>(decode_payload(Action::forward, encode_payload(forward)));
  EXPECT_EQ(f.from_unit, forward.from_unit);
  EXPECT_EQ(f.to_unit, forward.to_unit);
  EXPECT_EQ(f.acknowledge_deadline, forward.acknowledge_deadline);
  EXPECT_EQ(f.note, forward.note);
  EXPECT_FALSE(encode_payload(ForwardData{"a", "b", from_epoch(1), ""}).contains("note"));

  auto recall = std::get<RecallData>(decode_payload(Action::recall, encode_payload(RecallData{"440106", {"a", "b"}})));
  EXPECT_EQ(recall.lead_unit, "440106");
  EXPECT_EQ(recall.co_units, (std::vector<UnitId>{"a", "b"}));

  EXPECT_EQ(encode_payload(CoUnitData{"440104", ""}), (PayloadMap{{"unit", "440104"}}));
  auto opinion = std::get<CoUnitData>(decode_payload(Action::co_opinion, encode_payload(CoUnitData{"440104", "同意"})));
  EXPECT_EQ(opinion.unit, "440104");
  EXPECT_EQ(opinion.opinion, "同意");
  EXPECT_EQ(std::get<CoUnitData>(decode_payload(Action::co_acknowledge, {{"unit", "x"}})).unit, "x");

  CorrectionData correction;
  correction.changes["type"] = {"complaint", "inquiry"};
  correction.changes["street"] = {"440106001", ""};
  auto map = encode_payload(correction);
  EXPECT_EQ(map, (PayloadMap{{"before_type", "complaint"},
                             {"after_type", "inquiry"},
                             {"before_street", "440106001"},
                             {"after_street", ""}}));
  EXPECT_EQ(std::get<CorrectionData>(decode_payload(Action::correct, map)).changes, correction.changes);

  ReplyData reply{"已答复", {"440104", "dept-zjj"}};
  EXPECT_EQ(encode_payload(reply).at("co_units_without_opinion"), "440104,dept-zjj");
  EXPECT_EQ(std::get<ReplyData>(decode_payload(Action::reply, encode_payload(reply))).co_units_without_opinion,
            reply.co_units_without_opinion);
  EXPECT_EQ(encode_payload(ReplyData{"x", {}}), (PayloadMap{{"reply", "x"}}));  // stored replies stay as they were
}

TEST(EventPayload, StoredKeysAreTheDocumentedOnes) {
  // Histories already stored keep replaying: the keys are part of the storage format.
  auto map = encode_payload(ReviewData{false, "交通"});
  EXPECT_EQ(map, (PayloadMap{{"approved", "0"}, {"category", "交通"}}));
  EXPECT_EQ(encode_payload(ExtensionApprovalData{}), PayloadMap{});
  EXPECT_EQ(encode_payload(RedoData{from_epoch(10), from_epoch(20)}),
            (PayloadMap{{"deadline", "10"}, {"acknowledge_deadline", "20"}}));
  EXPECT_EQ(encode_payload(std::monostate{}), PayloadMap{});
  const AttachData file{std::string(64, 'c'), "照片.jpg", "image/jpeg", 2048};
  EXPECT_EQ(encode_payload(file), (PayloadMap{{"sha256", std::string(64, 'c')},
                                              {"filename", "照片.jpg"},
                                              {"content_type", "image/jpeg"},
                                              {"size", "2048"}}));
  auto back = std::get<AttachData>(decode_payload(Action::attach, encode_payload(file)));
  EXPECT_EQ(back.sha256, file.sha256);
  EXPECT_EQ(back.filename, file.filename);
  EXPECT_EQ(back.content_type, file.content_type);
  EXPECT_EQ(back.size, 2048);
}

TEST(EventPayload, MissingKeysDecodeToDefaultsSoOldHistoriesReplay) {
  auto reg = std::get<RegisterData>(decode_payload(Action::register_ticket, {{"title", "t"}}));
  EXPECT_EQ(reg.title, "t");
  EXPECT_EQ(reg.type, TicketType::inquiry);
  EXPECT_FALSE(reg.place.latitude);
  EXPECT_FALSE(std::get<ExtensionApprovalData>(decode_payload(Action::approve_extension, {})).deadline);
  EXPECT_FALSE(std::get<CallbackData>(decode_payload(Action::callback, {{"rating", "nonsense"}})).rating);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(decode_payload(Action::archive, {{"x", "y"}})));
}

TEST(EventPayload, RewriteCallerTouchesOnlyTheCallerOfARegisterEvent) {
  TicketEvent event;
  event.action = Action::register_ticket;
  event.payload = {{"caller_name", "张三"}, {"caller_phone", "13800001111"}, {"title", "t"}};
  rewrite_caller(event, [](Caller& c) { c.phone = "138****1111"; });
  EXPECT_EQ(event.payload.at("caller_phone"), "138****1111");
  EXPECT_EQ(event.payload.at("title"), "t");
  EXPECT_FALSE(event.payload.contains("confidential"));
  TicketEvent reply;
  reply.action = Action::reply;
  reply.payload = {{"reply", "done"}};
  rewrite_caller(reply, [](Caller& c) { c.name = "x"; });
  EXPECT_EQ(reply.payload, (PayloadMap{{"reply", "done"}}));
}

}  // namespace
}  // namespace hotline::core
