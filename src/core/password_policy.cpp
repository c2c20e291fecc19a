#include "core/password_policy.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace hotline::core {
namespace {

// Lower case, as `is_common_password` compares. Written by the team from knowledge of the
// published lists (see the header); keyboard walks, digit runs, pinyin and 520/1314 love numbers,
// lucky 6s and 8s, birthdays, and common words with digits and symbols.
// Packed rather than one entry per line, which would make a 900-line file of quotes.
// clang-format off
constexpr std::string_view kCommonPasswords[] = {
    "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111", "1234567", "dragon",
    "123123", "baseball", "abc123", "football", "monkey", "letmein", "696969", "shadow", "master", "666666",
    "qwertyuiop", "123321", "mustang", "1234567890", "michael", "654321", "superman", "1qaz2wsx", "7777777",
    "121212", "000000", "qazwsx", "123qwe", "killer", "trustno1", "jordan", "jennifer", "zxcvbnm", "asdfgh",
    "hunter", "buster", "soccer", "harley", "batman", "andrew", "tigger", "sunshine", "iloveyou", "2000",
    "charlie", "robert", "thomas", "hockey", "ranger", "daniel", "starwars", "klaster", "112233", "george",
    "computer", "michelle", "jessica", "pepper", "1111", "zxcvbn", "555555", "11111111", "131313", "freedom",
    "777777", "pass", "maggie", "159753", "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda",
    "summer", "love", "ashley", "nicole", "chelsea", "biteme", "matthew", "access", "yankees", "987654321",
    "dallas", "austin", "thunder", "taylor", "matrix", "william", "corvette", "hello", "martin", "heather",
    "secret", "merlin", "diamond", "1234qwer", "gfhjkm", "hammer", "silver", "222222", "88888888", "anthony",
    "justin", "test", "bailey", "q1w2e3r4t5", "patrick", "internet", "scooter", "orange", "11111", "golfer",
    "cookie", "richard", "samantha", "bigdog", "guitar", "jackson", "whatever", "mickey", "chicken",
    "sparky", "snoopy", "maverick", "phoenix", "camaro", "peanut", "morgan", "welcome", "falcon", "cowboy",
    "ferrari", "samsung", "andrea", "smokey", "steelers", "joseph", "mercedes", "dakota", "arsenal",
    "eagles", "melissa", "boomer", "booboo", "spider", "nascar", "monster", "tigers", "yellow", "xxxxxx",
    "123123123", "gateway", "marina", "diablo", "bulldog", "qwer1234", "compaq", "purple", "banana",
    "junior", "hannah", "123654", "porsche", "lakers", "iceman", "money", "cowboys", "987654", "london",
    "tennis", "999999", "ncc1701", "coffee", "scooby", "0000", "miller", "boston", "q1w2e3r4", "brandon",
    "yamaha", "chester", "mother", "forever", "johnny", "edward", "333333", "oliver", "redsox", "player",
    "nikita", "knight", "fender", "barney", "midnight", "please", "brandy", "chicago", "badboy", "slayer",
    "rangers", "charles", "angel", "flower", "rabbit", "wizard", "bigdick", "jasper", "enter", "rachel",
    "chris", "steven", "winner", "adidas", "victoria", "natasha", "1q2w3e4r", "jasmine", "winter", "prince",
    "marine", "ghbdtn", "fishing", "cocacola", "casper", "james", "232323", "raiders", "888888", "marlboro",
    "gandalf", "asdfasdf", "crystal", "87654321", "12344321", "golf", "heaven", "apple", "ashley1",
    "beautiful", "bubbles", "charlie1", "chocolate", "computer1", "cookie1", "daniel1", "dolphin", "donald",
    "flower1", "freedom1", "friends", "hello123", "hellokitty", "iloveu", "iloveyou1", "iloveyou2", "jesus",
    "jesus1", "liverpool", "lovely", "loveme", "lovers", "lucky", "maria", "michael1", "mylove", "nicole1",
    "password1", "password12", "password123", "password1234", "password12345", "password!", "passw0rd",
    "p@ssw0rd", "p@ssword", "p@ssw0rd1", "p@ssw0rd123", "p@$$w0rd", "password01", "password2", "password3",
    "pa55word", "pa$$word", "pass123", "pass1234", "passpass", "princess1", "qwerty1", "qwerty12",
    "qwerty123", "qwerty1234", "qwerty12345", "qwerty123456", "qwertyui", "qwertyu", "qazwsxedc",
    "qazwsxedcrfv", "qweasdzxc", "qweasd", "qweasd123", "qwe123", "qwe123456", "qwe123qwe", "123qweasd",
    "123qweasdzxc", "1qazxsw2", "1qaz@wsx", "!qaz2wsx", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "1q2w3e",
    "1q2w3e4r5t", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6", "zaq12wsx", "zaq1zaq1", "zaq1xsw2",
    "!qaz@wsx", "#edc4rfv", "1qaz!qaz", "1qaz@wsx3edc", "!qaz@wsx#edc", "zaq!xsw@", "12qwaszx", "1qa2ws3ed",
    "123qwe123", "qwe!@#", "!@#$%^", "!@#$%^&*", "!@#$%^&*()", "1234!@#$", "123!@#qwe", "qwe!@#123",
    "12345qwert", "qwert12345", "qwert", "12345abcde", "abcde12345", "asdf1234", "zxcv1234", "1234asdf",
    "asdf123", "asdfgh123", "asdfghjk", "asdfghjkl", "asdfghjkl123", "asdasd", "asdasdasd", "asd123",
    "asd123456", "zxc123", "zxc123456", "zxcvbnm1", "zxcvbnm123", "zxcvbnm1234", "zxcvbnm,./", "0987654321",
    "9876543210", "0123456789", "1234567891", "12345678910", "123456789a", "123456789q", "123456789abc",
    "123456789.", "123456789..", "12345678a", "12345678q", "1234567a", "123456a", "123456aa", "123456abc",
    "123456qq", "123456qwe", "123456789987654321", "1234554321", "12341234", "1234512345", "123456123456",
    "123123123123", "1231231234", "123321123", "123456123", "111222333", "112233445566", "1122334455",
    "11223344", "121212121", "12121212", "123654789", "147258369", "1472583690", "147852369", "963852741",
    "741852963", "789456123", "789456", "456789", "159357", "147258", "258369", "369258147", "159753456",
    "753951", "852456", "7894561230", "a1234567", "a12345678", "a123456789", "a1234567890", "aa1234567",
    "aa12345678", "aa123456789", "abc1234567", "abcd1234", "abcd12345", "abcd123456", "abcd1234567",
    "abcdef", "abcdef123", "abcdef123456", "abcdefg", "abcdefg123", "abcdefgh", "abcdefghij", "abc12345",
    "abc123456", "abc123abc", "abc@123", "abc@1234", "aaaaaaaa", "aaaaaaaaaa", "aaa111", "aaa123",
    "aa123123", "a111111", "a123123", "a12345", "a123456", "a123456.", "a.123456", "a5201314", "aa5201314",
    "a520520", "qqqqqqqq", "qqqqqq", "qq123456", "qq123456789", "qq5201314", "qq111111", "qq666666",
    "qq888888", "1111111111", "11111111111", "111111111", "0000000000", "000000000", "00000000", "0000000",
    "2222222222", "22222222", "3333333333", "33333333", "4444444444", "44444444", "5555555555", "55555555",
    "6666666666", "66666666", "666666666", "7777777777", "77777777", "8888888888", "888888888", "9999999999",
    "99999999", "999999999", "dearbook", "xiazhili", "31415926", "3.1415926", "314159265", "110110110",
    "110110", "120120", "119119", "12345678910111213", "5201314", "52013145201314", "5201314520",
    "520131452013", "5201314a", "5201314abc", "1314520", "13145201314", "13145201314520", "1314521",
    "1314woaini", "520520", "520520520", "521521", "521521521", "5211314", "520521", "5845201314", "584520",
    "7758521", "7758258", "775852100", "woaini", "woaini1314", "woaini520", "woaini123", "woaini1314520",
    "woaini5201314", "woaini521", "woaini1234", "woaini123456", "woaiwojia", "woaimama", "woaibaba",
    "woaini1", "aini1314", "iloveyou1314", "iloveyou520", "iloveyou123", "iloveyou12", "nihao", "nihao123",
    "nihaoma", "nihao123456", "wodemima", "mima", "mima123", "mima123456", "woshishui", "woshiniba",
    "zhongguo", "zhongguo123", "zhongguoren", "beijing", "beijing2008", "2008beijing", "20082008",
    "shanghai", "guangzhou", "shenzhen", "chengdu", "wuhan", "hangzhou", "huawei", "huawei123", "huawei@123",
    "xiaomi", "xiaomi123", "baidu", "baidu123", "taobao", "taobao123", "tencent", "qq123123", "weixin",
    "weixin123", "zhang123", "zhang123456", "zhangwei", "wang123", "wang123456", "wangwei", "li123456",
    "liu123456", "chen123456", "huang123456", "yang123456", "zhao123456", "wu123456", "zhou123456",
    "xiaoming", "xiaohong", "xiaoyu", "xiaolong", "longlong", "tiantian", "dongdong", "feifei", "lele",
    "168168", "168168168", "16888888", "18888888", "1688888888", "518518", "518518518", "888999", "666888",
    "168888", "8888888", "6666666", "66668888", "88886666", "123456789+", "19491001", "19880808", "19700101",
    "19800101", "19850101", "19860101", "19870101", "19880101", "19890101", "19900101", "19910101",
    "19920101", "19930101", "19940101", "19950101", "19960101", "19970101", "19980101", "19990101",
    "20000101", "20080808", "20100101", "19871010", "19881010", "19891010", "19901010", "admin", "admin123",
    "admin1234", "admin12345", "admin123456", "admin888", "admin666", "admin@123", "admin@1234",
    "admin@12345", "admin1", "administrator", "administrator1", "root", "root123", "root1234", "root@123",
    "toor", "sa123456", "system", "system123", "manager", "manager123", "oracle", "mysql", "changeme",
    "changeme123", "changeme_123", "default", "guest", "guest123", "test123", "test1234", "test12345",
    "testtest", "123test", "welcome1", "welcome123", "welcome@123", "letmein1", "letmein123", "login",
    "login123", "user", "user123", "user1234", "temp123", "temp1234", "demo", "demo123", "sunshine1",
    "football1", "baseball1", "monkey123", "dragon123", "master123", "shadow123", "superman123", "batman123",
    "jordan23", "michael123", "jennifer1", "starwars1", "soccer1", "hockey1", "princess123", "iloveyou!",
    "aa123456", "aa111111", "aaa123456", "aaaaaa1", "aaaa1111", "aaaa1234", "1a2b3c4d", "1a2b3c4d5e",
    "a1b2c3d4", "a1b2c3", "abc123abc123", "qwertyqwerty", "qweqwe", "qweqweqwe", "qwe12345", "qwerasdf",
    "qwerasdfzxcv", "1234qwerasdf", "1234qwer!@#$", "qwer!@#$", "qwer1234!", "q1w2e3", "q1w2e3r4t5y6u7",
    "qaz123", "qaz123456", "wsx123", "zxcasdqwe", "asdzxc", "asdqwe123", "zxcvb", "zxcv123", "qazxswedc",
    "1qazxsw23edc", "zxcvbnmasdfghjkl", "qwertyuiop123", "qwertyuiop1", "poiuytrewq", "lkjhgfdsa", "mnbvcxz",
    "0987654321a", "password@123", "password#123", "password_123", "password.123", "passw0rd1", "passw0rd!",
    "passw0rd123", "password1!", "password123!", "password2023", "password2024", "password2022",
    "password2021", "password2020", "welcome2023", "welcome2024", "summer2023", "summer2024", "spring2024",
    "winter2023", "qwerty2024", "loveyou", "loveyou1314", "baby", "babygirl", "baby123", "angel123",
    "lovely123", "sweet", "sweetheart", "honey", "123456789z", "123456789zz", "zz123456", "zz12345678",
    "aa12345", "aa1234", "a1b2c3d4e5", "a1s2d3f4", "a1s2d3f4g5", "z1x2c3v4", "1z2x3c4v", "147258369a",
    "123abc", "123abc456", "abc", "123aaa", "123qaz", "123asd", "123zxc", "111aaa", "1111aaaa", "1234abcd",
    "12345abc", "123456abcd", "1234567890a", "1234567890q", "123456789qwe", "123456789asd", "qwe1234567",
    "asdf12345", "asdf123456", "zxcvbnm12345", "q123456", "q123456789", "q1234567", "qwe1234", "w123456",
    "z123456", "z123456789", "x123456", "s123456", "l123456", "woaini1314..", "123456.", "123456..",
    "123456.com", "abc.123", "1234.com", "000000a", "00000000a", "110120119", "12312312", "123456789123",
    "321321", "321321321", "98765432", "7654321", "76543210", "54321", "12345654321", "1234321", "123454321",
    "112211", "123789", "456123", "789123", "147369", "963852", "0000000001", "0123456", "012345",
    "01234567", "012345678", "beautiful1", "basketball", "basketball1", "football123", "computer123",
    "internet1", "chocolate1", "elizabeth", "jessica1", "michelle1", "christopher", "alexander", "alexandra",
    "benjamin", "jonathan", "nicholas", "isabella", "charlotte", "victoria1", "caroline", "fernando",
    "samantha1", "stephanie", "catherine", "1password", "1qaz2wsx!", "qwerty!", "qwerty!@#", "pokemon",
    "minecraft", "fortnite", "naruto", "sasuke", "dragonball", "superstar", "rockstar", "hellohello",
    "helloworld", "hello1234", "hello12345", "trustno1!", "letmein!", "iloveyou!!", "princess!", "google",
    "google123", "facebook", "youtube", "microsoft", "windows", "apple123", "iphone", "samsung123", "nokia",
    "motorola", "123456789q.", "aaaaaaaaa", "aaaaaaaaaaa", "zzzzzzzz", "zzzzzz", "xxxxxxxx", "00000", "asdf",
    "qwer", "zxcv", "1q2w3e4r!", "1q2w3e4r5", "1q2w3e4r5t!", "zaq12wsx!", "123456qwerty", "qwerty123456789",

};
// clang-format on

std::size_t utf8_characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

bool is_common_password(std::string_view password) {
  static const std::unordered_set<std::string_view> common(std::begin(kCommonPasswords), std::end(kCommonPasswords));
  return common.count(ascii_lower(password)) != 0;
}

Result<void> check_password(std::string_view password, std::string_view username) {
  const std::size_t characters = utf8_characters(password);
  if (characters < kMinPasswordChars)
    return fail(ErrorCode::invalid_argument,
                "password must have at least " + std::to_string(kMinPasswordChars) + " characters", "password");
  if (characters > kMaxPasswordChars)
    return fail(ErrorCode::invalid_argument,
                "password must have at most " + std::to_string(kMaxPasswordChars) + " characters", "password");
  if (is_common_password(password))
    return fail(ErrorCode::invalid_argument, "password is on the list of common passwords; choose another", "password");
  if (ascii_lower(password) == ascii_lower(username))
    return fail(ErrorCode::invalid_argument, "password must not be the username", "password");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); }))
    return fail(ErrorCode::invalid_argument, "password must not be one character repeated", "password");
  return {};
}

}  // namespace hotline::core
