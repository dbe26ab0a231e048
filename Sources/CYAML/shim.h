#ifndef SPP_CHECK_CYAML_SHIM_H
#define SPP_CHECK_CYAML_SHIM_H
#include <yaml.h>
#endif
