// glibc's statfs (not in Swift's Glibc module): which file system a path lies on, so the read cache
// trusts a file's change time only where no program can set it back.
#include <sys/vfs.h>
