// glibc's statfs (not in Swift's Glibc module): which file system a path lies on, so the read cache
// trusts a file's change time only where no program can set it back.
#include <sys/vfs.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

// GNU extensions Swift's Glibc module does not declare (it does not define _GNU_SOURCE): starting a
// file's writeback without waiting for it, and syncing a whole file system at once (Linux 2.6.39;
// since 5.8 it reports a writeback error of any file on it since the descriptor was opened).
int syncfs(int fd);
int sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned int flags);
#ifndef SYNC_FILE_RANGE_WRITE
#define SYNC_FILE_RANGE_WRITE 2
#endif
