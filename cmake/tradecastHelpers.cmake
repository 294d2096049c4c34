include_guard(GLOBAL)
include(GNUInstallDirs)

# Warnings (and sanitizers) for tradecast's own targets only.
function(tradecast_target_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 at -O2/-O3 reports false -Wrestrict positives inside std::string (GCC bug 105329).
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(TRADECAST_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(TRADECAST_SANITIZE)
      target_compile_options(${target} PRIVATE -fsanitize=${TRADECAST_SANITIZE}
        -fno-omit-frame-pointer -fno-sanitize-recover=all)
      target_link_options(${target} PRIVATE -fsanitize=${TRADECAST_SANITIZE})
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${TRADECAST_WERROR}>:/WX>)
  endif()
endfunction()
