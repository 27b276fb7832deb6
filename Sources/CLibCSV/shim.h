#ifndef PLAN_ROLLUP_CLIBCSV_SHIM_H
#define PLAN_ROLLUP_CLIBCSV_SHIM_H
// libcsv 3.0.x from Debian's libcsv-dev. The header has no include guard issues of its own;
// this shim exists so the module map has one stable header to point at.
#include <csv.h>
#endif
