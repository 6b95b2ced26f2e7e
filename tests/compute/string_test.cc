#include "ballista/compute/like.h"

#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Boolean;
using arrow::Int32;
using arrow::Int64;
using arrow::Utf8;

Datum S(const std::string& v) { return Datum(arrow::Scalar::Utf8(v)); }
Datum I(int64_t v) { return Datum(arrow::Scalar::Int64(v)); }

TEST(StringFunctions, LengthCaseAndSubstrings) {
  auto s = Arr(Utf8(), R"(["héllo", "", null, "World"])");
  ExpectArray(Call("length", {s}), Int32(), "[5, 0, null, 5]");
  ExpectArray(Call("char_length", {s}), Int32(), "[5, 0, null, 5]");
  ExpectArray(Call("octet_length", {s}), Int32(), "[6, 0, null, 5]");
  ExpectArray(Call("upper", {s}), Utf8(), R"(["HÉLLO", "", null, "WORLD"])");
  ExpectArray(Call("lower", {s}), Utf8(), R"(["héllo", "", null, "world"])");
  // PostgreSQL substr: positions before 1 count toward the length.
  ExpectArray(Call("substr", {s, I(0), I(2)}), Utf8(), R"(["h", "", null, "W"])");
  ExpectArray(Call("substring", {s, I(2)}), Utf8(), R"(["éllo", "", null, "orld"])");
  ExpectArray(Call("substr", {s, I(2), I(3)}), Utf8(), R"(["éll", "", null, "orl"])");
  ExpectError(Call("substr", {s, I(1), I(-1)}), "negative substring length");
  ExpectScalar(Call("left", {S("hello"), I(-2)}), Utf8(), R"("hel")");
  ExpectScalar(Call("right", {S("hello"), I(2)}), Utf8(), R"("lo")");
  ExpectScalar(Call("initcap", {S("hello wORLD foo-bar")}), Utf8(), R"("Hello World Foo-Bar")");
}

TEST(StringFunctions, TrimPadConcat) {
  ExpectScalar(Call("trim", {S("xxhixx"), S("x")}), Utf8(), R"("hi")");
  ExpectScalar(Call("btrim", {S("  hi  ")}), Utf8(), R"("hi")");
  ExpectScalar(Call("ltrim", {S("  hi  ")}), Utf8(), R"("hi  ")");
  ExpectScalar(Call("rtrim", {S("hi  ")}), Utf8(), R"("hi")");
  ExpectScalar(Call("lpad", {S("hi"), I(5), S("xy")}), Utf8(), R"("xyxhi")");
  ExpectScalar(Call("rpad", {S("hi"), I(5)}), Utf8(), R"("hi   ")");
  ExpectScalar(Call("lpad", {S("hello"), I(2)}), Utf8(), R"("he")");
  auto a = Arr(Utf8(), R"(["a", null, "c"])");
  ExpectArray(Call("concat", {a, Arr(Int32(), "[1, 2, null]")}), Utf8(), R"(["a1", "2", "c"])");
  ExpectArray(Call("concat_ws", {S("-"), a, S("z")}), Utf8(), R"(["a-z", "z", "c-z"])");
  ExpectArray(Call("concat_op", {a, S("!")}), Utf8(), R"(["a!", null, "c!"])");
  ExpectError(Call("concat_op", {Arr(Int32(), "[1]"), Arr(Int32(), "[1]")}),
              "cannot apply operator || to INTEGER and INTEGER");
}

TEST(StringFunctions, SearchAndReplace) {
  ExpectScalar(Call("strpos", {S("héllo"), S("l")}), Int32(), "3");
  ExpectScalar(Call("position", {S("abc"), S("z")}), Int32(), "0");
  ExpectScalar(Call("replace", {S("abcabc"), S("b"), S("XY")}), Utf8(), R"("aXYcaXYc")");
  ExpectScalar(Call("starts_with", {S("abc"), S("ab")}), Boolean(), "true");
  ExpectScalar(Call("ends_with", {S("abc"), S("ab")}), Boolean(), "false");
  ExpectScalar(Call("split_part", {S("a,b,c"), S(","), I(2)}), Utf8(), R"("b")");
  ExpectScalar(Call("split_part", {S("a,b,c"), S(","), I(-1)}), Utf8(), R"("c")");
  ExpectScalar(Call("split_part", {S("a,b,c"), S(","), I(5)}), Utf8(), R"("")");
  ExpectScalar(Call("reverse", {S("abé")}), Utf8(), R"("éba")");
  ExpectScalar(Call("repeat", {S("ab"), I(3)}), Utf8(), R"("ababab")");
  ExpectScalar(Call("translate", {S("12345"), S("143"), S("ax")}), Utf8(), R"("a2x5")");
  ExpectScalar(Call("ascii", {S("A")}), Int32(), "65");
  ExpectScalar(Call("chr", {I(233)}), Utf8(), R"("é")");
  ExpectScalar(Call("md5", {S("abc")}), Utf8(), R"("900150983cd24fb0d6963f7d28e17f72")");
  ExpectScalar(Call("sha256", {S("abc")}), Utf8(),
               R"("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")");
  ExpectScalar(Call("to_hex", {I(255)}), Utf8(), R"("ff")");
}

