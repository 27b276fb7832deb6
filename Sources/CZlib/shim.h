// zlib (Debian zlib1g-dev): inflates the deflated parts of a bureau's .xlsx workbook.
#include <zlib.h>
