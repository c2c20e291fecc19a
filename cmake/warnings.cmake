# INTERFACE targets carrying warning and sanitizer flags; every project target links them.
add_library(hotline_warnings INTERFACE)
target_compile_options(hotline_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 at -O2 reports -Wmaybe-uninitialized inside std::variant/std::optional moves (GCC bug
# 105562 and relatives); it is noise there, and -O0 builds still run the warning.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
  target_compile_options(hotline_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(HOTLINE_WERROR)
  target_compile_options(hotline_warnings INTERFACE -Werror)
endif()

add_library(hotline_sanitizers INTERFACE)
if(HOTLINE_SANITIZE)
  target_compile_options(hotline_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(hotline_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

if(HOTLINE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "HOTLINE_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  target_compile_options(hotline_sanitizers INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                      -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(hotline_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

add_library(hotline_defaults INTERFACE)
target_link_libraries(hotline_defaults INTERFACE hotline_warnings hotline_sanitizers)
target_include_directories(hotline_defaults INTERFACE ${PROJECT_SOURCE_DIR}/src)
