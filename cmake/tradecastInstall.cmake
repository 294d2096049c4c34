include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

set(TRADECAST_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/tradecast")

install(TARGETS tradecast EXPORT tradecast-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/tradecast" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET tradecast_cli)
  install(TARGETS tradecast_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT tradecast-targets NAMESPACE tradecast:: DESTINATION ${TRADECAST_CMAKE_DIR})

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/tradecastConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/tradecastConfig.cmake" INSTALL_DESTINATION ${TRADECAST_CMAKE_DIR})
# 0.x: minor versions may break the API, so a request for 0.1 accepts 0.1.x only.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/tradecastConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/tradecastConfig.cmake" "${PROJECT_BINARY_DIR}/tradecastConfigVersion.cmake"
  DESTINATION ${TRADECAST_CMAKE_DIR})
