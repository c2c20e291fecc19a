#include "core/pii_mask.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

TEST(PiiMask, MobileNumbersAreMaskedWherever) {
  EXPECT_EQ(mask_pii("13812345678"), "***********");
  EXPECT_EQ(mask_pii("请拨打13812345678联系我"), "请拨打***********联系我");
  EXPECT_EQ(mask_pii("电话:19912345678。"), "电话:***********。");
  EXPECT_EQ(mask_pii("tel 13812345678, thanks"), "tel ***********, thanks");
  EXPECT_EQ(mask_pii("138-1234-5678"), "***-****-****");
  EXPECT_EQ(mask_pii("138 1234 5678"), "*** **** ****");
  EXPECT_EQ(mask_pii("+86 138 1234 5678"), "+86 *** **** ****");  // the country code is no one's
  EXPECT_EQ(mask_pii("8613812345678"), "8613812345678");          // 13 digits: not a mobile number
}

TEST(PiiMask, FullWidthDigitsAreDigits) {
  EXPECT_EQ(mask_pii("手机１３８１２３４５６７８"), "手机***********");
  EXPECT_EQ(mask_pii("１３８1234５６７８"), "***********");              // mixed widths
  EXPECT_EQ(mask_pii("１３８　１２３４　５６７８"), "***　****　****");  // ideographic spaces stay
}

TEST(PiiMask, NotEveryElevenDigitsAreAMobileNumber) {
  EXPECT_EQ(mask_pii("12345678901"), "12345678901");  // 12: no such prefix
  EXPECT_EQ(mask_pii("10086"), "10086");
  EXPECT_EQ(mask_pii("138123456789"), "138123456789");  // one digit too many: an order number
  EXPECT_EQ(mask_pii("订单2138123456789"), "订单2138123456789");
  EXPECT_EQ(mask_pii("0201234567"), "0201234567");  // a landline is not on the list
}

TEST(PiiMask, ResidentIdNumbersNeedTheirChecksum) {
  EXPECT_EQ(mask_pii("身份证440106199001011235"), "身份证******************");
  EXPECT_EQ(mask_pii("身份证440106199001011234"), "身份证440106199001011234");  // wrong check digit
  EXPECT_EQ(mask_pii("11010519491231002X号"), "******************号");
  EXPECT_EQ(mask_pii("11010519491231002x"), "******************");
  EXPECT_EQ(mask_pii("11010519491231002Ｘ"), "******************");
  EXPECT_EQ(mask_pii("11010519491231003X"), "11010519491231003X");  // X is not its check
  EXPECT_EQ(mask_pii("４４０１０６１９９００１０１１２３５"), "******************");
  EXPECT_TRUE(is_resident_id_number("440106198503150011"));
  EXPECT_FALSE(is_resident_id_number("440106198503150012"));
  EXPECT_FALSE(is_resident_id_number("44010619850315001"));
}

TEST(PiiMask, BankCardNumbersNeedTheLuhnCheck) {
  EXPECT_EQ(mask_pii("卡号6217001234567893"), "卡号****************");
  EXPECT_EQ(mask_pii("6222021234567890128"), "*******************");
  EXPECT_EQ(mask_pii("6222 0212 3456 7890 128"), "**** **** **** **** ***");
  EXPECT_EQ(mask_pii("6217-0012-3456-7893"), "****-****-****-****");
  EXPECT_EQ(mask_pii("6217001234567894"), "6217001234567894");  // fails Luhn: an order number
  EXPECT_EQ(mask_pii("订单号2023120512345678已退款"), "订单号2023120512345678已退款");
  EXPECT_EQ(mask_pii("62170012345678930"), "62170012345678930");  // a digit more: no longer the card
  EXPECT_EQ(mask_pii("621700123456789"), "621700123456789");      // 15 digits: too short
  EXPECT_TRUE(is_bank_card_number("621483012345678902"));
  EXPECT_FALSE(is_bank_card_number("62148301234567890212"));  // 20 digits
}

TEST(PiiMask, SeveralNumbersInOneTextAreEachMasked) {
  EXPECT_EQ(mask_pii("电话13812345678，身份证440106199001011235，卡6217001234567893。"),
            "电话***********，身份证******************，卡****************。");
  // Separated by one space, two numbers are still two numbers.
  EXPECT_EQ(mask_pii("13812345678 6217001234567893"), "*********** ****************");
  EXPECT_EQ(mask_pii("13812345678 2024"), "*********** 2024");
  EXPECT_EQ(mask_pii("2024 13812345678"), "2024 ***********");
  EXPECT_EQ(mask_pii("第3次 13812345678-"), "第3次 ***********-");
}

TEST(PiiMask, TextWithoutNumbersAndBrokenUtf8PassThrough) {
  EXPECT_EQ(mask_pii(""), "");
  EXPECT_EQ(mask_pii("夜间施工噪音，每晚十一点后仍在施工"), "夜间施工噪音，每晚十一点后仍在施工");
  EXPECT_EQ(mask_pii("\xff"
                     "13812345678"
                     "\xe4"),
            "\xff***********\xe4");
  EXPECT_EQ(mask_pii("\xef\xbc"), "\xef\xbc");  // a cut full-width character
  EXPECT_EQ(mask_pii("\xe5\x8f\xb7"
                     "13812345678"),
            "\xe5\x8f\xb7***********");  // 号
  const std::string long_digits(5000, '7');
  EXPECT_EQ(mask_pii(long_digits), long_digits);
  std::string spaced;
  for (int i = 0; i < 2000; ++i) spaced += "1 ";
  EXPECT_EQ(mask_pii(spaced), spaced);
}

}  // namespace
}  // namespace hotline::core
