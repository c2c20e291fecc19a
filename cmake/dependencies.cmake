# Every external library is found once here, behind a dep:: INTERFACE target.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

find_package(Boost 1.81.0 EXACT REQUIRED COMPONENTS json url CONFIG)
add_library(dep_boost INTERFACE)
target_link_libraries(dep_boost INTERFACE Boost::headers Boost::json Boost::url Threads::Threads)
target_compile_definitions(dep_boost INTERFACE BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
add_library(dep::boost ALIAS dep_boost)
# Header-only Boost (containers) for libraries that need nothing compiled.
add_library(dep_boost_headers INTERFACE)
target_link_libraries(dep_boost_headers INTERFACE Boost::headers)
add_library(dep::boost_headers ALIAS dep_boost_headers)

find_package(SQLite3 REQUIRED)
add_library(dep_sqlite INTERFACE)
target_link_libraries(dep_sqlite INTERFACE SQLite::SQLite3)
add_library(dep::sqlite ALIAS dep_sqlite)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
add_library(dep_sodium INTERFACE)
target_link_libraries(dep_sodium INTERFACE PkgConfig::SODIUM)
add_library(dep::sodium ALIAS dep_sodium)

find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
add_library(dep_log INTERFACE)
target_link_libraries(dep_log INTERFACE spdlog::spdlog fmt::fmt)
add_library(dep::log ALIAS dep_log)

find_package(CLI11 REQUIRED)
add_library(dep_cli11 INTERFACE)
target_link_libraries(dep_cli11 INTERFACE CLI11::CLI11)
add_library(dep::cli11 ALIAS dep_cli11)

find_package(ICU REQUIRED COMPONENTS uc i18n)
add_library(dep_icu INTERFACE)
target_link_libraries(dep_icu INTERFACE ICU::uc ICU::i18n)
add_library(dep::icu ALIAS dep_icu)

find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