TEST(Like, FastPathsAndRegex) {
  auto s = Arr(Utf8(), R"(["apple pie", "pineapple", "APPLE", null, "a_b", "a%b"])");
  ExpectArray(Call("like", {s, S("apple%")}), Boolean(), "[true, false, false, null, false, false]");
  ExpectArray(Call("like", {s, S("%apple")}), Boolean(), "[false, true, false, null, false, false]");
  ExpectArray(Call("like", {s, S("%pl%")}), Boolean(), "[true, true, false, null, false, false]");
  ExpectArray(Call("like", {s, S("a_b")}), Boolean(), "[false, false, false, null, true, true]");
  ExpectArray(Call("like", {s, S("a\\_b")}), Boolean(), "[false, false, false, null, true, false]");
  ExpectArray(Call("like", {s, S("a#%b"), S("#")}), Boolean(), "[false, false, false, null, false, true]");
  ExpectArray(Call("ilike", {s, S("apple%")}), Boolean(), "[true, false, true, null, false, false]");
  ExpectArray(Call("not_like", {s, S("%e")}), Boolean(), "[false, false, true, null, true, true]");
  ExpectArray(Call("not_ilike", {s, S("%E")}), Boolean(), "[false, false, false, null, true, true]");
  // Per-row patterns.
  ExpectArray(Call("like", {Arr(Utf8(), R"(["abc", "abc"])"), Arr(Utf8(), R"(["a%", "b%"])")}), Boolean(),
              "[true, false]");
  ExpectArray(Call("like", {Arr(Utf8(), R"(["é", "ab"])"), S("_")}), Boolean(), "[true, false]");
  auto words = Arr(Utf8(), R"(["a", "aa", "abca", "xbcx", "PROMO BURNISHED COPPER", "COPPER BURNISHED"])");
  ExpectArray(Call("like", {words, S("a%a")}), Boolean(), "[false, true, true, false, false, false]");
  ExpectArray(Call("like", {words, S("%b%c%")}), Boolean(), "[false, false, true, true, false, false]");
  ExpectArray(Call("like", {words, S("%BURNISHED%COPPER")}), Boolean(), "[false, false, false, false, true, false]");
  ExpectArray(Call("like", {words, S("%%")}), Boolean(), "[true, true, true, true, true, true]");
  ExpectArray(Call("similar_to", {Arr(Utf8(), R"(["abc", "xbc"])"), S("(a|b)%")}), Boolean(), "[true, false]");
}

TEST(Regexp, MatchReplaceLike) {
  ExpectScalar(Call("regexp_replace", {S("foo bar foo"), S("fo+"), S("X")}), Utf8(), R"("X bar foo")");
  ExpectScalar(Call("regexp_replace", {S("foo bar foo"), S("fo+"), S("X"), S("g")}), Utf8(), R"("X bar X")");
  ExpectScalar(Call("regexp_replace", {S("John Smith"), S("(\\w+) (\\w+)"), S("\\2, \\1")}), Utf8(),
               R"("Smith, John")");
  ExpectScalar(Call("regexp_like", {S("abc123"), S("[0-9]+")}), Boolean(), "true");
  ExpectScalar(Call("regexp_like", {S("ABC"), S("abc"), S("i")}), Boolean(), "true");
  ExpectScalar(Call("regex_match", {S("abc"), S("^b")}), Boolean(), "false");
  auto m = Call("regexp_match", {Arr(Utf8(), R"(["abc123def", "none"])"), S("([a-z]+)([0-9]+)")});
  ExpectArray(m, arrow::List(Utf8()), R"([["abc", "123"], null])");
  ExpectError(Call("regexp_like", {S("a"), S("(")}), "invalid regular expression");
}

}  // namespace
}  // namespace ballista::compute
