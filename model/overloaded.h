// Builds one std::visit visitor from several lambdas, one per alternative.
#pragma once

namespace defender {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
// Spelled out for compilers without class template argument deduction for aggregates (Clang before 17).
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace defender
