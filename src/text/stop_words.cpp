#include "text/stop_words.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace hotline::text {

namespace {

using namespace std::string_view_literals;

// Sorted at compile time below so lookups can binary-search.
constexpr auto kStopWords = [] {
  std::array words{
      "的"sv, "了"sv, "是"sv, "在"sv, "我"sv, "有"sv, "和"sv, "就"sv, "不"sv, "人"sv, "都"sv,
      "一"sv, "个"sv, "上"sv, "也"sv, "很"sv, "到"sv, "说"sv, "要"sv, "去"sv, "你"sv, "会"sv,
      "着"sv, "没有"sv, "看"sv, "好"sv, "自己"sv, "这"sv, "那"sv, "他"sv, "她"sv, "它"sv, "们"sv,
      "我们"sv, "你们"sv, "他们"sv, "这个"sv, "那个"sv, "这些"sv, "那些"sv, "这样"sv, "那样"sv,
      "之"sv, "与"sv, "及"sv, "或"sv, "而"sv, "但"sv, "但是"sv, "因为"sv, "所以"sv, "如果"sv,
      "虽然"sv, "并且"sv, "而且"sv, "以及"sv, "还是"sv, "或者"sv, "被"sv, "把"sv, "让"sv, "给"sv,
      "对"sv, "从"sv, "向"sv, "于"sv, "以"sv, "为"sv, "为了"sv, "由"sv, "由于"sv, "关于"sv,
      "吗"sv, "呢"sv, "吧"sv, "啊"sv, "呀"sv, "哦"sv, "嘛"sv, "么"sv, "什么"sv, "怎么"sv,
      "怎么办"sv, "如何"sv, "为什么"sv, "哪里"sv, "多少"sv, "几"sv, "请"sv, "请问"sv, "您"sv,
      "您好"sv, "你好"sv, "谢谢"sv, "感谢"sv, "尊敬"sv, "领导"sv, "此"sv, "其"sv, "该"sv,
      "等"sv, "已"sv, "已经"sv, "还"sv, "又"sv, "再"sv, "才"sv, "只"sv, "只是"sv, "可以"sv,
      "能"sv, "能够"sv, "应该"sv, "可能"sv, "一直"sv, "现在"sv, "目前"sv, "时候"sv, "一下"sv,
      "一些"sv, "一个"sv, "非常"sv, "比较"sv, "特别"sv, "地"sv, "得"sv, "过"sv, "来"sv,
      "所"sv, "则"sv, "即"sv, "并"sv, "却"sv, "更"sv, "最"sv, "太"sv, "没"sv, "无"sv, "啦"sv,
      "嗯"sv, "哈"sv, "将"sv, "跟"sv, "同"sv, "当"sv, "每"sv, "各"sv, "某"sv, "本"sv,
  };
  std::sort(words.begin(), words.end());
  return words;
}();

// One bit per code point of the Basic Multilingual Plane: the single-character stop words.
const auto kStopCharacters = [] {
  std::array<std::uint64_t, 0x10000 / 64> bits{};
  for (const std::string_view word : kStopWords) {
    if (word.size() != 3) continue;  // every single-character entry is a 3-byte Han character
    const char32_t c = (static_cast<char32_t>(static_cast<unsigned char>(word[0]) & 0x0F) << 12) |
                       (static_cast<char32_t>(static_cast<unsigned char>(word[1]) & 0x3F) << 6) |
                       static_cast<char32_t>(static_cast<unsigned char>(word[2]) & 0x3F);
    bits[c / 64] |= std::uint64_t{1} << (c % 64);
  }
  return bits;
}();

}  // namespace

bool is_stop_character(char32_t c) { return c < 0x10000 && ((kStopCharacters[c / 64] >> (c % 64)) & 1) != 0; }

bool is_stop_word(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

}  // namespace hotline::text
