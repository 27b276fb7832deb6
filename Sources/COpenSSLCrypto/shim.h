#ifndef PLAN_ROLLUP_COPENSSLCRYPTO_SHIM_H
#define PLAN_ROLLUP_COPENSSLCRYPTO_SHIM_H
// OpenSSL's libcrypto (Debian libssl-dev), used only for SHA-256 of archived input files.
#include <openssl/evp.h>
#endif
