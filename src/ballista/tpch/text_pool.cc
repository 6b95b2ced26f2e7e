#include "ballista/tpch/text_pool.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <thread>
#include <vector>

#include "ballista/common/logging.h"
#include "ballista/tpch/distributions.h"
#include "ballista/tpch/streams.h"

namespace ballista::tpch {
namespace {

/// One part of speech in a phrase form: the words it draws from and the punctuation (or '\0')
/// that follows the word.
struct Slot {
  const Distribution* words;
  char punctuation;
};

/// The phrase forms of a grammar distribution, parsed once: form i of `forms` is the list of
/// slots of the distribution's value i ("J, J N" -> adjective + ',', adjective, noun).
struct PhraseForms {
  const Distribution* forms;
  std::vector<std::vector<Slot>> slots;
};

const Distribution* WordsFor(char part_of_speech) {
  switch (part_of_speech) {
    case 'A':
      return &dists::Articles();
    case 'J':
      return &dists::Adjectives();
    case 'D':
      return &dists::Adverbs();
    case 'N':
      return &dists::Nouns();
    case 'V':
      return &dists::Verbs();
    case 'X':
      return &dists::Auxiliaries();
    default:
      return nullptr;
  }
}

PhraseForms ParseForms(const Distribution& forms) {
  PhraseForms out{&forms, {}};
  for (int i = 0; i < forms.size(); ++i) {
    std::vector<Slot> slots;
    std::string_view text = forms.text(i);
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      if (end > pos) {
        std::string_view token = text.substr(pos, end - pos);
        slots.push_back({WordsFor(token[0]), token.size() > 1 ? token[1] : '\0'});
      }
      pos = end + 1;
    }
    out.slots.push_back(std::move(slots));
  }
  return out;
}

const PhraseForms& NounPhraseForms() {
  static const PhraseForms forms = ParseForms(dists::NounPhrases());
  return forms;
}

const PhraseForms& VerbPhraseForms() {
  static const PhraseForms forms = ParseForms(dists::VerbPhrases());
  return forms;
}

inline char* AppendWord(char* dest, std::string_view word) {
  std::memcpy(dest, word.data(), word.size());
  return dest + word.size();
}

/// Appends a phrase (each word followed by its punctuation and a space); returns the new end.
/// (dbgen's verb phrase code would put punctuation one byte too far, but no verb phrase form has
/// any, so noun and verb phrases share this.)
char* AppendPhrase(const PhraseForms& forms, RandomStream& stream, char* dest) {
  const std::vector<Slot>& slots = forms.slots[forms.forms->PickIndex(stream)];
  for (const Slot& slot : slots) {
    dest = AppendWord(dest, slot.words->Pick(stream));
    if (slot.punctuation != '\0') *dest++ = slot.punctuation;
    *dest++ = ' ';
  }
  return dest;
}

}  // namespace

int GenerateSentence(RandomStream& stream, char* dest) {
  char* const begin = dest;
  std::string_view form = dists::Grammar().Pick(stream);
  for (char token : form) {
    switch (token) {
      case 'N':
        dest = AppendPhrase(NounPhraseForms(), stream, dest);
        break;
      case 'V':
        dest = AppendPhrase(VerbPhraseForms(), stream, dest);
        break;
      case 'P':
        dest = AppendWord(dest, dists::Prepositions().Pick(stream));
        dest = AppendWord(dest, " the ");
        dest = AppendPhrase(NounPhraseForms(), stream, dest);
        break;
      case 'T':
        // The terminator replaces the space after the last word.
        dest = AppendWord(dest - 1, dists::Terminators().Pick(stream));
        break;
      default:
        break;  // the spaces between the grammar's tokens
    }
  }
  return static_cast<int>(dest - begin);
}

