#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <functional>
#include <vector>

namespace ballista::dist::testing_util {

/// Every message of type M inside `root` (itself included), depth first, in field order.
template <typename M>
std::vector<M*> FindAll(google::protobuf::Message* root) {
  std::vector<M*> out;
  std::function<void(google::protobuf::Message*)> visit = [&](google::protobuf::Message* m) {
    if (auto* typed = dynamic_cast<M*>(m)) out.push_back(typed);
    const auto* reflection = m->GetReflection();
    std::vector<const google::protobuf::FieldDescriptor*> fields;
    reflection->ListFields(*m, &fields);
    for (const auto* field : fields) {
      if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(*m, field); ++i) {
          visit(reflection->MutableRepeatedMessage(m, field, i));
        }
      } else {
        visit(reflection->MutableMessage(m, field));
      }
    }
  };
  visit(root);
  return out;
}

}  // namespace ballista::dist::testing_util
