#include "adapters/sms_template.hpp"

#include <gtest/gtest.h>

namespace hotline::adapters {
namespace {

core::OutboundMessage message() {
  core::OutboundMessage m;
  m.id = 42;
  m.recipient = "13800138000";
  m.text = "验证码 \"1234\"\n勿告诉他人 & {id}";
  return m;
}

TEST(SmsTemplate, JsonBodiesGetJsonEscapedValues) {
  auto sms = parse_sms_template(R"({"method":"post","url":"http://127.0.0.1:9000/sms/send?account=hl",
    "headers":{"Content-Type":"application/json; charset=utf-8","X-Ref":"{id}"},
    "body":"{\"to\":\"{phone}\",\"content\":\"{text}\",\"ref\":{id}}","gateway_id_field":"data.id","timeout_ms":2500})");
  ASSERT_TRUE(sms) << sms.error().message;
  EXPECT_EQ(sms->method, "POST");
  EXPECT_EQ(sms->host, "127.0.0.1");
  EXPECT_EQ(sms->port, "9000");
  EXPECT_EQ(sms->timeout, std::chrono::milliseconds{2500});
  auto request = render_sms_request(*sms, message());
  EXPECT_EQ(request.target, "/sms/send?account=hl");
  // The text's own "{id}" is not a placeholder any more once substituted.
  EXPECT_EQ(request.body, R"({"to":"13800138000","content":"验证码 \"1234\"\n勿告诉他人 & {id}","ref":42})");
  ASSERT_EQ(request.headers.size(), 2u);
  EXPECT_EQ(request.headers[1], (std::pair<std::string, std::string>{"X-Ref", "42"}));
}

TEST(SmsTemplate, FormBodiesAndUrlsArePercentEncoded) {
  auto sms = parse_sms_template(R"({"url":"http://gw.example/send?to={phone}&msg={text}",
    "headers":{"content-type":"application/x-www-form-urlencoded"},"body":"mobile={phone}&content={text}"})");
  ASSERT_TRUE(sms) << sms.error().message;
  EXPECT_EQ(sms->port, "80");
  auto m = message();
  m.text = "验证 a&b=c";
  auto request = render_sms_request(*sms, m);
  EXPECT_EQ(request.target, "/send?to=13800138000&msg=%E9%AA%8C%E8%AF%81%20a%26b%3Dc");
  EXPECT_EQ(request.body, "mobile=13800138000&content=%E9%AA%8C%E8%AF%81+a%26b%3Dc");
}

TEST(SmsTemplate, OtherContentTypesTakeValuesAsTheyAre) {
  auto sms = parse_sms_template(R"({"url":"http://gw","headers":{"Content-Type":"text/plain"},"body":"{phone}:{text}"})");
  ASSERT_TRUE(sms);
  EXPECT_EQ(sms->target, "/");
  EXPECT_EQ(render_sms_request(*sms, message()).body, "13800138000:" + message().text);
}

TEST(SmsTemplate, BadTemplatesNameTheirField) {
  struct Case {
    const char* json;
    const char* field;
  };
  for (const auto& c : {Case{"[]", "template"}, Case{"{", "template"}, Case{R"({"url":"http://gw","method":"DELETE"})", "method"},
                        Case{R"({})", "url"}, Case{R"({"url":"https://gw/send"})", "url"},
                        Case{R"({"url":"ftp://gw"})", "url"}, Case{R"({"url":"http://:80/"})", "url"},
                        Case{R"({"url":"http://{phone}.gw/"})", "url"}, Case{R"({"url":"http://gw:x/"})", "url"},
                        Case{R"({"url":"http://gw","headers":{"A":1}})", "headers"},
                        Case{R"({"url":"http://gw","timeout_ms":10})", "timeout_ms"},
                        Case{R"({"url":"http://gw","body":{}})", "body"}}) {
    auto sms = parse_sms_template(c.json);
    ASSERT_FALSE(sms) << c.json;
    EXPECT_EQ(sms.error().field, c.field) << c.json;
  }
}

TEST(SmsTemplate, GatewayIdsAreReadFromADottedPath) {
  EXPECT_EQ(gateway_id_from(R"({"data":{"id":"abc-1"}})", "data.id"), "abc-1");
  EXPECT_EQ(gateway_id_from(R"({"msg_id":123456789012})", "msg_id"), "123456789012");
  EXPECT_EQ(gateway_id_from(R"({"data":{"id":true}})", "data.id"), "");
  EXPECT_EQ(gateway_id_from(R"({"data":[]})", "data.id"), "");
  EXPECT_EQ(gateway_id_from("OK", "data.id"), "");
  EXPECT_EQ(gateway_id_from(R"({"id":"x"})", ""), "");
}

}  // namespace
}  // namespace hotline::adapters
