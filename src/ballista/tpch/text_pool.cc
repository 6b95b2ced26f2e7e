#include "ballista/tpch/text_pool.h"

#include <cstring>
#include <vector>

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

TextPool::TextPool(int64_t size) : size_(size), data_(std::make_unique_for_overwrite<char[]>(size)) {
  RandomStream stream(streams::kTextPoolSeed);
  char sentence[512];
  int64_t filled = 0;
  char* out = data_.get();
  while (filled < size_) {
    const int64_t length = GenerateSentence(stream, sentence);
    const int64_t needed = size_ - filled;
    if (needed >= length + 1) {
      std::memcpy(out + filled, sentence, length);
      out[filled + length] = ' ';
      filled += length + 1;
    } else {
      std::memcpy(out + filled, sentence, needed);  // the last sentence is cut to fit
      filled += needed;
    }
  }
}

const TextPool& TextPool::Default() {
  static const TextPool pool(kDefaultTextPoolSize);
  return pool;
}

}  // namespace ballista::tpch
