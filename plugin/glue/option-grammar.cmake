# Writes OUTPUT: GRAMMAR with its markers /* DEFENDER_OPTION_TOKENS */ and /* DEFENDER_OPTION_RULES */ replaced by
# TEMPLATE expanded by the C preprocessor (C_COMPILER -E), with boundary/option_list.h found in INCLUDE_DIR.
file(READ ${GRAMMAR} grammar)
foreach(part TOKENS RULES)
  set(marker "/* DEFENDER_OPTION_${part} */")
  string(FIND "${grammar}" "${marker}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${GRAMMAR} has no ${marker}")
  endif()
  execute_process(
    COMMAND ${C_COMPILER} -E -P -x c -I${INCLUDE_DIR} -DDEFENDER_OPTION_${part} ${TEMPLATE}
    OUTPUT_VARIABLE expanded
    RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "the C preprocessor could not expand ${TEMPLATE} (DEFENDER_OPTION_${part})")
  endif()
  string(REPLACE "${marker}" "${expanded}" grammar "${grammar}")
endforeach()
file(WRITE ${OUTPUT} "${grammar}")