namespace {

/// Appends sentences to pool[begin, end) from `stream`, each followed by a space, the first one
/// starting at `begin`; the one crossing `pool_size` (dbgen's pool end) is cut there. Calls
/// `on_sentence(offset, seed)` before each sentence when given. Returns where writing stopped: a
/// sentence start at or after `end`, or `pool_size`.
template <typename OnSentence>
int64_t FillSentences(char* pool, int64_t pool_size, int64_t begin, int64_t end,
                      RandomStream& stream, OnSentence on_sentence) {
  constexpr int64_t kMaxSentence = 512;
  char sentence[kMaxSentence];
  int64_t filled = begin;
  while (filled < end) {
    on_sentence(filled, stream.seed());
    const int64_t room = pool_size - filled;
    if (room > kMaxSentence) {  // the common case: generate in place
      const int64_t length = GenerateSentence(stream, pool + filled);
      pool[filled + length] = ' ';
      filled += length + 1;
      continue;
    }
    const int64_t length = GenerateSentence(stream, sentence);
    if (room >= length + 1) {
      std::memcpy(pool + filled, sentence, length);
      pool[filled + length] = ' ';
      filled += length + 1;
    } else {
      std::memcpy(pool + filled, sentence, room);  // the last sentence is cut to fit
      filled += room;
    }
  }
  return filled;
}

/// Sentence starts in the default-size pool and the pool stream's seed there, at the first
/// sentence start at or after k * kDefaultTextPoolSize / 16 (ComputeTextPoolCheckpoints(
/// kDefaultTextPoolSize, 16), checked by a test): threads fill the pool between them.
constexpr TextPoolCheckpoint kDefaultCheckpoints[] = {
    {0, 933588178},          {19660810, 563391851},   {39321619, 374858592},
    {58982448, 1037153816},  {78643223, 123793686},   {98304011, 181171974},
    {117964817, 1062410537}, {137625648, 652432975},  {157286442, 400078567},
    {176947229, 46453828},   {196608019, 1105413057}, {216268868, 1956087994},
    {235929648, 1407925218}, {255590452, 1660456561}, {275251227, 42055684},
    {294912013, 2013011059},
};

}  // namespace

std::vector<TextPoolCheckpoint> ComputeTextPoolCheckpoints(int64_t size, int count) {
  std::vector<TextPoolCheckpoint> checkpoints;
  std::vector<char> pool(size);
  RandomStream stream(streams::kTextPoolSeed);
  FillSentences(pool.data(), size, 0, size, stream, [&](int64_t offset, int64_t seed) {
    const int64_t next = static_cast<int64_t>(checkpoints.size());
    if (next < count && offset >= next * size / count) checkpoints.push_back({offset, seed});
  });
  return checkpoints;
}

TextPool::TextPool(int64_t size, int threads) : size_(size) {
  constexpr size_t kHugePage = 2 << 20;
  mapped_size_ = (static_cast<size_t>(size) + kHugePage - 1) / kHugePage * kHugePage;
  void* mapping =
      ::mmap(nullptr, mapped_size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) {
    std::fprintf(stderr, "TPC-H text pool: cannot map %zu bytes\n", mapped_size_);
    std::abort();
  }
  ::madvise(mapping, mapped_size_, MADV_HUGEPAGE);  // a hint; fine if refused
  data_ = static_cast<char*>(mapping);

  auto no_op = [](int64_t, int64_t) {};
  if (size != kDefaultTextPoolSize || threads <= 1) {
    RandomStream stream(streams::kTextPoolSeed);
    FillSentences(data_, size_, 0, size_, stream, no_op);
    return;
  }
  // Segments between checkpoints are independent; threads take them in turn.
  constexpr int kSegments = std::size(kDefaultCheckpoints);
  std::atomic<int> next_segment{0};
  auto fill = [&] {
    for (int k = next_segment.fetch_add(1); k < kSegments; k = next_segment.fetch_add(1)) {
      const int64_t end = k + 1 < kSegments ? kDefaultCheckpoints[k + 1].offset : size_;
      RandomStream stream(kDefaultCheckpoints[k].seed);
      const int64_t stopped =
          FillSentences(data_, size_, kDefaultCheckpoints[k].offset, end, stream, no_op);
      BALLISTA_CHECK(stopped == end);
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < std::min(threads, kSegments); ++t) workers.emplace_back(fill);
  fill();
  for (std::thread& w : workers) w.join();
}

TextPool::~TextPool() { ::munmap(data_, mapped_size_); }

const TextPool& TextPool::Default(int threads) {
  static const TextPool pool(kDefaultTextPoolSize, threads);
  return pool;
}

}  // namespace ballista::tpch
